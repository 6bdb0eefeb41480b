#include "registration/trademark_events.h"

/* What both events say of the trademark, as the view has it. */
static const char *const trademark[] = {"trademark_id=id",
                                        "product_id=product.id",
                                        "product_code=product.code",
                                        "kind",
                                        "mark_name",
                                        "office",
                                        "status",
                                        "requested_on",
                                        "support_amount_vnd",
                                        "version",
                                        NULL};

struct oc_event_draft trademark_event_requested(const json_t *view)
{
    static const char *const requested[] = {"requested_at=created_at", NULL};
    json_t *data = oc_event_data(view, trademark);
    oc_event_copy(data, view, requested);
    return (struct oc_event_draft){EVENT_TRADEMARK_REQUESTED, oc_event_path_string(view, "id"),
                                   data};
}

struct oc_event_draft trademark_event_changed(const json_t *view, const char *from)
{
    static const char *const decision[] = {"filing_number", "filed_on", "decided_on",
                                           "certificate_number", NULL};
    static const char *const changed[] = {"changed_at=updated_at", NULL};
    json_t *data = oc_event_data(view, trademark);
    oc_event_copy(data, view, decision);
    json_object_set_new(data, "from_status", json_string(from));
    oc_event_copy(data, view, changed);
    return (struct oc_event_draft){EVENT_TRADEMARK_STATUS_CHANGED, oc_event_path_string(view, "id"),
                                   data};
}
