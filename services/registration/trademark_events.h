/*
 * The trademark's events, built from a trademark's view (trademark_store.h)
 * by tables; notes stay in the registry. Keyed by the trademark's id. Pure:
 * the caller adds the draft to the outbox (oc_outbox_add_draft) in its
 * transaction. view is borrowed for as long as the draft.
 */
#ifndef REG_TRADEMARK_EVENTS_H
#define REG_TRADEMARK_EVENTS_H

#include <jansson.h>

#include "common/event_build.h"

#define EVENT_TRADEMARK_REQUESTED      "ocop.registration.trademark.requested.v1"
#define EVENT_TRADEMARK_STATUS_CHANGED "ocop.registration.trademark.status_changed.v1"

/* ocop.registration.trademark.requested.v1 for a trademark just requested. */
struct oc_event_draft trademark_event_requested(const json_t *view);

/*
 * ocop.registration.trademark.status_changed.v1 for a trademark that moved
 * from status from, with its filing and decision.
 */
struct oc_event_draft trademark_event_changed(const json_t *view, const char *from);

#endif
