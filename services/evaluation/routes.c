#include "evaluation/handlers.h"

const struct oc_route evaluation_routes[] = {
    {"GET", "/v1/products/:id", "/v1/products/{id}", candidate_get},
};
const size_t evaluation_route_count = sizeof(evaluation_routes) / sizeof(evaluation_routes[0]);

const struct oc_event_route evaluation_events[] = {
    {"ocop.registration.producer.registered.v1", on_producer_registered},
    {"ocop.registration.product.registered.v1", on_product_registered},
};
const size_t evaluation_event_count = sizeof(evaluation_events) / sizeof(evaluation_events[0]);

const char *const evaluation_sources[] = {"registration"};
const size_t evaluation_source_count = sizeof(evaluation_sources) / sizeof(evaluation_sources[0]);
