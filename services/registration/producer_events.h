/*
 * The producer's events, built from a producer's view (producer_store.h) by
 * a table. Only what other services need travels: no identifier,
 * representative or contacts (data minimisation). Keyed by the producer's id.
 * Pure: the caller adds the draft to the outbox (oc_outbox_add_draft) in its
 * transaction. view is borrowed for as long as the draft.
 */
#ifndef REG_PRODUCER_EVENTS_H
#define REG_PRODUCER_EVENTS_H

#include <jansson.h>

#include "common/event_build.h"

#define EVENT_PRODUCER_REGISTERED "ocop.registration.producer.registered.v1"
#define EVENT_PRODUCER_UPDATED    "ocop.registration.producer.updated.v1"

/* ocop.registration.producer.registered.v1 for a producer just registered. */
struct oc_event_draft producer_event_registered(const json_t *view);

/* ocop.registration.producer.updated.v1 for a producer just changed. */
struct oc_event_draft producer_event_updated(const json_t *view);

#endif
