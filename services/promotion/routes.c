#include "promotion/handlers.h"

const struct oc_route promotion_routes[] = {
    {"GET", "/v1/catalogue", "/v1/catalogue", catalogue_list, 0},
    {"GET", "/v1/products/:id", "/v1/products/{id}", listing_get, 0},
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
