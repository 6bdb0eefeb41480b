/*
 * The support ledger's events, built from a payment's view (support_store.h)
 * by a table: no names, no notes, no reasons (a household producer's name
 * never travels). Keyed by the payment's id. Pure: the caller adds the draft
 * to the outbox (oc_outbox_add_draft) in its transaction. view is borrowed
 * for as long as the draft.
 */
#ifndef REG_SUPPORT_EVENTS_H
#define REG_SUPPORT_EVENTS_H

#include <jansson.h>

#include "common/event_build.h"

#define EVENT_SUPPORT_PAID      "ocop.registration.support.paid.v1"
#define EVENT_SUPPORT_CANCELLED "ocop.registration.support.cancelled.v1"

/* ocop.registration.support.paid.v1 for a payment just recorded. */
struct oc_event_draft support_event_paid(const json_t *view);

/* ocop.registration.support.cancelled.v1 for a payment just cancelled. */
struct oc_event_draft support_event_cancelled(const json_t *view);

#endif
