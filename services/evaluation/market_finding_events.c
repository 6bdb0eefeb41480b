#include "evaluation/market_finding_events.h"

struct oc_event_draft market_finding_event_recorded(const json_t *view)
{
    static const struct oc_event_member members[] = {
        {"finding_id", "id"},         {"product_id", "product.id"},
        {"found_on", NULL},           {"place", NULL},
        {"commune_code", NULL},       {"product_name", NULL},
        {"producer_name", NULL},      {"shown", NULL},
        {"action_taken", NULL},       {"inspecting_body", NULL},
        {"recorded_at", "created_at"}};
    return (struct oc_event_draft){EVENT_MARKET_FINDING, oc_event_path_string(view, "id"),
                                   oc_event_data(view, members, OC_EVENT_COUNT(members))};
}
