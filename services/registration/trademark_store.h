/* Every SQL statement about trademark support requests. */
#ifndef REG_TRADEMARK_STORE_H
#define REG_TRADEMARK_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "registration/scope.h"
#include "registration/trademark.h"

/*
 * Inserts tm[TRADEMARK_N] and returns its JSON view in *out (caller owns).
 * OC_NOT_FOUND when no product in scope has tm[TRADEMARK_PRODUCT_ID].
 */
enum oc_err trademark_store_insert(PGconn *conn, const struct reg_scope *scope,
                                   const struct oc_field_value *tm, json_t **out);

/* Reads one request's JSON view into *out (caller owns), or OC_NOT_FOUND (none in scope). */
enum oc_err trademark_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                                json_t **out);

/*
 * As trademark_store_get, and locks the row until the end of the open
 * transaction, so that the version read is the one the update replaces.
 */
enum oc_err trademark_store_lock(PGconn *conn, const struct reg_scope *scope, const char *id,
                                 json_t **out);

/*
 * Replaces every member of request id (locked with trademark_store_lock) with
 * tm[TRADEMARK_N]'s (but product_id), increments its version and returns the new view in *out
 * (caller owns).
 */
enum oc_err trademark_store_update(PGconn *conn, const char *id, const struct oc_field_value *tm,
                                   json_t **out);

/* Filters of a listing; NULL members do not filter. */
struct trademark_filter {
    const char *product_id; /* UUID */
    const char *status;     /* one of trademark_statuses */
    const char *year;       /* 4 digits: the year of requested_on */
    struct reg_scope scope; /* the caller's scope */
};

/* Reads a page of requests, newest first; *next as store_json_page gives it. */
enum oc_err trademark_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                 int limit, json_t **items, json_t **next);

#endif
