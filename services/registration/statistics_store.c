#include "registration/statistics_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "registration/plan.h"
#include "registration/store_util.h"

/* The day a product was registered, in the province's time. */
#define SQL_REGISTERED_ON "((p.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)"

/* [{"key", "count"}] of the rows of r grouped by expr, keys in order, null last. */
#define SQL_GROUP(expr)                                                                            \
    "(SELECT coalesce(json_agg(json_build_object('key', k, 'count', n) ORDER BY k NULLS LAST),"    \
    " '[]') FROM (SELECT " expr " AS k, count(*) AS n FROM r GROUP BY 1) g)"

#define GROUP_SECTOR        SQL_GROUP("sector")
#define GROUP_PRODUCER_TYPE SQL_GROUP("producer_type")
#define GROUP_COMMUNE       SQL_GROUP("commune_code")
#define GROUP_YEAR          SQL_GROUP("year")
#define GROUP_STARS         SQL_GROUP("stars")

static const char SQL_SNAPSHOT[] = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

/*
 * The targets that apply to year $1: its own, and for a standing indicator
 * (named in $2, plan_indicator.standing) without one, the latest earlier
 * year's, else the earliest later one's; "year" says which plan set it.
 */
static const char SQL_TARGETS[] =
    "SELECT coalesce(json_object_agg(indicator, json_build_object('target', target_value,"
    " 'basis', basis, 'note', note, 'year', year)), '{}')::text"
    " FROM (SELECT DISTINCT ON (indicator) indicator, target_value, basis, note, year"
    "   FROM plan_targets WHERE locality = $3"
    "   AND (year = $1::int OR indicator = ANY($2::text[]))"
    "   ORDER BY indicator, year = $1::int DESC, year < $1::int DESC,"
    "   abs(year - $1::int)) t";

/* Products registered on or before $2 (cumulative), and how many of them from $1 on. */
static const char SQL_REGISTRATIONS[] =
    "WITH r AS (SELECT p.sector, pr.producer_type, p.commune_code, p.stars,"
    " to_char(" SQL_REGISTERED_ON ", 'YYYY') AS year, " SQL_REGISTERED_ON " AS registered_on"
    " FROM products p JOIN producers pr ON pr.id = p.producer_id"
    " WHERE " SQL_REGISTERED_ON " <= $2::date) "
    "SELECT json_build_object('as_of', $2::date, 'total', (SELECT count(*) FROM r),"
    " 'in_period', (SELECT count(*) FROM r WHERE registered_on >= $1::date),"
    " 'by_sector', " GROUP_SECTOR ", 'by_producer_type', " GROUP_PRODUCER_TYPE ","
    " 'by_commune', " GROUP_COMMUNE ", 'by_year', " GROUP_YEAR ","
    " 'by_stars', " GROUP_STARS ")::text";

/* Whether migration 0002 (administrative units, then and now) is there. */
static const char SQL_ADMIN_UNITS_PRESENT[] =
    "SELECT to_regclass('admin_units') IS NOT NULL"
    " AND to_regprocedure('admin_unit_resolve(text, date)') IS NOT NULL";

/*
 * The rows of r (commune_code, day), a statement's first CTE, grouped by the
 * district their commune code belonged to before 1 July 2025 (the version of
 * the code valid on the row's day, else its last one under a district) and by
 * the commune that code is today (admin_unit_resolve). A code the table does
 * not know has a null key. Run only when SQL_ADMIN_UNITS_PRESENT says so.
 */
#define SQL_BY_UNIT(r)                                                                             \
    "WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d),"                   \
    " r AS (" r "),"                                                                               \
    " legacy AS (SELECT (SELECT a.parent_code FROM admin_units a WHERE a.level = 'commune'"        \
    "   AND a.code = r.commune_code AND a.parent_code ~ '^[0-9]{3}$'"                              \
    "   ORDER BY r.day BETWEEN coalesce(a.valid_from, '-infinity'::date)"                          \
    "   AND coalesce(a.valid_to, 'infinity'::date) DESC, a.valid_to DESC NULLS FIRST LIMIT 1)"     \
    "   AS k FROM r),"                                                                             \
    " resolved AS (SELECT admin_unit_resolve(r.commune_code, (SELECT d FROM today)) AS k FROM r)"  \
    " SELECT json_build_object("                                                                   \
    " 'by_legacy_district', (SELECT coalesce(json_agg(json_build_object('key', g.k,"               \
    "   'name', (SELECT a.name FROM admin_units a WHERE a.level = 'district' AND a.code = g.k"     \
    "   ORDER BY a.valid_to DESC NULLS FIRST LIMIT 1), 'count', g.n) ORDER BY g.k NULLS LAST),"    \
    "   '[]') FROM (SELECT k, count(*) AS n FROM legacy GROUP BY k) g),"                           \
    " 'by_current_commune', (SELECT coalesce(json_agg(json_build_object('key', g.k,"               \
    "   'name', (SELECT a.name FROM admin_units a, today WHERE a.level = 'commune'"                \
    "   AND a.code = g.k AND coalesce(a.valid_from, '-infinity'::date) <= today.d"                 \
    "   AND coalesce(a.valid_to, 'infinity'::date) >= today.d LIMIT 1),"                           \
    "   'count', g.n) ORDER BY g.k NULLS LAST), '[]')"                                             \
    "   FROM (SELECT k, count(*) AS n FROM resolved GROUP BY k) g))::text"

/* Products registered by $2 (the registration day is theirs); $1 is unused. */
static const char SQL_REGISTRATIONS_BY_UNIT[] =
    SQL_BY_UNIT("SELECT p.commune_code, " SQL_REGISTERED_ON " AS day FROM products p"
                " WHERE " SQL_REGISTERED_ON " <= $2::date AND $1::date IS NOT NULL");

/* Recognitions dated $1..$2, by the product's commune on the recognition day. */
static const char SQL_RECOGNITIONS_BY_UNIT[] =
    SQL_BY_UNIT("SELECT p.commune_code, h.recognised_on AS day FROM product_recognitions h"
                " JOIN products p ON p.id = h.product_id"
                " WHERE h.recognised_on BETWEEN $1::date AND $2::date");

/*
 * The recognitions dated in the period ($1..$2), from the history (never
 * the products' current stars, so a later re-recognition or upgrade leaves a
 * past period as it was): how many, of how many products, by kind (all three
 * always listed) and by the stars recognised; and the products standing as
 * potential 5★ by the period's end (potential_5_star_since).
 */
static const char SQL_RECOGNITIONS[] =
    "WITH r AS (SELECT h.product_id, h.kind, h.stars FROM product_recognition_history h"
    " WHERE h.recognised_on BETWEEN $1::date AND $2::date) "
    "SELECT json_build_object('in_period', (SELECT count(*) FROM r),"
    " 'products', (SELECT count(DISTINCT product_id) FROM r),"
    " 'potential_5_star', (SELECT count(*) FROM products"
    "   WHERE potential_5_star_since <= $2::date),"
    " 'by_kind', (SELECT json_agg(json_build_object('key', k.k, 'count',"
    "   (SELECT count(*) FROM r WHERE r.kind = k.k)) ORDER BY k.o)"
    "   FROM (VALUES ('new', 1), ('re_recognition', 2), ('upgrade', 3)) k (k, o)),"
    " 'by_stars', " GROUP_STARS ")::text";

/*
 * Products recognised with 3★ or more in the period: a recognition (a
 * certificate issued) dated $1..$2 in the history, whatever happened to the
 * product afterwards.
 */
static const char SQL_ACTUAL_PRODUCTS_3STAR_PLUS[] =
    "SELECT count(DISTINCT product_id) FROM product_recognitions"
    " WHERE stars >= 3 AND recognised_on BETWEEN $1::date AND $2::date";

/* Trademark support requests granted in the period ($1..$2). */
static const char SQL_ACTUAL_TRADEMARKS_SUPPORTED[] =
    "SELECT count(*) FROM trademarks"
    " WHERE status = 'granted' AND decided_on BETWEEN $1::date AND $2::date";

/*
 * Rounds closed in the period ($1..$2) per level, for every level that
 * closed one then or held a round (not cancelled) of the period's year;
 * levels from the commune up.
 */
#define SQL_ROUNDS_BY_LEVEL                                                                        \
    "SELECT level AS k, count(*) FILTER (WHERE status = 'closed'"                                  \
    "   AND closed_on BETWEEN $1::date AND $2::date) AS n FROM evaluation_rounds"                  \
    " WHERE (year = extract(year FROM $1::date) AND status <> 'cancelled')"                        \
    "   OR (status = 'closed' AND closed_on BETWEEN $1::date AND $2::date) GROUP BY level"

/* The fewest rounds closed at any such level (0 when none held one). */
static const char SQL_ACTUAL_EVALUATION_ROUNDS[] =
    "SELECT coalesce(min(n), 0) FROM (" SQL_ROUNDS_BY_LEVEL ") g";

/* Product ideas accepted in the period ($1..$2), by their acceptance day. */
static const char SQL_ACTUAL_IDEAS_ACCEPTED[] =
    "SELECT count(*) FROM ideas"
    " WHERE status = 'accepted' AND accepted_on BETWEEN $1::date AND $2::date";

/* Business plans approved in the period ($1..$2), by their approval day. */
static const char SQL_ACTUAL_BUSINESS_PLANS_APPROVED[] =
    "SELECT count(*) FROM business_plans"
    " WHERE status = 'approved' AND approved_on BETWEEN $1::date AND $2::date";

/* rows (an idea i joined to its producer pr) counted by the producer's current commune. */
#define SQL_BY_COMMUNE_NOW(rows)                                                                   \
    "SELECT k, count(*) AS n, k AS o FROM (SELECT " SQL_COMMUNE_NOW("pr.") " AS k " rows ") c"     \
                                                                           " GROUP BY k"

/* Products standing as potential 5★ by the period's end ($2); $1 is unused. */
#define SQL_POTENTIAL_5_STAR(where)                                                                \
    "SELECT count(*) FROM products p WHERE p.potential_5_star_since <= $2::date"                   \
    " AND $1::date IS NOT NULL" where
static const char SQL_ACTUAL_POTENTIAL_5_STAR[] = SQL_POTENTIAL_5_STAR("");

/*
 * The percentage (one decimal) of the products holding a certificate in
 * force in the period ($1..$2) that were inspected in it; NULL when none held
 * one. In force: a recognition dated on or before $2 and less than 36 months
 * before $1 (QĐ 148's term), the product's certificate not revoked before $1.
 */
#define SQL_INSPECTION_COVERAGE(where)                                                             \
    "WITH c AS (SELECT DISTINCT r.product_id FROM product_recognitions r"                          \
    "   JOIN products p ON p.id = r.product_id"                                                    \
    "   WHERE r.recognised_on <= $2::date AND r.recognised_on > $1::date - interval '36 months'"   \
    "   AND NOT (coalesce(p.certificate->>'status', '') = 'revoked'"                               \
    "     AND coalesce(p.certificate->>'changed_on', '') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'"         \
    "     AND (p.certificate->>'changed_on') < $1::date::text)" where "),"                         \
    " n AS (SELECT count(*) AS total, count(*) FILTER (WHERE EXISTS (SELECT 1"                     \
    "   FROM product_inspections i WHERE i.product_id = c.product_id"                              \
    "   AND i.inspected_on BETWEEN $1::date AND $2::date)) AS inspected FROM c)"                   \
    " SELECT CASE WHEN total = 0 THEN NULL"                                                        \
    "   ELSE round(100.0 * inspected / total, 1) END FROM n"
static const char SQL_ACTUAL_INSPECTION_COVERAGE[] = SQL_INSPECTION_COVERAGE("");

/* Support paid in the period ($1..$2), cancelled payments excluded (support ledger). */
static const char SQL_ACTUAL_SUPPORT_PAID_VND[] =
    "SELECT coalesce(sum(amount_vnd), 0) FROM support_payments"
    " WHERE status = 'paid' AND paid_on BETWEEN $1::date AND $2::date";

/*
 * ==== EXTENSION POINT: how each plan indicator's actual figure is counted ====
 *
 * One statement per indicator of plan.h, taking the period ($1 first day, $2
 * last day, both dates) and returning one row with one count. NULL means the
 * figure cannot be counted yet, and so does a statement whose row holds NULL
 * (a percentage of nothing): the report then shows it as null with status
 * "not_yet_known". A percentage indicator (plan_indicator.unit PLAN_UNIT_PERCENT) returns a
 * numeric with one decimal. sql_actual_at below counts the same at a
 * locality. To count one, write its statement above and name it here;
 * nothing else changes.
 */
static const char *const sql_actual[PLAN_INDICATOR_COUNT] = {
    [PLAN_PRODUCTS_3STAR_PLUS] = SQL_ACTUAL_PRODUCTS_3STAR_PLUS,
    [PLAN_TRADEMARKS_SUPPORTED] = SQL_ACTUAL_TRADEMARKS_SUPPORTED,
    [PLAN_EVALUATION_ROUNDS] = SQL_ACTUAL_EVALUATION_ROUNDS,
    [PLAN_POTENTIAL_5_STAR] = SQL_ACTUAL_POTENTIAL_5_STAR,
    [PLAN_INSPECTION_COVERAGE] = SQL_ACTUAL_INSPECTION_COVERAGE,
    [PLAN_IDEAS_ACCEPTED] = SQL_ACTUAL_IDEAS_ACCEPTED,
    [PLAN_BUSINESS_PLANS_APPROVED] = SQL_ACTUAL_BUSINESS_PLANS_APPROVED,
    [PLAN_SUPPORT_PAID_VND] = SQL_ACTUAL_SUPPORT_PAID_VND,
};

/*
 * The same figures at one locality ($3: a legacy district or a current
 * commune code, plan_in_locality of migration 0016), as the statistics'
 * breakdowns by unit count them: a product by its commune on the day that
 * counts. NULL: the indicator is not counted per locality (evaluation rounds
 * are the province's), and a locality's target shows "not_yet_known".
 */
static const char *const sql_actual_at[PLAN_INDICATOR_COUNT] = {
    [PLAN_PRODUCTS_3STAR_PLUS] =
        "SELECT count(DISTINCT h.product_id) FROM product_recognitions h"
        " JOIN products p ON p.id = h.product_id"
        " WHERE h.stars >= 3 AND h.recognised_on BETWEEN $1::date AND $2::date"
        " AND plan_in_locality(p.commune_code, h.recognised_on, $3)",
    [PLAN_TRADEMARKS_SUPPORTED] =
        "SELECT count(*) FROM trademarks t JOIN products p ON p.id = t.product_id"
        " WHERE t.status = 'granted' AND t.decided_on BETWEEN $1::date AND $2::date"
        " AND plan_in_locality(p.commune_code, t.decided_on, $3)",
    [PLAN_POTENTIAL_5_STAR] =
        SQL_POTENTIAL_5_STAR(" AND plan_in_locality(p.commune_code, $2::date, $3)"),
    [PLAN_INSPECTION_COVERAGE] =
        SQL_INSPECTION_COVERAGE(" AND plan_in_locality(p.commune_code, $2::date, $3)"),
    [PLAN_IDEAS_ACCEPTED] =
        "SELECT count(*) FROM ideas i JOIN producers pr ON pr.id = i.producer_id"
        " WHERE i.status = 'accepted' AND i.accepted_on BETWEEN $1::date AND $2::date"
        " AND plan_in_locality(pr.commune_code, i.accepted_on, $3)",
    [PLAN_BUSINESS_PLANS_APPROVED] =
        "SELECT count(*) FROM business_plans b JOIN ideas i ON i.id = b.idea_id"
        " JOIN producers pr ON pr.id = i.producer_id"
        " WHERE b.status = 'approved' AND b.approved_on BETWEEN $1::date AND $2::date"
        " AND plan_in_locality(pr.commune_code, b.approved_on, $3)",
    [PLAN_SUPPORT_PAID_VND] = "SELECT coalesce(sum(s.amount_vnd), 0) FROM support_payments s"
                              " WHERE s.status = 'paid' AND s.paid_on BETWEEN $1::date AND $2::date"
                              " AND plan_in_locality(s.commune_code, s.paid_on, $3)",
};

/* [{"key", "count"}] of a breakdown's rows (k, n, o): keys in order o. */
#define SQL_BREAKDOWN(rows)                                                                        \
    "SELECT coalesce(json_agg(json_build_object('key', k, 'count', n) ORDER BY o), '[]')::text"    \
    " FROM (" rows ") b"

/*
 * The same parameters, one JSON array per indicator that has a breakdown
 * (NULL: none). products_3star_plus: its recognitions by kind;
 * trademarks_supported: requests filed (support given) and granted in the
 * period; evaluation_rounds: rounds closed per level.
 */
static const char *const sql_breakdown[PLAN_INDICATOR_COUNT] = {
    [PLAN_PRODUCTS_3STAR_PLUS] = SQL_BREAKDOWN(
        "SELECT k.k, (SELECT count(*) FROM product_recognition_history h WHERE h.kind = k.k"
        " AND h.stars >= 3 AND h.recognised_on BETWEEN $1::date AND $2::date) AS n, k.o"
        " FROM (VALUES ('new', 1), ('re_recognition', 2), ('upgrade', 3)) k (k, o)"),
    [PLAN_TRADEMARKS_SUPPORTED] = SQL_BREAKDOWN(
        "SELECT 'filed' AS k, count(*) FILTER (WHERE filed_on BETWEEN $1::date AND $2::date)"
        " AS n, 1 AS o FROM trademarks UNION ALL SELECT 'granted', count(*) FILTER"
        " (WHERE status = 'granted' AND decided_on BETWEEN $1::date AND $2::date), 2"
        " FROM trademarks"),
    [PLAN_EVALUATION_ROUNDS] = SQL_BREAKDOWN(
        "SELECT k, n, array_position(ARRAY['commune', 'district', 'province', 'central'], k)"
        " AS o FROM (" SQL_ROUNDS_BY_LEVEL ") g"),
    [PLAN_IDEAS_ACCEPTED] = SQL_BREAKDOWN(SQL_BY_COMMUNE_NOW(
        "FROM ideas i JOIN producers pr ON pr.id = i.producer_id WHERE i.status = 'accepted'"
        " AND i.accepted_on BETWEEN $1::date AND $2::date")),
    [PLAN_BUSINESS_PLANS_APPROVED] = SQL_BREAKDOWN(
        SQL_BY_COMMUNE_NOW("FROM business_plans b JOIN ideas i ON i.id = b.idea_id"
                           " JOIN producers pr ON pr.id = i.producer_id WHERE b.status = 'approved'"
                           " AND b.approved_on BETWEEN $1::date AND $2::date")),
    [PLAN_SUPPORT_PAID_VND] = SQL_BREAKDOWN(
        "SELECT kind AS k, sum(amount_vnd) AS n, kind AS o FROM support_payments"
        " WHERE status = 'paid' AND paid_on BETWEEN $1::date AND $2::date GROUP BY kind"),
};

enum oc_err statistics_store_actual(PGconn *conn, int i, const char *from, const char *to,
                                    const char *locality, json_t **out)
{
    int local = locality != NULL && *locality != '\0';
    const char *sql = local ? sql_actual_at[i] : sql_actual[i];
    const char *params[] = {from, to, locality};
    PGresult *res = NULL;
    *out = NULL;
    if (sql == NULL)
        return OC_OK;
    enum oc_err rc = oc_db_exec(conn, sql, local ? 3 : 2, params, &res);
    if (rc == OC_OK && PQntuples(res) != 1)
        rc = OC_INTERNAL;
    if (rc == OC_OK && !PQgetisnull(res, 0, 0)) {
        const char *v = PQgetvalue(res, 0, 0);
        *out = plan_indicators[i].unit == PLAN_UNIT_PERCENT ? json_real(strtod(v, NULL))
                                                            : json_integer(strtoll(v, NULL, 10));
    }
    PQclear(res);
    return rc;
}

/* Counts the indicators that can be counted, into {indicator: count} (caller owns). */
static enum oc_err read_actuals(PGconn *conn, const struct statistics_period *p, json_t **out)
{
    enum oc_err rc = OC_OK;
    *out = json_object();
    for (int i = 0; i < PLAN_INDICATOR_COUNT && rc == OC_OK; i++) {
        json_t *value = NULL;
        rc = statistics_store_actual(conn, i, p->from, p->to, "", &value);
        if (rc == OC_OK && value != NULL)
            json_object_set_new(*out, plan_indicators[i].name, value);
    }
    return rc;
}

/* Reads each indicator's breakdown that has one into {indicator: [...]} (caller owns). */
static enum oc_err read_breakdowns(PGconn *conn, const struct statistics_period *p, json_t **out)
{
    const char *params[] = {p->from, p->to};
    enum oc_err rc = OC_OK;
    *out = json_object();
    for (int i = 0; i < PLAN_INDICATOR_COUNT && rc == OC_OK; i++) {
        json_t *rows = NULL;
        if (sql_breakdown[i] == NULL)
            continue;
        rc = oc_db_json_row(conn, sql_breakdown[i], 2, params, &rows);
        if (rc == OC_OK)
            json_object_set_new(*out, plan_indicators[i].name, rows);
    }
    return rc;
}

/*
 * Adds by_legacy_district and by_current_commune to into: the rows of sql
 * (SQL_BY_UNIT, over period p) counted, or null without the admin_units table.
 */
static enum oc_err read_by_unit(PGconn *conn, const char *sql, const struct statistics_period *p,
                                json_t *into)
{
    PGresult *res = NULL;
    json_t *by_unit = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_ADMIN_UNITS_PRESENT, 0, NULL, &res);
    if (rc != OC_OK)
        return rc;
    int present = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    if (present) {
        const char *params[] = {p->from, p->to};
        rc = oc_db_json_row(conn, sql, 2, params, &by_unit);
    }
    if (rc != OC_OK)
        return rc;
    json_object_set(into, "by_legacy_district",
                    by_unit ? json_object_get(by_unit, "by_legacy_district") : json_null());
    json_object_set(into, "by_current_commune",
                    by_unit ? json_object_get(by_unit, "by_current_commune") : json_null());
    json_decref(by_unit);
    return OC_OK;
}

/* The names of the standing indicators as a text[] literal, e.g. "{evaluation_rounds}". */
static void standing_names(char *buf, size_t len)
{
    size_t pos = (size_t)snprintf(buf, len, "{");
    for (int i = 0; i < PLAN_INDICATOR_COUNT && pos < len; i++)
        if (plan_indicators[i].standing)
            pos += (size_t)snprintf(buf + pos, len - pos, "%s%s", pos > 1 ? "," : "",
                                    plan_indicators[i].name);
    if (pos < len)
        snprintf(buf + pos, len - pos, "}");
}

enum oc_err statistics_store_targets(PGconn *conn, int year, const char *locality, json_t **out)
{
    char y[8], standing[256];
    snprintf(y, sizeof(y), "%d", year);
    standing_names(standing, sizeof(standing));
    const char *params[] = {y, standing, locality != NULL ? locality : ""};
    return oc_db_json_row(conn, SQL_TARGETS, 3, params, out);
}

/* Reads every part of the report into out, inside the caller's transaction. */
static enum oc_err read_figures(PGconn *conn, const struct statistics_period *p,
                                struct statistics_figures *out)
{
    const char *period[] = {p->from, p->to};
    enum oc_err rc = statistics_store_targets(conn, p->year, "", &out->targets);
    if (rc == OC_OK)
        rc = read_actuals(conn, p, &out->actuals);
    if (rc == OC_OK)
        rc = read_breakdowns(conn, p, &out->breakdowns);
    if (rc == OC_OK)
        rc = oc_db_json_row(conn, SQL_REGISTRATIONS, 2, period, &out->registrations);
    if (rc == OC_OK)
        rc = read_by_unit(conn, SQL_REGISTRATIONS_BY_UNIT, p, out->registrations);
    if (rc == OC_OK)
        rc = oc_db_json_row(conn, SQL_RECOGNITIONS, 2, period, &out->recognitions);
    if (rc == OC_OK)
        rc = read_by_unit(conn, SQL_RECOGNITIONS_BY_UNIT, p, out->recognitions);
    return rc;
}

enum oc_err statistics_store_read(PGconn *conn, const struct statistics_period *p,
                                  struct statistics_figures *out)
{
    memset(out, 0, sizeof(*out));
    enum oc_err rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = oc_db_exec(conn, SQL_SNAPSHOT, 0, NULL, NULL);
    if (rc == OC_OK)
        rc = read_figures(conn, p, out);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    else
        oc_db_rollback(conn);
    if (rc != OC_OK)
        statistics_figures_clean(out);
    return rc;
}

void statistics_figures_clean(struct statistics_figures *f)
{
    json_decref(f->targets);
    json_decref(f->actuals);
    json_decref(f->breakdowns);
    json_decref(f->registrations);
    json_decref(f->recognitions);
    memset(f, 0, sizeof(*f));
}
