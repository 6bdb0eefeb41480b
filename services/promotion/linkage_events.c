#include "promotion/linkage_events.h"

struct oc_event_draft linkage_event_changed(const json_t *view, const char *from_status,
                                            const struct linkage_why *why)
{
    static const char *const head[] = {"linkage_id=id", "product_code=product.code", NULL};
    static const char *const tail[] = {"changed_at=updated_at",
                                       "product_id",
                                       "status",
                                       "partner_kind",
                                       "partner_name",
                                       "partner_tax_code",
                                       "channel",
                                       "volume",
                                       "unit",
                                       "value_vnd",
                                       "starts_on",
                                       "ends_on",
                                       "version",
                                       NULL};
    json_t *data = oc_event_data(view, head);
    json_object_set_new(data, "from_status", oc_event_string_or_null(from_status));
    json_object_set_new(data, "actor", oc_event_string_or_null(why->actor));
    json_object_set_new(data, "reason", oc_event_string_or_null(why->reason));
    json_object_set_new(data, "cause_event_id", oc_event_string_or_null(why->cause_event_id));
    oc_event_copy(data, view, tail);
    return (struct oc_event_draft){EVENT_LINKAGE_CHANGED, oc_event_path_string(view, "product_id"),
                                   data};
}
