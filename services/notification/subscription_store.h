/* Every SQL statement about webhook subscriptions (schemas/sql/notification/0002). */
#ifndef NOTIF_SUBSCRIPTION_STORE_H
#define NOTIF_SUBSCRIPTION_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"

/* A subscription's settable members, all borrowed. */
struct subscription_fields {
    const char *url;           /* the endpoint */
    const json_t *event_types; /* array of strings */
    const char *format;        /* "cloudevents" or "dossier_status" */
    const char *description;   /* or NULL */
    const char *contact_email; /* or NULL */
    long long max_in_flight;   /* 1..16 */
    const char *status;        /* "active" or "paused" */
};

/* Inserts a subscription owned by owner with secret; *out is its view (caller owns). */
enum oc_err subscription_store_insert(PGconn *conn, const struct subscription_fields *f,
                                      const char *owner, const char *secret, json_t **out);

/*
 * The view of subscription id (no secret) into *out, or OC_NOT_FOUND; owner
 * NULL sees every subscription, else only its own. lock takes the row for update.
 */
enum oc_err subscription_store_get(PGconn *conn, const char *id, const char *owner, int lock,
                                   json_t **out);

/*
 * Writes f over subscription id and adds 1 to its version; resume (paused to
 * active) clears the failure count and the pause.
 */
enum oc_err subscription_store_update(PGconn *conn, const char *id,
                                      const struct subscription_fields *f, int resume);

/* Deletes subscription id with its deliveries. */
enum oc_err subscription_store_delete(PGconn *conn, const char *id);

/* Makes secret the current one; the old one signs too for overlap_s seconds. */
enum oc_err subscription_store_rotate(PGconn *conn, const char *id, const char *secret,
                                      int overlap_s);

/* A listing's filter. */
struct subscription_filter {
    const char *owner;  /* NULL: all */
    const char *status; /* NULL: any */
};

/* A page of subscriptions, newest first (an oc_list_fn). */
enum oc_err subscription_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                    int limit, json_t **items, json_t **next);

/* A subscription as an event is matched against it. */
struct subscription_row {
    char id[37];     /* webhook_subscriptions.id */
    char format[32]; /* "cloudevents" or "dossier_status" */
    json_t *types;   /* event_types, an array of strings (owned; NULL when unreadable) */
};

/*
 * Every subscription, for matching an event: *rows (caller frees with
 * subscription_rows_free) and their number *n.
 */
enum oc_err subscription_store_all(PGconn *conn, struct subscription_row **rows, int *n);

/* Frees rows (n of them) as subscription_store_all returned them; rows may be NULL. */
void subscription_rows_free(struct subscription_row *rows, int n);

#endif
