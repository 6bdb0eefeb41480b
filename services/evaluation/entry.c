#include "evaluation/entry.h"

#include <stdio.h>
#include <string.h>

/* An entry is open (scored, withdrawn, finalised) while it is entered. */
static int entry_open(const char *status)
{
    return strcmp(status, "entered") == 0;
}

/* Its round scores while it is scoring. */
static int round_scoring(const char *round_status)
{
    return strcmp(round_status, "scoring") == 0;
}

int entry_withdrawable(const char *status, char *why, size_t len)
{
    if (entry_open(status))
        return 1;
    snprintf(why, len, "the entry is already %s", status);
    return 0;
}

int entry_takes_sheets(const char *status, const char *round_status, char *why, size_t len)
{
    if (!round_scoring(round_status))
        snprintf(why, len, "the round is %s: sheets are sent while it is scoring", round_status);
    else if (!entry_open(status))
        snprintf(why, len, "the entry is %s: its sheets are final", status);
    else
        return 1;
    return 0;
}

int entry_finalisable(const char *status, const char *round_status, char *why, size_t len)
{
    if (!entry_open(status))
        snprintf(why, len, "the entry is already %s", status);
    else if (!round_scoring(round_status))
        snprintf(why, len, "the round is %s: entries are finalised while it is scoring",
                 round_status);
    else
        return 1;
    return 0;
}

static const char *const prechecks[] = {"passed", "failed", NULL};

const struct oc_field entry_fields[ENTRY_N] = {
    [ENTRY_APPLICATION_ID] = {"application_id", OC_FIELD_UUID, 0, 0, NULL, OC_FIELD_REQUIRED},
};

const struct oc_field result_fields[RESULT_N] = {
    [RESULT_CERTIFICATE_NUMBER] = {"certificate_number", OC_FIELD_TEXT, 1, 64, NULL, 0},
    [RESULT_DECISION_NUMBER] = {"decision_number", OC_FIELD_TEXT, 3, 64, NULL, 0},
    [RESULT_DECIDED_ON] = {"decided_on", OC_FIELD_DATE, 0, 0, NULL, 0},
    [RESULT_PRECHECK] = {"precheck", OC_FIELD_ENUM, 0, 0, prechecks, 0},
    [RESULT_REASON] = {"reason", OC_FIELD_TEXT, 3, 2000, NULL, 0},
};

const struct oc_field withdrawal_fields[WITHDRAWAL_N] = {
    [WITHDRAWAL_REASON] = {"reason", OC_FIELD_TEXT, 3, 2000, NULL, OC_FIELD_REQUIRED},
};

int entry_from_json(struct oc_v *v, struct entry_input *out)
{
    return oc_fields_create(v, entry_fields, ENTRY_N, NULL, out->m);
}

int result_from_json(struct oc_v *v, struct result_input *out)
{
    const struct oc_field_value *m = out->m;
    if (!oc_fields_create(v, result_fields, RESULT_N, NULL, out->m))
        return 0;
    if (m[RESULT_DECISION_NUMBER].set != m[RESULT_DECIDED_ON].set)
        oc_v_error(v, m[RESULT_DECISION_NUMBER].set ? "decided_on" : "decision_number", "required",
                   "decision_number and decided_on go together");
    else if (m[RESULT_PRECHECK].set && strcmp(m[RESULT_PRECHECK].s, "failed") == 0 &&
             !m[RESULT_REASON].set)
        oc_v_error(v, "reason", "required", "a failed pre-check must say what is wanting");
    return oc_v_ok(v);
}

int withdrawal_from_json(struct oc_v *v, struct entry_withdrawal *out)
{
    return oc_fields_create(v, withdrawal_fields, WITHDRAWAL_N, NULL, out->m);
}

int entry_application_ended(const char *application_status)
{
    static const char *const ended[] = {"withdrawn", "stopped", "rejected_at_intake"};
    for (size_t i = 0; application_status != NULL && i < sizeof(ended) / sizeof(ended[0]); i++)
        if (strcmp(application_status, ended[i]) == 0)
            return 1;
    return 0;
}
