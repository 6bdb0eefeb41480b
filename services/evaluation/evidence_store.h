/*
 * Market evidence kept for re-evaluation: every SQL statement about the
 * market linkages consumed from the promotion service.
 */
#ifndef EVAL_EVIDENCE_STORE_H
#define EVAL_EVIDENCE_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "evaluation/evidence.h"

/*
 * Keeps linkage l (data is the event's data, time its ce_time, event_id its
 * ce_id) unless a newer event of the same linkage is kept: newer by version
 * when both carry one, else by ce_time. *applied tells whether it was kept.
 */
enum oc_err evidence_store_linkage(PGconn *conn, const struct evidence_linkage *l,
                                   const json_t *data, const char *time, const char *event_id,
                                   int *applied);

/*
 * The market evidence of a product as a JSON array (caller owns), newest
 * first: per linkage, the data of its newest event as received (linkage_id,
 * product_id, status, partner_name, channel and whatever else it carried)
 * plus "changed_at", that event's ce_time. An empty array when there is none
 * (also for an unknown product).
 */
enum oc_err evidence_store_for_product(PGconn *conn, const char *product_id, json_t **items);

#endif
