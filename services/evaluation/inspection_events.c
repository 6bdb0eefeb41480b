#include "evaluation/inspection_events.h"

#include <string.h>

/* What both events say of the inspection, its product and its certificate. */
static const struct oc_event_member inspection_members[] = {
    {"inspection_id", "id"},
    {"product_id", "product.id"},
    {"product_code", "product.code"},
    {"certificate_id", "certificate.id"},
    {"certificate_number", "certificate.number"}};

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
    static const struct oc_event_member certificate[] = {
        {"certificate_status_before", "certificate.status_before"},
        {"certificate_status", "certificate.status_after"}};
    static const struct oc_event_member members[] = {{"recorded_at", "created_at"},
                                                     {"kind", NULL},
                                                     {"place", NULL},
                                                     {"inspecting_body", NULL},
                                                     {"inspected_on", NULL},
                                                     {"outcome", NULL},
                                                     {"fix_deadline", NULL},
                                                     {"fine_amount_vnd", NULL},
                                                     {"fine_decision_number", NULL},
                                                     {"recall_notice", NULL},
                                                     {"decision_number", NULL},
                                                     {"decided_on", NULL},
                                                     {"grounds", NULL},
                                                     {"actor", NULL},
                                                     {"outcomes", NULL},
                                                     {"follows_up", NULL}};
    const json_t *findings = json_object_get(view, "findings");
    const json_t *lab = json_object_get(view, "lab_results");
    json_t *data = oc_event_data(view, inspection_members, OC_EVENT_COUNT(inspection_members));
    oc_event_copy(data, view, certificate, OC_EVENT_COUNT(certificate));
    json_object_set_new(data, "findings_summary",
                        json_pack("{s:o,s:o}", "checked", findings_summary(findings, 0), "failed",
                                  findings_summary(findings, 1)));
    json_object_set_new(data, "lab_summary",
                        json_pack("{s:I,s:o}", "tested", (json_int_t)json_array_size(lab),
                                  "failed_indicators", lab_failed(lab)));
    oc_event_copy(data, view, members, OC_EVENT_COUNT(members));
    return (struct oc_event_draft){EVENT_INSPECTION_RECORDED,
                                   oc_event_path_string(view, "product.id"), data};
}

struct oc_event_draft inspection_event_overdue(const json_t *view)
{
    static const struct oc_event_member members[] = {{"inspecting_body", NULL},
                                                     {"inspected_on", NULL},
                                                     {"outcomes", NULL},
                                                     {"due_on", "follow_up.due_on"},
                                                     {"overdue_on", "follow_up.overdue_on"}};
    json_t *data = oc_event_data(view, inspection_members, OC_EVENT_COUNT(inspection_members));
    oc_event_copy(data, view, members, OC_EVENT_COUNT(members));
    return (struct oc_event_draft){EVENT_FOLLOW_UP_OVERDUE,
                                   oc_event_path_string(view, "product.id"), data};
}
