#include "promotion/handlers.h"
#include "promotion/linkage_store.h"
#include "promotion/participation_store.h"
#include "promotion/point_of_sale_store.h"
#include "promotion/trade_event_store.h"

/* clang-format off */
static const struct oc_route promotion_routes[] = {
    {.method = "GET", .path = "/v1/catalogue", .fn = catalogue_list,
     .roles = "public portal trade_officer"},
    {.method = "GET", .path = "/v1/products/{id}", .read = {"product", listing_read},
     .roles = "trade_officer portal public"},
    {.method = "POST", .path = "/v1/trade-events", .fn = trade_event_post,
     .roles = "trade_officer province_officer admin"},
    {.method = "GET", .path = "/v1/trade-events", .fn = trade_event_list,
     .roles = "trade_officer province_officer admin portal public"},
    {.method = "GET", .path = "/v1/trade-events/{id}",
     .read = {"trade-promotion event", trade_event_store_get},
     .roles = "trade_officer province_officer admin portal public"},
    {.method = "PATCH", .path = "/v1/trade-events/{id}", .fn = trade_event_patch,
     .roles = "trade_officer province_officer admin"},
    {.method = "POST", .path = "/v1/participations", .fn = participation_post,
     .roles = "trade_officer province_officer admin portal"},
    {.method = "GET", .path = "/v1/participations", .fn = participation_list,
     .roles = "trade_officer province_officer admin portal"},
    {.method = "GET", .path = "/v1/participations/{id}",
     .read = {"participation", participation_store_get},
     .roles = "trade_officer province_officer admin portal"},
    {.method = "PATCH", .path = "/v1/participations/{id}", .fn = participation_patch,
     .roles = "trade_officer province_officer admin portal"},
    {.method = "POST", .path = "/v1/linkages", .fn = linkage_post,
     .roles = "trade_officer province_officer admin portal"},
    {.method = "GET", .path = "/v1/linkages", .fn = linkage_list,
     .roles = "trade_officer province_officer admin portal"},
    {.method = "GET", .path = "/v1/linkages/{id}", .read = {"market linkage", linkage_store_get},
     .roles = "trade_officer province_officer admin portal"},
    {.method = "PATCH", .path = "/v1/linkages/{id}", .fn = linkage_patch,
     .roles = "trade_officer province_officer admin"},
    {.method = "POST", .path = "/v1/linkages/{id}/transitions", .fn = linkage_transition_post,
     .roles = "trade_officer province_officer admin"},
    {.method = "POST", .path = "/v1/points-of-sale", .fn = point_of_sale_post,
     .roles = "trade_officer province_officer admin"},
    {.method = "GET", .path = "/v1/points-of-sale", .fn = point_of_sale_list,
     .roles = "trade_officer province_officer admin portal public"},
    {.method = "GET", .path = "/v1/points-of-sale/{id}", .read = {"point of sale", point_of_sale_store_get},
     .roles = "trade_officer province_officer admin portal public"},
    {.method = "PATCH", .path = "/v1/points-of-sale/{id}", .fn = point_of_sale_patch,
     .roles = "trade_officer province_officer admin"},
    {.method = "POST", .path = "/v1/points-of-sale/{id}/listings", .fn = point_of_sale_listing_post,
     .roles = "trade_officer province_officer admin"},
    {.method = "GET", .path = "/v1/points-of-sale/{id}/listings", .fn = point_of_sale_listing_list,
     .roles = "trade_officer province_officer admin portal public"},
    {.method = "DELETE", .path = "/v1/points-of-sale/{id}/listings/{product_id}",
     .fn = point_of_sale_listing_delete,
     .roles = "trade_officer province_officer admin"},
    {.method = "GET", .path = "/v1/listings", .fn = listing_list,
     .roles = "trade_officer province_officer admin portal public"},
};
/* clang-format on */

static const struct oc_event_route promotion_events[] = {
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

static const char *const promotion_sources[] = {"registration", "evaluation"};

const struct oc_service_tables promotion_tables = {
    .routes = promotion_routes,
    .nroutes = OC_COUNT(promotion_routes),
    .sources = promotion_sources,
    .nsources = OC_COUNT(promotion_sources),
    .events = promotion_events,
    .nevents = OC_COUNT(promotion_events),
};
