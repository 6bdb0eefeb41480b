#include "registration/trademark_events.h"

/* What both events say of the trademark, as the view has it. */
static const struct oc_event_member trademark[] = {
    {"trademark_id", "id"}, {"product_id", "product.id"}, {"product_code", "product.code"},
    {"kind", NULL},         {"mark_name", NULL},          {"office", NULL},
    {"status", NULL},       {"requested_on", NULL},       {"support_amount_vnd", NULL},
    {"version", NULL}};

struct oc_event_draft trademark_event_requested(const json_t *view)
{
    static const struct oc_event_member requested[] = {{"requested_at", "created_at"}};
    json_t *data = oc_event_data(view, trademark, OC_EVENT_COUNT(trademark));
    oc_event_copy(data, view, requested, OC_EVENT_COUNT(requested));
    return (struct oc_event_draft){EVENT_TRADEMARK_REQUESTED, oc_event_path_string(view, "id"),
                                   data};
}

struct oc_event_draft trademark_event_changed(const json_t *view, const char *from)
{
    static const struct oc_event_member decision[] = {{"filing_number", NULL},
                                                      {"filed_on", NULL},
                                                      {"decided_on", NULL},
                                                      {"certificate_number", NULL}};
    static const struct oc_event_member changed[] = {{"changed_at", "updated_at"}};
    json_t *data = oc_event_data(view, trademark, OC_EVENT_COUNT(trademark));
    oc_event_copy(data, view, decision, OC_EVENT_COUNT(decision));
    json_object_set_new(data, "from_status", json_string(from));
    oc_event_copy(data, view, changed, OC_EVENT_COUNT(changed));
    return (struct oc_event_draft){EVENT_TRADEMARK_STATUS_CHANGED, oc_event_path_string(view, "id"),
                                   data};
}
