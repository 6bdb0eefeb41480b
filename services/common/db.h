/*
 * A small shared pool of libpq connections, opened at start-up, each with the
 * service's schema as search_path, an application_name and a statement
 * timeout. A connection that broke is reset when next acquired; while the
 * database is down, acquiring fails fast (OC_DB) instead of piling up.
 */
#ifndef OC_DB_H
#define OC_DB_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"

struct oc_db_pool;

struct oc_db_options {
    const char *conninfo;     /* libpq URI or key=value string; "" uses the PG* variables */
    const char *schema;       /* search_path; a validated identifier */
    const char *app_name;     /* application_name, e.g. "ocop-registration" */
    int size;                 /* connections in the pool, >= 1 */
    int statement_timeout_ms; /* statement_timeout for every connection */
    int acquire_timeout_ms;   /* longest wait for a free connection */
};

/* Returns a new pool (caller owns; never NULL). Connections that fail now are retried later. */
struct oc_db_pool *oc_db_pool_new(const struct oc_db_options *opts);

/* Closes every connection; pool may be NULL. No connection may be acquired. */
void oc_db_pool_free(struct oc_db_pool *pool);

/*
 * Borrows a connection that is connected and idle, or returns NULL when none
 * could be had in time or the database is unreachable. Give it back with
 * oc_db_release().
 */
PGconn *oc_db_acquire(struct oc_db_pool *pool);

/* Returns a borrowed connection; an open transaction on it is rolled back. */
void oc_db_release(struct oc_db_pool *pool, PGconn *conn);

/* Opens a dedicated connection outside the pool (for LISTEN); NULL on failure. */
PGconn *oc_db_connect_dedicated(const struct oc_db_pool *pool);

/*
 * Runs one parameterised statement. On success returns OC_OK and, when res is
 * not NULL, hands the result to the caller (who PQclears it). On failure the
 * result is cleared and *res is NULL: a unique violation is OC_CONFLICT, a
 * foreign-key violation OC_INVALID, a broken connection or timeout OC_DB, any
 * other failure OC_INTERNAL. The constraint of the last violation is kept per
 * thread (oc_db_last_constraint).
 */
enum oc_err oc_db_exec(PGconn *conn, const char *sql, int nparams, const char *const *params,
                       PGresult **res);

/*
 * As oc_db_exec, with libpq's lengths and formats per parameter: formats[i] 1
 * sends params[i] as lengths[i] raw bytes (a bytea without the doubling of hex
 * text), 0 as text. result_format 1 asks for every column in binary (bytea as
 * its bytes, text as its characters).
 */
enum oc_err oc_db_exec_bin(PGconn *conn, const char *sql, int nparams, const char *const *params,
                           const int *lengths, const int *formats, int result_format,
                           PGresult **res);

/* The rows a command of res (INSERT, UPDATE, DELETE ...) touched: PQcmdTuples as a number. */
long oc_db_affected(PGresult *res);

/* The constraint name of this thread's last failed statement, or "". */
const char *oc_db_last_constraint(void);

/* BEGIN, COMMIT and ROLLBACK through oc_db_exec. */
enum oc_err oc_db_begin(PGconn *conn);
enum oc_err oc_db_commit(PGconn *conn);
void oc_db_rollback(PGconn *conn);

/* Where a page starts: after the item with this cursor time and id (both NULL on page one). */
struct oc_after {
    const char *time; /* the cursor's "t": microseconds since the epoch, as text */
    const char *id;   /* the cursor's "id": a UUID */
};

/*
 * Runs sql and parses column 0 of row 0 as JSON into *out (caller owns).
 * OC_NOT_FOUND when there is no row; other errors as oc_db_exec.
 */
enum oc_err oc_db_json_row(PGconn *conn, const char *sql, int n, const char *const *params,
                           json_t **out);

/*
 * Runs a page query whose rows are (JSON text, cursor time, cursor id) and
 * which asks for limit + 1 rows. Fills *items with up to limit parsed rows and
 * *next with the cursor {"t", "id"} of the last one when another page
 * follows, else NULL (both owned by the caller).
 */
enum oc_err oc_db_json_page(PGconn *conn, const char *sql, int n, const char *const *params,
                            int limit, json_t **items, json_t **next);

/*
 * A list read a page at a time, newest first (keyset pagination), as constant
 * SQL: OC_SQL_PAGE(ITEM, FROM_WHERE, T, ID, N) selects ITEM (the item's JSON
 * text), the cursor time of the timestamp T and the uuid ID FROM_WHERE (" FROM
 * ... WHERE <filters on $1..$N>"), then appends the cursor predicate on (T,
 * ID), the order and the limit as parameters N+1..N+3. N is a number, 0 to 12.
 */
#define OC_SQL_KEYSET(T, ID, A, B, C)                                                              \
    " AND ($" A "::bigint IS NULL OR (" T ", " ID ") < (timestamptz 'epoch' + $" A                 \
    "::bigint * interval '1 microsecond', $" B "::uuid)) ORDER BY " T " DESC, " ID                 \
    " DESC LIMIT $" C "::int"
#define OC_SQL_KEYSET_0(T, ID)  OC_SQL_KEYSET(T, ID, "1", "2", "3")
#define OC_SQL_KEYSET_1(T, ID)  OC_SQL_KEYSET(T, ID, "2", "3", "4")
#define OC_SQL_KEYSET_2(T, ID)  OC_SQL_KEYSET(T, ID, "3", "4", "5")
#define OC_SQL_KEYSET_3(T, ID)  OC_SQL_KEYSET(T, ID, "4", "5", "6")
#define OC_SQL_KEYSET_4(T, ID)  OC_SQL_KEYSET(T, ID, "5", "6", "7")
#define OC_SQL_KEYSET_5(T, ID)  OC_SQL_KEYSET(T, ID, "6", "7", "8")
#define OC_SQL_KEYSET_6(T, ID)  OC_SQL_KEYSET(T, ID, "7", "8", "9")
#define OC_SQL_KEYSET_7(T, ID)  OC_SQL_KEYSET(T, ID, "8", "9", "10")
#define OC_SQL_KEYSET_8(T, ID)  OC_SQL_KEYSET(T, ID, "9", "10", "11")
#define OC_SQL_KEYSET_9(T, ID)  OC_SQL_KEYSET(T, ID, "10", "11", "12")
#define OC_SQL_KEYSET_10(T, ID) OC_SQL_KEYSET(T, ID, "11", "12", "13")
#define OC_SQL_KEYSET_11(T, ID) OC_SQL_KEYSET(T, ID, "12", "13", "14")
#define OC_SQL_KEYSET_12(T, ID) OC_SQL_KEYSET(T, ID, "13", "14", "15")
#define OC_SQL_PAGE(ITEM, FROM_WHERE, T, ID, N)                                                    \
    "SELECT " ITEM ", ((extract(epoch FROM " T                                                     \
    ") * 1000000)::bigint)::text, " ID FROM_WHERE OC_SQL_KEYSET_##N(T, ID)

/* The most filter parameters a page query may take. */
#define OC_PAGE_FILTERS_MAX 12

/*
 * Reads the page of sql (made by OC_SQL_PAGE with n filters) after after,
 * appending the cursor's two parameters and the limit to the n filters, as
 * oc_db_json_page does.
 */
enum oc_err oc_db_page(PGconn *conn, const char *sql, const char *const *filters, int n,
                       const struct oc_after *after, int limit, json_t **items, json_t **next);

/* oc_db_page with the number of filters taken from the array filters. */
#define OC_DB_PAGE(conn, sql, filters, after, limit, items, next)                                  \
    oc_db_page((conn), (sql), (filters), (int)(sizeof(filters) / sizeof((filters)[0])), (after),   \
               (limit), (items), (next))

/* Returns 1 when a short "SELECT 1" succeeds through the pool. */
int oc_db_ping(struct oc_db_pool *pool);

#endif
