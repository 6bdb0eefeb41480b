/*
 * The inspection's events, built from an inspection's view (inspection_store.h)
 * by tables: no notes, no names of people (the actor is a token subject).
 * Keyed by the product's id, as the certificate events are, so that one
 * product's certificate and inspection events stay in order on one partition.
 * Pure: the caller adds the draft to the outbox (oc_outbox_add_draft) in its
 * transaction. view is borrowed for as long as the draft.
 */
#ifndef EVAL_INSPECTION_EVENTS_H
#define EVAL_INSPECTION_EVENTS_H

#include <jansson.h>

#include "common/event_build.h"

#define EVENT_INSPECTION_RECORDED "ocop.evaluation.inspection.recorded.v1"
#define EVENT_FOLLOW_UP_OVERDUE   "ocop.evaluation.inspection.follow_up_overdue.v1"

/*
 * ocop.evaluation.inspection.recorded.v1: the inspection with the summary of
 * its findings (the categories checked and those failed) and of its lab
 * results (how many indicators were tested, which failed).
 */
struct oc_event_draft inspection_event_recorded(const json_t *view);

/* ocop.evaluation.inspection.follow_up_overdue.v1: its follow-up is past due. */
struct oc_event_draft inspection_event_overdue(const json_t *view);

#endif
