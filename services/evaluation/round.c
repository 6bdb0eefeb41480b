#include "evaluation/round.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "evaluation/rule_set.h"

const char *const round_statuses[] = {"planned", "open", "scoring", "closed", "cancelled", NULL};
const char *const round_scorings[] = {"detailed", "parts", NULL};

static const struct {
    const char *from, *to;
} moves[] = {
    {"planned", "open"},      {"open", "scoring"},   {"scoring", "closed"},
    {"planned", "cancelled"}, {"open", "cancelled"},
};

int round_transition_ok(const char *from, const char *to)
{
    for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
        if (strcmp(moves[i].from, from) == 0 && strcmp(moves[i].to, to) == 0)
            return 1;
    return 0;
}

int round_takes_entries(const char *status, char *why, size_t len)
{
    if (strcmp(status, "planned") == 0 || strcmp(status, "open") == 0)
        return 1;
    snprintf(why, len, "the round is %s: applications are entered while it is planned or open",
             status);
    return 0;
}

int round_move_waits_for_entries(const char *to)
{
    return strcmp(to, "closed") == 0;
}

long round_quorum(long long quorum, long scoring_members, int percent)
{
    return quorum > 0 ? (long)quorum : scoring_members * percent / 100 + 1;
}

/* A date member (oc_date_ok: a real date of 1900..2999), or NULL with an error. */
static const char *round_date(struct oc_v *v, const char *field, int required)
{
    json_t *m = json_is_object(v->body) ? json_object_get(v->body, field) : NULL;
    if (json_is_string(m) && !oc_date_ok(json_string_value(m))) {
        oc_v_error(v, field, "format", "must be a date YYYY-MM-DD");
        return NULL;
    }
    return oc_v_string(v, field, required, 10, 10);
}

int round_from_json(struct oc_v *v, struct round_input *out)
{
    static const char *const fields[] = {"year",       "sequence", "level",     "name",
                                         "council_id", "rule_set", "starts_on", "ends_on",
                                         "quorum",     "scoring",  NULL};
    oc_v_only(v, fields);
    oc_v_int(v, "year", 1, 2018, 2100, &out->year);
    oc_v_int(v, "sequence", 1, 1, 12, &out->sequence);
    oc_v_int(v, "quorum", 0, 1, 50, &out->quorum);
    out->level = oc_v_enum(v, "level", 1, rule_set_levels);
    out->name = oc_v_string(v, "name", 1, 3, 255);
    out->council_id = oc_v_uuid(v, "council_id", 1);
    out->rule_set = oc_v_string(v, "rule_set", 0, 1, 40);
    out->scoring = oc_v_enum(v, "scoring", 0, round_scorings);
    out->starts_on = round_date(v, "starts_on", 1);
    out->ends_on = round_date(v, "ends_on", 1);
    if (out->starts_on != NULL && out->ends_on != NULL && strcmp(out->ends_on, out->starts_on) < 0)
        oc_v_error(v, "ends_on", "order", "must not be before starts_on (%s)", out->starts_on);
    if (out->starts_on != NULL && out->year != 0 && strtol(out->starts_on, NULL, 10) != out->year)
        oc_v_error(v, "starts_on", "order", "must fall in the round's year (%lld)", out->year);
    return oc_v_ok(v);
}

int round_move_from_json(struct oc_v *v, struct round_move *out)
{
    static const char *const fields[] = {"to", "reason", NULL};
    oc_v_only(v, fields);
    out->to = oc_v_enum(v, "to", 1, round_statuses);
    out->reason = oc_v_string(v, "reason", 0, 3, 2000);
    if (out->to != NULL && strcmp(out->to, "cancelled") == 0 && out->reason == NULL &&
        json_object_get(v->body, "reason") == NULL)
        oc_v_error(v, "reason", "required", "a cancellation must say why");
    return oc_v_ok(v);
}
