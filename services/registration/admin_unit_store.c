#include "registration/admin_unit_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "common/log.h"
#include "registration/store_util.h"

/* The inclusive validity of a row as a daterange; NULL bounds are open. */
#define SQL_SPAN(t) "daterange(" t ".valid_from, " t ".valid_to, '[]')"
/* Today's date in Trà Vinh. */
#define SQL_TODAY "(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
/* Listing order: province, district, commune. */
#define SQL_RANK(x) "array_position(ARRAY['province', 'district', 'commune'], " x ")"
/* The sort key of a version's first day; unknown first days sort first. */
#define SQL_FROM(t) "coalesce(" t ".valid_from, '-infinity'::date)"
/* A search text folded like search_name, with LIKE's wildcards escaped. */
#define SQL_LIKE(x)                                                                                \
    "'%' || replace(replace(replace(lower(public.unaccent(" x ")), '\\', '\\\\'), '%', '\\%'),"    \
    " '_', '\\_') || '%'"

#define UNIT_JSON(t)                                                                               \
    "json_build_object('level', " t ".level, 'code', " t ".code, 'name', " t ".name,"              \
    " 'type', " t ".unit_type, 'parent_code', " t ".parent_code, 'valid_from', " t ".valid_from,"  \
    " 'valid_to', " t ".valid_to, 'successor_code', " t ".successor_code,"                         \
    " 'split_code', " t ".split_code)"

/* clang-format off */
static const char SQL_UNIT_LIST[] =
    "SELECT " UNIT_JSON("a") "::text, a.level, a.code, " SQL_FROM("a")
    "::text FROM admin_units a WHERE ($1::text IS NULL OR a.level = $1) AND ($2::text IS NULL"
    " OR a.parent_code = $2) AND ($3::text IS NULL OR a.search_name LIKE " SQL_LIKE("$3")
    ") AND ($4::date IS NULL OR " SQL_SPAN("a") " @> $4::date) AND ($5::text IS NULL OR ("
    SQL_RANK("a.level") ", a.code, " SQL_FROM("a") ") > (" SQL_RANK("$5::text")
    ", $6::text, $7::date)) ORDER BY " SQL_RANK("a.level") ", a.code, " SQL_FROM("a")
    " LIMIT $8::int";
/* clang-format on */

/*
 * One version with its neighbours. u is the version valid on the day asked
 * (else the latest); pre walks the successor links backwards: a unit is a
 * predecessor of a version when its successor_code is that version's code and
 * the day after its valid_to falls within that version.
 */
/* clang-format off */
static const char SQL_UNIT_GET[] =
    "WITH RECURSIVE d AS (SELECT coalesce($2::date, " SQL_TODAY ") AS day, " SQL_TODAY
    " AS today), u AS (SELECT a.* FROM admin_units a, d WHERE a.code = $1 ORDER BY " SQL_SPAN("a")
    " @> d.day DESC, " SQL_FROM("a")
    " DESC LIMIT 1), pre AS (SELECT a.code, a.name, a.valid_from, a.valid_to, u.code AS"
    " via_code, u.name AS via_name, 1 AS depth FROM u JOIN admin_units a ON u.code IN"
    " (a.successor_code, a.split_code) AND " SQL_SPAN("u")
    " @> (a.valid_to + 1) UNION ALL SELECT a.code, a.name, a.valid_from, a.valid_to, p.code,"
    " p.name, p.depth + 1 FROM pre p JOIN admin_units a ON p.code IN (a.successor_code,"
    " a.split_code) AND "
    SQL_SPAN("p")
    " @> (a.valid_to + 1) WHERE p.depth < 32) SELECT json_build_object('level', u.level,"
    " 'code', u.code, 'name', u.name, 'type', u.unit_type, 'valid_from', u.valid_from,"
    " 'valid_to', u.valid_to, 'valid_on', d.day, 'in_force', " SQL_SPAN("u")
    " @> d.day, 'parent', (SELECT json_build_object('code', pa.code, 'name', pa.name) FROM"
    " admin_units pa WHERE pa.code = u.parent_code AND " SQL_SPAN("pa") " && " SQL_SPAN("u")
    " ORDER BY " SQL_FROM("pa")
    " DESC LIMIT 1), 'successor', (SELECT json_build_object('code', s.code, 'name', s.name,"
    " 'valid_from', s.valid_from) FROM admin_units s WHERE s.code = u.successor_code AND "
    SQL_SPAN("s") " @> (u.valid_to + 1)), 'split', (SELECT json_build_object('code', s.code,"
    " 'name', s.name, 'valid_from', s.valid_from) FROM admin_units s WHERE s.code ="
    " u.split_code AND " SQL_SPAN("s") " @> (u.valid_to + 1)), 'predecessors', coalesce((SELECT"
    " json_agg(json_build_object('code', p.code, 'name', p.name, 'valid_from', p.valid_from,"
    " 'valid_to', p.valid_to, 'successor', json_build_object('code', p.via_code, 'name',"
    " p.via_name)) ORDER BY p.valid_to DESC, p.code) FROM pre p), '[]'), 'current', (SELECT"
    " json_build_object('code', c.code, 'name', c.name) FROM admin_units c WHERE " SQL_FROM("u")
    " <= d.today AND c.code = admin_unit_resolve(u.code, d.today) AND " SQL_SPAN("c")
    " @> d.today), 'versions', (SELECT json_agg(json_build_object('level', v.level, 'name',"
    " v.name, 'type', v.unit_type, 'valid_from', v.valid_from, 'valid_to', v.valid_to) ORDER"
    " BY " SQL_FROM("v") ") FROM admin_units v WHERE v.code = u.code))::text FROM u, d";
/* clang-format on */

static const char SQL_UNIT_RESOLVE[] =
    "SELECT admin_unit_resolve($1, coalesce($2::date, " SQL_TODAY "))";
static const char SQL_UNIT_DISTRICT[] =
    "SELECT admin_unit_district($1, coalesce($2::date, " SQL_TODAY "))";

static const char SQL_UNITS_DELETE[] = "DELETE FROM admin_units";
/* search_name is folded here, at load time: unaccent() is not immutable. */
static const char SQL_UNITS_INSERT[] =
    "INSERT INTO admin_units (level, code, name, unit_type, parent_code, valid_from, valid_to,"
    " successor_code, split_code, search_name)"
    " SELECT r.level, r.code, r.name, r.type, r.parent_code, r.valid_from, r.valid_to,"
    " r.successor_code, r.split_code, lower(public.unaccent(r.name))"
    " FROM json_to_recordset($1::json) AS r (level text, code text, name text, type text,"
    " parent_code text, valid_from date, valid_to date, successor_code text, split_code text)";
static const char SQL_RESOLUTIONS_REFRESH[] = "SELECT admin_unit_resolutions_refresh()";

/* ---- reads ---------------------------------------------------------------------------------- */

enum oc_err admin_unit_store_list(PGconn *conn, const struct admin_unit_filter *f, int limit,
                                  json_t **items, json_t **next)
{
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", limit + 1);
    const char *params[] = {f->level,       f->parent,     f->name,       f->valid_on,
                            f->after_level, f->after_code, f->after_from, lim};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_UNIT_LIST, 8, params, &res);
    *items = *next = NULL;
    if (rc != OC_OK)
        return rc;
    int n = PQntuples(res);
    if (n > limit)
        *next = json_pack("{s:s,s:s,s:s}", "l", PQgetvalue(res, limit - 1, 1), "c",
                          PQgetvalue(res, limit - 1, 2), "f", PQgetvalue(res, limit - 1, 3));
    *items = json_array();
    for (int i = 0; i < n && i < limit && rc == OC_OK; i++) {
        json_t *item = json_loads(PQgetvalue(res, i, 0), 0, NULL);
        if (item == NULL)
            rc = OC_INTERNAL;
        else
            json_array_append_new(*items, item);
    }
    PQclear(res);
    if (rc != OC_OK) {
        json_decref(*items);
        json_decref(*next);
        *items = *next = NULL;
    }
    return rc;
}

enum oc_err admin_unit_store_get(PGconn *conn, const char *code, const char *valid_on, json_t **out)
{
    const char *params[] = {code, valid_on};
    return oc_db_json_row(conn, SQL_UNIT_GET, 2, params, out);
}

/* Runs a one-value query; copies a non-NULL value into out, else OC_NOT_FOUND. */
static enum oc_err scalar_code(PGconn *conn, const char *sql, const char *code, const char *on_date,
                               char *out, size_t len)
{
    const char *params[] = {code, on_date};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, sql, 2, params, &res);
    if (rc != OC_OK)
        return rc;
    if (PQgetisnull(res, 0, 0))
        rc = OC_NOT_FOUND;
    else if (strlen(PQgetvalue(res, 0, 0)) >= len)
        rc = OC_INTERNAL;
    else
        snprintf(out, len, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return rc;
}

enum oc_err admin_unit_store_resolve(PGconn *conn, const char *code, const char *on_date, char *out,
                                     size_t len)
{
    return scalar_code(conn, SQL_UNIT_RESOLVE, code, on_date, out, len);
}

enum oc_err admin_unit_store_district(PGconn *conn, const char *code, const char *on_date,
                                      char *out, size_t len)
{
    return scalar_code(conn, SQL_UNIT_DISTRICT, code, on_date, out, len);
}

/* ---- loading -------------------------------------------------------------------------------- */

/* The records as a JSON array text for json_to_recordset (caller frees). */
static char *units_json(const struct admin_unit *units, size_t n)
{
    json_t *rows = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct admin_unit *u = &units[i];
        json_array_append_new(
            rows, json_pack("{s:s,s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s?,s:s?}", "level", u->level, "code",
                            u->code, "name", u->name, "type", u->type, "parent_code",
                            u->parent_code, "valid_from", u->valid_from, "valid_to", u->valid_to,
                            "successor_code", u->successor_code, "split_code", u->split_code));
    }
    char *text = json_dumps(rows, JSON_COMPACT);
    json_decref(rows);
    return text;
}

/* Inserts the n records in one statement and checks that n rows went in. */
static enum oc_err units_insert(PGconn *conn, const struct admin_unit *units, size_t n,
                                const char *count)
{
    char *rows = units_json(units, n);
    const char *params[] = {rows};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_UNITS_INSERT, 1, params, &res);
    if (rc == OC_OK && strcmp(PQcmdTuples(res), count) != 0) {
        oc_log(OC_LOG_ERROR, "inserted %s administrative units instead of %s", PQcmdTuples(res),
               count);
        rc = OC_INTERNAL;
    }
    PQclear(res);
    free(rows);
    return rc;
}

enum oc_err admin_unit_store_replace(PGconn *conn, const struct admin_unit *units, size_t n)
{
    char count[24];
    snprintf(count, sizeof(count), "%zu", n);
    enum oc_err rc = oc_db_exec(conn, SQL_UNITS_DELETE, 0, NULL, NULL);
    if (rc == OC_OK)
        rc = units_insert(conn, units, n, count);
    if (rc == OC_OK)
        rc = oc_db_exec(conn, SQL_RESOLUTIONS_REFRESH, 0, NULL, NULL);
    return rc;
}
