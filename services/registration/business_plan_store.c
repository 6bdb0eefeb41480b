#include "registration/business_plan_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "registration/store_util.h"

/* clang-format off */
#define PLAN_JSON                                                                                  \
    "json_build_object('id', b.id, 'idea_id', b.idea_id,"                                          \
    " 'idea', json_build_object('id', i.id, 'form', i.form, 'year', i.year,"                       \
    "   'producer_id', i.producer_id, 'product_id', i.product_id, 'status', i.status),"            \
    " 'document', json_strip_nulls(json_build_object('title', b.document_title,"                   \
    "   'url', b.document_url, 'document_id', b.document_id)),"                                    \
    " 'investment_vnd', b.investment_vnd,"                                                         \
    " 'capacity', json_build_object('value', b.capacity_value, 'unit', b.capacity_unit),"          \
    " 'expected_revenue_vnd', b.expected_revenue_vnd, 'labour', b.labour,"                         \
    " 'status', b.status, 'approved_on', b.approved_on, 'version', b.version,"                     \
    " 'created_at', " SQL_TS("b.created_at") ", 'updated_at', " SQL_TS("b.updated_at") ")"

#define PLAN_FROM                                                                                  \
    " FROM business_plans b JOIN ideas i ON i.id = b.idea_id"

static const char SQL_PLAN_IDEA_STATUS[] =
    "SELECT i.status FROM ideas i WHERE i.id = $1::uuid"
    " AND " SQL_PRODUCER_IN_SCOPE("i.producer_id", "2", "3", "4");

static const char SQL_PLAN_INSERT[] =
    "WITH b AS (INSERT INTO business_plans (idea_id, document_title, document_url, document_id,"
    " investment_vnd, capacity_value, capacity_unit, expected_revenue_vnd, labour)"
    " VALUES ($1::uuid, $2, $3, $4::uuid, $5::bigint, $6::numeric, $7, $8::bigint, $9::int)"
    " RETURNING id)"
    SQL_CYCLE_SUBMITTED("business_plan_history", "business_plan_id", "b", "10", "11")
    " SELECT id FROM b";

static const char SQL_PLAN_GET[] =
    "SELECT (" PLAN_JSON "::jsonb || jsonb_build_object('history',"
    " " SQL_CYCLE_HISTORY("business_plan_history", "business_plan_id", "b.id") "))::text"
    PLAN_FROM " WHERE b.id = $1::uuid AND " SQL_PRODUCER_IN_SCOPE("i.producer_id", "2", "3", "4");

static const char SQL_PLAN_LOCK[] =
    "SELECT " PLAN_JSON "::text" PLAN_FROM " WHERE b.id = $1::uuid"
    " AND " SQL_PRODUCER_IN_SCOPE("i.producer_id", "2", "3", "4") " FOR UPDATE OF b";

/* A new document replaces the old one whole ($3 = 't'). */
static const char SQL_PLAN_UPDATE[] =
    "UPDATE business_plans SET"
    " document_title = CASE WHEN $3::bool THEN $4 ELSE document_title END,"
    " document_url = CASE WHEN $3::bool THEN $5 ELSE document_url END,"
    " document_id = CASE WHEN $3::bool THEN $6::uuid ELSE document_id END,"
    " investment_vnd = coalesce($7::bigint, investment_vnd),"
    " capacity_value = coalesce($8::numeric, capacity_value),"
    " capacity_unit = coalesce($9, capacity_unit),"
    " expected_revenue_vnd = coalesce($10::bigint, expected_revenue_vnd),"
    " labour = coalesce($11::int, labour),"
    " version = version + 1, updated_at = now() WHERE id = $1::uuid AND version = $2::bigint";

static const char SQL_PLAN_EVENT[] =
    "SELECT json_build_object('business_plan_id', b.id, 'idea_id', b.idea_id,"
    " 'producer_id', i.producer_id, 'product_id', i.product_id, 'year', i.year,"
    " 'commune_code', " SQL_COMMUNE_NOW("pr.") ", 'status', b.status,"
    " 'investment_vnd', b.investment_vnd, 'expected_revenue_vnd', b.expected_revenue_vnd,"
    " 'labour', b.labour, 'approved_on', b.approved_on, 'version', b.version,"
    " 'changed_at', " SQL_TS("b.updated_at") ")::text"
    PLAN_FROM " JOIN producers pr ON pr.id = i.producer_id WHERE b.id = $1::uuid";

static const char SQL_PLAN_LIST[] = OC_SQL_PAGE(
    PLAN_JSON "::text",
    PLAN_FROM " WHERE ($1::uuid IS NULL OR b.idea_id = $1::uuid)"
    " AND ($2::uuid IS NULL OR i.product_id = $2::uuid)"
    " AND ($3::text IS NULL OR b.status = $3) AND ($4::int IS NULL OR i.year = $4::int)"
    " AND " SQL_PRODUCER_IN_SCOPE("i.producer_id", "5", "6", "7"),
    "b.created_at", "b.id", 7);
/* clang-format on */

enum oc_err business_plan_store_idea_status(PGconn *conn, const struct reg_scope *scope,
                                            const char *idea_id, char *status, size_t len)
{
    const char *params[] = {idea_id, scope->all, scope->producers, scope->commune};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_PLAN_IDEA_STATUS, 4, params, &res);
    if (rc == OC_OK)
        snprintf(status, len, "%s", PQntuples(res) == 1 ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
    return rc;
}

/* Writes the figures of b into the text buffers (the parameters of the statements). */
struct figures {
    char investment[24]; /* investment_vnd */
    char capacity[40];   /* capacity_value */
    char revenue[24];    /* expected_revenue_vnd */
    char labour[24];     /* labour */
};

static void figures_of(const struct business_plan_body *b, struct figures *f)
{
    memset(f, 0, sizeof(*f));
    snprintf(f->investment, sizeof(f->investment), "%lld", b->investment_vnd);
    snprintf(f->capacity, sizeof(f->capacity), "%.17g", b->capacity_value);
    snprintf(f->revenue, sizeof(f->revenue), "%lld", b->expected_revenue_vnd);
    snprintf(f->labour, sizeof(f->labour), "%lld", b->labour);
}

enum oc_err business_plan_store_insert(PGconn *conn, const struct business_plan_input *b,
                                       const char *role, const char *actor, char *id, size_t idlen)
{
    struct figures f = {"", "", "", ""};
    figures_of(&b->set, &f);
    const char *params[] = {
        b->idea_id, b->set.document_title, b->set.document_url, b->set.document_id, f.investment,
        f.capacity, b->set.capacity_unit,  f.revenue,           f.labour,           role,
        actor};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_PLAN_INSERT, 11, params, &res);
    if (rc == OC_OK)
        snprintf(id, idlen, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return rc;
}

enum oc_err business_plan_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                                    json_t **out)
{
    return reg_store_scoped_row(conn, SQL_PLAN_GET, scope, id, out);
}

enum oc_err business_plan_store_lock(PGconn *conn, const struct reg_scope *scope, const char *id,
                                     json_t **out)
{
    return reg_store_scoped_row(conn, SQL_PLAN_LOCK, scope, id, out);
}

enum oc_err business_plan_store_update(PGconn *conn, const char *id, long long version,
                                       const struct business_plan_body *b)
{
    char ver[24];
    struct figures f = {"", "", "", ""};
    snprintf(ver, sizeof(ver), "%lld", version);
    figures_of(b, &f);
    const char *params[] = {id,
                            ver,
                            b->has_document ? "t" : "f",
                            b->document_title,
                            b->document_url,
                            b->document_id,
                            b->has_investment ? f.investment : NULL,
                            b->has_capacity ? f.capacity : NULL,
                            b->has_capacity ? b->capacity_unit : NULL,
                            b->has_revenue ? f.revenue : NULL,
                            b->has_labour ? f.labour : NULL};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_PLAN_UPDATE, 11, params, &res);
    if (rc == OC_OK && oc_db_affected(res) == 0)
        rc = OC_PRECONDITION;
    PQclear(res);
    return rc;
}

enum oc_err business_plan_store_event(PGconn *conn, const char *id, json_t **data)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_PLAN_EVENT, 1, params, data);
}

enum oc_err business_plan_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                     int limit, json_t **items, json_t **next)
{
    const struct business_plan_filter *f = filter;
    const char *params[] = {f->idea_id,   f->product_id,      f->status,       f->year,
                            f->scope.all, f->scope.producers, f->scope.commune};
    return OC_DB_PAGE(conn, SQL_PLAN_LIST, params, after, limit, items, next);
}
