#include "evaluation/market_finding_events.h"

struct oc_event_draft market_finding_event_recorded(const json_t *view)
{
    static const char *const members[] = {"finding_id=id",
                                          "product_id=product.id",
                                          "found_on",
                                          "place",
                                          "commune_code",
                                          "product_name",
                                          "producer_name",
                                          "shown",
                                          "action_taken",
                                          "inspecting_body",
                                          "recorded_at=created_at",
                                          NULL};
    return (struct oc_event_draft){EVENT_MARKET_FINDING, oc_event_path_string(view, "id"),
                                   oc_event_data(view, members)};
}
