#include "promotion/participation_events.h"

struct oc_event_draft participation_event_changed(const json_t *view, const char *from_status)
{
    static const char *const head[] = {"participation_id=id",   "event_type=event.type",
                                       "event_name=event.name", "starts_on=event.starts_on",
                                       "ends_on=event.ends_on", NULL};
    static const char *const tail[] = {"reason=status_reason",
                                       "changed_at=updated_at",
                                       "product_id",
                                       "event_id",
                                       "status",
                                       "booth",
                                       "support_vnd",
                                       "sales_vnd",
                                       "contracts_signed",
                                       "contracts_value_vnd",
                                       "cause_event_id",
                                       "version",
                                       NULL};
    json_t *data = oc_event_data(view, head);
    json_object_set_new(data, "from_status", oc_event_string_or_null(from_status));
    oc_event_copy(data, view, tail);
    return (struct oc_event_draft){EVENT_PARTICIPATION_CHANGED,
                                   oc_event_path_string(view, "product_id"), data};
}
