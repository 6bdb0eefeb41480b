#include "promotion/handlers.h"

const struct oc_route promotion_routes[] = {
    {"GET", "/v1/catalogue", "/v1/catalogue", catalogue_list, 0},
    {"GET", "/v1/products/:id", "/v1/products/{id}", listing_get, 0},
    {"POST", "/v1/trade-events", "/v1/trade-events", trade_event_post, 0},
    {"GET", "/v1/trade-events", "/v1/trade-events", trade_event_list, 0},
    {"GET", "/v1/trade-events/:id", "/v1/trade-events/{id}", trade_event_get, 0},
    {"PATCH", "/v1/trade-events/:id", "/v1/trade-events/{id}", trade_event_patch, 0},
    {"POST", "/v1/participations", "/v1/participations", participation_post, 0},
    {"GET", "/v1/participations", "/v1/participations", participation_list, 0},
    {"GET", "/v1/participations/:id", "/v1/participations/{id}", participation_get, 0},
    {"PATCH", "/v1/participations/:id", "/v1/participations/{id}", participation_patch, 0},
    {"POST", "/v1/linkages", "/v1/linkages", linkage_post, 0},
    {"GET", "/v1/linkages", "/v1/linkages", linkage_list, 0},
    {"GET", "/v1/linkages/:id", "/v1/linkages/{id}", linkage_get, 0},
    {"PATCH", "/v1/linkages/:id", "/v1/linkages/{id}", linkage_patch, 0},
    {"POST", "/v1/linkages/:id/transitions", "/v1/linkages/{id}/transitions",
     linkage_transition_post, 0},
    {"POST", "/v1/points-of-sale", "/v1/points-of-sale", pos_post, 0},
    {"GET", "/v1/points-of-sale", "/v1/points-of-sale", pos_list, 0},
    {"GET", "/v1/points-of-sale/:id", "/v1/points-of-sale/{id}", pos_get, 0},
    {"PATCH", "/v1/points-of-sale/:id", "/v1/points-of-sale/{id}", pos_patch, 0},
    {"POST", "/v1/points-of-sale/:id/listings", "/v1/points-of-sale/{id}/listings",
     pos_listing_post, 0},
    {"GET", "/v1/points-of-sale/:id/listings", "/v1/points-of-sale/{id}/listings", pos_listing_list,
     0},
    {"DELETE", "/v1/points-of-sale/:id/listings/:product_id",
     "/v1/points-of-sale/{id}/listings/{product_id}", pos_listing_delete, 0},
    {"GET", "/v1/listings", "/v1/listings", listing_list, 0},
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
};
const size_t promotion_event_count = sizeof(promotion_events) / sizeof(promotion_events[0]);

const char *const promotion_sources[] = {"registration", "evaluation"};
const size_t promotion_source_count = sizeof(promotion_sources) / sizeof(promotion_sources[0]);
