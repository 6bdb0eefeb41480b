#include "promotion/participation_store.h"

#include <stdio.h>

#include "promotion/participation.h"
#include "promotion/store_util.h"

/* clang-format off */
#define PARTICIPATION_JSON                                                             \
    "json_build_object('id', p.id, 'event_id', p.event_id, 'product_id', p.product_id,"            \
    " 'event', json_build_object('id', e.id, 'type', e.type, 'name', e.name, 'starts_on',"         \
    " e.starts_on, 'ends_on', e.ends_on, 'status', e.status), 'product',"                          \
    " json_build_object('id', pr.product_id, 'code', pr.code, 'name', pr.name), 'booth',"          \
    " p.booth, 'support_vnd', p.support_vnd, 'sales_vnd', p.sales_vnd, 'contracts_signed',"        \
    " p.contracts_signed, 'contracts_value_vnd', p.contracts_value_vnd, 'status', p.status,"       \
    " 'status_reason', p.status_reason, 'cause_event_id', p.cause_event_id,"                       \
    " 'status_changed_at', " SQL_TS(\
        "p.status_changed_at")                               \
    ", 'version', p.version, 'created_at', " SQL_TS("p.created_at") ", 'updated_at', "             \
    SQL_TS(\
                                   "p.updated_at") ")::text"
/* clang-format on */
#define PARTICIPATION_JOIN                                                                         \
    " JOIN trade_events e ON e.id = p.event_id JOIN products pr ON pr.product_id = p.product_id"

static const char SQL_PA_INSERT[] =
    "WITH p AS (INSERT INTO participations (event_id, product_id, booth, support_vnd)"
    " VALUES ($1::uuid, $2::uuid, $3, $4::bigint) RETURNING *) SELECT " PARTICIPATION_JSON
    " FROM p" PARTICIPATION_JOIN;
static const char SQL_PA_GET[] =
    SQL_BY_ID(PARTICIPATION_JSON, "participations p" PARTICIPATION_JOIN, "p");
static const char SQL_PA_LOCK[] =
    SQL_BY_ID(PARTICIPATION_JSON, "participations p" PARTICIPATION_JOIN, "p") " FOR UPDATE OF p";
static const char SQL_PA_UPDATE[] =
    "WITH p AS (UPDATE participations SET booth = $2, support_vnd = $3::bigint,"
    " sales_vnd = $4::bigint, contracts_signed = $5::int, contracts_value_vnd = $6::bigint,"
    " status_changed_at = CASE WHEN status <> $7 THEN now() ELSE status_changed_at END,"
    " status = $7, status_reason = $8, version = version + 1, updated_at = now()"
    " WHERE id = $1::uuid RETURNING *) SELECT " PARTICIPATION_JSON " FROM p" PARTICIPATION_JOIN;
static const char SQL_PA_WITHDRAW[] =
    "WITH old AS (SELECT p.id, p.status FROM participations p"
    " JOIN trade_events e ON e.id = p.event_id WHERE p.status <> 'withdrawn'"
    " AND ($1::uuid IS NULL OR p.product_id = $1::uuid)"
    " AND ($2::uuid IS NULL OR p.event_id = $2::uuid)"
    " AND ($3::date IS NULL OR e.ends_on >= $3::date) ORDER BY p.id FOR UPDATE OF p),"
    " w AS (UPDATE participations p SET status = 'withdrawn', status_reason = $4,"
    " cause_event_id = $5, status_changed_at = now(), version = p.version + 1,"
    " updated_at = now() FROM old WHERE p.id = old.id RETURNING p.id, old.status)"
    " SELECT coalesce(json_agg(json_build_object('id', w.id, 'from_status', w.status)"
    " ORDER BY w.id), '[]')::text FROM w";
static const char PARTICIPATION_PAGE[] = OC_SQL_PAGE(
    PARTICIPATION_JSON,
    " FROM participations p" PARTICIPATION_JOIN " WHERE ($1::uuid IS NULL OR p.event_id = $1::uuid)"
    " AND ($2::uuid IS NULL OR p.product_id = $2::uuid) AND ($3::text IS NULL OR p.status = $3)",
    "p.created_at", "p.id", 3);

/* The members an insert takes and an update sets, in $ order. */
static const int insert_members[] = {PARTICIPATION_EVENT_ID, PARTICIPATION_PRODUCT_ID,
                                     PARTICIPATION_BOOTH, PARTICIPATION_SUPPORT_VND, RESOURCE_END};
static const int update_members[] = {PARTICIPATION_BOOTH,         PARTICIPATION_SUPPORT_VND,
                                     PARTICIPATION_SALES_VND,     PARTICIPATION_CONTRACTS,
                                     PARTICIPATION_CONTRACTS_VND, PARTICIPATION_STATUS,
                                     PARTICIPATION_STATUS_REASON, RESOURCE_END};

const struct resource_sql participation_sql = {
    .fields = participation_fields,
    .n = PARTICIPATION_N,
    .insert = SQL_PA_INSERT,
    .insert_members = insert_members,
    .get = SQL_PA_GET,
    .lock = SQL_PA_LOCK,
    .update = SQL_PA_UPDATE,
    .update_members = update_members,
};

enum oc_err participation_store_get(PGconn *conn, const char *id, json_t **out)
{
    return resource_store_get(conn, &participation_sql, id, out);
}

enum oc_err participation_store_withdraw(PGconn *conn, const struct participation_scope *scope,
                                         json_t **out)
{
    const char *params[] = {scope->product_id, scope->event_id, scope->ending_from, scope->reason,
                            scope->cause_event_id};
    return oc_db_json_row(conn, SQL_PA_WITHDRAW, 5, params, out);
}

enum oc_err participation_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                     int limit, json_t **items, json_t **next)
{
    const struct participation_filter *f = filter;
    const char *params[] = {f->event_id, f->product_id, f->status};
    return OC_DB_PAGE(conn, PARTICIPATION_PAGE, params, after, limit, items, next);
}
