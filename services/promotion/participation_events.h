/*
 * A participation's changes as events, built from its view
 * (participation_store_get) by a table. Keyed by the product id, as every
 * promotion event. Pure: the caller adds the draft to the outbox
 * (oc_outbox_add_draft) in its transaction. view is borrowed for as long as
 * the draft. Schema: schemas/events/ocop.promotion.participation.changed.v1.json.
 */
#ifndef PROMO_PARTICIPATION_EVENTS_H
#define PROMO_PARTICIPATION_EVENTS_H

#include <jansson.h>

#include "common/event_build.h"

#define EVENT_PARTICIPATION_CHANGED "ocop.promotion.participation.changed.v1"

/*
 * ocop.promotion.participation.changed.v1: from_status is the status before
 * the change, NULL for a new participation.
 */
struct oc_event_draft participation_event_changed(const json_t *view, const char *from_status);

#endif
