#include "registration/idea_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "registration/store_util.h"

/* clang-format off */
#define IDEA_JSON                                                                                  \
    "json_build_object('id', i.id, 'producer_id', i.producer_id,"                                  \
    " 'commune_code', " SQL_COMMUNE_NOW("pr.") ", 'form', i.form, 'product_id', i.product_id,"     \
    " 'name', i.name, 'description', i.description, 'sector', i.sector,"                            \
    " 'criteria_set', i.criteria_set, 'year', i.year,"                                             \
    " 'status', i.status, 'returned_on', i.returned_on, 'accepted_on', i.accepted_on,"             \
    " 'version', i.version, 'created_at', " SQL_TS("i.created_at") ","                             \
    " 'updated_at', " SQL_TS("i.updated_at") ")"

static const char SQL_IDEA_REFS[] =
    "SELECT EXISTS (SELECT 1 FROM producers pr WHERE pr.id = $1::uuid"
    "   AND " SQL_IN_SCOPE("pr", "3", "4", "5") "),"
    " $2::uuid IS NULL OR EXISTS (SELECT 1 FROM products WHERE id = $2::uuid"
    "   AND producer_id = $1::uuid)";

static const char SQL_IDEA_INSERT[] =
    "WITH i AS (INSERT INTO ideas (producer_id, form, product_id, name, description, sector,"
    " criteria_set, year)"
    " VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, $10::int, $7::int) RETURNING id)"
    SQL_CYCLE_SUBMITTED("idea_history", "idea_id", "i", "8", "9") " SELECT id FROM i";

static const char SQL_IDEA_GET[] =
    "SELECT (" IDEA_JSON "::jsonb || jsonb_build_object('history',"
    " " SQL_CYCLE_HISTORY("idea_history", "idea_id", "i.id") "))::text"
    " FROM ideas i JOIN producers pr ON pr.id = i.producer_id"
    " WHERE i.id = $1::uuid AND " SQL_IN_SCOPE("pr", "2", "3", "4");

static const char SQL_IDEA_LOCK[] =
    "SELECT i.status, i.version, i.producer_id, coalesce(i.product_id::text, ''),"
    " coalesce(to_char(i.returned_on, 'YYYY-MM-DD'), ''), coalesce(i.sector, ''),"
    " coalesce(i.criteria_set, 0)"
    " FROM ideas i JOIN producers pr ON pr.id = i.producer_id"
    " WHERE i.id = $1::uuid AND " SQL_IN_SCOPE("pr", "2", "3", "4") " FOR UPDATE OF i";

static const char SQL_IDEA_UPDATE[] =
    "UPDATE ideas SET name = coalesce($3, name),"
    " description = CASE WHEN $5::bool THEN NULL ELSE coalesce($4, description) END,"
    " sector = $6, criteria_set = $7::int,"
    " product_id = coalesce($8::uuid, product_id),"
    " version = version + 1, updated_at = now() WHERE id = $1::uuid AND version = $2::bigint";

static const char SQL_IDEA_EVENT[] =
    "SELECT json_build_object('idea_id', i.id, 'producer_id', i.producer_id,"
    " 'producer_type', pr.producer_type, 'product_id', i.product_id, 'form', i.form,"
    " 'sector', i.sector, 'criteria_set', i.criteria_set, 'year', i.year,"
    " 'commune_code', " SQL_COMMUNE_NOW("pr.") ","
    " 'status', i.status, 'version', i.version, 'changed_at', " SQL_TS("i.updated_at") ")::text"
    " FROM ideas i JOIN producers pr ON pr.id = i.producer_id WHERE i.id = $1::uuid";

static const char SQL_IDEA_LIST[] = OC_SQL_PAGE(
    IDEA_JSON "::text",
    " FROM ideas i JOIN producers pr ON pr.id = i.producer_id"
    " WHERE ($1::text IS NULL OR i.status = $1) AND ($2::int IS NULL OR i.year = $2::int)"
    " AND ($3::text IS NULL OR " SQL_COMMUNE_NOW("pr.") " = $3)"
    " AND ($4::uuid IS NULL OR i.producer_id = $4::uuid)"
    " AND ($5::uuid IS NULL OR i.product_id = $5::uuid)"
    " AND " SQL_IN_SCOPE("pr", "6", "7", "8"),
    "i.created_at", "i.id", 8);
/* clang-format on */

enum oc_err idea_store_refs(PGconn *conn, const struct reg_scope *scope, const char *producer_id,
                            const char *product_id, int *producer_ok, int *product_ok)
{
    const char *params[] = {producer_id, product_id, scope->all, scope->producers, scope->commune};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_IDEA_REFS, 5, params, &res);
    if (rc == OC_OK) {
        *producer_ok = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
        *product_ok = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
    }
    PQclear(res);
    return rc;
}

enum oc_err idea_store_insert(PGconn *conn, const struct idea_input *i, const char *role,
                              const char *actor, char *id, size_t idlen)
{
    char year[8], set[8];
    snprintf(year, sizeof(year), "%lld", i->year);
    snprintf(set, sizeof(set), "%lld", i->criteria_set);
    const char *params[] = {
        i->producer_id, i->form, i->product_id, i->name, i->description,
        i->sector,      year,    role,          actor,   i->criteria_set != 0 ? set : NULL};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_IDEA_INSERT, 10, params, &res);
    if (rc == OC_OK)
        snprintf(id, idlen, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return rc;
}

enum oc_err idea_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                           json_t **out)
{
    return reg_store_scoped_row(conn, SQL_IDEA_GET, scope, id, out);
}

enum oc_err idea_store_lock(PGconn *conn, const struct reg_scope *scope, const char *id,
                            struct idea_row *row)
{
    const char *params[] = {id, scope->all, scope->producers, scope->commune};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_IDEA_LOCK, 4, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    if (rc == OC_OK) {
        snprintf(row->status, sizeof(row->status), "%s", PQgetvalue(res, 0, 0));
        row->version = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
        snprintf(row->producer_id, sizeof(row->producer_id), "%s", PQgetvalue(res, 0, 2));
        snprintf(row->product_id, sizeof(row->product_id), "%s", PQgetvalue(res, 0, 3));
        snprintf(row->returned_on, sizeof(row->returned_on), "%s", PQgetvalue(res, 0, 4));
        snprintf(row->sector, sizeof(row->sector), "%s", PQgetvalue(res, 0, 5));
        row->criteria_set = strtoll(PQgetvalue(res, 0, 6), NULL, 10);
    }
    PQclear(res);
    return rc;
}

enum oc_err idea_store_update(PGconn *conn, const char *id, long long version,
                              const struct idea_patch *p, long long criteria_set,
                              const char *sector)
{
    char ver[24], set[8];
    snprintf(ver, sizeof(ver), "%lld", version);
    snprintf(set, sizeof(set), "%lld", criteria_set);
    const char *params[] = {id,
                            ver,
                            p->name,
                            p->description,
                            p->clear_description ? "t" : "f",
                            sector,
                            criteria_set != 0 ? set : NULL,
                            p->product_id};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_IDEA_UPDATE, 8, params, &res);
    if (rc == OC_OK && oc_db_affected(res) == 0)
        rc = OC_PRECONDITION;
    PQclear(res);
    return rc;
}

enum oc_err idea_store_event(PGconn *conn, const char *id, json_t **data)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_IDEA_EVENT, 1, params, data);
}

enum oc_err idea_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                            int limit, json_t **items, json_t **next)
{
    const struct idea_filter *f = filter;
    const char *params[] = {f->status,     f->year,      f->commune,         f->producer_id,
                            f->product_id, f->scope.all, f->scope.producers, f->scope.commune};
    return OC_DB_PAGE(conn, SQL_IDEA_LIST, params, after, limit, items, next);
}
