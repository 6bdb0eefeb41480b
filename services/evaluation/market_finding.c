#include "evaluation/market_finding.h"

#include <string.h>

const struct oc_field market_finding_fields[MARKET_FINDING_N] = {
    [MARKET_FINDING_FOUND_ON] = {"found_on", OC_FIELD_DATE, 0, 0, NULL, OC_FIELD_REQUIRED},
    [MARKET_FINDING_PLACE] = {"place", OC_FIELD_TEXT, 2, 500, NULL, OC_FIELD_REQUIRED},
    [MARKET_FINDING_COMMUNE_CODE] = {"commune_code", OC_FIELD_DIGITS, 5, 5, NULL, 0},
    [MARKET_FINDING_PRODUCT_NAME] = {"product_name", OC_FIELD_TEXT, 1, 255, NULL,
                                     OC_FIELD_REQUIRED},
    [MARKET_FINDING_PRODUCER_NAME] = {"producer_name", OC_FIELD_TEXT, 1, 255, NULL,
                                      OC_FIELD_REQUIRED},
    [MARKET_FINDING_OCOP_MARK_SHOWN] = {"ocop_mark_shown", OC_FIELD_BOOL, 0, 0, NULL,
                                        OC_FIELD_REQUIRED},
    [MARKET_FINDING_STARS_CLAIMED] = {"stars_claimed", OC_FIELD_INT, 1, 5, NULL, 0},
    [MARKET_FINDING_SHOWN_NOTE] = {"shown_note", OC_FIELD_TEXT, 1, 2000, NULL, 0},
    [MARKET_FINDING_PRODUCT_ID] = {"product_id", OC_FIELD_UUID, 0, 0, NULL, 0},
    [MARKET_FINDING_EVIDENCE_NOTES] = {"evidence_notes", OC_FIELD_TEXT, 1, 4000, NULL,
                                       OC_FIELD_REQUIRED},
    [MARKET_FINDING_PHOTO_REFERENCE] = {"photo_reference", OC_FIELD_TEXT, 1, 500, NULL, 0},
    [MARKET_FINDING_ACTION_TAKEN] = {"action_taken", OC_FIELD_TEXT, 1, 2000, NULL,
                                     OC_FIELD_REQUIRED},
    [MARKET_FINDING_INSPECTING_BODY] = {"inspecting_body", OC_FIELD_TEXT, 2, 255, NULL,
                                        OC_FIELD_REQUIRED},
};

int market_finding_from_json(struct oc_v *v, const char *today, struct market_finding_input *out)
{
    memset(out, 0, sizeof(*out));
    const struct oc_field_value *m = out->m;
    if (!oc_fields_create(v, market_finding_fields, MARKET_FINDING_N, NULL, out->m))
        return 0;
    if (!m[MARKET_FINDING_OCOP_MARK_SHOWN].n && !m[MARKET_FINDING_STARS_CLAIMED].set)
        oc_v_error(v, "ocop_mark_shown", "inconsistent",
                   "a finding shows the OCOP mark or claims stars; neither was given");
    if (strcmp(m[MARKET_FINDING_FOUND_ON].s, today) > 0)
        oc_v_error(v, "found_on", "future", "must not be after today (%s)", today);
    return oc_v_ok(v);
}
