#include "evaluation/entry.h"

#include <stdio.h>
#include <string.h>

#include "evaluation/round.h"

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

int entry_from_json(struct oc_v *v, struct entry_input *out)
{
    static const char *const fields[] = {"application_id", NULL};
    oc_v_only(v, fields);
    out->application_id = oc_v_uuid(v, "application_id", 1);
    return oc_v_ok(v);
}

int result_from_json(struct oc_v *v, struct result_input *out)
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
