#include "registration/producer_store.h"

#include <stdio.h>
#include <string.h>

#include "common/db.h"
#include "registration/store_util.h"

/* clang-format off */
#define PRODUCER_JSON                                                                              \
    "json_build_object('id', id, 'type', producer_type, 'name', name, 'identifier', identifier,"   \
    " 'representative', representative, 'commune_code', commune_code, 'address', address,"         \
    " 'current_commune_code', " SQL_COMMUNE_NOW("") ","                                            \
    " 'phone', phone, 'email', email, 'registered_on', registered_on, 'version', version,"                                         \
    " 'created_at', " SQL_TS("created_at") ", 'updated_at', " SQL_TS("updated_at") ")::text"
/* clang-format on */

static const char SQL_PRODUCER_INSERT[] =
    "INSERT INTO producers (producer_type, name, name_search, identifier, representative,"
    " commune_code, address, phone, email, registered_on)"
    " VALUES ($1, $2, lower(public.unaccent($2)), $3, $4, $5, $6, $7, $8,"
    " coalesce($9::date, " SQL_TODAY ")) RETURNING " PRODUCER_JSON;
static const char SQL_PRODUCER_UPDATE[] =
    "UPDATE producers pr SET name = coalesce($3, name),"
    " name_search = lower(public.unaccent(coalesce($3, name))),"
    " representative = coalesce($4, representative), commune_code = coalesce($5, commune_code),"
    " address = CASE WHEN $9::bool THEN NULL ELSE coalesce($6, address) END,"
    " phone = CASE WHEN $10::bool THEN NULL ELSE coalesce($7, phone) END,"
    " email = CASE WHEN $11::bool THEN NULL ELSE coalesce($8, email) END,"
    " version = version + 1, updated_at = now()"
    " WHERE pr.id = $1 AND pr.version = $2::bigint AND " SQL_IN_SCOPE(
        "pr", "12", "13", "14") " RETURNING " PRODUCER_JSON;
static const char SQL_PRODUCER_EXISTS[] =
    "SELECT 1 FROM producers pr WHERE pr.id = $1 AND " SQL_IN_SCOPE("pr", "2", "3", "4");
static const char SQL_COMMUNE[] =
    "SELECT EXISTS (SELECT 1 FROM admin_units WHERE level = 'commune' AND code = $1),"
    " $2::text IS NULL OR coalesce(" SQL_RESOLVE(
        "$1", SQL_TODAY) " = $2::text, false),"
                         " coalesce(" SQL_RESOLVE("$1", "coalesce($3::date, " SQL_TODAY
                                                        ")") ", ''),"
                                                             " coalesce($3::date > " SQL_TODAY
                                                             ", false)";
/* clang-format off */
static const char PRODUCER_PAGE[] =
    OC_SQL_PAGE(PRODUCER_JSON,
                " FROM producers pr"
    " WHERE ($1::text IS NULL OR producer_type = $1)"
    " AND ($2::text IS NULL OR commune_code = $2)"
    " AND ($3::text IS NULL OR commune_code IN (SELECT code FROM admin_units"
    "      WHERE level = 'commune' AND parent_code = $3))"
    " AND ($4::text IS NULL OR name_search LIKE '%' || replace(replace(replace("
    "      lower(public.unaccent($4)), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')"
    " AND " SQL_IN_SCOPE("pr", "5", "6", "7"),
                "pr.created_at", "pr.id", 7);
/* clang-format on */
static const char SQL_PRODUCER_GET[] = "SELECT " PRODUCER_JSON " FROM producers pr"
                                       " WHERE pr.id = $1 AND " SQL_IN_SCOPE("pr", "2", "3", "4");

enum oc_err producer_store_insert(PGconn *conn, const struct oc_field_value *p, json_t **out)
{
    struct oc_field_param buf[PRODUCER_N];
    const char *params[PRODUCER_N];
    oc_fields_params(producer_fields, PRODUCER_N, p, buf, params);
    return oc_db_json_row(conn, SQL_PRODUCER_INSERT, PRODUCER_N, params, out);
}

enum oc_err producer_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                               json_t **out)
{
    return reg_store_scoped_row(conn, SQL_PRODUCER_GET, scope, id, out);
}

enum oc_err producer_store_update(PGconn *conn, const struct reg_scope *scope, const char *id,
                                  long long version, const struct oc_field_value *patch,
                                  json_t **out)
{
    char ver[24];
    snprintf(ver, sizeof(ver), "%lld", version);
    const char *params[] = {id,
                            ver,
                            patch[PRODUCER_NAME].s,
                            patch[PRODUCER_REPRESENTATIVE].s,
                            patch[PRODUCER_COMMUNE_CODE].s,
                            patch[PRODUCER_ADDRESS].s,
                            patch[PRODUCER_PHONE].s,
                            patch[PRODUCER_EMAIL].s,
                            patch[PRODUCER_ADDRESS].clear ? "t" : "f",
                            patch[PRODUCER_PHONE].clear ? "t" : "f",
                            patch[PRODUCER_EMAIL].clear ? "t" : "f",
                            scope->all,
                            scope->producers,
                            scope->commune};
    enum oc_err rc = oc_db_json_row(conn, SQL_PRODUCER_UPDATE, 14, params, out);
    if (rc != OC_NOT_FOUND)
        return rc;
    PGresult *res = NULL;
    const char *exists[] = {id, scope->all, scope->producers, scope->commune};
    rc = oc_db_exec(conn, SQL_PRODUCER_EXISTS, 4, exists, &res);
    if (rc == OC_OK)
        rc = PQntuples(res) > 0 ? OC_PRECONDITION : OC_NOT_FOUND;
    PQclear(res);
    return rc;
}

enum oc_err producer_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                int limit, json_t **items, json_t **next)
{
    const struct producer_filter *f = filter;
    const char *params[] = {f->type,      f->commune_code,    f->legacy_district, f->q,
                            f->scope.all, f->scope.producers, f->scope.commune};
    return OC_DB_PAGE(conn, PRODUCER_PAGE, params, after, limit, items, next);
}

enum oc_err producer_store_commune(PGconn *conn, const struct reg_scope *scope, const char *code,
                                   const char *on, struct commune_facts *f)
{
    const char *params[] = {code, scope->commune, on};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_COMMUNE, 3, params, &res);
    if (rc == OC_OK) {
        f->known = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
        f->in_scope = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
        snprintf(f->then, sizeof(f->then), "%s", PQgetvalue(res, 0, 2));
        f->future = strcmp(PQgetvalue(res, 0, 3), "t") == 0;
    }
    PQclear(res);
    return rc;
}
