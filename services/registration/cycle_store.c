#include "registration/cycle_store.h"

#include <string.h>

#include "common/db.h"
#include "registration/store_util.h"

/* clang-format off */
static const char SQL_CYCLE_LINKS[] =
    "SELECT json_build_object("
    " 'producer_id', (SELECT p.producer_id FROM products p WHERE p.id = $1::uuid"
    "   AND " SQL_PRODUCER_IN_SCOPE("p.producer_id", "4", "5", "6") "),"
    " 'idea', (SELECT json_build_object('status', i.status, 'product_id', i.product_id,"
    "   'producer_id', i.producer_id) FROM ideas i WHERE i.id = $2::uuid"
    "   AND " SQL_PRODUCER_IN_SCOPE("i.producer_id", "4", "5", "6") "),"
    " 'plan', (SELECT json_build_object('status', b.status, 'product_id', i.product_id,"
    "   'producer_id', i.producer_id, 'idea_id', b.idea_id) FROM business_plans b"
    "   JOIN ideas i ON i.id = b.idea_id WHERE b.id = $3::uuid"
    "   AND " SQL_PRODUCER_IN_SCOPE("i.producer_id", "4", "5", "6") "))::text";

static const char SQL_IDEA_CHANGED[] =
    "SELECT EXISTS (SELECT 1 FROM idea_history c WHERE c.idea_id = $1::uuid"
    " AND c.kind = 'changed' AND c.id > (SELECT coalesce(max(r.id), 0) FROM idea_history r"
    "   WHERE r.idea_id = $1::uuid AND r.to_status = 'returned'))";

static const char SQL_PLAN_CHANGED[] =
    "SELECT EXISTS (SELECT 1 FROM business_plan_history c WHERE c.business_plan_id = $1::uuid"
    " AND c.kind = 'changed' AND c.id > (SELECT coalesce(max(r.id), 0)"
    "   FROM business_plan_history r WHERE r.business_plan_id = $1::uuid"
    "   AND r.to_status = 'returned'))";

/* The day of a timestamp in the province. */
#define DAY_OF(ts) "((" ts " AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)"

/*
 * ==== EXTENSION POINT: the sources of a product's cycle history ====
 *
 * One SELECT per source, for the product $1, with the columns
 * (on_day date, at timestamptz or NULL, step text, kind text, id text,
 * detail jsonb or NULL, o int: the source's order among same-time steps).
 * To add a source, write its fragment and add it to HISTORY_SOURCES.
 */
#define HISTORY_IDEAS                                                                              \
    "SELECT " DAY_OF("h.at") " AS on_day, h.at, 'idea' AS step,"                                   \
    " CASE WHEN h.from_status = 'returned' THEN 'resubmitted' ELSE h.to_status END AS kind,"       \
    " i.id::text AS id, CASE WHEN h.reasons IS NOT NULL"                                           \
    "   THEN jsonb_build_object('reasons', h.reasons) END AS detail, 1 AS o"                       \
    " FROM idea_history h JOIN ideas i ON i.id = h.idea_id"                                        \
    " WHERE i.product_id = $1::uuid AND h.kind = 'moved'"

#define HISTORY_BUSINESS_PLANS                                                                     \
    "SELECT " DAY_OF("h.at") ", h.at, 'business_plan',"                                            \
    " CASE WHEN h.from_status = 'returned' THEN 'resubmitted' ELSE h.to_status END,"               \
    " b.id::text, CASE WHEN h.reasons IS NOT NULL"                                                 \
    "   THEN jsonb_build_object('reasons', h.reasons) END, 2"                                      \
    " FROM business_plan_history h JOIN business_plans b ON b.id = h.business_plan_id"             \
    " JOIN ideas i ON i.id = b.idea_id WHERE i.product_id = $1::uuid AND h.kind = 'moved'"

#define HISTORY_APPLICATIONS                                                                       \
    "SELECT " DAY_OF("t.at") ", t.at, 'application', t.to_status, a.id::text,"                     \
    " jsonb_strip_nulls(jsonb_build_object('kind', a.kind, 'dossier_code', a.dossier_code,"        \
    "   'reason', t.reason)), 3"                                                                   \
    " FROM application_transitions t JOIN applications a ON a.id = t.application_id"               \
    " WHERE a.product_id = $1::uuid"

#define HISTORY_RECOGNITIONS                                                                       \
    "SELECT h.recognised_on, h.event_time, 'recognition', h.kind, h.certificate_id,"               \
    " jsonb_strip_nulls(jsonb_build_object('stars', h.stars, 'number', h.number,"                  \
    "   'level', h.level)), 4"                                                                     \
    " FROM product_recognition_history h WHERE h.product_id = $1::uuid"

/* Support received (cycle step 4, the support ledger), on the day it was paid. */
#define HISTORY_SUPPORT                                                                            \
    "SELECT s.paid_on, s.created_at, 'support', s.kind, s.id::text,"                               \
    " jsonb_strip_nulls(jsonb_build_object('amount_vnd', s.amount_vnd, 'status', s.status,"        \
    "   'business_plan_id', s.business_plan_id)), 5"                                              \
    " FROM support_payments s WHERE s.product_id = $1::uuid"

#define HISTORY_SOURCES                                                                            \
    HISTORY_IDEAS " UNION ALL " HISTORY_BUSINESS_PLANS " UNION ALL " HISTORY_APPLICATIONS          \
    " UNION ALL " HISTORY_RECOGNITIONS " UNION ALL " HISTORY_SUPPORT

static const char SQL_CYCLE_HISTORY[] =
    "SELECT json_build_object('product_id', p.id,"
    " 'items', coalesce((SELECT json_agg(json_build_object('on', s.on_day,"
    "   'at', " SQL_TS("s.at") ", 'step', s.step, 'kind', s.kind, 'id', s.id,"
    "   'detail', s.detail) ORDER BY s.on_day, s.at NULLS FIRST, s.o, s.id)"
    "   FROM (" HISTORY_SOURCES ") s), '[]'))::text"
    " FROM products p WHERE p.id = $1::uuid"
    " AND " SQL_PRODUCER_IN_SCOPE("p.producer_id", "2", "3", "4");
/* clang-format on */

enum oc_err cycle_store_links(PGconn *conn, const struct reg_scope *scope, const char *product_id,
                              const char *idea_id, const char *plan_id, json_t **out)
{
    const char *params[] = {product_id, idea_id,          plan_id,
                            scope->all, scope->producers, scope->commune};
    return oc_db_json_row(conn, SQL_CYCLE_LINKS, 6, params, out);
}

enum oc_err cycle_store_history(PGconn *conn, const struct reg_scope *scope, const char *id,
                                json_t **out)
{
    const char *params[] = {id, scope->all, scope->producers, scope->commune};
    return oc_db_json_row(conn, SQL_CYCLE_HISTORY, 4, params, out);
}

enum oc_err cycle_store_changed_since_return(PGconn *conn, int plan, const char *id, int *changed)
{
    const char *params[] = {id};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, plan ? SQL_PLAN_CHANGED : SQL_IDEA_CHANGED, 1, params, &res);
    if (rc == OC_OK)
        *changed = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return rc;
}
