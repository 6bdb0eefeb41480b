/*
 * A market linkage's changes as events, built from its view
 * (linkage_store_get) by a table. Keyed by the product id, as every
 * promotion event. Pure: the caller adds the draft to the outbox
 * (oc_outbox_add_draft) in its transaction. view is borrowed for as long as
 * the draft. Schema: schemas/events/ocop.promotion.linkage.changed.v1.json.
 */
#ifndef PROMO_LINKAGE_EVENTS_H
#define PROMO_LINKAGE_EVENTS_H

#include <jansson.h>

#include "common/event_build.h"

#define EVENT_LINKAGE_CHANGED "ocop.promotion.linkage.changed.v1"

/* Who made a change to a linkage and why (all may be NULL). */
struct linkage_why {
    const char *actor;          /* who: a token subject, or "promotion" for a reaction */
    const char *reason;         /* why */
    const char *cause_event_id; /* the consumed event behind it */
};

/*
 * ocop.promotion.linkage.changed.v1: from_status is the status before the
 * change, NULL for a new linkage.
 */
struct oc_event_draft linkage_event_changed(const json_t *view, const char *from_status,
                                            const struct linkage_why *why);

#endif
