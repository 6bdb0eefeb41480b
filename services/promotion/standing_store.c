#include "promotion/standing_store.h"

#include <stdio.h>

#include "common/db.h"

static const char SQL_CERTIFICATE_APPLY[] =
    "INSERT INTO certificates AS c (certificate_id, product_id, number, status, stars, issued_on,"
    " expires_on, reason, event_time, event_id, in_force_since)"
    " VALUES ($1, $2::uuid, $3, $4::text, $5::int, $6::date, $7::date, $8, $9::timestamptz, $10,"
    " CASE WHEN $4::text IN ('valid', 'expiring') THEN $9::timestamptz END)"
    " ON CONFLICT (certificate_id) DO UPDATE SET product_id = EXCLUDED.product_id,"
    " number = coalesce(EXCLUDED.number, c.number), status = EXCLUDED.status,"
    " stars = EXCLUDED.stars, issued_on = coalesce(EXCLUDED.issued_on, c.issued_on),"
    " expires_on = coalesce(EXCLUDED.expires_on, c.expires_on), reason = EXCLUDED.reason,"
    " event_time = EXCLUDED.event_time, event_id = EXCLUDED.event_id,"
    " in_force_since = CASE WHEN EXCLUDED.in_force_since IS NOT NULL"
    " AND c.status NOT IN ('valid', 'expiring') THEN EXCLUDED.in_force_since"
    " ELSE c.in_force_since END, updated_at = now()"
    " WHERE c.event_time < EXCLUDED.event_time RETURNING certificate_id";
static const char SQL_INSPECTION_APPLY[] =
    "INSERT INTO inspections AS i (inspection_id, product_id, outcome, kind, inspected_on,"
    " event_time, event_id) VALUES ($1, $2::uuid, $3, $4, $5::date, $6::timestamptz, $7)"
    " ON CONFLICT (inspection_id) DO UPDATE SET product_id = EXCLUDED.product_id,"
    " outcome = EXCLUDED.outcome, kind = EXCLUDED.kind, inspected_on = EXCLUDED.inspected_on,"
    " event_time = EXCLUDED.event_time, event_id = EXCLUDED.event_id, updated_at = now()"
    " WHERE i.event_time < EXCLUDED.event_time RETURNING inspection_id";
static const char SQL_PRODUCT_LOCK[] =
    "SELECT 1 FROM products WHERE product_id = $1::uuid FOR UPDATE";
static const char SQL_PRODUCT_SHARE[] =
    "SELECT 1 FROM products WHERE product_id = $1::uuid FOR SHARE";

/* Runs an upsert that returns a row only when it wrote. */
static enum oc_err upsert(PGconn *conn, const char *sql, int n, const char *const *params,
                          int *applied)
{
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, sql, n, params, &res);
    *applied = rc == OC_OK && PQntuples(res) > 0;
    PQclear(res);
    return rc;
}

enum oc_err standing_store_certificate(PGconn *conn, const struct certificate_fact *f,
                                       const char *event_time, const char *event_id, int *applied)
{
    char stars[8];
    snprintf(stars, sizeof(stars), "%lld", f->stars);
    const char *params[] = {f->certificate_id, f->product_id, f->number, f->status,  stars,
                            f->issued_on,      f->expires_on, f->reason, event_time, event_id};
    return upsert(conn, SQL_CERTIFICATE_APPLY, 10, params, applied);
}

enum oc_err standing_store_inspection(PGconn *conn, const struct inspection_fact *f,
                                      const char *event_time, const char *event_id, int *applied)
{
    const char *params[] = {f->inspection_id, f->product_id, f->outcome, f->kind,
                            f->inspected_on,  event_time,    event_id};
    return upsert(conn, SQL_INSPECTION_APPLY, 7, params, applied);
}

enum oc_err standing_store_lock(PGconn *conn, const char *product_id, int exclusive, int *found)
{
    const char *params[] = {product_id};
    PGresult *res = NULL;
    enum oc_err rc =
        oc_db_exec(conn, exclusive ? SQL_PRODUCT_LOCK : SQL_PRODUCT_SHARE, 1, params, &res);
    *found = rc == OC_OK && PQntuples(res) > 0;
    PQclear(res);
    return rc;
}
