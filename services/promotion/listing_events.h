/*
 * A product's listings at points of sale as events, built from a listing's
 * view (point_of_sale_listing_store_get) by a table. Keyed by the product id,
 * as every promotion event. Pure: the caller adds the draft to the outbox
 * (oc_outbox_add_draft) in its transaction. view is borrowed for as long as
 * the draft. Schema: schemas/events/ocop.promotion.listing.changed.v1.json.
 */
#ifndef PROMO_LISTING_EVENTS_H
#define PROMO_LISTING_EVENTS_H

#include <jansson.h>

#include "common/event_build.h"

#define EVENT_LISTING_CHANGED "ocop.promotion.listing.changed.v1"

/*
 * ocop.promotion.listing.changed.v1: a product listed at a point of sale, or
 * delisted (from "listed").
 */
struct oc_event_draft listing_event_changed(const json_t *view);

#endif
