/* The promotion service's HTTP handlers and consumed events (routes.c lists them). */
#ifndef PROMO_HANDLERS_H
#define PROMO_HANDLERS_H

#include "common/consumer.h"
#include "common/service.h"

/* Products and the public catalogue. */
oc_handler catalogue_list;

/* Trade-promotion events and participations of products in them. */
oc_handler trade_event_post, trade_event_list, trade_event_patch, participation_post,
    participation_list, participation_patch;

/* Market linkages and their transitions. */
oc_handler linkage_post, linkage_list, linkage_patch, linkage_transition_post;

/* Points of sale and the products they carry. */
oc_handler point_of_sale_post, point_of_sale_list, point_of_sale_patch, point_of_sale_listing_post,
    point_of_sale_listing_list, point_of_sale_listing_delete, listing_list;

/* Consumed: registration's producer and product events. */
oc_event_handler on_producer_changed, on_product_registered;

/*
 * Consumed: evaluation's certificate (issued, status changed) and inspection
 * events. They keep the product's standing and react when
 * it is taken away.
 */
oc_event_handler on_certificate_changed, on_inspection_recorded;

/*
 * A province's potential 5 stars (evaluation.forwarded) or the central
 * council's result (evaluation.completed): marks or clears the product's
 * potential 5 stars when OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR is on
 * (promotion_feature_init); ignored otherwise.
 */
oc_event_handler on_potential_5_star;

/* Reads OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR once at start; -1 with err when invalid. */
int promotion_feature_init(char *err, size_t errlen);

/* Its routes and consumed events (routes.c). */
extern const struct oc_service_tables promotion_tables;

/* Reads by id, served by the route table's .read rows (oc_read_by_id). */
oc_reader listing_read;

#endif
