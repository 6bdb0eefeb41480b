/* Every SQL statement about webhook deliveries and their attempts (schemas/sql/notification/0002).
 */
#ifndef NOTIF_DELIVERY_STORE_H
#define NOTIF_DELIVERY_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"

/* Queues a delivery of an event to a subscription; a second one for the same pair does nothing. */
enum oc_err delivery_store_queue(PGconn *conn, const char *subscription_id, const char *event_id,
                                 const char *event_type, const char *content_type,
                                 const char *payload);

/* A claimed delivery; strings point into res. */
struct delivery_claim {
    PGresult *res;               /* owned: PQclear with delivery_claim_clean */
    const char *id;              /* the delivery */
    const char *subscription_id; /* its subscription */
    const char *url;             /* the endpoint */
    const char *secret;          /* the current secret */
    const char *previous;        /* the previous one while it still signs, or NULL */
    const char *event_id;        /* webhook-id */
    const char *event_type;      /* the event's type */
    const char *content_type;    /* of payload */
    const char *payload;         /* the body */
    int attempts;                /* attempts made before this one */
    int schedule_base;           /* attempts made before the last redrive */
};

/*
 * Claims the most overdue pending delivery of an active subscription that has
 * fewer than max_in_flight leased, leasing it for lease_ms (a crash before the
 * result is recorded sends it again once the lease ends). *found 0 when none
 * is due. Runs in its own statement (autocommit).
 */
enum oc_err delivery_store_claim(PGconn *conn, int lease_ms, struct delivery_claim *out,
                                 int *found);
void delivery_claim_clean(struct delivery_claim *c);

/* The outcome of one attempt, as recorded. */
struct delivery_outcome {
    const char *status; /* "delivered", "pending" (retry) or "dead" */
    double retry_in_s;  /* for "pending": seconds until the next attempt */
    double started_at;  /* unix seconds */
    int http_status;    /* 0: no answer (NULL) */
    long latency_ms;    /* of the attempt */
    const char *error;  /* "" when delivered */
};

/*
 * Records attempt number attempts + 1 of delivery id (claimed with that many
 * attempts made) and its outcome. *recorded 0 when the delivery was handled
 * meanwhile by another sender (the lease ran out).
 */
enum oc_err delivery_store_record(PGconn *conn, const char *id, int attempts,
                                  const struct delivery_outcome *o, int *recorded);

/* What counting a failure did to a subscription. */
struct delivery_sub_state {
    int failures;            /* consecutive failed attempts now */
    int paused_now;          /* 1 when this failure paused it */
    char contact_email[321]; /* whom to tell ("" when nobody) */
};

/*
 * Counts one more failed attempt of subscription id, pausing it (reason) at
 * pause_after consecutive ones; or, with ok, clears the count.
 */
enum oc_err delivery_store_sub_result(PGconn *conn, const char *id, int ok, int pause_after,
                                      const char *reason, struct delivery_sub_state *out);

/*
 * The view of delivery id with its attempts into *out (caller owns), or
 * OC_NOT_FOUND; owner NULL sees all, else only its subscriptions'. lock takes
 * the row for update.
 */
enum oc_err delivery_store_get(PGconn *conn, const char *id, const char *owner, int lock,
                               json_t **out);

/* A listing's filter. */
struct delivery_filter {
    const char *subscription_id; /* the subscription (checked by the caller) */
    const char *status;          /* NULL: any */
};

/* A page of a subscription's deliveries, newest first (an oc_list_fn). */
enum oc_err delivery_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                int limit, json_t **items, json_t **next);

/* Puts dead delivery id back to pending now, attempts kept. */
enum oc_err delivery_store_redrive(PGconn *conn, const char *id);

/* Puts every dead delivery of subscription id back to pending; *count of them. */
enum oc_err delivery_store_redrive_all(PGconn *conn, const char *subscription_id, long long *count);

#endif
