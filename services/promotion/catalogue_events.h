/*
 * A product's place in the catalogue as an event, built from its listing
 * view (decorated by listing_decorate) by a table. Keyed by the product id,
 * as every promotion event, so one product's events stay in order. Pure: the
 * caller records the change and adds the draft to the outbox
 * (oc_outbox_add_draft) in its transaction. view is borrowed for as long as
 * the draft. Schema: schemas/events/ocop.promotion.catalogue.changed.v1.json.
 */
#ifndef PROMO_CATALOGUE_EVENTS_H
#define PROMO_CATALOGUE_EVENTS_H

#include <jansson.h>

#include "common/event.h"
#include "common/event_build.h"

#define EVENT_CATALOGUE_CHANGED "ocop.promotion.catalogue.changed.v1"

/*
 * ocop.promotion.catalogue.changed.v1: the product entered or left the
 * catalogue because of the consumed event cause, at changed_at (RFC 3339).
 */
struct oc_event_draft catalogue_event_changed(const json_t *view, const struct oc_event_in *cause,
                                              const char *changed_at);

#endif
