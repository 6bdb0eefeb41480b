/*
 * The round's events, built from a round's view (round_store.h) by a table.
 * Keyed by the round's id. Pure: the caller adds the draft to the outbox
 * (oc_outbox_add_draft) in its transaction.
 */
#ifndef EVAL_ROUND_EVENTS_H
#define EVAL_ROUND_EVENTS_H

#include <jansson.h>

#include "common/event_build.h"

#define EVENT_ROUND_STATUS_CHANGED "ocop.evaluation.round.status_changed.v1"

/*
 * ocop.evaluation.round.status_changed.v1 for view (the round after its move
 * from status from); "at" and "actor" are those of the transition just
 * recorded (the view's last one). view is borrowed for as long as the draft.
 */
struct oc_event_draft round_event_moved(const json_t *view, const char *from);

#endif
