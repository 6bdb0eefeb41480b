#include "registration/producer_events.h"

/* What both events say of the producer; the last member is the event's time. */
static const struct oc_event_member registered[] = {
    {"producer_id", "id"},  {"type", NULL},    {"name", NULL},
    {"commune_code", NULL}, {"version", NULL}, {"registered_at", "created_at"}};
static const struct oc_event_member updated[] = {{"producer_id", "id"}, {"type", NULL},
                                                 {"name", NULL},        {"commune_code", NULL},
                                                 {"version", NULL},     {"updated_at", NULL}};

struct oc_event_draft producer_event_registered(const json_t *view)
{
    return (struct oc_event_draft){EVENT_PRODUCER_REGISTERED, oc_event_path_string(view, "id"),
                                   oc_event_data(view, registered, OC_EVENT_COUNT(registered))};
}

struct oc_event_draft producer_event_updated(const json_t *view)
{
    return (struct oc_event_draft){EVENT_PRODUCER_UPDATED, oc_event_path_string(view, "id"),
                                   oc_event_data(view, updated, OC_EVENT_COUNT(updated))};
}
