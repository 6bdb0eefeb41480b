#include "registration/support_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "registration/store_util.h"

/* clang-format off */

#define PAYMENT_JSON                                                                               \
    "json_build_object('id', s.id,"                                                                \
    " 'policy', json_build_object('id', s.policy_id, 'confirmed', s.policy_confirmed),"           \
    " 'producer', json_build_object('id', pr.id, 'type', pr.producer_type, 'name', pr.name),"      \
    " 'product', CASE WHEN p.id IS NULL THEN NULL"                                                 \
    "   ELSE json_build_object('id', p.id, 'code', p.code, 'name', p.name) END,"                   \
    " 'kind', s.kind, 'amount_vnd', s.amount_vnd, 'eligible_cost_vnd', s.eligible_cost_vnd,"       \
    " 'paid_on', s.paid_on, 'commune_code', s.commune_code,"                                       \
    " 'decision_number', s.decision_number, 'business_plan_id', s.business_plan_id,"               \
    " 'trademark_id', s.trademark_id, 'note', s.note, 'status', s.status,"                         \
    " 'cancellation', CASE WHEN s.status = 'cancelled' THEN json_build_object("                    \
    "   'reason', s.cancel_reason, 'cancelled_at', " SQL_TS("s.cancelled_at") ","                  \
    "   'cancelled_by', s.cancelled_by) END,"                                                      \
    " 'recorded_by', s.recorded_by, 'version', s.version,"                                         \
    " 'created_at', " SQL_TS("s.created_at") ", 'updated_at', " SQL_TS("s.updated_at") ")::text"

#define PAYMENT_FROM                                                                               \
    " FROM s JOIN producers pr ON pr.id = s.producer_id LEFT JOIN products p ON p.id = s.product_id"

static const char SQL_SUBJECT_LOCK[] =
    "SELECT json_build_object('producer_type', pr.producer_type,"
    " 'commune_code', coalesce(" SQL_RESOLVE("pr.commune_code", "$2::date") ", pr.commune_code),"
    " 'product_of_producer', CASE WHEN $3::uuid IS NULL THEN NULL ELSE coalesce("
    "   (SELECT p.producer_id = pr.id FROM products p WHERE p.id = $3::uuid), false) END,"
    " 'trademark_product', (SELECT t.product_id FROM trademarks t WHERE t.id = $4::uuid),"
    " 'plan', (SELECT json_build_object('producer_id', i.producer_id, 'product_id', i.product_id,"
    "   'status', b.status) FROM business_plans b JOIN ideas i ON i.id = b.idea_id"
    "   WHERE b.id = $5::uuid))::text"
    " FROM producers pr WHERE pr.id = $1::uuid FOR UPDATE OF pr";

static const char SQL_YEAR_LOCK[] =
    "SELECT pg_advisory_xact_lock(hashtext('ocop.support_payments.' || $1::text))";

/* $1 policy (NULL: any), $2 kinds (NULL: any), $3..$5 producer, product, commune, $6 year. */
static const char SQL_PAID[] =
    "SELECT coalesce(sum(amount_vnd), 0)::text FROM support_payments WHERE status = 'paid'"
    " AND ($1::text IS NULL OR policy_id = $1) AND ($2::text[] IS NULL OR kind = ANY($2::text[]))"
    " AND ($3::uuid IS NULL OR producer_id = $3::uuid) AND ($4::uuid IS NULL OR product_id = $4::uuid)"
    " AND ($5::text IS NULL OR commune_code = $5)"
    " AND ($6::int IS NULL OR paid_on BETWEEN make_date($6::int, 1, 1) AND make_date($6::int, 12, 31))";

static const char SQL_INSERT[] =
    "WITH s AS (INSERT INTO support_payments (policy_id, policy_confirmed, producer_id, product_id,"
    " kind, amount_vnd, eligible_cost_vnd, paid_on, commune_code, decision_number, business_plan_id,"
    " trademark_id, note, recorded_by) VALUES ($1, $2::bool, $3::uuid, $4::uuid, $5, $6::bigint,"
    " $7::bigint, $8::date, $9, $10, $11::uuid, $12::uuid, $13, $14) RETURNING *)"
    " SELECT " PAYMENT_JSON PAYMENT_FROM;

static const char SQL_GET[] =
    "WITH s AS (SELECT * FROM support_payments WHERE id = $1::uuid)"
    " SELECT " PAYMENT_JSON PAYMENT_FROM;

static const char SQL_LOCK[] =
    "WITH s AS (SELECT * FROM support_payments WHERE id = $1::uuid FOR UPDATE)"
    " SELECT " PAYMENT_JSON PAYMENT_FROM;

static const char SQL_CANCEL[] =
    "WITH s AS (UPDATE support_payments SET status = 'cancelled', cancel_reason = $2,"
    " cancelled_at = now(), cancelled_by = $3, version = version + 1, updated_at = now()"
    " WHERE id = $1::uuid AND status = 'paid' RETURNING *)"
    " SELECT " PAYMENT_JSON PAYMENT_FROM;

#define FILTERS                                                                                    \
    " WHERE ($1::int IS NULL OR s.paid_on BETWEEN make_date($1::int, 1, 1)"                        \
    "   AND make_date($1::int, 12, 31))"                                                           \
    " AND ($2::text IS NULL OR s.kind = $2) AND ($3::uuid IS NULL OR s.producer_id = $3::uuid)"    \
    " AND ($4::uuid IS NULL OR s.product_id = $4::uuid) AND ($5::text IS NULL OR s.commune_code = $5)" \
    " AND ($6::text IS NULL OR s.status = $6)"

static const char SQL_LIST[] =
    OC_SQL_PAGE(PAYMENT_JSON,
                " FROM support_payments s JOIN producers pr ON pr.id = s.producer_id"
                " LEFT JOIN products p ON p.id = s.product_id" FILTERS,
                "s.created_at", "s.id", 6);

/* Flat rows for the CSV export, by paid_on. */
static const char SQL_ROWS[] =
    "SELECT coalesce(json_agg(json_build_object('id', s.id, 'paid_on', s.paid_on,"
    " 'policy_id', s.policy_id, 'kind', s.kind, 'amount_vnd', s.amount_vnd,"
    " 'eligible_cost_vnd', s.eligible_cost_vnd, 'producer_id', s.producer_id,"
    " 'producer_type', pr.producer_type, 'producer_name', pr.name, 'product_id', s.product_id,"
    " 'product_code', p.code, 'product_name', p.name, 'commune_code', s.commune_code,"
    " 'decision_number', s.decision_number, 'business_plan_id', s.business_plan_id,"
    " 'trademark_id', s.trademark_id, 'status', s.status, 'cancel_reason', s.cancel_reason)"
    " ORDER BY s.paid_on, s.created_at, s.id), '[]')::text"
    " FROM (SELECT * FROM support_payments s" FILTERS " ORDER BY s.paid_on, s.created_at"
    " LIMIT $7::int) s JOIN producers pr ON pr.id = s.producer_id"
    " LEFT JOIN products p ON p.id = s.product_id";

static const char SQL_TOTALS[] =
    "WITH r AS (SELECT s.amount_vnd, pr.producer_type, pr.name AS producer_name,"
    " CASE $2::text WHEN 'kind' THEN s.kind WHEN 'commune' THEN s.commune_code"
    "   WHEN 'producer_type' THEN pr.producer_type ELSE s.producer_id::text END AS k"
    " FROM support_payments s JOIN producers pr ON pr.id = s.producer_id"
    " WHERE s.status = 'paid' AND s.paid_on BETWEEN make_date($1::int, 1, 1)"
    " AND make_date($1::int, 12, 31)),"
    " g AS (SELECT k, count(*) AS n, sum(amount_vnd) AS a, min(producer_type) AS pt,"
    " min(producer_name) AS pn FROM r GROUP BY k)"
    " SELECT json_build_object('year', $1::int, 'by', $2::text, 'count', (SELECT count(*) FROM r),"
    " 'total_vnd', (SELECT coalesce(sum(amount_vnd), 0) FROM r),"
    " 'items', (SELECT coalesce(json_agg(json_build_object('key', g.k,"
    "   'name', CASE $2::text WHEN 'producer' THEN g.pn WHEN 'commune' THEN"
    "     (SELECT a.name FROM admin_units a WHERE a.level = 'commune' AND a.code = g.k"
    "      ORDER BY a.valid_to DESC NULLS FIRST LIMIT 1) END,"
    "   'producer_type', CASE WHEN $2::text IN ('producer', 'producer_type') THEN g.pt END,"
    "   'count', g.n, 'amount_vnd', g.a) ORDER BY g.k), '[]') FROM g))::text";

/* clang-format on */

enum oc_err support_store_lock_subject(PGconn *conn, const struct support_payment_input *p,
                                       json_t **out)
{
    const char *params[] = {p->producer_id, p->paid_on, p->product_id, p->trademark_id,
                            p->business_plan_id};
    return oc_db_json_row(conn, SQL_SUBJECT_LOCK, 5, params, out);
}

enum oc_err support_store_lock_year(PGconn *conn, const char *year)
{
    const char *params[] = {year};
    return oc_db_exec(conn, SQL_YEAR_LOCK, 1, params, NULL);
}

enum oc_err support_store_paid(PGconn *conn, const struct support_room *r,
                               const struct support_payment_input *p, const char *policy_id,
                               const char *commune, long long *paid)
{
    char year[5];
    snprintf(year, sizeof(year), "%.4s", p->paid_on);
    const char *params[] = {
        r->from_settings ? NULL : policy_id,
        r->from_settings ? NULL : r->kinds,
        r->per == SUPPORT_PER_FACILITY ? p->producer_id : NULL,
        r->per == SUPPORT_PER_PRODUCT ? p->product_id : NULL,
        r->per == SUPPORT_PER_COMMUNE ? commune : NULL,
        r->period == SUPPORT_YEAR ? year : NULL,
    };
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_PAID, 6, params, &res);
    if (rc == OC_OK && PQntuples(res) != 1)
        rc = OC_INTERNAL;
    *paid = rc == OC_OK ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
    PQclear(res);
    return rc;
}

enum oc_err support_store_insert(PGconn *conn, const struct support_payment_input *p,
                                 const struct support_record *rec, json_t **out)
{
    char amount[24], eligible[24];
    snprintf(amount, sizeof(amount), "%lld", p->amount_vnd);
    snprintf(eligible, sizeof(eligible), "%lld", p->eligible_cost_vnd);
    const char *params[] = {rec->policy_id,
                            rec->policy_confirmed ? "t" : "f",
                            p->producer_id,
                            p->product_id,
                            p->kind,
                            amount,
                            p->has_eligible_cost ? eligible : NULL,
                            p->paid_on,
                            rec->commune_code,
                            p->decision_number,
                            p->business_plan_id,
                            p->trademark_id,
                            p->note,
                            rec->recorded_by};
    return oc_db_json_row(conn, SQL_INSERT, 14, params, out);
}

enum oc_err support_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_GET, 1, params, out);
}

enum oc_err support_store_lock(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_LOCK, 1, params, out);
}

enum oc_err support_store_cancel(PGconn *conn, const char *id, const char *reason, const char *by,
                                 json_t **out)
{
    const char *params[] = {id, reason, by};
    return oc_db_json_row(conn, SQL_CANCEL, 3, params, out);
}

enum oc_err support_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                               int limit, json_t **items, json_t **next)
{
    const struct support_filter *f = filter;
    const char *params[] = {f->year, f->kind, f->producer_id, f->product_id, f->commune, f->status};
    return OC_DB_PAGE(conn, SQL_LIST, params, after, limit, items, next);
}

enum oc_err support_store_rows(PGconn *conn, const struct support_filter *f, json_t **rows)
{
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", SUPPORT_EXPORT_MAX);
    const char *params[] = {f->year,   f->kind, f->producer_id, f->product_id, f->commune,
                            f->status, lim};
    return oc_db_json_row(conn, SQL_ROWS, 7, params, rows);
}

enum oc_err support_store_totals(PGconn *conn, const char *year, const char *by, json_t **out)
{
    const char *params[] = {year, by};
    return oc_db_json_row(conn, SQL_TOTALS, 2, params, out);
}
