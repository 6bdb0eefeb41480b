#include "notification/open_data_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

#define SQL_TS(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static const char SQL_LOCK[] =
    "SELECT pg_advisory_xact_lock(hashtext('ocop.notification.open_data'))";

static const char SQL_HAS[] = "SELECT 1 FROM open_data_snapshots WHERE day = $1::date";

/*
 * The products of the public catalogue on day $1, mirroring promotion's rule
 * (listing_store.c SQL_PROMOTABLE over its product_standing view, migration
 * 0003): each known product's current certificate is its latest issued one
 * (then the one put in force last, then the greatest id); it must be valid or
 * expiring, of 3 stars or more, issued on or before $1 and expiring on or
 * after it, and no recall, suspension or revocation found by the product's
 * newest inspection may be outstanding since the certificate was last put in
 * force. Only public fields.
 */
static const char SQL_PRODUCTS[] =
    "SELECT coalesce(json_agg(x ORDER BY x.product_code, x.number), '[]')::text FROM ("
    " SELECT c.number, c.product_code, p.name AS product_name,"
    " r.public_name AS producer_public_name, p.sector, p.commune_code, c.stars, c.level,"
    " c.decision_number, c.issued_on, c.expires_on,"
    " CASE WHEN c.status = 'valid' AND c.expires_on - $1::date <= $2::int THEN 'expiring'"
    " ELSE c.status END AS status"
    " FROM products p CROSS JOIN LATERAL (SELECT c.*, f.in_force_since FROM certificates c"
    " LEFT JOIN public_certificate_force f ON f.certificate_id = c.certificate_id"
    " WHERE c.product_id = p.product_id ORDER BY c.issued_on DESC,"
    " f.in_force_since DESC NULLS LAST, c.certificate_id DESC LIMIT 1) c"
    " LEFT JOIN LATERAL (SELECT i.outcome, i.event_time FROM public_inspections i"
    " WHERE i.product_id = p.product_id ORDER BY i.event_time DESC, i.inspection_id DESC"
    " LIMIT 1) i ON true"
    " LEFT JOIN producers r ON r.producer_id = p.producer_id"
    " WHERE c.status IN ('valid', 'expiring') AND c.stars >= 3 AND c.issued_on <= $1::date"
    " AND c.expires_on >= $1::date AND NOT coalesce(i.outcome IN ('recall', 'suspension',"
    " 'revocation') AND c.in_force_since IS NOT NULL AND i.event_time > c.in_force_since, false)"
    ") x";

static const char SQL_REVOCATIONS[] =
    "SELECT coalesce(json_agg(x ORDER BY x.changed_on DESC NULLS LAST, x.number), '[]')::text"
    " FROM (SELECT c.number, c.product_code, c.status, c.changed_on, c.reason, c.change_decision"
    " FROM certificates c WHERE c.status IN ('revoked', 'suspended')) x";

static const char SQL_SNAPSHOT[] = "INSERT INTO open_data_snapshots (day, products, revocations) "
                                   "VALUES ($1::date, $2::int, $3::int)";

static const char SQL_FILE_ADD[] =
    "INSERT INTO open_data_files (day, name, media_type, content, sha256, bytes, created_at)"
    " SELECT $1::date, $2, $3, $4, encode(sha256(convert_to($4, 'UTF8')), 'hex'),"
    " octet_length(convert_to($4, 'UTF8')), s.created_at FROM open_data_snapshots s"
    " WHERE s.day = $1::date";

static const char SQL_FILE[] =
    "SELECT content, sha256, media_type, floor(extract(epoch FROM created_at))::bigint"
    " FROM open_data_files WHERE day = $1::date AND name = $2";

#define FILES_JSON(day)                                                                            \
    "(SELECT json_agg(json_build_object('name', f.name, 'media_type', f.media_type,"               \
    " 'bytes', f.bytes, 'sha256', f.sha256, 'path', '/v1/open-data/snapshots/' ||"                 \
    " to_char(f.day, 'YYYY-MM-DD') || '/' || f.name) ORDER BY f.name DESC)"                        \
    " FROM open_data_files f WHERE f.day = " day ")"

#define SNAPSHOT_JSON                                                                              \
    "json_build_object('date', to_char(s.day, 'YYYY-MM-DD'), 'created_at', " SQL_TS(               \
        "s.created_at") ", 'products', s.products, 'revocations', s.revocations,"                  \
                        " 'files', " FILES_JSON("s.day") ")"

static const char SQL_LATEST[] = "SELECT " SNAPSHOT_JSON "::text FROM open_data_snapshots s"
                                 " ORDER BY s.day DESC LIMIT 1";

static const char SQL_LIST[] =
    "SELECT " SNAPSHOT_JSON "::text, (s.day - date '1970-01-01')::text, s.snapshot_id::text"
    " FROM open_data_snapshots s WHERE ($1::bigint IS NULL OR (s.day - date '1970-01-01') < "
    "$1::bigint)"
    " ORDER BY s.day DESC LIMIT $2::int";

enum oc_err open_data_store_lock(PGconn *conn)
{
    return oc_db_exec(conn, SQL_LOCK, 0, NULL, NULL);
}

enum oc_err open_data_store_has(PGconn *conn, const char *day, int *found)
{
    PGresult *res = NULL;
    const char *params[] = {day};
    enum oc_err rc = oc_db_exec(conn, SQL_HAS, 1, params, &res);
    *found = rc == OC_OK && PQntuples(res) > 0;
    PQclear(res);
    return rc;
}

/* Runs sql (one row, one JSON array column) into *out. */
static enum oc_err json_array_of(PGconn *conn, const char *sql, int n, const char *const *params,
                                 json_t **out)
{
    enum oc_err rc = oc_db_json_row(conn, sql, n, params, out);
    if (rc == OC_OK && !json_is_array(*out)) {
        json_decref(*out);
        *out = NULL;
        rc = OC_INTERNAL;
    }
    return rc;
}

enum oc_err open_data_store_rows(PGconn *conn, const char *day, int expiring_days,
                                 json_t **products, json_t **revocations)
{
    char days[16];
    snprintf(days, sizeof(days), "%d", expiring_days);
    const char *params[] = {day, days};
    *products = *revocations = NULL;
    enum oc_err rc = json_array_of(conn, SQL_PRODUCTS, 2, params, products);
    if (rc == OC_OK)
        rc = json_array_of(conn, SQL_REVOCATIONS, 0, NULL, revocations);
    if (rc != OC_OK) {
        json_decref(*products);
        *products = NULL;
    }
    return rc;
}

enum oc_err open_data_store_snapshot(PGconn *conn, const char *day, size_t products,
                                     size_t revocations)
{
    char np[24], nr[24];
    snprintf(np, sizeof(np), "%zu", products);
    snprintf(nr, sizeof(nr), "%zu", revocations);
    const char *params[] = {day, np, nr};
    return oc_db_exec(conn, SQL_SNAPSHOT, 3, params, NULL);
}

enum oc_err open_data_store_file_add(PGconn *conn, const char *day, const char *name,
                                     const char *media_type, const char *content)
{
    const char *params[] = {day, name, media_type, content};
    return oc_db_exec(conn, SQL_FILE_ADD, 4, params, NULL);
}

enum oc_err open_data_store_file(PGconn *conn, const char *day, const char *name,
                                 struct open_data_stored *out)
{
    PGresult *res = NULL;
    const char *params[] = {day, name};
    memset(out, 0, sizeof(*out));
    enum oc_err rc = oc_db_exec(conn, SQL_FILE, 2, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    if (rc == OC_OK) {
        out->len = (size_t)PQgetlength(res, 0, 0);
        out->content = oc_xmalloc(out->len + 1);
        memcpy(out->content, PQgetvalue(res, 0, 0), out->len + 1);
        snprintf(out->sha256, sizeof(out->sha256), "%s", PQgetvalue(res, 0, 1));
        snprintf(out->media_type, sizeof(out->media_type), "%s", PQgetvalue(res, 0, 2));
        out->created_at = (time_t)strtoll(PQgetvalue(res, 0, 3), NULL, 10);
    }
    PQclear(res);
    return rc;
}

enum oc_err open_data_store_latest(PGconn *conn, json_t **out)
{
    return oc_db_json_row(conn, SQL_LATEST, 0, NULL, out);
}

enum oc_err open_data_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                 int limit, json_t **items, json_t **next)
{
    char lim[16];
    (void)filter;
    snprintf(lim, sizeof(lim), "%d", limit + 1);
    const char *params[] = {after->time, lim};
    return oc_db_json_page(conn, SQL_LIST, 2, params, limit, items, next);
}
