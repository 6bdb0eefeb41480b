/* Small helpers shared by the registration stores. */
#ifndef REG_STORE_UTIL_H
#define REG_STORE_UTIL_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"

/* RFC 3339 UTC text of a timestamptz column expression, for json_build_object. */
#define SQL_TS(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

/* Microseconds since the epoch of a timestamptz, exact, for keyset cursors. */
#define SQL_EPOCH_US(col) "((extract(epoch FROM " col ") * 1000000)::bigint)::text"

/*
 * Runs sql and parses column 0 of row 0 as JSON into *out (caller owns).
 * OC_NOT_FOUND when there is no row; other errors as oc_db_exec.
 */
enum oc_err store_json_row(PGconn *conn, const char *sql, int n, const char *const *params,
                           json_t **out);

/*
 * Runs a page query whose rows are (JSON text, cursor time, cursor id) and
 * which asks for limit + 1 rows. Fills *items with up to limit parsed rows and
 * *next with the cursor {"t", "id"} of the last one when another page
 * follows, else NULL (both owned by the caller).
 */
enum oc_err store_json_page(PGconn *conn, const char *sql, int n, const char *const *params,
                            int limit, json_t **items, json_t **next);

#endif
