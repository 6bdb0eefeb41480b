#include "registration/trademark.h"

#include <stddef.h>
#include <string.h>

#include "common/date.h"

const char *const trademark_kinds[] = {"ordinary", "collective", "certification", NULL};
const char *const trademark_statuses[] = {"requested", "filed", "granted", "refused", NULL};
const char trademark_default_office[] = "Cục Sở hữu trí tuệ";

/* The moves a record may make; anything else, including a move back, is refused. */
static const struct {
    const char *from; /* status before */
    const char *to;   /* status after */
} transitions[] = {
    {"requested", "filed"},
    {"requested", "refused"},
    {"filed", "granted"},
    {"filed", "refused"},
};

/* What a status asks of a member. */
enum presence {
    ANY,      /* may be set or null */
    REQUIRED, /* must be set */
    FORBIDDEN /* must be null */
};

/* The members whose presence depends on the status, in the columns of status_rules. */
static const struct {
    const char *name; /* member name on the wire */
    size_t offset;    /* offset of its const char * in struct trademark */
} status_fields[] = {
    {"filing_number", offsetof(struct trademark, filing_number)},
    {"filed_on", offsetof(struct trademark, filed_on)},
    {"decided_on", offsetof(struct trademark, decided_on)},
    {"certificate_number", offsetof(struct trademark, certificate_number)},
};

#define N_STATUS_FIELDS (sizeof(status_fields) / sizeof(status_fields[0]))

/* What each status requires; filing_number and filed_on always go together. */
static const struct {
    const char *status;                    /* one of trademark_statuses */
    enum presence fields[N_STATUS_FIELDS]; /* by status_fields */
} status_rules[] = {
    {"requested", {FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN}},
    {"filed", {REQUIRED, REQUIRED, FORBIDDEN, FORBIDDEN}},
    {"granted", {REQUIRED, REQUIRED, REQUIRED, REQUIRED}},
    {"refused", {ANY, ANY, REQUIRED, FORBIDDEN}},
};

/* Members a POST may not set: a new request is always "requested". */
static const char *const later_fields[] = {"status",     "filing_number",      "filed_on",
                                           "decided_on", "certificate_number", NULL};

int trademark_transition_ok(const char *from, const char *to)
{
    for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
        if (strcmp(transitions[i].from, from) == 0 && strcmp(transitions[i].to, to) == 0)
            return 1;
    return 0;
}

/* A date member: returns it when present and a real date, else NULL (with an error). */
static const char *date_member(struct oc_v *v, const char *field, int required)
{
    json_t *member = json_is_object(v->body) ? json_object_get(v->body, field) : NULL;
    if (json_is_string(member) && !oc_date_ok(json_string_value(member))) {
        oc_v_error(v, field, "format", "must be a date YYYY-MM-DD");
        return NULL;
    }
    return oc_v_string(v, field, required, 10, 10);
}

/* Reads the members a client sets on both create and change (not status ones). */
static void common_members(struct oc_v *v, struct trademark *tm, int create)
{
    tm->kind = oc_v_enum(v, "kind", create, trademark_kinds);
    tm->mark_name = oc_v_string(v, "mark_name", create, 2, 255);
    tm->office = oc_v_string(v, "office", 0, 2, 255);
    tm->requested_on = date_member(v, "requested_on", create);
}

int trademark_from_json(struct oc_v *v, struct trademark_new *out)
{
    static const char *const fields[] = {"product_id",
                                         "kind",
                                         "mark_name",
                                         "office",
                                         "requested_on",
                                         "notes",
                                         "support_amount_vnd",
                                         "status",
                                         "filing_number",
                                         "filed_on",
                                         "decided_on",
                                         "certificate_number",
                                         NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->product_id = oc_v_uuid(v, "product_id", 1);
    common_members(v, &out->tm, 1);
    if (out->tm.office == NULL && json_object_get(v->body, "office") == NULL)
        out->tm.office = trademark_default_office;
    out->tm.notes = oc_v_string(v, "notes", 0, 1, 4000);
    out->tm.has_support_amount =
        oc_v_int(v, "support_amount_vnd", 0, 0, TRADEMARK_SUPPORT_MAX, &out->tm.support_amount_vnd);
    for (const char *const *f = later_fields; json_is_object(v->body) && *f; f++)
        if (json_object_get(v->body, *f) != NULL)
            oc_v_error(v, *f, "not_allowed",
                       "a new request is always \"requested\"; change it with PATCH");
    out->tm.status = "requested";
    return oc_v_ok(v) && trademark_check(v, NULL, &out->tm);
}

/* An optional string member that null clears: returns the string, or NULL and sets *clear. */
static const char *clearable(struct oc_v *v, const char *field, size_t min, size_t max, int *clear)
{
    *clear = json_is_null(json_object_get(v->body, field));
    return *clear ? NULL : oc_v_string(v, field, 0, min, max);
}

/* As clearable, for a date member. */
static const char *clearable_date(struct oc_v *v, const char *field, int *clear)
{
    *clear = json_is_null(json_object_get(v->body, field));
    return *clear ? NULL : date_member(v, field, 0);
}

int trademark_patch_from_json(struct oc_v *v, struct trademark_patch *out)
{
    static const char *const fields[] = {"kind",     "mark_name",          "office",
                                         "status",   "requested_on",       "filing_number",
                                         "filed_on", "decided_on",         "certificate_number",
                                         "notes",    "support_amount_vnd", "product_id",
                                         NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    if (json_is_object(v->body) && json_object_get(v->body, "product_id") != NULL)
        oc_v_error(v, "product_id", "immutable",
                   "a request supports one product; make a new request for another");
    common_members(v, &out->set, 0);
    out->set.status = oc_v_enum(v, "status", 0, trademark_statuses);
    out->set.filing_number = clearable(v, "filing_number", 1, 64, &out->clear_filing_number);
    out->set.filed_on = clearable_date(v, "filed_on", &out->clear_filed_on);
    out->set.decided_on = clearable_date(v, "decided_on", &out->clear_decided_on);
    out->set.certificate_number =
        clearable(v, "certificate_number", 1, 64, &out->clear_certificate_number);
    out->set.notes = clearable(v, "notes", 1, 4000, &out->clear_notes);
    out->clear_support_amount = json_is_null(json_object_get(v->body, "support_amount_vnd"));
    if (!out->clear_support_amount)
        out->set_support_amount = oc_v_int(v, "support_amount_vnd", 0, 0, TRADEMARK_SUPPORT_MAX,
                                           &out->set.support_amount_vnd);
    if (oc_v_ok(v) && json_object_size(v->body) == 0)
        oc_v_error(v, "", "empty", "the patch changes nothing");
    return oc_v_ok(v);
}

/* A string member of a view, or NULL when absent or null. */
static const char *view_string(const json_t *view, const char *key)
{
    return json_string_value(json_object_get(view, key));
}

int trademark_from_view(const json_t *view, struct trademark *out)
{
    memset(out, 0, sizeof(*out));
    out->kind = view_string(view, "kind");
    out->mark_name = view_string(view, "mark_name");
    out->office = view_string(view, "office");
    out->status = view_string(view, "status");
    out->requested_on = view_string(view, "requested_on");
    out->filing_number = view_string(view, "filing_number");
    out->filed_on = view_string(view, "filed_on");
    out->decided_on = view_string(view, "decided_on");
    out->certificate_number = view_string(view, "certificate_number");
    out->notes = view_string(view, "notes");
    json_t *amount = json_object_get(view, "support_amount_vnd");
    out->has_support_amount = json_is_integer(amount);
    out->support_amount_vnd = out->has_support_amount ? (long long)json_integer_value(amount) : 0;
    return out->kind && out->mark_name && out->office && out->status && out->requested_on;
}

/* The patched value of one string member. */
static const char *merged(const char *before, const char *set, int clear)
{
    return set != NULL ? set : clear ? NULL : before;
}

void trademark_merge(const struct trademark *before, const struct trademark_patch *patch,
                     struct trademark *after)
{
    const struct trademark *s = &patch->set;
    after->kind = merged(before->kind, s->kind, 0);
    after->mark_name = merged(before->mark_name, s->mark_name, 0);
    after->office = merged(before->office, s->office, 0);
    after->status = merged(before->status, s->status, 0);
    after->requested_on = merged(before->requested_on, s->requested_on, 0);
    after->filing_number =
        merged(before->filing_number, s->filing_number, patch->clear_filing_number);
    after->filed_on = merged(before->filed_on, s->filed_on, patch->clear_filed_on);
    after->decided_on = merged(before->decided_on, s->decided_on, patch->clear_decided_on);
    after->certificate_number =
        merged(before->certificate_number, s->certificate_number, patch->clear_certificate_number);
    after->notes = merged(before->notes, s->notes, patch->clear_notes);
    after->has_support_amount = patch->set_support_amount     ? 1
                                : patch->clear_support_amount ? 0
                                                              : before->has_support_amount;
    after->support_amount_vnd = patch->set_support_amount   ? s->support_amount_vnd
                                : after->has_support_amount ? before->support_amount_vnd
                                                            : 0;
}

/* Checks the transition from -> tm->status. Returns 1 when allowed. */
static int check_transition(struct oc_v *v, const char *from, const char *to)
{
    if (from == NULL && strcmp(to, "requested") != 0) {
        oc_v_error(v, "status", "transition", "a new request starts as \"requested\"");
        return 0;
    }
    if (from == NULL || strcmp(from, to) == 0 || trademark_transition_ok(from, to))
        return 1;
    oc_v_error(v, "status", "transition",
               "cannot change from %s to %s: a request moves requested -> filed -> granted or "
               "refused, or requested -> refused, and never back",
               from, to);
    return 0;
}

/* Checks the members tm's status requires or forbids. */
static void check_presence(struct oc_v *v, const struct trademark *tm)
{
    for (size_t r = 0; r < sizeof(status_rules) / sizeof(status_rules[0]); r++) {
        if (strcmp(status_rules[r].status, tm->status) != 0)
            continue;
        for (size_t f = 0; f < N_STATUS_FIELDS; f++) {
            const char *value =
                *(const char *const *)(const void *)((const char *)tm + status_fields[f].offset);
            if (status_rules[r].fields[f] == REQUIRED && value == NULL)
                oc_v_error(v, status_fields[f].name, "required",
                           "is required when the status is %s", tm->status);
            else if (status_rules[r].fields[f] == FORBIDDEN && value != NULL)
                oc_v_error(v, status_fields[f].name, "not_allowed",
                           "must be null when the status is %s", tm->status);
        }
    }
    if ((tm->filing_number == NULL) != (tm->filed_on == NULL) && strcmp(tm->status, "refused") == 0)
        oc_v_error(v, tm->filing_number == NULL ? "filing_number" : "filed_on", "required",
                   "filing_number and filed_on go together");
}

/* Checks that no date comes before the one it follows. */
static void check_dates(struct oc_v *v, const struct trademark *tm)
{
    if (tm->filed_on != NULL && strcmp(tm->filed_on, tm->requested_on) < 0)
        oc_v_error(v, "filed_on", "order", "must not be before requested_on (%s)",
                   tm->requested_on);
    const char *previous = tm->filed_on != NULL ? tm->filed_on : tm->requested_on;
    if (tm->decided_on != NULL && strcmp(tm->decided_on, previous) < 0)
        oc_v_error(v, "decided_on", "order", "must not be before %s (%s)",
                   tm->filed_on != NULL ? "filed_on" : "requested_on", previous);
}

int trademark_check(struct oc_v *v, const char *from, const struct trademark *tm)
{
    if (check_transition(v, from, tm->status)) {
        check_presence(v, tm);
        check_dates(v, tm);
    }
    return oc_v_ok(v);
}
