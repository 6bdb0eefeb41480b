#include "promotion/handlers.h"

const struct oc_route promotion_routes[] = {
    {"GET", "/v1/catalogue", catalogue_list, "public portal trade_officer", 0},
    {"GET", "/v1/products/{id}", listing_get, "trade_officer portal public", 0},
    {"POST", "/v1/trade-events", trade_event_post, "trade_officer province_officer admin", 0},
    {"GET", "/v1/trade-events", trade_event_list,
     "trade_officer province_officer admin portal public", 0},
    {"GET", "/v1/trade-events/{id}", trade_event_get,
     "trade_officer province_officer admin portal public", 0},
    {"PATCH", "/v1/trade-events/{id}", trade_event_patch, "trade_officer province_officer admin",
     0},
    {"POST", "/v1/participations", participation_post,
     "trade_officer province_officer admin portal", 0},
    {"GET", "/v1/participations", participation_list, "trade_officer province_officer admin portal",
     0},
    {"GET", "/v1/participations/{id}", participation_get,
     "trade_officer province_officer admin portal", 0},
    {"PATCH", "/v1/participations/{id}", participation_patch,
     "trade_officer province_officer admin portal", 0},
    {"POST", "/v1/linkages", linkage_post, "trade_officer province_officer admin portal", 0},
    {"GET", "/v1/linkages", linkage_list, "trade_officer province_officer admin portal", 0},
    {"GET", "/v1/linkages/{id}", linkage_get, "trade_officer province_officer admin portal", 0},
    {"PATCH", "/v1/linkages/{id}", linkage_patch, "trade_officer province_officer admin", 0},
    {"POST", "/v1/linkages/{id}/transitions", linkage_transition_post,
     "trade_officer province_officer admin", 0},
    {"POST", "/v1/points-of-sale", pos_post, "trade_officer province_officer admin", 0},
    {"GET", "/v1/points-of-sale", pos_list, "trade_officer province_officer admin portal public",
     0},
    {"GET", "/v1/points-of-sale/{id}", pos_get,
     "trade_officer province_officer admin portal public", 0},
    {"PATCH", "/v1/points-of-sale/{id}", pos_patch, "trade_officer province_officer admin", 0},
    {"POST", "/v1/points-of-sale/{id}/listings", pos_listing_post,
     "trade_officer province_officer admin", 0},
    {"GET", "/v1/points-of-sale/{id}/listings", pos_listing_list,
     "trade_officer province_officer admin portal public", 0},
    {"DELETE", "/v1/points-of-sale/{id}/listings/{product_id}", pos_listing_delete,
     "trade_officer province_officer admin", 0},
    {"GET", "/v1/listings", listing_list, "trade_officer province_officer admin portal public", 0},
};
const size_t promotion_route_count = sizeof(promotion_routes) / sizeof(promotion_routes[0]);

const struct oc_event_route promotion_events[] = {
    {"ocop.registration.producer.registered.v1", on_producer_changed},
    {"ocop.registration.producer.updated.v1", on_producer_changed},
    {"ocop.registration.product.registered.v1", on_product_registered},
    {"ocop.registration.product.updated.v1", on_product_registered},
    {"ocop.evaluation.certificate.issued.v1", on_certificate_changed},
    {"ocop.evaluation.certificate.status_changed.v1", on_certificate_changed},
    {"ocop.evaluation.inspection.recorded.v1", on_inspection_recorded},
    {"ocop.evaluation.evaluation.forwarded.v1", on_potential_5_star},
    {"ocop.evaluation.evaluation.completed.v1", on_potential_5_star},
};
const size_t promotion_event_count = sizeof(promotion_events) / sizeof(promotion_events[0]);

const char *const promotion_sources[] = {"registration", "evaluation"};
const size_t promotion_source_count = sizeof(promotion_sources) / sizeof(promotion_sources[0]);
