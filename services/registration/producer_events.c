#include "registration/producer_events.h"

/* What both events say of the producer; the last member is the event's time. */
static const char *const registered[] = {
    "producer_id=id", "type", "name", "commune_code", "version", "registered_at=created_at", NULL};
static const char *const updated[] = {"producer_id=id", "type",       "name", "commune_code",
                                      "version",        "updated_at", NULL};

struct oc_event_draft producer_event_registered(const json_t *view)
{
    return (struct oc_event_draft){EVENT_PRODUCER_REGISTERED, oc_event_path_string(view, "id"),
                                   oc_event_data(view, registered)};
}

struct oc_event_draft producer_event_updated(const json_t *view)
{
    return (struct oc_event_draft){EVENT_PRODUCER_UPDATED, oc_event_path_string(view, "id"),
                                   oc_event_data(view, updated)};
}
