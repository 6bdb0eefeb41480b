/*
 * The idempotent consumer: one thread that reads the topics a service listens
 * to in batches (the records already fetched, up to OCOP_CONSUMER_BATCH) and
 * applies a batch's events through their handlers inside one transaction in
 * which each event also claims its id in the inbox. Offsets are stored only
 * after that transaction commits. When any event of the batch fails, the
 * transaction is rolled back and each event is applied alone: a handler
 * failure is retried with back-off; after the configured number of tries the
 * event goes to the service's dead-letter topic with the reason, and the
 * consumer moves on. While the database is down the consumer waits; it never
 * dead-letters for that.
 */
#ifndef OC_CONSUMER_H
#define OC_CONSUMER_H

#include <stddef.h>

#include <libpq-fe.h>

#include "common/config.h"
#include "common/db.h"
#include "common/event.h"

struct oc_service;

/*
 * Applies one event on conn inside the open transaction. Returns OC_OK, OC_DB
 * when the database failed (retried without limit) or another error with the
 * reason in err (retried, then dead-lettered). svc is the consuming service
 * (its own data in svc->app).
 */
typedef enum oc_err oc_event_handler(PGconn *conn, const struct oc_event_in *ev,
                                     struct oc_service *svc, char *err, size_t errlen);
typedef oc_event_handler *oc_event_fn; /* headers declare handlers: oc_event_handler on_x, on_y; */

/* One entry of a service's table of consumed event types. */
struct oc_event_route {
    const char *type; /* ce_type handled, e.g. "ocop.registration.product.registered.v1" */
    oc_event_fn fn;   /* its handler */
};

struct oc_consumer;

/*
 * Returns a consumer of topics (copied) in group "ocop-<service>", or NULL
 * with the reason in err. cfg, pool, routes and svc are borrowed for its life.
 */
struct oc_consumer *oc_consumer_new(const struct oc_config *cfg, struct oc_db_pool *pool,
                                    const char *const *topics, size_t ntopics,
                                    const struct oc_event_route *routes, size_t nroutes,
                                    struct oc_service *svc, char *err, size_t errlen);

/*
 * Calls fn(svc), on the consumer thread, each time a transaction that applied
 * events has committed: a service wakes there the threads that send what the
 * events queued, instead of letting them find it at their next poll. Set it
 * before oc_consumer_start.
 */
void oc_consumer_on_commit(struct oc_consumer *consumer, void (*fn)(struct oc_service *svc));

/* Subscribes and starts the thread. Returns 0 or -1. */
int oc_consumer_start(struct oc_consumer *consumer);

/* Stops the thread, commits stored offsets and leaves the group. */
void oc_consumer_stop(struct oc_consumer *consumer);

/* Returns 1 once the consumer group has assigned partitions to this consumer. Thread-safe. */
int oc_consumer_assigned(struct oc_consumer *consumer);

/*
 * Returns 0 while the consumer is held by a dead letter it cannot write (it retries and
 * consumes nothing else meanwhile), else 1. Thread-safe.
 */
int oc_consumer_dead_letter_ok(struct oc_consumer *consumer);

/* Frees a stopped consumer; consumer may be NULL. */
void oc_consumer_free(struct oc_consumer *consumer);

#endif
