#include "evaluation/market_finding_store.h"

#include "common/sql.h"

/* clang-format off */
#define SQL_CREATED_AT                                                                             \
    SQL_TS("f.created_at")

#define SQL_FINDING_JSON                                                                           \
    "json_build_object('id', f.id, 'found_on', f.found_on, 'place', f.place,"                      \
    " 'commune_code', f.commune_code, 'product_name', f.product_name,"                             \
    " 'producer_name', f.producer_name, 'shown', json_build_object('ocop_mark',"                   \
    " f.ocop_mark_shown, 'stars_claimed', f.stars_claimed, 'note', f.shown_note),"                 \
    " 'product', CASE WHEN p.product_id IS NOT NULL THEN json_build_object('id', p.product_id,"    \
    " 'code', p.code, 'name', p.name) END, 'evidence_notes', f.evidence_notes,"                    \
    " 'photo_reference', f.photo_reference, 'action_taken', f.action_taken,"                       \
    " 'inspecting_body', f.inspecting_body, 'actor', f.actor, 'version', f.version,"               \
    " 'created_at', " SQL_CREATED_AT ")::text"
#define SQL_FINDING_FROM " LEFT JOIN products p ON p.product_id = f.product_id"

static const char SQL_PRODUCT[] =
    "SELECT json_build_object('known', EXISTS (SELECT 1 FROM products WHERE product_id = $1::uuid),"
    " 'certified', EXISTS (SELECT 1 FROM certificates WHERE product_id = $1::uuid"
    " AND status IN ('valid', 'expiring', 'suspended')))::text";
static const char SQL_INSERT[] =
    "WITH f AS (INSERT INTO market_findings (found_on, place, commune_code, product_name,"
    " producer_name, ocop_mark_shown, stars_claimed, shown_note, product_id, evidence_notes,"
    " photo_reference, action_taken, inspecting_body, actor) VALUES ($1::date, $2, $3, $4, $5,"
    " $6::boolean, $7::smallint, $8, $9::uuid, $10, $11, $12, $13, $14) RETURNING *) "
    "SELECT " SQL_FINDING_JSON " FROM f" SQL_FINDING_FROM;
static const char SQL_GET[] = "SELECT " SQL_FINDING_JSON " FROM market_findings f" SQL_FINDING_FROM
                              " WHERE f.id = $1::uuid";
static const char SQL_LIST[] = OC_SQL_PAGE(
    SQL_FINDING_JSON,
    " FROM market_findings f" SQL_FINDING_FROM
    " WHERE ($1::int IS NULL OR extract(year FROM f.found_on) = $1::int)"
    " AND ($2::uuid IS NULL OR f.product_id = $2::uuid)",
    "f.created_at", "f.id", 2);
/* clang-format on */

enum oc_err market_finding_store_product(PGconn *conn, const char *product_id, json_t **out)
{
    const char *params[] = {product_id};
    return oc_db_json_row(conn, SQL_PRODUCT, 1, params, out);
}

enum oc_err market_finding_store_insert(PGconn *conn, const struct market_finding_input *in,
                                        json_t **view)
{
    struct oc_field_param buf[MARKET_FINDING_N];
    const char *params[MARKET_FINDING_N + 1];
    oc_fields_params(market_finding_fields, MARKET_FINDING_N, in->m, buf, params);
    params[MARKET_FINDING_N] = in->actor; /* $14 */
    return oc_db_json_row(conn, SQL_INSERT, MARKET_FINDING_N + 1, params, view);
}

enum oc_err market_finding_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_GET, 1, params, out);
}

enum oc_err market_finding_store_list(PGconn *conn, const void *filter,
                                      const struct oc_after *after, int limit, json_t **items,
                                      json_t **next)
{
    const struct market_finding_filter *f = filter;
    const char *params[] = {f->year, f->product_id};
    return OC_DB_PAGE(conn, SQL_LIST, params, after, limit, items, next);
}
