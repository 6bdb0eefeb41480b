/*
 * The webhook deliveries' own events, built from a claimed delivery
 * (delivery_store.h) and what its last attempt found; keyed by the
 * subscription id, so one subscriber's events stay in order. The caller adds
 * the draft to the outbox (oc_outbox_add_draft) in the transaction that
 * records the attempt. Schemas: schemas/events/ocop.notification.*.json.
 */
#ifndef NOTIF_DELIVERY_EVENTS_H
#define NOTIF_DELIVERY_EVENTS_H

#include "common/event_build.h"
#include "notification/delivery_store.h"

#define EVENT_DELIVERY_DEAD      "ocop.notification.delivery.dead.v1"
#define EVENT_SUBSCRIPTION_PAUSE "ocop.notification.subscription.paused.v1"

/* ocop.notification.delivery.dead.v1: c's last attempt (o) was its last; at is now (RFC 3339). */
struct oc_event_draft delivery_event_dead(const struct delivery_claim *c,
                                          const struct delivery_outcome *o, const char *at);

/*
 * ocop.notification.subscription.paused.v1: c's subscription, st->failures
 * attempts failed in a row, is paused for reason at at (RFC 3339).
 */
struct oc_event_draft delivery_event_paused(const struct delivery_claim *c,
                                            const struct delivery_sub_state *st, const char *reason,
                                            const char *at);

#endif
