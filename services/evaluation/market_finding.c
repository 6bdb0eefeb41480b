#include "evaluation/market_finding.h"

#include <string.h>

#include "evaluation/certificate.h"

int market_finding_from_json(struct oc_v *v, const char *today, struct market_finding_new *out)
{
    static const char *const fields[] = {"found_on",        "place",
                                         "commune_code",    "product_name",
                                         "producer_name",   "ocop_mark_shown",
                                         "stars_claimed",   "shown_note",
                                         "product_id",      "evidence_notes",
                                         "photo_reference", "action_taken",
                                         "inspecting_body", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->found_on = certificate_date_member(v, "found_on", 1);
    out->place = oc_v_string(v, "place", 1, 2, 500);
    out->commune_code = oc_v_digits(v, "commune_code", 0, 5, 5);
    out->product_name = oc_v_string(v, "product_name", 1, 1, 255);
    out->producer_name = oc_v_string(v, "producer_name", 1, 1, 255);
    const json_t *mark =
        json_is_object(v->body) ? json_object_get(v->body, "ocop_mark_shown") : NULL;
    if (json_is_object(v->body) && mark == NULL)
        oc_v_error(v, "ocop_mark_shown", "required", "this field is required");
    else if (mark != NULL && !json_is_boolean(mark))
        oc_v_error(v, "ocop_mark_shown", "type", "must be true or false");
    out->ocop_mark_shown = json_is_true(mark);
    out->has_stars = oc_v_int(v, "stars_claimed", 0, 1, 5, &out->stars_claimed);
    out->shown_note = oc_v_string(v, "shown_note", 0, 1, 2000);
    out->product_id = oc_v_uuid(v, "product_id", 0);
    out->evidence_notes = oc_v_string(v, "evidence_notes", 1, 1, 4000);
    out->photo_reference = oc_v_string(v, "photo_reference", 0, 1, 500);
    out->action_taken = oc_v_string(v, "action_taken", 1, 1, 2000);
    out->body = oc_v_string(v, "inspecting_body", 1, 2, 255);
    if (!oc_v_ok(v))
        return 0;
    if (!out->ocop_mark_shown && !out->has_stars)
        oc_v_error(v, "ocop_mark_shown", "inconsistent",
                   "a finding shows the OCOP mark or claims stars; neither was given");
    if (strcmp(out->found_on, today) > 0)
        oc_v_error(v, "found_on", "future", "must not be after today (%s)", today);
    return oc_v_ok(v);
}
