/*
 * The outbox relay: one thread per service process that publishes outbox rows
 * to Kafka with an idempotent producer and marks a row published only when its
 * delivery report says it was persisted. It wakes on LISTEN/NOTIFY (the outbox
 * trigger) and falls back to polling. Across instances of one service, a
 * session advisory lock lets one relay publish at a time.
 */
#ifndef OC_RELAY_H
#define OC_RELAY_H

#include "common/config.h"
#include "common/db.h"

struct oc_relay;

/* Returns a new relay (caller owns) or NULL with the reason in err. cfg and pool are borrowed. */
struct oc_relay *oc_relay_new(const struct oc_config *cfg, struct oc_db_pool *pool, char *err,
                              size_t errlen);

/* Starts the relay thread. Returns 0, or -1 when the thread could not start. */
int oc_relay_start(struct oc_relay *relay);

/*
 * Stops the thread: it publishes what is already in the outbox, waits up to
 * grace_ms for delivery reports, records them and exits. What is not delivered
 * by then stays in the outbox for the next start.
 */
void oc_relay_stop(struct oc_relay *relay, int grace_ms);

/* Frees a stopped (or never started) relay; relay may be NULL. */
void oc_relay_free(struct oc_relay *relay);

/* Returns 1 when a Kafka broker answered recently (cached for one second). Thread-safe. */
int oc_relay_kafka_ok(struct oc_relay *relay);

#endif
