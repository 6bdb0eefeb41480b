/*
 * The market finding's event, built from a finding's view
 * (market_finding_store.h) by a table. Keyed by the finding's id. Pure: the
 * caller adds the draft to the outbox (oc_outbox_add_draft) in its
 * transaction.
 */
#ifndef EVAL_MARKET_FINDING_EVENTS_H
#define EVAL_MARKET_FINDING_EVENTS_H

#include <jansson.h>

#include "common/event_build.h"

#define EVENT_MARKET_FINDING "ocop.evaluation.market_finding.recorded.v1"

/*
 * ocop.evaluation.market_finding.recorded.v1: everything but the evidence
 * notes, the photo reference and the recorder; the producer's name is the
 * one printed on the product (market_finding.h); product_id is null for a
 * product the platform does not know. view is borrowed for as long as the
 * draft.
 */
struct oc_event_draft market_finding_event_recorded(const json_t *view);

#endif
