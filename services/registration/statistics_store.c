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

static const char SQL_TARGETS[] =
    "SELECT coalesce(json_object_agg(indicator, json_build_object('target', target_value,"
    " 'basis', basis, 'note', note)), '{}')::text FROM plan_targets WHERE year = $1::int";

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
 * The same products grouped by the district their commune code belonged to
 * before 1 July 2025 (the version of the code valid on the registration day,
 * else its last one under a district) and by the commune that code is today
 * (admin_unit_resolve). A code the table does not know has a null key. Run
 * only when SQL_ADMIN_UNITS_PRESENT says so.
 */
static const char SQL_REGISTRATIONS_BY_UNIT[] =
    "WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d),"
    " r AS (SELECT p.commune_code, " SQL_REGISTERED_ON " AS registered_on FROM products p"
    " WHERE " SQL_REGISTERED_ON " <= $1::date),"
    " legacy AS (SELECT (SELECT a.parent_code FROM admin_units a WHERE a.level = 'commune'"
    "   AND a.code = r.commune_code AND a.parent_code ~ '^[0-9]{3}$'"
    "   ORDER BY r.registered_on BETWEEN coalesce(a.valid_from, '-infinity'::date)"
    "   AND coalesce(a.valid_to, 'infinity'::date) DESC, a.valid_to DESC NULLS FIRST LIMIT 1)"
    "   AS k FROM r),"
    " resolved AS (SELECT admin_unit_resolve(r.commune_code, (SELECT d FROM today)) AS k FROM r)"
    " SELECT json_build_object("
    " 'by_legacy_district', (SELECT coalesce(json_agg(json_build_object('key', g.k,"
    "   'name', (SELECT a.name FROM admin_units a WHERE a.level = 'district' AND a.code = g.k"
    "   ORDER BY a.valid_to DESC NULLS FIRST LIMIT 1), 'count', g.n) ORDER BY g.k NULLS LAST),"
    "   '[]') FROM (SELECT k, count(*) AS n FROM legacy GROUP BY k) g),"
    " 'by_current_commune', (SELECT coalesce(json_agg(json_build_object('key', g.k,"
    "   'name', (SELECT a.name FROM admin_units a, today WHERE a.level = 'commune'"
    "   AND a.code = g.k AND coalesce(a.valid_from, '-infinity'::date) <= today.d"
    "   AND coalesce(a.valid_to, 'infinity'::date) >= today.d LIMIT 1),"
    "   'count', g.n) ORDER BY g.k NULLS LAST), '[]')"
    "   FROM (SELECT k, count(*) AS n FROM resolved GROUP BY k) g))::text";

/*
 * Products recognised (a 3★+ certificate issued) in the period: recognised_on
 * keeps the day of recognition even after the certificate lapses, and only
 * 3★+ results get a certificate.
 */
static const char SQL_ACTUAL_PRODUCTS_3STAR_PLUS[] =
    "SELECT count(*) FROM products WHERE recognised_on BETWEEN $1::date AND $2::date";

/* Trademark support requests granted in the period ($1..$2). */
static const char SQL_ACTUAL_TRADEMARKS_SUPPORTED[] =
    "SELECT count(*) FROM trademarks"
    " WHERE status = 'granted' AND decided_on BETWEEN $1::date AND $2::date";

/*
 * ==== EXTENSION POINT: how each plan indicator's actual figure is counted ====
 *
 * One statement per indicator of plan.h, taking the period ($1 first day, $2
 * last day, both dates) and returning one row with one count. NULL means the
 * figure cannot be counted yet: the report then shows it as null with status
 * "not_yet_known". To count one, write its statement above and name it here;
 * nothing else changes (the path is the one trademarks_supported takes, which
 * test_statistics.sh covers). Planned:
 *
 * - products_3star_plus, once products has stars smallint and recognised_on
 *   date (filled from the evaluation service's recognition events):
 *     SELECT count(*) FROM products
 *      WHERE stars >= 3 AND recognised_on BETWEEN $1::date AND $2::date
 * - evaluation_rounds, once the evaluation service reports its rounds (an
 *   event this service does not consume yet) into a local table.
 */
static const char *const sql_actual[PLAN_INDICATOR_COUNT] = {
    [PLAN_PRODUCTS_3STAR_PLUS] = SQL_ACTUAL_PRODUCTS_3STAR_PLUS,
    [PLAN_TRADEMARKS_SUPPORTED] = SQL_ACTUAL_TRADEMARKS_SUPPORTED,
    [PLAN_EVALUATION_ROUNDS] = NULL,
};

/* Counts the indicators that can be counted, into {indicator: count} (caller owns). */
static enum oc_err read_actuals(PGconn *conn, const struct statistics_period *p, json_t **out)
{
    const char *params[] = {p->from, p->to};
    enum oc_err rc = OC_OK;
    *out = json_object();
    for (int i = 0; i < PLAN_INDICATOR_COUNT && rc == OC_OK; i++) {
        PGresult *res = NULL;
        if (sql_actual[i] == NULL)
            continue;
        rc = oc_db_exec(conn, sql_actual[i], 2, params, &res);
        if (rc == OC_OK && (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)))
            rc = OC_INTERNAL;
        if (rc == OC_OK)
            json_object_set_new(*out, plan_indicators[i].name,
                                json_integer(strtoll(PQgetvalue(res, 0, 0), NULL, 10)));
        PQclear(res);
    }
    return rc;
}

/* Adds by_legacy_district and by_current_commune to reg: counts, or null without the table. */
static enum oc_err read_by_unit(PGconn *conn, const struct statistics_period *p, json_t *reg)
{
    PGresult *res = NULL;
    json_t *by_unit = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_ADMIN_UNITS_PRESENT, 0, NULL, &res);
    if (rc != OC_OK)
        return rc;
    int present = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    if (present) {
        const char *params[] = {p->to};
        rc = oc_db_json_row(conn, SQL_REGISTRATIONS_BY_UNIT, 1, params, &by_unit);
    }
    if (rc != OC_OK)
        return rc;
    json_object_set(reg, "by_legacy_district",
                    by_unit ? json_object_get(by_unit, "by_legacy_district") : json_null());
    json_object_set(reg, "by_current_commune",
                    by_unit ? json_object_get(by_unit, "by_current_commune") : json_null());
    json_decref(by_unit);
    return OC_OK;
}

/* Reads every part of the report into out, inside the caller's transaction. */
static enum oc_err read_figures(PGconn *conn, const struct statistics_period *p,
                                struct statistics_figures *out)
{
    char year[8];
    snprintf(year, sizeof(year), "%d", p->year);
    const char *year_param[] = {year};
    enum oc_err rc = oc_db_json_row(conn, SQL_TARGETS, 1, year_param, &out->targets);
    if (rc != OC_OK)
        return rc;
    rc = read_actuals(conn, p, &out->actuals);
    if (rc != OC_OK)
        return rc;
    const char *period[] = {p->from, p->to};
    rc = oc_db_json_row(conn, SQL_REGISTRATIONS, 2, period, &out->registrations);
    if (rc != OC_OK)
        return rc;
    return read_by_unit(conn, p, out->registrations);
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
    json_decref(f->registrations);
    memset(f, 0, sizeof(*f));
}
