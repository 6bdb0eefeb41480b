#include "evaluation/inspection_plan_store.h"

#include <stdio.h>

#include "common/sql.h"

/* clang-format off */
#define SQL_CREATED_AT                                                                             \
    SQL_TS("t.created_at")

/* A plan item t, its product p or producer pr, and m, the first inspection in its window. */
#define SQL_ITEM_FROM                                                                              \
    " LEFT JOIN products p ON p.product_id = t.product_id"                                         \
    " LEFT JOIN producers pr ON pr.producer_id = t.producer_id"                                    \
    " LEFT JOIN LATERAL (SELECT i.id FROM inspections i"                                           \
    "   WHERE i.inspected_on BETWEEN t.planned_from AND t.planned_to"                              \
    "   AND (i.product_id = t.product_id OR i.product_id IN"                                       \
    "     (SELECT q.product_id FROM products q WHERE q.producer_id = t.producer_id))"              \
    "   ORDER BY i.inspected_on, i.created_at, i.id LIMIT 1) m ON true"

/* The item's state on $1 (inspection_plan.h). */
#define SQL_ITEM_STATUS                                                                            \
    "(CASE WHEN t.cancelled THEN 'cancelled' WHEN m.id IS NOT NULL THEN 'done'"                    \
    " WHEN t.planned_to < $1::date THEN 'missed' ELSE 'planned' END)"

#define SQL_ITEM_JSON                                                                              \
    "json_build_object('id', t.id, 'year', t.year,"                                                \
    " 'product', CASE WHEN p.product_id IS NOT NULL THEN"                                          \
    "   json_build_object('id', p.product_id, 'code', p.code, 'name', p.name) END,"                \
    " 'producer', CASE WHEN pr.producer_id IS NOT NULL THEN"                                       \
    "   json_build_object('id', pr.producer_id, 'name', pr.name,"                                  \
    "   'commune_code', pr.commune_code) END,"                                                     \
    " 'planned_from', t.planned_from, 'planned_to', t.planned_to,"                                 \
    " 'inspecting_body', t.inspecting_body, 'place', t.place, 'kind', t.kind, 'note', t.note,"     \
    " 'status', " SQL_ITEM_STATUS ", 'inspection_id', m.id,"                                       \
    " 'cancelled_reason', t.cancelled_reason, 'actor', t.actor, 'version', t.version,"             \
    " 'created_at', " SQL_CREATED_AT ")::text"

static const char SQL_TARGET[] =
    "SELECT json_build_object("
    " 'product', EXISTS (SELECT 1 FROM products WHERE product_id = $1::uuid),"
    " 'certified', EXISTS (SELECT 1 FROM certificates WHERE product_id = $1::uuid"
    "   AND status IN ('valid', 'expiring', 'suspended')),"
    " 'producer', EXISTS (SELECT 1 FROM producers WHERE producer_id = $2::uuid))::text";
static const char SQL_INSERT[] =
    "WITH t AS (INSERT INTO inspection_plan_items (year, product_id, producer_id, planned_from,"
    " planned_to, inspecting_body, place, kind, note, actor) VALUES ($2::int, $3::uuid, $4::uuid,"
    " $5::date, $6::date, $7, $8, $9, $10, $11) RETURNING *) "
    "SELECT " SQL_ITEM_JSON " FROM t" SQL_ITEM_FROM;
static const char SQL_LOCK[] =
    "SELECT " SQL_ITEM_JSON " FROM inspection_plan_items t" SQL_ITEM_FROM
    " WHERE t.id = $2::uuid FOR UPDATE OF t";
static const char SQL_CANCEL[] =
    "WITH t AS (UPDATE inspection_plan_items SET cancelled = true, cancelled_reason = $3,"
    " actor = $4, version = version + 1, updated_at = now() WHERE id = $2::uuid RETURNING *) "
    "SELECT " SQL_ITEM_JSON " FROM t" SQL_ITEM_FROM;
static const char SQL_LIST[] = OC_SQL_PAGE(
    SQL_ITEM_JSON,
    " FROM inspection_plan_items t" SQL_ITEM_FROM
    " WHERE t.year = $2::int AND ($3::text IS NULL OR " SQL_ITEM_STATUS " = $3)",
    "t.created_at", "t.id", 3);

/*
 * Coverage of year $2 on $1 (inspection_plan.h): the certificates valid at
 * any time in the year, their products, those inspected in the year, those
 * whose certificates had no inspection by the year's end, and the plan.
 */
static const char SQL_COVERAGE[] =
    "WITH y AS (SELECT make_date($2::int, 1, 1) AS first, make_date($2::int, 12, 31) AS last),"
    " valid AS (SELECT c.id, c.product_id FROM certificates c, y"
    "   WHERE c.issued_on <= y.last AND c.expires_on >= y.first"
    "   AND NOT EXISTS (SELECT 1 FROM certificate_status_changes h WHERE h.certificate_id = c.id"
    "     AND h.to_status IN ('revoked', 'expired', 'superseded') AND h.effective_on < y.first)),"
    " covered AS (SELECT DISTINCT product_id FROM valid),"
    " inspected AS (SELECT DISTINCT i.product_id FROM inspections i, y"
    "   WHERE i.product_id IN (SELECT product_id FROM covered)"
    "   AND i.inspected_on BETWEEN y.first AND y.last),"
    " never AS (SELECT p.product_id, p.code, p.name FROM products p, y"
    "   WHERE p.product_id IN (SELECT product_id FROM covered) AND NOT EXISTS (SELECT 1"
    "   FROM inspections i WHERE i.certificate_id IN (SELECT v.id FROM valid v"
    "   WHERE v.product_id = p.product_id) AND i.inspected_on <= y.last)),"
    " plan AS (SELECT " SQL_ITEM_STATUS " AS s FROM inspection_plan_items t" SQL_ITEM_FROM
    "   WHERE t.year = $2::int) "
    "SELECT json_build_object('year', $2::int,"
    " 'valid_certificates', (SELECT count(*) FROM covered),"
    " 'inspected', (SELECT count(*) FROM inspected),"
    " 'never_inspected', json_build_object('count', (SELECT count(*) FROM never),"
    "   'items', coalesce((SELECT json_agg(json_build_object('id', n.product_id, 'code', n.code,"
    "   'name', n.name) ORDER BY n.name, n.product_id) FROM (SELECT * FROM never"
    "   ORDER BY name, product_id LIMIT $3::int) n), '[]')),"
    " 'planned', (SELECT count(*) FROM plan WHERE s = 'planned'),"
    " 'done', (SELECT count(*) FROM plan WHERE s = 'done'),"
    " 'missed', (SELECT count(*) FROM plan WHERE s = 'missed'),"
    " 'cancelled', (SELECT count(*) FROM plan WHERE s = 'cancelled'))::text";
/* clang-format on */

enum oc_err inspection_plan_store_target(PGconn *conn, const char *product_id,
                                         const char *producer_id, json_t **out)
{
    const char *params[] = {product_id, producer_id};
    return oc_db_json_row(conn, SQL_TARGET, 2, params, out);
}

enum oc_err inspection_plan_store_insert(PGconn *conn, const struct inspection_plan_item_input *in,
                                         const char *today, json_t **view)
{
    /* $1 today, $2 the year, then the members in table order, then the actor */
    char year[16];
    struct oc_field_param buf[INSPECTION_PLAN_ITEM_N];
    const char *params[INSPECTION_PLAN_ITEM_N + 3];
    snprintf(year, sizeof(year), "%d", in->year);
    params[0] = today;
    params[1] = year;
    oc_fields_params(inspection_plan_item_fields, INSPECTION_PLAN_ITEM_N, in->m, buf, params + 2);
    params[INSPECTION_PLAN_ITEM_N + 2] = in->actor;
    return oc_db_json_row(conn, SQL_INSERT, INSPECTION_PLAN_ITEM_N + 3, params, view);
}

enum oc_err inspection_plan_store_lock(PGconn *conn, const char *id, const char *today,
                                       json_t **view)
{
    const char *params[] = {today, id};
    return oc_db_json_row(conn, SQL_LOCK, 2, params, view);
}

enum oc_err inspection_plan_store_cancel(PGconn *conn, const char *id, const char *reason,
                                         const char *actor, const char *today, json_t **view)
{
    const char *params[] = {today, id, reason, actor};
    return oc_db_json_row(conn, SQL_CANCEL, 4, params, view);
}

enum oc_err inspection_plan_store_list(PGconn *conn, const void *filter,
                                       const struct oc_after *after, int limit, json_t **items,
                                       json_t **next)
{
    const struct inspection_plan_filter *f = filter;
    const char *params[] = {f->today, f->year, f->status};
    return OC_DB_PAGE(conn, SQL_LIST, params, after, limit, items, next);
}

enum oc_err inspection_plan_store_coverage(PGconn *conn, const char *year, const char *today,
                                           int limit, json_t **out)
{
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", limit);
    const char *params[] = {today, year, lim};
    return oc_db_json_row(conn, SQL_COVERAGE, 3, params, out);
}
