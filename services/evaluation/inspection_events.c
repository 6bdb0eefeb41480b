#include "evaluation/inspection_events.h"

#include <string.h>

/* What both events say of the inspection, its product and its certificate. */
static const char *const inspection_members[] = {"inspection_id=id",
                                                 "product_id=product.id",
                                                 "product_code=product.code",
                                                 "certificate_id=certificate.id",
                                                 "certificate_number=certificate.number",
                                                 NULL};

/* The categories of findings checked (failed: those failed only); no notes. */
static json_t *findings_summary(const json_t *findings, int failed)
{
    json_t *out = json_array();
    size_t i;
    const json_t *f;
    json_array_foreach(findings, i, f)
    {
        const char *result = json_string_value(json_object_get(f, "result"));
        if (!failed || (result != NULL && strcmp(result, "fail") == 0))
            json_array_append(out, json_object_get(f, "category"));
    }
    return out;
}

/* The lab indicators that failed. */
static json_t *lab_failed(const json_t *lab)
{
    json_t *out = json_array();
    size_t i;
    const json_t *l;
    json_array_foreach(lab, i, l) if (json_is_false(json_object_get(l, "passed")))
        json_array_append(out, json_object_get(l, "indicator"));
    return out;
}

struct oc_event_draft inspection_event_recorded(const json_t *view)
{
    static const char *const certificate[] = {"certificate_status_before=certificate.status_before",
                                              "certificate_status=certificate.status_after", NULL};
    static const char *const members[] = {"recorded_at=created_at",
                                          "kind",
                                          "place",
                                          "inspecting_body",
                                          "inspected_on",
                                          "outcome",
                                          "fix_deadline",
                                          "fine_amount_vnd",
                                          "fine_decision_number",
                                          "recall_notice",
                                          "decision_number",
                                          "decided_on",
                                          "grounds",
                                          "actor",
                                          "outcomes",
                                          "follows_up",
                                          NULL};
    const json_t *findings = json_object_get(view, "findings");
    const json_t *lab = json_object_get(view, "lab_results");
    json_t *data = oc_event_data(view, inspection_members);
    oc_event_copy(data, view, certificate);
    json_object_set_new(data, "findings_summary",
                        json_pack("{s:o,s:o}", "checked", findings_summary(findings, 0), "failed",
                                  findings_summary(findings, 1)));
    json_object_set_new(data, "lab_summary",
                        json_pack("{s:I,s:o}", "tested", (json_int_t)json_array_size(lab),
                                  "failed_indicators", lab_failed(lab)));
    oc_event_copy(data, view, members);
    return (struct oc_event_draft){EVENT_INSPECTION_RECORDED,
                                   oc_event_path_string(view, "product.id"), data};
}

struct oc_event_draft inspection_event_overdue(const json_t *view)
{
    static const char *const members[] = {"inspecting_body",
                                          "inspected_on",
                                          "outcomes",
                                          "due_on=follow_up.due_on",
                                          "overdue_on=follow_up.overdue_on",
                                          NULL};
    json_t *data = oc_event_data(view, inspection_members);
    oc_event_copy(data, view, members);
    return (struct oc_event_draft){EVENT_FOLLOW_UP_OVERDUE,
                                   oc_event_path_string(view, "product.id"), data};
}
