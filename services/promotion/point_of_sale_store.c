#include "promotion/point_of_sale_store.h"

#include <stdio.h>

#include "promotion/point_of_sale.h"
#include "promotion/store_util.h"

#define POINT_OF_SALE_JSON                                                                         \
    "json_build_object('id', s.id, 'name', s.name, 'location_type', s.location_type,"              \
    " 'operator', s.operator, 'address', s.address, 'commune_code', s.commune_code,"               \
    " 'current_commune_code', (SELECT cm.current_code FROM communes cm"                            \
    " WHERE cm.code = s.commune_code), 'status', s.status, 'notes', s.notes,"                      \
    " 'products_listed', (SELECT count(*) FROM listings l WHERE l.point_of_sale_id = s.id"         \
    " AND l.status = 'listed'), 'version', s.version,"                                             \
    " 'created_at', " SQL_TS("s.created_at") ", 'updated_at', " SQL_TS("s.updated_at") ")::text"

#define LISTING_JSON                                                                               \
    "json_build_object('id', l.id, 'point_of_sale_id', l.point_of_sale_id,"                        \
    " 'product_id', l.product_id, 'point_of_sale', json_build_object('id', s.id,"                  \
    " 'name', s.name, 'location_type', s.location_type, 'commune_code', s.commune_code),"          \
    " 'product', json_build_object('id', pr.product_id, 'code', pr.code, 'name', pr.name),"        \
    " 'status', l.status, 'reason', l.reason, 'cause_event_id', l.cause_event_id,"                 \
    " 'listed_at', " SQL_TS("l.listed_at") ", 'delisted_at', " SQL_TS(                             \
        "l.delisted_at") ","                                                                       \
                         " 'version', l.version)::text"
#define LISTING_JOIN                                                                               \
    " JOIN points_of_sale s ON s.id = l.point_of_sale_id"                                          \
    " JOIN products pr ON pr.product_id = l.product_id"

static const char SQL_POS_INSERT[] =
    "WITH s AS (INSERT INTO points_of_sale (name, location_type, operator, address, commune_code,"
    " status, notes) VALUES ($1, $2, $3, $4, $5, coalesce($6, 'open'), $7) RETURNING *)"
    " SELECT " POINT_OF_SALE_JSON " FROM s";
static const char SQL_POS_GET[] = SQL_BY_ID(POINT_OF_SALE_JSON, "points_of_sale s", "s");
static const char SQL_POS_LOCK[] =
    SQL_BY_ID(POINT_OF_SALE_JSON, "points_of_sale s", "s") " FOR UPDATE";
static const char SQL_POS_SHARE[] =
    SQL_BY_ID(POINT_OF_SALE_JSON, "points_of_sale s", "s") " FOR SHARE";
static const char SQL_POS_UPDATE[] =
    "UPDATE points_of_sale SET name = $2, location_type = $3, operator = $4, address = $5,"
    " commune_code = $6, status = $7, notes = $8, version = version + 1, updated_at = now()"
    " WHERE id = $1::uuid";
static const char SQL_COMMUNE_KNOWN[] = "SELECT 1 FROM communes WHERE code = $1";
/* clang-format off */
static const char POINT_OF_SALE_PAGE[] =
    OC_SQL_PAGE(POINT_OF_SALE_JSON,
                " FROM points_of_sale s"
    " WHERE ($1::text IS NULL OR s.location_type = $1)"
    " AND ($2::text IS NULL OR s.commune_code = $2 OR EXISTS (SELECT 1 FROM communes cm"
    "      WHERE cm.code = s.commune_code AND cm.current_code = $2))"
    " AND ($3::text IS NULL OR s.status = $3)"
    " AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM listings l WHERE l.point_of_sale_id = s.id"
    "      AND l.product_id = $4::uuid AND l.status = 'listed'))",
                "s.created_at", "s.id", 4);
/* clang-format on */
static const char SQL_LI_INSERT[] =
    "WITH l AS (INSERT INTO listings (point_of_sale_id, product_id) VALUES ($1::uuid, $2::uuid)"
    " RETURNING *) SELECT " LISTING_JSON " FROM l" LISTING_JOIN;
static const char SQL_LI_GET[] = SQL_BY_ID(LISTING_JSON, "listings l" LISTING_JOIN, "l");
static const char SQL_LI_LOCK_CURRENT[] =
    "SELECT " LISTING_JSON " FROM listings l" LISTING_JOIN " WHERE l.point_of_sale_id = $1::uuid"
    " AND l.product_id = $2::uuid AND l.status = 'listed' FOR UPDATE OF l";
static const char SQL_LI_DELIST[] =
    "WITH d AS (UPDATE listings SET status = 'delisted', reason = $3, cause_event_id = $4,"
    " delisted_at = now(), version = version + 1 WHERE status = 'listed'"
    " AND ($1::uuid IS NULL OR point_of_sale_id = $1::uuid)"
    " AND ($2::uuid IS NULL OR product_id = $2::uuid) AND ($1::uuid IS NOT NULL OR"
    " $2::uuid IS NOT NULL) RETURNING id)"
    " SELECT coalesce(json_agg(d.id ORDER BY d.id), '[]')::text FROM d";
static const char LISTING_PAGE[] = OC_SQL_PAGE(
    LISTING_JSON,
    " FROM listings l" LISTING_JOIN " WHERE ($1::uuid IS NULL OR l.point_of_sale_id = $1::uuid)"
    " AND ($2::uuid IS NULL OR l.product_id = $2::uuid) AND ($3::text IS NULL OR l.status = $3)",
    "l.listed_at", "l.id", 3);

const struct resource_sql point_of_sale_sql = {
    .fields = point_of_sale_fields,
    .n = POINT_OF_SALE_N,
    .insert = SQL_POS_INSERT,
    .get = SQL_POS_GET,
    .lock = SQL_POS_LOCK,
    .share = SQL_POS_SHARE,
    .update = SQL_POS_UPDATE,
};

enum oc_err point_of_sale_store_get(PGconn *conn, const char *id, json_t **out)
{
    return resource_store_get(conn, &point_of_sale_sql, id, out);
}

enum oc_err point_of_sale_store_commune_known(PGconn *conn, const char *code, int *known)
{
    const char *params[] = {code};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_COMMUNE_KNOWN, 1, params, &res);
    *known = rc == OC_OK && PQntuples(res) > 0;
    PQclear(res);
    return rc;
}

enum oc_err point_of_sale_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                     int limit, json_t **items, json_t **next)
{
    const struct point_of_sale_filter *f = filter;
    const char *params[] = {f->location_type, f->commune, f->status, f->product_id};
    return OC_DB_PAGE(conn, POINT_OF_SALE_PAGE, params, after, limit, items, next);
}

enum oc_err point_of_sale_listing_store_insert(PGconn *conn, const char *point_of_sale_id,
                                               const char *product_id, json_t **out)
{
    const char *params[] = {point_of_sale_id, product_id};
    return oc_db_json_row(conn, SQL_LI_INSERT, 2, params, out);
}

enum oc_err point_of_sale_listing_store_lock_current(PGconn *conn, const char *point_of_sale_id,
                                                     const char *product_id, json_t **out)
{
    const char *params[] = {point_of_sale_id, product_id};
    return oc_db_json_row(conn, SQL_LI_LOCK_CURRENT, 2, params, out);
}

enum oc_err point_of_sale_listing_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_LI_GET, 1, params, out);
}

enum oc_err point_of_sale_listing_store_delist(PGconn *conn, const struct delist_scope *scope,
                                               json_t **out)
{
    const char *params[] = {scope->point_of_sale_id, scope->product_id, scope->reason,
                            scope->cause_event_id};
    return oc_db_json_row(conn, SQL_LI_DELIST, 4, params, out);
}

enum oc_err point_of_sale_listing_store_list(PGconn *conn, const void *filter,
                                             const struct oc_after *after, int limit,
                                             json_t **items, json_t **next)
{
    const struct point_of_sale_listing_filter *f = filter;
    const char *params[] = {f->point_of_sale_id, f->product_id, f->status};
    return OC_DB_PAGE(conn, LISTING_PAGE, params, after, limit, items, next);
}
