#include "registration/plan_store.h"

#include <stdio.h>
#include <string.h>

#include "common/db.h"
#include "registration/statistics_store.h"
#include "registration/store_util.h"

static const char SQL_SNAPSHOT[] = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

#define PLAN_TARGET_JSON                                                                           \
    "json_build_object('year', year, 'indicator', indicator, 'target', target_value,"              \
    " 'locality', nullif(locality, ''), 'basis', basis, 'note', note, 'version', version,"         \
    " 'created_at', " SQL_TS("created_at") ", 'updated_at', " SQL_TS("updated_at") ")"

/* A new target has version 1; a replaced one a higher version. */
static const char SQL_PLAN_TARGET_PUT[] =
    "INSERT INTO plan_targets (year, indicator, target_value, basis, note, locality)"
    " VALUES ($1::int, $2, $3::bigint, $4, $5, $6)"
    " ON CONFLICT (year, indicator, locality) DO UPDATE SET target_value = EXCLUDED.target_value,"
    " basis = EXCLUDED.basis, note = EXCLUDED.note, version = plan_targets.version + 1,"
    " updated_at = now()"
    " RETURNING " PLAN_TARGET_JSON "::text";
static const char SQL_PLAN_TARGET_LIST[] =
    "SELECT coalesce(json_agg(" PLAN_TARGET_JSON " ORDER BY year DESC, indicator), '[]')::text"
    " FROM plan_targets WHERE ($1::int IS NULL OR year = $1::int) AND locality = $2";

/*
 * What the admin units say a code is: its level, and for a commune whether a
 * version of it is in force today (the province's time).
 */
static const char SQL_LOCALITY_KIND[] =
    "SELECT level, bool_or(coalesce(valid_from, '-infinity'::date)"
    "   <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
    "   AND coalesce(valid_to, 'infinity'::date)"
    "   >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)"
    " FROM admin_units WHERE code = $1 AND level = CASE length($1)"
    "   WHEN 3 THEN 'district' ELSE 'commune' END GROUP BY level";

#define PLAN_PERIOD_JSON                                                                           \
    "json_build_object('id', id, 'first_year', first_year, 'last_year', last_year,"                \
    " 'title', title, 'basis', basis, 'sourced', sourced, 'note', note, 'version', version,"       \
    " 'created_at', " SQL_TS("created_at") ", 'updated_at', " SQL_TS("updated_at") ")"

static const char SQL_PLAN_PERIOD_LIST[] =
    "SELECT coalesce(json_agg(" PLAN_PERIOD_JSON " ORDER BY first_year), '[]')::text"
    " FROM plan_periods";
static const char SQL_PLAN_PERIOD_GET[] =
    "SELECT " PLAN_PERIOD_JSON "::text FROM plan_periods WHERE id = $1";
static const char SQL_PLAN_PERIOD_INSERT[] =
    "INSERT INTO plan_periods (id, first_year, last_year, title, basis, sourced, note)"
    " VALUES ($1, $2::int, $3::int, $4, $5, $6::boolean, $7) ON CONFLICT (id) DO NOTHING"
    " RETURNING " PLAN_PERIOD_JSON "::text";
static const char SQL_PLAN_PERIOD_UPDATE[] =
    "UPDATE plan_periods SET title = $4, basis = $5, sourced = $6::boolean, note = $7,"
    " version = version + 1, updated_at = now()"
    " WHERE id = $1 AND first_year = $2::int AND last_year = $3::int AND version = $8::bigint"
    " RETURNING " PLAN_PERIOD_JSON "::text";

/* The targets of the years $1..$2, every locality, with the locality's current name. */
static const char SQL_PERIOD_TARGETS[] =
    "SELECT coalesce(json_agg(json_build_object('year', t.year, 'indicator', t.indicator,"
    " 'locality', nullif(t.locality, ''),"
    " 'locality_name', CASE WHEN t.locality <> '' THEN plan_locality_name(t.locality) END,"
    " 'target', t.target_value, 'basis', t.basis, 'note', t.note, 'version', t.version)"
    " ORDER BY t.year, t.indicator, t.locality), '[]')::text"
    " FROM plan_targets t WHERE t.year BETWEEN $1::int AND $2::int";

enum oc_err plan_store_put(PGconn *conn, const struct plan_target_put *t, json_t **out,
                           int *created)
{
    char year[8], target[24];
    snprintf(year, sizeof(year), "%d", t->year);
    snprintf(target, sizeof(target), "%lld", t->target);
    const char *params[] = {year,     t->indicator, target,
                            t->basis, t->note,      t->locality != NULL ? t->locality : ""};
    enum oc_err rc = oc_db_json_row(conn, SQL_PLAN_TARGET_PUT, 6, params, out);
    *created = rc == OC_OK && json_integer_value(json_object_get(*out, "version")) == 1;
    return rc;
}

enum oc_err plan_store_list(PGconn *conn, const char *year, const char *locality, json_t **out)
{
    const char *params[] = {year, locality != NULL ? locality : ""};
    return oc_db_json_row(conn, SQL_PLAN_TARGET_LIST, 2, params, out);
}

enum oc_err plan_store_locality_kind(PGconn *conn, const char *locality,
                                     enum plan_locality_kind *kind)
{
    PGresult *res = NULL;
    const char *params[] = {locality};
    *kind = PLAN_LOCALITY_PROVINCE;
    if (locality == NULL || *locality == '\0')
        return OC_OK;
    enum oc_err rc = oc_db_exec(conn, SQL_LOCALITY_KIND, 1, params, &res);
    if (rc != OC_OK)
        return rc;
    if (PQntuples(res) == 0)
        *kind = PLAN_LOCALITY_UNKNOWN;
    else if (strcmp(PQgetvalue(res, 0, 0), "district") == 0)
        *kind = PLAN_LOCALITY_DISTRICT;
    else
        *kind = strcmp(PQgetvalue(res, 0, 1), "t") == 0 ? PLAN_LOCALITY_COMMUNE
                                                        : PLAN_LOCALITY_COMMUNE_FORMER;
    PQclear(res);
    return OC_OK;
}

enum oc_err plan_store_period_list(PGconn *conn, json_t **out)
{
    return oc_db_json_row(conn, SQL_PLAN_PERIOD_LIST, 0, NULL, out);
}

/* Adds each target's actual figure of its year and locality, and its status. */
static enum oc_err period_actuals(PGconn *conn, json_t *targets)
{
    size_t n;
    json_t *t;
    json_array_foreach(targets, n, t)
    {
        char from[16], to[16];
        int year = (int)json_integer_value(json_object_get(t, "year"));
        int i = plan_indicator_find(json_string_value(json_object_get(t, "indicator")));
        const char *locality = json_string_value(json_object_get(t, "locality"));
        json_t *actual = NULL;
        snprintf(from, sizeof(from), "%d-01-01", year);
        snprintf(to, sizeof(to), "%d-12-31", year);
        enum oc_err rc =
            i < 0 ? OC_OK : statistics_store_actual(conn, i, from, to, locality, &actual);
        if (rc != OC_OK)
            return rc;
        json_object_set_new(
            t, "status",
            json_string(plan_progress_status(1, json_number_value(json_object_get(t, "target")),
                                             actual != NULL, json_number_value(actual))));
        json_object_set_new(t, "actual", actual != NULL ? actual : json_null());
    }
    return OC_OK;
}

enum oc_err plan_store_period_get(PGconn *conn, const char *id, json_t **out)
{
    json_t *targets = NULL;
    *out = NULL;
    enum oc_err rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = oc_db_exec(conn, SQL_SNAPSHOT, 0, NULL, NULL);
    if (rc == OC_OK)
        rc = oc_db_json_row(conn, SQL_PLAN_PERIOD_GET, 1, &id, out);
    if (rc == OC_OK) {
        char first[16], last[16];
        snprintf(first, sizeof(first), "%lld",
                 (long long)json_integer_value(json_object_get(*out, "first_year")));
        snprintf(last, sizeof(last), "%lld",
                 (long long)json_integer_value(json_object_get(*out, "last_year")));
        const char *years[] = {first, last};
        rc = oc_db_json_row(conn, SQL_PERIOD_TARGETS, 2, years, &targets);
    }
    if (rc == OC_OK)
        rc = period_actuals(conn, targets);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    else
        oc_db_rollback(conn);
    if (rc == OC_OK) {
        json_object_set_new(*out, "targets", targets);
        return OC_OK;
    }
    json_decref(targets);
    json_decref(*out);
    *out = NULL;
    return rc;
}

enum oc_err plan_store_period_put(PGconn *conn, const struct plan_period_put *p,
                                  const char *version, json_t **out)
{
    char first[8], last[8];
    snprintf(first, sizeof(first), "%d", p->first_year);
    snprintf(last, sizeof(last), "%d", p->last_year);
    const char *params[] = {p->id,   first,  last, p->title, p->basis, p->sourced ? "t" : "f",
                            p->note, version};
    enum oc_err rc;
    if (version == NULL) {
        rc = oc_db_json_row(conn, SQL_PLAN_PERIOD_INSERT, 7, params, out);
        return rc == OC_NOT_FOUND ? OC_PRECONDITION_REQUIRED : rc; /* it exists */
    }
    rc = oc_db_json_row(conn, SQL_PLAN_PERIOD_UPDATE, 8, params, out);
    if (rc != OC_NOT_FOUND)
        return rc;
    json_t *now = NULL;
    rc = oc_db_json_row(conn, SQL_PLAN_PERIOD_GET, 1, params, &now);
    json_decref(now);
    return rc == OC_OK ? OC_PRECONDITION : rc;
}
