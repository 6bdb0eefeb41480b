#include "registration/trademark.h"

#include <string.h>

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
static const int status_fields[] = {TRADEMARK_FILING_NUMBER, TRADEMARK_FILED_ON,
                                    TRADEMARK_DECIDED_ON, TRADEMARK_CERTIFICATE_NUMBER};

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

/* Members a POST may not set (OC_FIELD_SERVER): a new request is always "requested". */
const struct oc_field trademark_fields[TRADEMARK_N] = {
    [TRADEMARK_PRODUCT_ID] = {"product_id", OC_FIELD_UUID, 0, 0, NULL,
                              OC_FIELD_REQUIRED | OC_FIELD_FIXED},
    [TRADEMARK_KIND] = {"kind", OC_FIELD_ENUM, 0, 0, trademark_kinds, OC_FIELD_REQUIRED},
    [TRADEMARK_MARK_NAME] = {"mark_name", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_REQUIRED},
    [TRADEMARK_OFFICE] = {"office", OC_FIELD_TEXT, 2, 255, NULL, 0},
    [TRADEMARK_STATUS] = {"status", OC_FIELD_ENUM, 0, 0, trademark_statuses, OC_FIELD_SERVER},
    [TRADEMARK_REQUESTED_ON] = {"requested_on", OC_FIELD_DATE, 0, 0, NULL, OC_FIELD_REQUIRED},
    [TRADEMARK_FILING_NUMBER] = {"filing_number", OC_FIELD_TEXT, 1, 64, NULL,
                                 OC_FIELD_SERVER | OC_FIELD_CLEARABLE},
    [TRADEMARK_FILED_ON] = {"filed_on", OC_FIELD_DATE, 0, 0, NULL,
                            OC_FIELD_SERVER | OC_FIELD_CLEARABLE},
    [TRADEMARK_DECIDED_ON] = {"decided_on", OC_FIELD_DATE, 0, 0, NULL,
                              OC_FIELD_SERVER | OC_FIELD_CLEARABLE},
    [TRADEMARK_CERTIFICATE_NUMBER] = {"certificate_number", OC_FIELD_TEXT, 1, 64, NULL,
                                      OC_FIELD_SERVER | OC_FIELD_CLEARABLE},
    [TRADEMARK_NOTES] = {"notes", OC_FIELD_TEXT, 1, 4000, NULL, OC_FIELD_CLEARABLE},
    [TRADEMARK_SUPPORT_AMOUNT_VND] = {"support_amount_vnd", OC_FIELD_INT, 0, TRADEMARK_SUPPORT_MAX,
                                      NULL, OC_FIELD_CLEARABLE},
};

int trademark_transition_ok(const char *from, const char *to)
{
    for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
        if (strcmp(transitions[i].from, from) == 0 && strcmp(transitions[i].to, to) == 0)
            return 1;
    return 0;
}

int trademark_from_json(struct oc_v *v, struct oc_field_value *out)
{
    if (!oc_fields_create(v, trademark_fields, TRADEMARK_N, NULL, out))
        return 0;
    if (!out[TRADEMARK_OFFICE].set)
        out[TRADEMARK_OFFICE] = (struct oc_field_value){trademark_default_office, 0, 0, 1, 0};
    out[TRADEMARK_STATUS] = (struct oc_field_value){"requested", 0, 0, 1, 0};
    return trademark_check(v, NULL, out);
}

int trademark_patch_from_json(struct oc_v *v, struct oc_field_value *out)
{
    return oc_fields_patch(v, trademark_fields, TRADEMARK_N, NULL, out);
}

/* Checks the transition from -> the new status. Returns 1 when allowed. */
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
static void check_presence(struct oc_v *v, const struct oc_field_value *tm)
{
    const char *status = tm[TRADEMARK_STATUS].s;
    for (size_t r = 0; r < sizeof(status_rules) / sizeof(status_rules[0]); r++) {
        if (strcmp(status_rules[r].status, status) != 0)
            continue;
        for (size_t f = 0; f < N_STATUS_FIELDS; f++) {
            const char *name = trademark_fields[status_fields[f]].name;
            int set = tm[status_fields[f]].set;
            if (status_rules[r].fields[f] == REQUIRED && !set)
                oc_v_error(v, name, "required", "is required when the status is %s", status);
            else if (status_rules[r].fields[f] == FORBIDDEN && set)
                oc_v_error(v, name, "not_allowed", "must be null when the status is %s", status);
        }
    }
    int filed = tm[TRADEMARK_FILED_ON].set;
    if (tm[TRADEMARK_FILING_NUMBER].set != filed && strcmp(status, "refused") == 0)
        oc_v_error(v, filed ? "filing_number" : "filed_on", "required",
                   "filing_number and filed_on go together");
}

/* Checks that no date comes before the one it follows. */
static void check_dates(struct oc_v *v, const struct oc_field_value *tm)
{
    const char *requested_on = tm[TRADEMARK_REQUESTED_ON].s, *filed_on = tm[TRADEMARK_FILED_ON].s;
    const char *decided_on = tm[TRADEMARK_DECIDED_ON].s;
    if (filed_on != NULL && strcmp(filed_on, requested_on) < 0)
        oc_v_error(v, "filed_on", "order", "must not be before requested_on (%s)", requested_on);
    const char *previous = filed_on != NULL ? filed_on : requested_on;
    if (decided_on != NULL && strcmp(decided_on, previous) < 0)
        oc_v_error(v, "decided_on", "order", "must not be before %s (%s)",
                   filed_on != NULL ? "filed_on" : "requested_on", previous);
}

int trademark_check(struct oc_v *v, const char *from, const struct oc_field_value *tm)
{
    if (check_transition(v, from, tm[TRADEMARK_STATUS].s)) {
        check_presence(v, tm);
        check_dates(v, tm);
    }
    return oc_v_ok(v);
}
