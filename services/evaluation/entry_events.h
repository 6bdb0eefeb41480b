/*
 * The events of a finalised entry (its result), built from the entry's view
 * (entry_store.h) by tables. Keyed by the application's id, so that one
 * application's events stay in order on one partition. No personal data.
 * Pure: the caller adds the draft to the outbox (oc_outbox_add_draft) in its
 * transaction.
 */
#ifndef EVAL_ENTRY_EVENTS_H
#define EVAL_ENTRY_EVENTS_H

#include <jansson.h>

#include "common/event_build.h"

#define EVENT_EVALUATION_COMPLETED "ocop.evaluation.evaluation.completed.v1"
#define EVENT_EVALUATION_FORWARDED "ocop.evaluation.evaluation.forwarded.v1"
#define EVENT_DOSSIER_RETURNED     "ocop.evaluation.dossier.returned.v1"

/*
 * The event of the finalised entry view, by its result's outcome:
 * evaluation.completed for a final result; evaluation.forwarded for one the
 * next level up decides (a commune's passed pre-check, a district's result, a
 * province's potential 5 stars); dossier.returned for a failed pre-check.
 * Without a known outcome the draft has no data. view is borrowed for as
 * long as the draft.
 */
struct oc_event_draft entry_event_result(const json_t *view);

#endif
