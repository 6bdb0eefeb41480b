#include "promotion/listing_store.h"

#include <stdio.h>

#include "common/db.h"
#include "promotion/store_util.h"

static const char SQL_LISTING_UPSERT[] =
    "INSERT INTO products (product_id, code, name, name_search, producer_id, producer_type,"
    " producer_public_name, sector, criteria_set, commune_code, version, source_event_id)"
    " VALUES ($1, $2, $3, lower(public.unaccent($3)), $4, $5,"
    " CASE WHEN EXISTS (SELECT 1 FROM producers WHERE producer_id = $4::uuid)"
    " THEN (SELECT public_name FROM producers WHERE producer_id = $4::uuid) ELSE $6 END,"
    " $7, NULLIF($8, '0')::int, $9, $10::bigint, $11)"
    " ON CONFLICT (product_id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name,"
    " name_search = EXCLUDED.name_search, producer_type = EXCLUDED.producer_type,"
    " producer_public_name = EXCLUDED.producer_public_name, sector = EXCLUDED.sector,"
    " criteria_set = EXCLUDED.criteria_set, commune_code = EXCLUDED.commune_code,"
    " version = EXCLUDED.version, source_event_id = EXCLUDED.source_event_id,"
    " updated_at = now() WHERE products.version < EXCLUDED.version";
/* Marks ($2 a date) or clears ($2 NULL) a product's potential 5 stars. */
static const char SQL_POTENTIAL[] =
    "UPDATE products SET potential_5_star_since = $2::date, updated_at = now()"
    " WHERE product_id = $1::uuid AND potential_5_star_since IS DISTINCT FROM $2::date";
static const char SQL_PRODUCER_UPSERT[] =
    "INSERT INTO producers (producer_id, producer_type, public_name, version)"
    " VALUES ($1, $2, $3, $4::bigint) ON CONFLICT (producer_id) DO UPDATE SET"
    " producer_type = EXCLUDED.producer_type, public_name = EXCLUDED.public_name,"
    " version = EXCLUDED.version, updated_at = now()"
    " WHERE producers.version < EXCLUDED.version";
static const char SQL_PRODUCER_SPREAD[] =
    "UPDATE products SET producer_public_name = p.public_name, updated_at = now()"
    " FROM producers p WHERE p.producer_id = $1 AND products.producer_id = p.producer_id"
    " AND products.producer_public_name IS DISTINCT FROM p.public_name";

#define PRODUCT_FROM                                                                               \
    " FROM products p JOIN product_standing s ON s.product_id = p.product_id"                      \
    " LEFT JOIN communes cm ON cm.code = p.commune_code"

static const char SQL_LISTING_GET[] =
    "SELECT json_build_object('id', p.product_id, 'code', p.code, 'name', p.name,"
    " 'producer', json_build_object('id', p.producer_id, 'type', p.producer_type,"
    " 'public_name', p.producer_public_name), 'sector', p.sector, 'criteria_set', p.criteria_set,"
    " 'commune_code', p.commune_code, 'current_commune_code', cm.current_code,"
    " 'potential_5_star', CASE WHEN p.potential_5_star_since IS NOT NULL THEN"
    " json_build_object('since', p.potential_5_star_since) END,"
    " 'certificate', CASE WHEN s.certificate_id IS NOT NULL THEN json_build_object("
    " 'id', s.certificate_id, 'number', s.number, 'status', s.status, 'stars', s.stars,"
    " 'issued_on', s.issued_on, 'valid_until', s.valid_until, 'reason', s.certificate_reason) END,"
    " 'latest_inspection', CASE WHEN s.inspection_id IS NOT NULL THEN json_build_object("
    " 'id', s.inspection_id, 'kind', s.inspection_kind, 'outcome', s.outcome,"
    " 'inspected_on', s.inspected_on, 'outstanding', s.block_inspection_id IS NOT NULL) END,"
    " 'last_reaction', (SELECT json_build_object('cause_event_id', r.cause_event_id,"
    " 'cause_type', r.cause_type, 'reason', r.reason,"
    " 'linkages_suspended', r.linkages_suspended,"
    " 'participations_withdrawn', r.participations_withdrawn,"
    " 'listings_delisted', r.listings_delisted, 'at', " SQL_TS(
        "r.at") ")"
                " FROM reactions r WHERE r.product_id = p.product_id ORDER BY r.id DESC LIMIT 1),"
                " 'registry_version', p.version, 'first_seen_at', " SQL_TS(
                    "p.first_seen_at") ")::text" PRODUCT_FROM " WHERE p.product_id = $1::uuid";

/*
 * Promotable on day $1: the same rule as standing_check (standing.c). Its first
 * three terms are those of the partial index product_standing_promotable
 * (migration 0007), which serves the catalogue's order.
 */
#define SQL_PROMOTABLE                                                                             \
    "s.status IN ('valid', 'expiring') AND s.stars >= 3 AND s.block_inspection_id IS NULL"         \
    " AND s.valid_until >= $1::date AND s.issued_on <= $1::date"

/* clang-format off */
/*
 * The JSON of a page's products, in the page's order, from a CTE "page" of their ids. Each
 * is looked up on its own (the OFFSET 0 keeps the subquery from being joined as a whole:
 * a generic plan, which does not know the page's size, chose hash joins that read every
 * product, and a page at 100 k products cost 4 times one at 1 k).
 */
#define CATALOGUE_PAGE_JSON                                                                        \
    " SELECT x.j::text, page.stars::text, page.product_id FROM page CROSS JOIN LATERAL"             \
    " (SELECT json_build_object('id', p.product_id, 'code', p.code, 'name', p.name,"               \
    " 'producer', json_build_object('type', p.producer_type,"                                      \
    " 'public_name', p.producer_public_name), 'sector', p.sector, 'criteria_set', p.criteria_set," \
    " 'commune_code', p.commune_code, 'current_commune_code', cm.current_code,"                    \
    " 'stars', s.stars, 'certificate', json_build_object('number', s.number,"                      \
    " 'issued_on', s.issued_on, 'valid_until', s.valid_until)) AS j"                                \
    " FROM products p JOIN product_standing s ON s.product_id = p.product_id"                      \
    " LEFT JOIN communes cm ON cm.code = p.commune_code"                                           \
    " WHERE p.product_id = page.product_id OFFSET 0) x"                                            \
    " ORDER BY page.stars DESC, page.product_id DESC"

/*
 * A catalogue page: the page's products are chosen first, by their ids only
 * (the partial index product_standing_promotable serves the order), and only
 * they are joined again and turned into JSON, so a page costs a page whatever
 * the number of products promotion knows. A cursor's stars ($6, up to 19 client
 * digits) are clamped before the cast to int: stars are 1..5.
 */
static const char SQL_CATALOGUE[] =
    "WITH page AS (SELECT s.product_id, s.stars" PRODUCT_FROM " WHERE " SQL_PROMOTABLE
    " AND ($2::int IS NULL OR s.stars = $2::int) AND ($3::text IS NULL OR p.sector = $3)"
    " AND ($4::text IS NULL OR p.commune_code = $4 OR cm.current_code = $4)"
    " AND ($5::text IS NULL OR p.name_search LIKE " SQL_CONTAINS("$5") ")"
    " AND ($6::numeric IS NULL OR (s.stars, s.product_id) < (least($6::numeric, 6)::int, $7::uuid))"
    " ORDER BY s.stars DESC, s.product_id DESC LIMIT $8::int)" CATALOGUE_PAGE_JSON;

/*
 * The same without filters, the common case, as a statement of its own: the optional
 * filters above leave PostgreSQL's generic plan of a prepared statement (used from the
 * sixth execution on) unable to rely on the index's order, and at a few thousand products
 * it read every promotable one and sorted them (3.4 ms a page instead of 0.2 ms). Here the
 * cursor is a plain bound, ($2, $3) or (6, the greatest uuid) on the first page.
 */
static const char SQL_CATALOGUE_ALL[] =
    "WITH page AS (SELECT s.product_id, s.stars" PRODUCT_FROM " WHERE " SQL_PROMOTABLE
    " AND (s.stars, s.product_id) < (least(coalesce($2::numeric, 6), 6)::int,"
    " coalesce($3::uuid, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))"
    " ORDER BY s.stars DESC, s.product_id DESC LIMIT $4::int)" CATALOGUE_PAGE_JSON;
/* clang-format on */

enum oc_err listing_store_product(PGconn *conn, const struct oc_product_registered *p,
                                  const char *public_name, const char *event_id)
{
    char version[24], set[8];
    snprintf(version, sizeof(version), "%lld", p->version);
    snprintf(set, sizeof(set), "%lld", p->criteria_set);
    const char *params[] = {p->product_id,    p->code,     p->name,   p->producer_id,
                            p->producer_type, public_name, p->sector, set,
                            p->commune_code,  version,     event_id};
    return oc_db_exec(conn, SQL_LISTING_UPSERT, 11, params, NULL);
}

enum oc_err listing_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_LISTING_GET, 1, params, out);
}

enum oc_err listing_store_producer(PGconn *conn, const struct oc_producer_registered *p,
                                   const char *public_name)
{
    char version[24];
    snprintf(version, sizeof(version), "%lld", p->version);
    const char *params[] = {p->producer_id, p->type, public_name, version};
    enum oc_err rc = oc_db_exec(conn, SQL_PRODUCER_UPSERT, 4, params, NULL);
    if (rc == OC_OK)
        rc = oc_db_exec(conn, SQL_PRODUCER_SPREAD, 1, params, NULL);
    return rc;
}

enum oc_err listing_store_catalogue(PGconn *conn, const void *filter, const struct oc_after *after,
                                    int limit, json_t **items, json_t **next)
{
    const struct catalogue_filter *f = filter;
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", limit + 1);
    if (f->stars == NULL && f->sector == NULL && f->commune == NULL && f->q == NULL) {
        const char *params[] = {f->today, after->time, after->id, lim};
        return oc_db_json_page(conn, SQL_CATALOGUE_ALL, 4, params, limit, items, next);
    }
    const char *params[] = {f->today, f->stars,    f->sector, f->commune,
                            f->q,     after->time, after->id, lim};
    return oc_db_json_page(conn, SQL_CATALOGUE, 8, params, limit, items, next);
}

enum oc_err listing_store_potential(PGconn *conn, const char *product_id, const char *since)
{
    const char *params[] = {product_id, since};
    return oc_db_exec(conn, SQL_POTENTIAL, 2, params, NULL);
}
