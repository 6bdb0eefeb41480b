#include "evaluation/round.h"

#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "evaluation/rule_set.h"

const char *const round_statuses[] = {"planned", "open", "scoring", "closed", "cancelled", NULL};
const char *const council_roles[] = {"chair", "vice_chair", "member", "secretary", NULL};
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

int council_role_scores(const char *role, int secretary_scores)
{
    return role != NULL && (secretary_scores || strcmp(role, "secretary") != 0);
}

long round_quorum(long long quorum, long scoring_members, int percent)
{
    return quorum > 0 ? (long)quorum : scoring_members * percent / 100 + 1;
}

const char *round_date(struct oc_v *v, const char *field, int required)
{
    long day;
    json_t *m = json_is_object(v->body) ? json_object_get(v->body, field) : NULL;
    if (json_is_string(m) && !oc_date_parse(json_string_value(m), &day)) {
        oc_v_error(v, field, "format", "must be a date YYYY-MM-DD");
        return NULL;
    }
    return oc_v_string(v, field, required, 10, 10);
}

int council_from_json(struct oc_v *v, struct council_new *out)
{
    static const char *const fields[] = {"name",       "level",     "decision_number",
                                         "decided_on", "territory", NULL};
    oc_v_only(v, fields);
    out->name = oc_v_string(v, "name", 1, 3, 255);
    out->level = oc_v_enum(v, "level", 1, rule_set_levels);
    out->decision_number = oc_v_string(v, "decision_number", 1, 3, 64);
    out->decided_on = round_date(v, "decided_on", 1);
    out->territory = council_territory_from_json(v, out->level);
    return oc_v_ok(v);
}

/* The digits of a territory code at each level; 0: the level has no territory. */
static size_t territory_digits(const char *level)
{
    return strcmp(level, "commune") == 0    ? 5
           : strcmp(level, "district") == 0 ? 3
           : strcmp(level, "province") == 0 ? 2
                                            : 0;
}

const char *council_territory_from_json(struct oc_v *v, const char *level)
{
    const json_t *m = json_object_get(v->body, "territory");
    size_t digits = level != NULL ? territory_digits(level) : 0;
    if (level == NULL)
        return NULL; /* the level's own error says it */
    if (digits == 0 && m != NULL && !json_is_null(m)) {
        oc_v_error(v, "territory", "not_allowed", "the central council has no territory");
        return NULL;
    }
    if (digits == 0 || (digits == 2 && json_is_null(m)))
        return NULL; /* central; or a province council of the whole province */
    const char *code = oc_v_digits(v, "territory", digits != 2, digits, digits);
    if (code == NULL && oc_v_ok(v) && digits != 2)
        oc_v_error(v, "territory", "required",
                   "a commune council needs its commune's code (5 digits), a district council "
                   "its district's (3 digits)");
    return code;
}

/* Returns 1 when code is not NULL and equals territory. */
static int same_unit(const char *code, const char *territory)
{
    return code != NULL && strcmp(code, territory) == 0;
}

int council_territory_holds(const char *territory, const char *commune_code,
                            const char *current_commune_code, const char *legacy_district_code)
{
    if (territory == NULL || territory[0] == '\0' || strlen(territory) == 2)
        return 1; /* the whole province */
    if (strlen(territory) == 5)
        return same_unit(commune_code, territory) || same_unit(current_commune_code, territory);
    return same_unit(legacy_district_code, territory);
}

int member_from_json(struct oc_v *v, struct member_new *out)
{
    static const char *const fields[] = {"full_name", "role", "organisation", "position", NULL};
    oc_v_only(v, fields);
    out->full_name = oc_v_string(v, "full_name", 1, 2, 128);
    out->role = oc_v_enum(v, "role", 1, council_roles);
    out->organisation = oc_v_string(v, "organisation", 1, 2, 255);
    out->position = oc_v_string(v, "position", 0, 2, 255);
    return oc_v_ok(v);
}

int conflict_from_json(struct oc_v *v, struct conflict_new *out)
{
    static const char *const fields[] = {"producer_id", "reason", NULL};
    oc_v_only(v, fields);
    out->producer_id = oc_v_uuid(v, "producer_id", 1);
    out->reason = oc_v_string(v, "reason", 1, 3, 2000);
    return oc_v_ok(v);
}

int round_from_json(struct oc_v *v, struct round_new *out)
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

int entry_from_json(struct oc_v *v, struct entry_new *out)
{
    static const char *const fields[] = {"application_id", NULL};
    oc_v_only(v, fields);
    out->application_id = oc_v_uuid(v, "application_id", 1);
    return oc_v_ok(v);
}

int result_from_json(struct oc_v *v, struct result_new *out)
{
    static const char *const fields[] = {"decision_number", "decided_on",         "precheck",
                                         "reason",          "certificate_number", NULL};
    static const char *const prechecks[] = {"passed", "failed", NULL};
    oc_v_only(v, fields);
    out->certificate_number = oc_v_string(v, "certificate_number", 0, 1, 64);
    out->decision_number = oc_v_string(v, "decision_number", 0, 3, 64);
    out->decided_on = round_date(v, "decided_on", 0);
    out->precheck = oc_v_enum(v, "precheck", 0, prechecks);
    out->reason = oc_v_string(v, "reason", 0, 3, 2000);
    if ((out->decision_number == NULL) != (out->decided_on == NULL) && oc_v_ok(v))
        oc_v_error(v, out->decision_number == NULL ? "decision_number" : "decided_on", "required",
                   "decision_number and decided_on go together");
    if (out->precheck != NULL && strcmp(out->precheck, "failed") == 0 && out->reason == NULL &&
        oc_v_ok(v))
        oc_v_error(v, "reason", "required", "a failed pre-check must say what is wanting");
    return oc_v_ok(v);
}

int withdrawal_from_json(struct oc_v *v, struct entry_withdrawal *out)
{
    static const char *const fields[] = {"reason", NULL};
    oc_v_only(v, fields);
    out->reason = oc_v_string(v, "reason", 1, 3, 2000);
    return oc_v_ok(v);
}
