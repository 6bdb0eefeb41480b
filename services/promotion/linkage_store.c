#include "promotion/linkage_store.h"

#include <stdio.h>

#include "promotion/linkage.h"
#include "promotion/store_util.h"

/* clang-format off */
#define LINKAGE_JSON                                                             \
    "json_build_object('id', l.id, 'product_id', l.product_id, 'product',"                         \
    " json_build_object('id', pr.product_id, 'code', pr.code, 'name', pr.name),"                   \
    " 'partner_kind', l.partner_kind, 'partner_name', l.partner_name, 'partner_tax_code',"         \
    " l.partner_tax_code, 'channel', l.channel, 'volume', l.volume, 'unit', l.unit,"               \
    " 'value_vnd', l.value_vnd, 'starts_on', l.starts_on, 'ends_on', l.ends_on, 'status',"         \
    " l.status, 'notes', l.notes, 'transitions', (SELECT coalesce(json_agg("                       \
    " json_build_object('from_status', t.from_status, 'to_status', t.to_status, 'actor',"          \
    " t.actor, 'reason', t.reason, 'cause_event_id', t.cause_event_id, 'at', " SQL_TS("t.at")      \
    ") ORDER BY t.id), '[]') FROM linkage_transitions t WHERE t.linkage_id = l.id),"               \
    " 'version', l.version, 'created_at', " SQL_TS("l.created_at") ", 'updated_at', "              \
    SQL_TS(\
                                 "l.updated_at") ")::text"
/* clang-format on */
#define LINKAGE_JOIN " JOIN products pr ON pr.product_id = l.product_id"

static const char SQL_LK_INSERT[] =
    "WITH l AS (INSERT INTO linkages (product_id, partner_kind, partner_name, partner_tax_code,"
    " channel, volume, unit, value_vnd, starts_on, ends_on, notes)"
    " VALUES ($1::uuid, $2, $3, $4, $5, $6::numeric, $7, $8::bigint, $9::date, $10::date, $11)"
    " RETURNING *) SELECT " LINKAGE_JSON " FROM l" LINKAGE_JOIN;
static const char SQL_LK_GET[] = SQL_BY_ID(LINKAGE_JSON, "linkages l" LINKAGE_JOIN, "l");
static const char SQL_LK_LOCK[] =
    SQL_BY_ID(LINKAGE_JSON, "linkages l" LINKAGE_JOIN, "l") " FOR UPDATE OF l";
static const char SQL_LK_UPDATE[] =
    "UPDATE linkages SET partner_kind = $2, partner_name = $3, partner_tax_code = $4,"
    " channel = $5, volume = $6::numeric, unit = $7, value_vnd = $8::bigint,"
    " starts_on = $9::date, ends_on = $10::date, notes = $11, version = version + 1,"
    " updated_at = now() WHERE id = $1::uuid";
static const char SQL_LK_MOVE[] =
    "WITH l AS (UPDATE linkages SET status = $3, version = version + 1, updated_at = now()"
    " WHERE id = $1::uuid AND $2::text IS NOT NULL RETURNING id)"
    " INSERT INTO linkage_transitions (linkage_id, from_status, to_status, actor, reason,"
    " cause_event_id) VALUES ($1::uuid, $2, $3, $4, $5, $6)";
static const char SQL_LK_SUSPEND[] =
    "WITH old AS (SELECT id, status FROM linkages WHERE product_id = $1::uuid"
    " AND status IN ('signed', 'active') ORDER BY id FOR UPDATE),"
    " u AS (UPDATE linkages l SET status = 'suspended', version = l.version + 1,"
    " updated_at = now() FROM old WHERE l.id = old.id RETURNING l.id, old.status),"
    " t AS (INSERT INTO linkage_transitions (linkage_id, from_status, to_status, actor, reason,"
    " cause_event_id) SELECT id, status, 'suspended', 'promotion', $2, $3 FROM u)"
    " SELECT coalesce(json_agg(json_build_object('id', u.id, 'from_status', u.status)"
    " ORDER BY u.id), '[]')::text FROM u";
static const char LINKAGE_PAGE[] = OC_SQL_PAGE(
    LINKAGE_JSON,
    " FROM linkages l" LINKAGE_JOIN " WHERE ($1::uuid IS NULL OR l.product_id = $1::uuid)"
    " AND ($2::text IS NULL OR l.status = $2) AND ($3::text IS NULL OR l.partner_kind = $3)"
    " AND ($4::text IS NULL OR l.channel = $4)",
    "l.created_at", "l.id", 4);

/* The members an insert takes and an update sets, in $ order (status moves on its own). */
static const int insert_members[] = {LINKAGE_PRODUCT_ID, LINKAGE_PARTNER_KIND, LINKAGE_PARTNER_NAME,
                                     LINKAGE_TAX_CODE,   LINKAGE_CHANNEL,      LINKAGE_VOLUME,
                                     LINKAGE_UNIT,       LINKAGE_VALUE_VND,    LINKAGE_STARTS_ON,
                                     LINKAGE_ENDS_ON,    LINKAGE_NOTES,        RESOURCE_END};

const struct resource_sql linkage_sql = {
    .fields = linkage_fields,
    .n = LINKAGE_N,
    .insert = SQL_LK_INSERT,
    .insert_members = insert_members,
    .get = SQL_LK_GET,
    .lock = SQL_LK_LOCK,
    .update = SQL_LK_UPDATE,
    .update_members = insert_members + 1, /* all but the product, which is fixed */
};

enum oc_err linkage_store_get(PGconn *conn, const char *id, json_t **out)
{
    return resource_store_get(conn, &linkage_sql, id, out);
}

enum oc_err linkage_store_move(PGconn *conn, const struct linkage_step *step)
{
    const char *params[] = {step->id,    step->from,   step->to,
                            step->actor, step->reason, step->cause_event_id};
    return oc_db_exec(conn, SQL_LK_MOVE, 6, params, NULL);
}

enum oc_err linkage_store_suspend(PGconn *conn, const char *product_id, const char *reason,
                                  const char *cause_event_id, json_t **out)
{
    const char *params[] = {product_id, reason, cause_event_id};
    return oc_db_json_row(conn, SQL_LK_SUSPEND, 3, params, out);
}

enum oc_err linkage_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                               int limit, json_t **items, json_t **next)
{
    const struct linkage_filter *f = filter;
    const char *params[] = {f->product_id, f->status, f->partner_kind, f->channel};
    return OC_DB_PAGE(conn, LINKAGE_PAGE, params, after, limit, items, next);
}
