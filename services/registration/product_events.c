#include "registration/product_events.h"

struct oc_event_draft product_event_registered(json_t *data)
{
    return (struct oc_event_draft){EVENT_PRODUCT_REGISTERED,
                                   oc_event_path_string(data, "product_id"), data};
}

struct oc_event_draft product_event_updated(json_t *data)
{
    return (struct oc_event_draft){EVENT_PRODUCT_UPDATED, oc_event_path_string(data, "product_id"),
                                   data};
}
