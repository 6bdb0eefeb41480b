/*
 * The consumer inbox: every SQL statement about the inbox table. An event's id
 * is claimed in the same transaction as its effect, so a redelivered event
 * finds its id taken and changes nothing.
 */
#ifndef OC_INBOX_H
#define OC_INBOX_H

#include <stdint.h>

#include <libpq-fe.h>

#include "common/err.h"
#include "common/event.h"

/* Where a consumed record came from. */
struct oc_inbox_origin {
    const char *topic; /* Kafka topic */
    int32_t partition; /* Kafka partition */
    int64_t offset;    /* Kafka offset */
};

/*
 * Claims ev's id in the caller's open transaction with the given outcome
 * ("applied", "ignored" or "dead_lettered") and reason (may be NULL). Sets
 * *fresh to 1 when the id was new, 0 when it was already there.
 */
enum oc_err oc_inbox_claim(PGconn *conn, const struct oc_event_in *ev,
                           const struct oc_inbox_origin *origin, const char *outcome,
                           const char *reason, int *fresh);

#endif
