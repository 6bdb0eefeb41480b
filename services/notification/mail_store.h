/*
 * Every SQL statement about mail: the queue of messages (mail_messages), a
 * producer's opt-out (mail_preferences) and what the sender reads of the
 * read model. No statement here reads or writes a producer's address.
 */
#ifndef NOTIF_MAIL_STORE_H
#define NOTIF_MAIL_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"

/* A message to queue (strings borrowed; NULL where absent). */
struct mail_to_queue {
    const char *event_id;    /* ce_id or the caller's key */
    const char *kind;        /* mail_kind_name() */
    int mandatory;           /* 1: sent despite an opt-out */
    const char *producer_id; /* or NULL */
    const char *product_id;  /* or NULL */
    const char *to_address;  /* operator mail only, else NULL */
    const json_t *vars;      /* template values */
};

/* Queues m unless (event_id, kind) is queued already; *inserted 1 when it was new. */
enum oc_err mail_store_queue(PGconn *conn, const struct mail_to_queue *m, int *inserted);

/* A message claimed for sending; its strings are owned (NULL when absent). */
struct mail_claimed {
    char *id;          /* mail_messages.id */
    char *kind;        /* the kind's name */
    int mandatory;     /* 1: sent despite an opt-out */
    char *producer_id; /* or NULL (resolved at send time) */
    char *product_id;  /* or NULL */
    char *to_address;  /* operator mail only, else NULL */
    json_t *vars;      /* template values (NULL when unreadable) */
    int attempts;      /* tries, this one counted */
    char *event_id;    /* the ce_id that called for it, or the caller's key */
};

/*
 * Claims up to limit due messages for lease_ms (FOR UPDATE SKIP LOCKED: two
 * senders never share one), counting the try: *rows (caller frees with
 * mail_claimed_free) and their number *n.
 */
enum oc_err mail_store_claim(PGconn *conn, int limit, int lease_ms, struct mail_claimed **rows,
                             int *n);

/* Frees n claimed rows; rows may be NULL. */
void mail_claimed_free(struct mail_claimed *rows, int n);

/*
 * A product from the read model: its producer (37 bytes), name and code
 * (*product, owned JSON {"name", "code"}). *found 0 when not known yet.
 */
enum oc_err mail_store_product(PGconn *conn, const char *product_id, char *producer_id,
                               json_t **product, int *found);

/* Records the producer a message goes to (resolved at send time). */
enum oc_err mail_store_set_producer(PGconn *conn, const char *id, const char *producer_id);

/* *opt_out 1 when the producer opted out of non-mandatory mail. */
enum oc_err mail_store_opted_out(PGconn *conn, const char *producer_id, int *opt_out);

/*
 * Ends a message: status sent (with its Message-ID), no_address or
 * opted_out; error (or NULL) is kept as last_error.
 */
enum oc_err mail_store_finish(PGconn *conn, const char *id, const char *status,
                              const char *message_id, const char *error);

/*
 * A try failed: retried after delay_ms, or failed (final) once attempts
 * reached max_attempts. error is kept as last_error.
 */
enum oc_err mail_store_retry(PGconn *conn, const char *id, long delay_ms, int max_attempts,
                             const char *error);

/* A producer's preferences as JSON (*out owned); OC_NOT_FOUND when the producer is unknown. */
enum oc_err mail_store_preferences_get(PGconn *conn, const char *producer_id, json_t **out);

/* Sets a producer's opt-out (a new version); OC_NOT_FOUND when the producer is unknown. */
enum oc_err mail_store_preferences_put(PGconn *conn, const char *producer_id, int opt_out,
                                       const char *actor, json_t **out);

/* Filters of the message list (NULL: any). */
struct mail_filter {
    const char *status;      /* one of mail_statuses */
    const char *kind;        /* one of mail_kind_names */
    const char *producer_id; /* a UUID */
};

/* A page of messages, newest first (oc_list_fn). */
enum oc_err mail_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                            int limit, json_t **items, json_t **next);

#endif
