/*
 * The events the promotion service emits, built from the views its stores
 * return and added to the outbox in the caller's transaction. Every event is
 * keyed by (and has as ce_subject) the product id, so one product's events
 * stay in order. Schemas: schemas/events/ocop.promotion.*.json.
 */
#ifndef PROMO_EMIT_H
#define PROMO_EMIT_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "common/event.h"
#include "common/service.h"

#define EVENT_CATALOGUE_CHANGED     "ocop.promotion.catalogue.changed.v1"
#define EVENT_PARTICIPATION_CHANGED "ocop.promotion.participation.changed.v1"
#define EVENT_LINKAGE_CHANGED       "ocop.promotion.linkage.changed.v1"
#define EVENT_LISTING_CHANGED       "ocop.promotion.listing.changed.v1"

/*
 * ocop.promotion.catalogue.changed.v1: the product (view decorated by
 * listing_decorate) entered or left the catalogue because of cause. Also
 * records the change.
 */
enum oc_err emit_catalogue(PGconn *conn, struct oc_service *svc, const json_t *view,
                           const struct oc_event_in *cause);

/*
 * ocop.promotion.participation.changed.v1 from a participation's view (as
 * participation_store_get gives it): from_status is its status before the
 * change, NULL for a new participation. traceparent may be NULL.
 */
enum oc_err emit_participation(PGconn *conn, struct oc_service *svc, const json_t *view,
                               const char *from_status, const char *traceparent);

/* Who made a change to a linkage and why (all may be NULL). */
struct emit_why {
    const char *actor;          /* who: a token subject, or "promotion" for a reaction */
    const char *reason;         /* why */
    const char *cause_event_id; /* the consumed event behind it */
};

/*
 * ocop.promotion.linkage.changed.v1 from a linkage's view (as
 * linkage_store_get gives it): from_status is its status before the change,
 * NULL for a new linkage. traceparent may be NULL.
 */
enum oc_err emit_linkage(PGconn *conn, struct oc_service *svc, const json_t *view,
                         const char *from_status, const struct emit_why *why,
                         const char *traceparent);

/*
 * ocop.promotion.listing.changed.v1 from a listing's view (as
 * point_of_sale_listing_store_get gives it): a product listed at a point of sale, or
 * delisted (from "listed"). traceparent may be NULL.
 */
enum oc_err emit_listing(PGconn *conn, struct oc_service *svc, const json_t *view,
                         const char *traceparent);

#endif
