/* The SQL of open data: the rows a snapshot publishes, and the snapshots kept. */
#ifndef NOTIF_OPEN_DATA_STORE_H
#define NOTIF_OPEN_DATA_STORE_H

#include <time.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"

/* Serialises snapshot making (a transaction-scoped advisory lock); inside a transaction. */
enum oc_err open_data_store_lock(PGconn *conn);

/* *found 1 when day (YYYY-MM-DD) has its snapshot. */
enum oc_err open_data_store_has(PGconn *conn, const char *day, int *found);

/*
 * The rows of day's snapshot (caller owns both arrays): *products, the
 * products the public catalogue shows on day (promotion's rule: the product's
 * current certificate, the latest issued, is valid or expiring, of 3 stars or
 * more, and in its validity on day) with their certificates, status "expiring"
 * within expiring_days of expiry; *revocations, certificates now revoked or
 * suspended.
 */
enum oc_err open_data_store_rows(PGconn *conn, const char *day, int expiring_days,
                                 json_t **products, json_t **revocations);

/* Keeps day's snapshot: its counts, then each file (name, media type, content). */
enum oc_err open_data_store_snapshot(PGconn *conn, const char *day, size_t products,
                                     size_t revocations);
enum oc_err open_data_store_file_add(PGconn *conn, const char *day, const char *name,
                                     const char *media_type, const char *content);

/* A kept file. */
struct open_data_stored {
    char *content;       /* owned */
    size_t len;          /* bytes of content */
    char sha256[65];     /* hex */
    char media_type[64]; /* as stored */
    time_t created_at;   /* seconds since the epoch */
};

/* Reads day's file name into out (free out->content), or OC_NOT_FOUND. */
enum oc_err open_data_store_file(PGconn *conn, const char *day, const char *name,
                                 struct open_data_stored *out);

/* The newest snapshot as {"date", "created_at", "products", "revocations", "files": [...]}. */
enum oc_err open_data_store_latest(PGconn *conn, json_t **out);

/* A page of snapshots, newest first (oc_list_fn; filter unused). */
enum oc_err open_data_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                 int limit, json_t **items, json_t **next);

#endif
