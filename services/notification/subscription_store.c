#include "notification/subscription_store.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/alloc.h"
#include "common/sql.h"

/* clang-format off */
#define SUB_JSON                                                            \
    "json_build_object('id', s.id, 'url', s.url, 'event_types', to_json(s.event_types),"           \
    " 'format', s.format, 'description', s.description, 'contact_email', s.contact_email,"         \
    " 'max_in_flight', s.max_in_flight, 'status', s.status, 'paused_at', "                         \
    SQL_TS(\
        "s.paused_at")                                                                 \
    ", 'paused_reason', s.paused_reason, 'consecutive_failures', s.consecutive_failures,"          \
    " 'secret_rotated_at', " SQL_TS(\
                           "s.secret_rotated_at")             \
    ", 'previous_secret_expires_at', CASE WHEN s.previous_secret_until > now() THEN "              \
    SQL_TS(\
                                                      "s.previous_secret_until")       \
    " END, 'owner', s.owner, 'version', s.version, 'created_at', "                                 \
    SQL_TS(\
                                                                                     "s.created_at")\
    ", 'updated_at', "                                                                             \
    SQL_TS(\
                                                                                               "s.updated_at")\
    ")::text"
/* clang-format on */

#define SUB_TYPES "ARRAY(SELECT json_array_elements_text($2::json))"

static const char SQL_SUB_INSERT[] =
    "WITH s AS (INSERT INTO webhook_subscriptions (url, event_types, format, description,"
    " contact_email, max_in_flight, status, owner, secret)"
    " VALUES ($1, " SUB_TYPES ", $3, $4, $5, $6::int, $7, $8, $9) RETURNING *)"
    " SELECT " SUB_JSON " FROM s";
static const char SQL_SUB_GET[] = "SELECT " SUB_JSON " FROM webhook_subscriptions s"
                                  " WHERE s.id = $1::uuid AND ($2::text IS NULL OR s.owner = $2)";
static const char SQL_SUB_LOCK[] =
    "SELECT " SUB_JSON " FROM webhook_subscriptions s"
    " WHERE s.id = $1::uuid AND ($2::text IS NULL OR s.owner = $2) FOR UPDATE";
static const char SQL_SUB_UPDATE[] =
    "UPDATE webhook_subscriptions SET url = $3, event_types = " SUB_TYPES ", format = $4,"
    " description = $5, contact_email = $6, max_in_flight = $7::int, status = $8,"
    " consecutive_failures = CASE WHEN $9::boolean THEN 0 ELSE consecutive_failures END,"
    " paused_at = CASE WHEN $8 = 'active' THEN NULL WHEN status = 'active' THEN now()"
    " ELSE paused_at END,"
    " paused_reason = CASE WHEN $8 = 'active' THEN NULL WHEN status = 'active'"
    " THEN 'paused by a client' ELSE paused_reason END,"
    " version = version + 1, updated_at = now() WHERE id = $1::uuid";
static const char SQL_SUB_DELETE[] = "DELETE FROM webhook_subscriptions WHERE id = $1::uuid";
static const char SQL_SUB_ROTATE[] =
    "UPDATE webhook_subscriptions SET previous_secret = secret, secret = $2,"
    " previous_secret_until = now() + $3::int * interval '1 second', secret_rotated_at = now(),"
    " version = version + 1, updated_at = now() WHERE id = $1::uuid";
/* clang-format off */
static const char SUB_PAGE[] =
    OC_SQL_PAGE(SUB_JSON,
                " FROM webhook_subscriptions s WHERE ($1::text IS NULL OR s.owner = $1) AND"
    " ($2::text IS NULL OR s.status = $2)",
                "s.created_at", "s.id", 2);
/* clang-format on */
static const char SQL_SUB_ALL[] =
    "SELECT id, format, to_json(event_types)::text FROM webhook_subscriptions ORDER BY id";

enum oc_err subscription_store_insert(PGconn *conn, const struct subscription_fields *f,
                                      const char *owner, const char *secret, json_t **out)
{
    char *types = json_dumps(f->event_types, JSON_COMPACT);
    char mif[24];
    snprintf(mif, sizeof(mif), "%lld", f->max_in_flight);
    const char *params[] = {f->url, types,     f->format, f->description, f->contact_email,
                            mif,    f->status, owner,     secret};
    enum oc_err rc = oc_db_json_row(conn, SQL_SUB_INSERT, 9, params, out);
    free(types);
    return rc;
}

enum oc_err subscription_store_get(PGconn *conn, const char *id, const char *owner, int lock,
                                   json_t **out)
{
    const char *params[] = {id, owner};
    return oc_db_json_row(conn, lock ? SQL_SUB_LOCK : SQL_SUB_GET, 2, params, out);
}

enum oc_err subscription_store_update(PGconn *conn, const char *id,
                                      const struct subscription_fields *f, int resume)
{
    char *types = json_dumps(f->event_types, JSON_COMPACT);
    char mif[24];
    snprintf(mif, sizeof(mif), "%lld", f->max_in_flight);
    const char *params[] = {id,        types,          f->url,
                            f->format, f->description, f->contact_email,
                            mif,       f->status,      resume ? "true" : "false"};
    enum oc_err rc = oc_db_exec(conn, SQL_SUB_UPDATE, 9, params, NULL);
    free(types);
    return rc;
}

enum oc_err subscription_store_delete(PGconn *conn, const char *id)
{
    const char *params[] = {id};
    return oc_db_exec(conn, SQL_SUB_DELETE, 1, params, NULL);
}

enum oc_err subscription_store_rotate(PGconn *conn, const char *id, const char *secret,
                                      int overlap_s)
{
    char overlap[16];
    snprintf(overlap, sizeof(overlap), "%d", overlap_s);
    const char *params[] = {id, secret, overlap};
    return oc_db_exec(conn, SQL_SUB_ROTATE, 3, params, NULL);
}

enum oc_err subscription_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                    int limit, json_t **items, json_t **next)
{
    const struct subscription_filter *f = filter;
    const char *params[] = {f->owner, f->status};
    return OC_DB_PAGE(conn, SUB_PAGE, params, after, limit, items, next);
}

enum oc_err subscription_store_all(PGconn *conn, struct subscription_row **rows, int *n)
{
    PGresult *res = NULL;
    *rows = NULL;
    *n = 0;
    enum oc_err rc = oc_db_exec(conn, SQL_SUB_ALL, 0, NULL, &res);
    if (rc != OC_OK)
        return rc;
    *n = PQntuples(res);
    *rows = oc_xcalloc((size_t)*n + 1, sizeof(**rows));
    for (int i = 0; i < *n; i++) {
        struct subscription_row *row = &(*rows)[i];
        snprintf(row->id, sizeof(row->id), "%s", PQgetvalue(res, i, 0));
        snprintf(row->format, sizeof(row->format), "%s", PQgetvalue(res, i, 1));
        row->types = json_loads(PQgetvalue(res, i, 2), 0, NULL);
    }
    PQclear(res);
    return OC_OK;
}

void subscription_rows_free(struct subscription_row *rows, int n)
{
    for (int i = 0; rows != NULL && i < n; i++)
        json_decref(rows[i].types);
    free(rows);
}
