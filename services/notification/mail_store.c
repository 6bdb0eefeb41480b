#include "notification/mail_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/sql.h"

static const char SQL_QUEUE[] =
    "INSERT INTO mail_messages (event_id, kind, mandatory, producer_id, product_id, to_address,"
    " vars) VALUES ($1, $2, $3::boolean, $4::uuid, $5::uuid, $6, $7::jsonb)"
    " ON CONFLICT (event_id, kind) DO NOTHING RETURNING id";

static const char SQL_CLAIM[] =
    "UPDATE mail_messages m SET lease_until = now() + $2::int * interval '1 millisecond',"
    " attempts = m.attempts + 1, updated_at = now()"
    " FROM (SELECT id FROM mail_messages WHERE status = 'pending' AND next_attempt_at <= now()"
    " AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_attempt_at"
    " LIMIT $1::int FOR UPDATE SKIP LOCKED) due WHERE m.id = due.id"
    " RETURNING m.id, m.kind, m.mandatory, m.producer_id, m.product_id, m.to_address,"
    " m.vars::text, m.attempts, m.event_id";

static const char SQL_PRODUCT[] =
    "SELECT producer_id, json_build_object('name', name, 'code', code)::text FROM products"
    " WHERE product_id = $1::uuid";

static const char SQL_SET_PRODUCER[] =
    "UPDATE mail_messages SET producer_id = $2::uuid WHERE id = $1::uuid";

static const char SQL_OPTED_OUT[] =
    "SELECT opt_out FROM mail_preferences WHERE producer_id = $1::uuid";

static const char SQL_FINISH[] =
    "UPDATE mail_messages SET status = $2, smtp_message_id = $3, last_error = $4,"
    " lease_until = NULL, updated_at = now(),"
    " sent_at = CASE WHEN $2 = 'sent' THEN now() END WHERE id = $1::uuid";

static const char SQL_RETRY[] =
    "UPDATE mail_messages SET status = CASE WHEN attempts >= $3::int THEN 'failed'"
    " ELSE 'pending' END, next_attempt_at = now() + $2::bigint * interval '1 millisecond',"
    " last_error = $4, lease_until = NULL, updated_at = now() WHERE id = $1::uuid";

#define PREF_JSON                                                                                  \
    "json_build_object('producer_id', p.producer_id, 'opt_out', coalesce(m.opt_out, false),"       \
    " 'version', coalesce(m.version, 0), 'updated_at', " SQL_TS("m.updated_at") ")::text"

static const char SQL_PREF_GET[] =
    "SELECT " PREF_JSON " FROM producers p LEFT JOIN mail_preferences m"
    " ON m.producer_id = p.producer_id WHERE p.producer_id = $1::uuid";

static const char SQL_PREF_PUT[] =
    "WITH p AS (SELECT producer_id FROM producers WHERE producer_id = $1::uuid),"
    " m AS (INSERT INTO mail_preferences (producer_id, opt_out, version, updated_by)"
    " SELECT producer_id, $2::boolean, 1, $3 FROM p"
    " ON CONFLICT (producer_id) DO UPDATE SET opt_out = EXCLUDED.opt_out,"
    " version = mail_preferences.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by"
    " RETURNING *) SELECT " PREF_JSON " FROM p JOIN m ON m.producer_id = p.producer_id";

/* clang-format off */
#define MAIL_JSON                                                                                  \
    "json_build_object('id', id, 'kind', kind, 'mandatory', mandatory,"                            \
    " 'producer_id', producer_id, 'product_id', product_id,"                                       \
    " 'recipient', CASE WHEN to_address IS NULL THEN 'producer' ELSE 'operator' END,"              \
    " 'event_id', event_id, 'status', status, 'attempts', attempts,"                               \
    " 'next_attempt_at', CASE WHEN status = 'pending' THEN " SQL_TS("next_attempt_at") " END,"     \
    " 'created_at', " SQL_TS("created_at") ", 'sent_at', " SQL_TS("sent_at") ","                   \
    " 'last_error', last_error, 'message_id', smtp_message_id)::text"

static const char MAIL_PAGE[] =
    OC_SQL_PAGE(MAIL_JSON,
                " FROM mail_messages"
    " WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)"
    " AND ($3::uuid IS NULL OR producer_id = $3::uuid)",
                "created_at", "id", 3);
/* clang-format on */

enum oc_err mail_store_queue(PGconn *conn, const struct mail_to_queue *m, int *inserted)
{
    PGresult *res = NULL;
    char *vars = json_dumps(m->vars, JSON_COMPACT);
    const char *params[] = {
        m->event_id,   m->kind, m->mandatory ? "t" : "f", m->producer_id, m->product_id,
        m->to_address, vars};
    enum oc_err rc = oc_db_exec(conn, SQL_QUEUE, 7, params, &res);
    *inserted = rc == OC_OK && PQntuples(res) == 1;
    PQclear(res);
    free(vars);
    return rc;
}

/* A copy of cell (row, col) of res, NULL when it is NULL (caller owns). */
static char *cell_dup(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? NULL : oc_xstrdup(PQgetvalue(res, row, col));
}

enum oc_err mail_store_claim(PGconn *conn, int limit, int lease_ms, struct mail_claimed **rows,
                             int *n)
{
    char lim[16], lease[16];
    snprintf(lim, sizeof(lim), "%d", limit);
    snprintf(lease, sizeof(lease), "%d", lease_ms);
    const char *params[] = {lim, lease};
    PGresult *res = NULL;
    *rows = NULL;
    *n = 0;
    enum oc_err rc = oc_db_exec(conn, SQL_CLAIM, 2, params, &res);
    if (rc != OC_OK)
        return rc;
    *n = PQntuples(res);
    *rows = oc_xcalloc((size_t)*n + 1, sizeof(**rows));
    for (int i = 0; i < *n; i++)
        (*rows)[i] = (struct mail_claimed){
            .id = cell_dup(res, i, 0),
            .kind = cell_dup(res, i, 1),
            .mandatory = strcmp(PQgetvalue(res, i, 2), "t") == 0,
            .producer_id = cell_dup(res, i, 3),
            .product_id = cell_dup(res, i, 4),
            .to_address = cell_dup(res, i, 5),
            .vars = json_loads(PQgetvalue(res, i, 6), 0, NULL),
            .attempts = (int)strtol(PQgetvalue(res, i, 7), NULL, 10),
            .event_id = cell_dup(res, i, 8),
        };
    PQclear(res);
    return OC_OK;
}

void mail_claimed_free(struct mail_claimed *rows, int n)
{
    for (int i = 0; rows != NULL && i < n; i++) {
        struct mail_claimed *m = &rows[i];
        free(m->id);
        free(m->kind);
        free(m->producer_id);
        free(m->product_id);
        free(m->to_address);
        json_decref(m->vars);
        free(m->event_id);
    }
    free(rows);
}

enum oc_err mail_store_product(PGconn *conn, const char *product_id, char *producer_id,
                               json_t **product, int *found)
{
    PGresult *res = NULL;
    const char *params[] = {product_id};
    enum oc_err rc = oc_db_exec(conn, SQL_PRODUCT, 1, params, &res);
    *found = rc == OC_OK && PQntuples(res) == 1;
    *product = NULL;
    if (*found) {
        snprintf(producer_id, 37, "%s", PQgetvalue(res, 0, 0));
        *product = json_loads(PQgetvalue(res, 0, 1), 0, NULL);
        if (*product == NULL)
            rc = OC_INTERNAL;
    }
    PQclear(res);
    return rc;
}

enum oc_err mail_store_set_producer(PGconn *conn, const char *id, const char *producer_id)
{
    const char *params[] = {id, producer_id};
    return oc_db_exec(conn, SQL_SET_PRODUCER, 2, params, NULL);
}

enum oc_err mail_store_opted_out(PGconn *conn, const char *producer_id, int *opt_out)
{
    PGresult *res = NULL;
    const char *params[] = {producer_id};
    enum oc_err rc = oc_db_exec(conn, SQL_OPTED_OUT, 1, params, &res);
    *opt_out = rc == OC_OK && PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return rc;
}

enum oc_err mail_store_finish(PGconn *conn, const char *id, const char *status,
                              const char *message_id, const char *error)
{
    const char *params[] = {id, status, message_id, error};
    return oc_db_exec(conn, SQL_FINISH, 4, params, NULL);
}

enum oc_err mail_store_retry(PGconn *conn, const char *id, long delay_ms, int max_attempts,
                             const char *error)
{
    char delay[24], max[16];
    snprintf(delay, sizeof(delay), "%ld", delay_ms);
    snprintf(max, sizeof(max), "%d", max_attempts);
    const char *params[] = {id, delay, max, error};
    return oc_db_exec(conn, SQL_RETRY, 4, params, NULL);
}

enum oc_err mail_store_preferences_get(PGconn *conn, const char *producer_id, json_t **out)
{
    const char *params[] = {producer_id};
    return oc_db_json_row(conn, SQL_PREF_GET, 1, params, out);
}

enum oc_err mail_store_preferences_put(PGconn *conn, const char *producer_id, int opt_out,
                                       const char *actor, json_t **out)
{
    const char *params[] = {producer_id, opt_out ? "t" : "f", actor};
    return oc_db_json_row(conn, SQL_PREF_PUT, 3, params, out);
}

enum oc_err mail_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                            int limit, json_t **items, json_t **next)
{
    const struct mail_filter *f = filter;
    const char *params[] = {f->status, f->kind, f->producer_id};
    return OC_DB_PAGE(conn, MAIL_PAGE, params, after, limit, items, next);
}
