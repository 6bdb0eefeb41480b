#include "registration/trademark_store.h"

#include "common/db.h"
#include "registration/store_util.h"

/* Column expressions used inside the statements below. */
#define TM_CREATED_AT SQL_TS("t.created_at")
#define TM_UPDATED_AT SQL_TS("t.updated_at")

#define TRADEMARK_JSON                                                                             \
    "json_build_object('id', t.id,"                                                                \
    " 'product', json_build_object('id', p.id, 'code', p.code, 'name', p.name),"                   \
    " 'kind', t.kind, 'mark_name', t.mark_name, 'office', t.office, 'status', t.status,"           \
    " 'requested_on', t.requested_on, 'filing_number', t.filing_number,"                           \
    " 'filed_on', t.filed_on, 'decided_on', t.decided_on,"                                         \
    " 'certificate_number', t.certificate_number, 'support_amount_vnd', t.support_amount_vnd,"     \
    " 'notes', t.notes, 'version', t.version,"                                                     \
    " 'support_paid_vnd', (SELECT coalesce(sum(sp.amount_vnd), 0) FROM support_payments sp"        \
    "   WHERE sp.trademark_id = t.id AND sp.status = 'paid'),"                                     \
    " 'created_at', " TM_CREATED_AT ", 'updated_at', " TM_UPDATED_AT ")::text"

/* The product p belongs to a producer in the scope of parameters $a, $b, $c. */
static const char SQL_TRADEMARK_INSERT[] =
    "WITH t AS (INSERT INTO trademarks (product_id, kind, mark_name, office, requested_on,"
    " support_amount_vnd, notes)"
    " SELECT p.id, $2, $3, $4, $5::date, $6::bigint, $7 FROM products p WHERE p.id = "
    "$1::uuid" PRODUCT_IN_SCOPE("8", "9", "10") " RETURNING *) "
                                                "SELECT " TRADEMARK_JSON
                                                " FROM t JOIN products p ON p.id = t.product_id";
static const char SQL_TRADEMARK_GET[] =
    "SELECT " TRADEMARK_JSON " FROM trademarks t JOIN products p ON p.id = t.product_id"
    " WHERE t.id = $1::uuid" PRODUCT_IN_SCOPE("2", "3", "4");
static const char SQL_TRADEMARK_LOCK[] =
    "SELECT " TRADEMARK_JSON " FROM trademarks t JOIN products p ON p.id = t.product_id"
    " WHERE t.id = $1::uuid" PRODUCT_IN_SCOPE("2", "3", "4") " FOR UPDATE OF t";
static const char SQL_TRADEMARK_UPDATE[] =
    "WITH t AS (UPDATE trademarks SET kind = $2, mark_name = $3, office = $4, status = $5,"
    " requested_on = $6::date, filing_number = $7, filed_on = $8::date, decided_on = $9::date,"
    " certificate_number = $10, notes = $11, support_amount_vnd = $12::bigint,"
    " version = version + 1, updated_at = now() WHERE id = $1::uuid RETURNING *) "
    "SELECT " TRADEMARK_JSON " FROM t JOIN products p ON p.id = t.product_id";
static const char SQL_TRADEMARK_LIST[] = OC_SQL_PAGE(
    TRADEMARK_JSON,
    " FROM trademarks t JOIN products p ON p.id = t.product_id"
    " WHERE ($1::uuid IS NULL OR t.product_id = $1::uuid)"
    " AND ($2::text IS NULL OR t.status = $2)"
    " AND ($3::int IS NULL OR extract(year FROM t.requested_on) = $3::int)" PRODUCT_IN_SCOPE(
        "4", "5", "6"),
    "t.created_at", "t.id", 6);

enum oc_err trademark_store_insert(PGconn *conn, const struct reg_scope *scope,
                                   const struct oc_field_value *tm, json_t **out)
{
    struct oc_field_param buf[TRADEMARK_N];
    const char *all[TRADEMARK_N];
    oc_fields_params(trademark_fields, TRADEMARK_N, tm, buf, all);
    const char *params[] = {all[TRADEMARK_PRODUCT_ID],
                            all[TRADEMARK_KIND],
                            all[TRADEMARK_MARK_NAME],
                            all[TRADEMARK_OFFICE],
                            all[TRADEMARK_REQUESTED_ON],
                            all[TRADEMARK_SUPPORT_AMOUNT_VND],
                            all[TRADEMARK_NOTES],
                            scope->all,
                            scope->producers,
                            scope->commune};
    return oc_db_json_row(conn, SQL_TRADEMARK_INSERT, 10, params, out);
}

enum oc_err trademark_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                                json_t **out)
{
    return reg_store_scoped_row(conn, SQL_TRADEMARK_GET, scope, id, out);
}

enum oc_err trademark_store_lock(PGconn *conn, const struct reg_scope *scope, const char *id,
                                 json_t **out)
{
    return reg_store_scoped_row(conn, SQL_TRADEMARK_LOCK, scope, id, out);
}

enum oc_err trademark_store_update(PGconn *conn, const char *id, const struct oc_field_value *tm,
                                   json_t **out)
{
    /* $1 is the id, then every member in table order but the fixed product_id */
    struct oc_field_param buf[TRADEMARK_N];
    const char *params[TRADEMARK_N];
    oc_fields_params(trademark_fields, TRADEMARK_N, tm, buf, params);
    params[TRADEMARK_PRODUCT_ID] = id;
    return oc_db_json_row(conn, SQL_TRADEMARK_UPDATE, TRADEMARK_N, params, out);
}

enum oc_err trademark_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                 int limit, json_t **items, json_t **next)
{
    const struct trademark_filter *f = filter;
    const char *params[] = {f->product_id, f->status,          f->year,
                            f->scope.all,  f->scope.producers, f->scope.commune};
    return OC_DB_PAGE(conn, SQL_TRADEMARK_LIST, params, after, limit, items, next);
}
