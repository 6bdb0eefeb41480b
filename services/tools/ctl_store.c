#include "tools/ctl_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

/* clang-format off */
static const char *const SQL_STEPS[] = {
    [CTL_BEGIN] = "BEGIN",
    [CTL_COMMIT] = "COMMIT",
    [CTL_ROLLBACK] = "ROLLBACK",
    [CTL_SAVEPOINT] = "SAVEPOINT ev",
    [CTL_SAVEPOINT_RELEASE] = "RELEASE SAVEPOINT ev",
    [CTL_SAVEPOINT_UNDO] = "ROLLBACK TO SAVEPOINT ev",
    [CTL_LOCK_TIMEOUT_SHORT] = "SET LOCAL lock_timeout = '200ms'",
    [CTL_LOCK_TIMEOUT_OFF] = "SET LOCAL lock_timeout = 0",
};
static const char SQL_SEARCH_PATH[] = "SELECT set_config('search_path', $1 || ', public', false)";
static const char SQL_ACTION[] =
    "INSERT INTO operator_actions (actor, action, object, event_id, reason, forced)"
    " VALUES ($1, $2, $3, $4, $5, $6::boolean) RETURNING id";
static const char SQL_AUDIT[] =
    "SELECT audit_append($1, '{operator}', 'OCOPCTL', $2, $3, $4::integer, $5, NULL)";

static const char SQL_BACKLOG[] =
    "SELECT count(*), coalesce(floor(extract(epoch FROM now() - min(occurred_at))), 0)::bigint"
    " FROM outbox WHERE published_at IS NULL";
static const char SQL_INBOX[] =
    "SELECT count(*), count(*) FILTER (WHERE outcome = 'dead_lettered') FROM inbox";
static const char SQL_HANDLED_COUNT[] =
    "SELECT count(DISTINCT object) FROM operator_actions WHERE action IN ('redrive', 'discard')";

static const char SQL_HANDLED[] =
    "SELECT DISTINCT ON (object) object, action, actor, at, reason FROM operator_actions"
    " WHERE action IN ('redrive', 'discard') ORDER BY object, id DESC";
static const char SQL_LOCK[] = "SELECT pg_advisory_xact_lock(hashtext('ocopctl:' || $1))";
static const char SQL_HANDLED_ONE[] =
    "SELECT action FROM operator_actions WHERE object = $1 AND action IN ('redrive', 'discard')"
    " ORDER BY id DESC LIMIT 1";
static const char SQL_UNCLAIM[] =
    "DELETE FROM inbox WHERE event_id = $1 AND outcome = 'dead_lettered'";

/* A certificate the rebuild finds unchanged keeps its updated_at. */
static const char SQL_KEEP_UPDATED_AT[] =
    "UPDATE pg_temp.certificates n SET updated_at = o.updated_at FROM certificates o"
    " WHERE o.certificate_id = n.certificate_id AND o.version = n.version";
const struct ctl_model_sql ctl_store_notification_read_model = {
    {"CREATE TEMP TABLE producers (LIKE producers INCLUDING ALL)",
     "CREATE TEMP TABLE products (LIKE products INCLUDING ALL)",
     "CREATE TEMP TABLE certificates (LIKE certificates INCLUDING ALL)", NULL},
    "LOCK TABLE producers, products, certificates IN SHARE ROW EXCLUSIVE MODE",
    {SQL_KEEP_UPDATED_AT,
     "DELETE FROM producers", "INSERT INTO producers SELECT * FROM pg_temp.producers",
     "DELETE FROM products", "INSERT INTO products SELECT * FROM pg_temp.products",
     "DELETE FROM certificates", "INSERT INTO certificates SELECT * FROM pg_temp.certificates",
     NULL},
    "SELECT (SELECT count(*) FROM pg_temp.producers) + (SELECT count(*) FROM pg_temp.products)"
    " + (SELECT count(*) FROM pg_temp.certificates)",
};

static const char SQL_DEAD[] =
    "SELECT 1 FROM inbox WHERE event_id = $1 AND outcome = 'dead_lettered'";
/* The copies first (pg_temp before the schema), or the live tables first (pg_temp last). */
static const char SQL_COPIES_FIRST[] =
    "SELECT set_config('search_path', 'pg_temp, ' || $1 || ', public', false)";
static const char SQL_LIVE_FIRST[] =
    "SELECT set_config('search_path', $1 || ', public, pg_temp', false)";
/* clang-format on */

/* Runs one statement; prints the database's message and returns NULL on failure. */
static PGresult *query(PGconn *conn, const char *sql, int n, const char *const *params)
{
    PGresult *res = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
        return res;
    fprintf(stderr, "ocopctl: %s", PQresultErrorMessage(res));
    PQclear(res);
    return NULL;
}

/* Runs a statement whose rows do not matter; 0 or -1 (reported). */
static int run(PGconn *conn, const char *sql, int n, const char *const *params)
{
    PGresult *res = query(conn, sql, n, params);
    PQclear(res);
    return res != NULL ? 0 : -1;
}

/* Runs a NULL-terminated list of statements; 0 or -1 (reported). */
static int run_all(PGconn *conn, const char *const *sql)
{
    for (int i = 0; sql[i] != NULL; i++)
        if (run(conn, sql[i], 0, NULL) != 0)
            return -1;
    return 0;
}

/* Column col of the first row of sql's result as a number, or -1 (reported). */
static long long number(PGconn *conn, const char *sql, int col, long long *other)
{
    PGresult *res = query(conn, sql, 0, NULL);
    long long n = res != NULL ? strtoll(PQgetvalue(res, 0, col), NULL, 10) : -1;
    if (other != NULL)
        *other = res != NULL ? strtoll(PQgetvalue(res, 0, col + 1), NULL, 10) : -1;
    PQclear(res);
    return n;
}

/* 1 when sql (one parameter) returns a row, 0 when not, -1 on failure (reported). */
static int exists(PGconn *conn, const char *sql, const char *param)
{
    PGresult *res = query(conn, sql, 1, &param);
    int rc = res == NULL ? -1 : PQntuples(res) > 0;
    PQclear(res);
    return rc;
}

int ctl_store_step(PGconn *conn, enum ctl_step step)
{
    return run(conn, SQL_STEPS[step], 0, NULL);
}

int ctl_store_search_path(PGconn *conn, const char *schema)
{
    return run(conn, SQL_SEARCH_PATH, 1, &schema);
}

int ctl_store_counts(PGconn *conn, struct ctl_counts *counts)
{
    counts->outbox_unpublished = number(conn, SQL_BACKLOG, 0, &counts->outbox_oldest_age_s);
    counts->inbox_events = number(conn, SQL_INBOX, 0, &counts->inbox_dead_lettered);
    counts->dead_letters_handled = number(conn, SQL_HANDLED_COUNT, 0, NULL);
    return counts->outbox_unpublished >= 0 && counts->inbox_events >= 0 &&
                   counts->dead_letters_handled >= 0
               ? 0
               : -1;
}

int ctl_store_handled(PGconn *conn, struct ctl_handled **rows, int *n)
{
    PGresult *res = query(conn, SQL_HANDLED, 0, NULL);
    *rows = NULL;
    *n = 0;
    if (res == NULL)
        return -1;
    *n = PQntuples(res);
    *rows = oc_xcalloc((size_t)*n + 1, sizeof(**rows));
    for (int i = 0; i < *n; i++)
        (*rows)[i] = (struct ctl_handled){
            oc_xstrdup(PQgetvalue(res, i, 0)), oc_xstrdup(PQgetvalue(res, i, 1)),
            oc_xstrdup(PQgetvalue(res, i, 2)), oc_xstrdup(PQgetvalue(res, i, 3)),
            oc_xstrdup(PQgetvalue(res, i, 4))};
    PQclear(res);
    return 0;
}

const struct ctl_handled *ctl_handled_find(const struct ctl_handled *rows, int n,
                                           const char *object)
{
    for (int i = 0; i < n; i++)
        if (strcmp(rows[i].object, object) == 0)
            return &rows[i];
    return NULL;
}

void ctl_handled_free(struct ctl_handled *rows, int n)
{
    for (int i = 0; rows != NULL && i < n; i++) {
        free(rows[i].object);
        free(rows[i].action);
        free(rows[i].actor);
        free(rows[i].at);
        free(rows[i].reason);
    }
    free(rows);
}

int ctl_store_letter_lock(PGconn *conn, const char *object)
{
    return run(conn, SQL_LOCK, 1, &object);
}

int ctl_store_letter_handled(PGconn *conn, const char *object)
{
    return exists(conn, SQL_HANDLED_ONE, object);
}

int ctl_store_unclaim(PGconn *conn, const char *event_id)
{
    return run(conn, SQL_UNCLAIM, 1, &event_id);
}

int ctl_record(struct ctl *c, const char *action, const char *object, const char *event_id,
               int forced, int status)
{
    char route[64], request[48] = "ocopctl:refused", code[8];
    snprintf(route, sizeof(route), "%s%s", strcmp(action, "rebuild") ? "dead-letters " : "",
             action);
    snprintf(code, sizeof(code), "%d", status);
    if (status == 200) {
        const char *reason = c->args->reason != NULL ? c->args->reason : "(none given)";
        const char *params[] = {c->actor, action, object, event_id, reason, forced ? "t" : "f"};
        PGresult *res = query(c->conn, SQL_ACTION, 6, params);
        if (res == NULL)
            return -1;
        snprintf(request, sizeof(request), "ocopctl:%s", PQgetvalue(res, 0, 0));
        PQclear(res);
    }
    const char *params[] = {c->actor, route, object, code, request};
    return run(c->conn, SQL_AUDIT, 5, params);
}

int ctl_store_copies_make(PGconn *conn, const struct ctl_model_sql *m)
{
    return run_all(conn, m->copy);
}

int ctl_store_tables_lock(PGconn *conn, const struct ctl_model_sql *m)
{
    PGresult *res = PQexecParams(conn, m->lock, 0, NULL, NULL, NULL, NULL, 0);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    return ok;
}

int ctl_store_swap(PGconn *conn, const struct ctl_model_sql *m)
{
    return run_all(conn, m->swap);
}

long long ctl_store_copies_rows(PGconn *conn, const struct ctl_model_sql *m)
{
    return number(conn, m->count, 0, NULL);
}

int ctl_store_path(PGconn *conn, const char *schema, int copies)
{
    return run(conn, copies ? SQL_COPIES_FIRST : SQL_LIVE_FIRST, 1, &schema);
}

int ctl_store_dead_lettered(PGconn *conn, const char *id)
{
    return exists(conn, SQL_DEAD, id) > 0;
}
