#include "common/db.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/alloc.h"
#include "common/log.h"
#include "common/timeutil.h"

/* After a failed connection attempt, acquirers fail fast for this long. */
#define DB_RETRY_AFTER_MS 500

struct oc_db_pool {
    char *conninfo;         /* owned copy */
    char *app_name;         /* owned copy */
    char *options;          /* "-c search_path=... -c statement_timeout=..." */
    int size;               /* number of slots */
    int acquire_timeout_ms; /* longest wait in oc_db_acquire */
    PGconn **conns;         /* slots; NULL when never connected */
    int *busy;              /* 1 while a slot is lent out */
    int64_t down_until_ms;  /* fail fast until this monotonic time */
    pthread_mutex_t lock;   /* guards busy and down_until_ms */
    pthread_cond_t freed;   /* signalled when a slot is released */
};

static _Thread_local char db_constraint[64];

static PGconn *db_connect(const struct oc_db_pool *pool)
{
    const char *keys[] = {"dbname", "application_name", "options", "connect_timeout", NULL};
    const char *vals[] = {pool->conninfo, pool->app_name, pool->options, "3", NULL};
    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(conn) != CONNECTION_OK) {
        oc_log(OC_LOG_WARN, "could not connect to the database: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

struct oc_db_pool *oc_db_pool_new(const struct oc_db_options *opts)
{
    struct oc_db_pool *pool = oc_xcalloc(1, sizeof(*pool));
    pool->conninfo = oc_xstrdup(opts->conninfo);
    pool->app_name = oc_xstrdup(opts->app_name);
    pool->options = oc_xasprintf("-c search_path=%s,public -c statement_timeout=%d -c TimeZone=UTC",
                                 opts->schema, opts->statement_timeout_ms);
    pool->size = opts->size;
    pool->acquire_timeout_ms = opts->acquire_timeout_ms;
    pool->conns = oc_xcalloc((size_t)pool->size, sizeof(PGconn *));
    pool->busy = oc_xcalloc((size_t)pool->size, sizeof(int));
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->freed, NULL);
    for (int i = 0; i < pool->size; i++) {
        pool->conns[i] = db_connect(pool);
        if (pool->conns[i] == NULL)
            break;
    }
    return pool;
}

void oc_db_pool_free(struct oc_db_pool *pool)
{
    if (pool == NULL)
        return;
    for (int i = 0; i < pool->size; i++)
        PQfinish(pool->conns[i]);
    pthread_cond_destroy(&pool->freed);
    pthread_mutex_destroy(&pool->lock);
    free(pool->busy);
    free(pool->conns);
    free(pool->options);
    free(pool->app_name);
    free(pool->conninfo);
    free(pool);
}

PGconn *oc_db_connect_dedicated(const struct oc_db_pool *pool)
{
    return db_connect(pool);
}

/* Takes a free slot under the lock, waiting up to the deadline; -1 when none. */
static int db_take_slot(struct oc_db_pool *pool)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += pool->acquire_timeout_ms / 1000;
    deadline.tv_nsec += (long)(pool->acquire_timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&pool->lock);
    int slot = -1;
    while (slot < 0) {
        if (oc_mono_ms() < pool->down_until_ms)
            break;
        for (int i = 0; i < pool->size && slot < 0; i++)
            if (!pool->busy[i])
                slot = i;
        if (slot >= 0)
            pool->busy[slot] = 1;
        else if (pthread_cond_timedwait(&pool->freed, &pool->lock, &deadline) != 0)
            break;
    }
    pthread_mutex_unlock(&pool->lock);
    return slot;
}

static void db_give_slot(struct oc_db_pool *pool, int slot, int failed)
{
    pthread_mutex_lock(&pool->lock);
    pool->busy[slot] = 0;
    if (failed)
        pool->down_until_ms = oc_mono_ms() + DB_RETRY_AFTER_MS;
    pthread_cond_signal(&pool->freed);
    pthread_mutex_unlock(&pool->lock);
}

PGconn *oc_db_acquire(struct oc_db_pool *pool)
{
    int slot = db_take_slot(pool);
    if (slot < 0)
        return NULL;
    PGconn *conn = pool->conns[slot];
    if (conn != NULL && PQstatus(conn) != CONNECTION_OK) {
        PQfinish(conn);
        conn = NULL;
    }
    if (conn == NULL) {
        conn = db_connect(pool);
        pool->conns[slot] = conn;
        if (conn == NULL) {
            db_give_slot(pool, slot, 1);
            return NULL;
        }
    }
    return conn;
}

void oc_db_release(struct oc_db_pool *pool, PGconn *conn)
{
    if (conn == NULL)
        return;
    if (PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) != PQTRANS_IDLE)
        oc_db_rollback(conn);
    for (int i = 0; i < pool->size; i++) {
        if (pool->conns[i] == conn) {
            db_give_slot(pool, i, 0);
            return;
        }
    }
    oc_log(OC_LOG_ERROR, "a connection not from this pool was released");
}

static enum oc_err db_classify(PGconn *conn, const PGresult *res)
{
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    snprintf(db_constraint, sizeof(db_constraint), "%s", constraint ? constraint : "");
    if (PQstatus(conn) != CONNECTION_OK || state == NULL)
        return OC_DB;
    if (strcmp(state, "23505") == 0)
        return OC_CONFLICT;
    if (strcmp(state, "23503") == 0)
        return OC_INVALID;
    /* 08: connection exception; 57: operator intervention (shutdown, cancel, timeout). */
    if (strncmp(state, "08", 2) == 0 || strncmp(state, "57", 2) == 0 || strcmp(state, "53300") == 0)
        return OC_DB;
    return OC_INTERNAL;
}

enum oc_err oc_db_exec(PGconn *conn, const char *sql, int nparams, const char *const *params,
                       PGresult **res)
{
    PGresult *r = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (res != NULL)
        *res = NULL;
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        if (res != NULL)
            *res = r;
        else
            PQclear(r);
        return OC_OK;
    }
    enum oc_err err = db_classify(conn, r);
    oc_log(err == OC_CONFLICT || err == OC_INVALID ? OC_LOG_DEBUG : OC_LOG_ERROR,
           "statement failed: %s", PQresultErrorMessage(r));
    PQclear(r);
    return err;
}

const char *oc_db_last_constraint(void)
{
    return db_constraint;
}

enum oc_err oc_db_begin(PGconn *conn)
{
    return oc_db_exec(conn, "BEGIN", 0, NULL, NULL);
}

enum oc_err oc_db_commit(PGconn *conn)
{
    return oc_db_exec(conn, "COMMIT", 0, NULL, NULL);
}

void oc_db_rollback(PGconn *conn)
{
    if (PQstatus(conn) == CONNECTION_OK)
        (void)oc_db_exec(conn, "ROLLBACK", 0, NULL, NULL);
}

int oc_db_ping(struct oc_db_pool *pool)
{
    PGconn *conn = oc_db_acquire(pool);
    if (conn == NULL)
        return 0;
    enum oc_err err = oc_db_exec(conn, "SELECT 1", 0, NULL, NULL);
    oc_db_release(pool, conn);
    return err == OC_OK;
}

enum oc_err oc_db_json_row(PGconn *conn, const char *sql, int n, const char *const *params,
                           json_t **out)
{
    PGresult *res = NULL;
    *out = NULL;
    enum oc_err rc = oc_db_exec(conn, sql, n, params, &res);
    if (rc != OC_OK)
        return rc;
    if (PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    else if ((*out = json_loads(PQgetvalue(res, 0, 0), 0, NULL)) == NULL)
        rc = OC_INTERNAL;
    PQclear(res);
    return rc;
}

enum oc_err oc_db_json_page(PGconn *conn, const char *sql, int n, const char *const *params,
                            int limit, json_t **items, json_t **next)
{
    PGresult *res = NULL;
    *items = *next = NULL;
    enum oc_err rc = oc_db_exec(conn, sql, n, params, &res);
    if (rc != OC_OK)
        return rc;
    int rows = PQntuples(res);
    *items = json_array();
    for (int i = 0; i < rows && i < limit && rc == OC_OK; i++) {
        json_t *item = json_loads(PQgetvalue(res, i, 0), 0, NULL);
        if (item == NULL)
            rc = OC_INTERNAL;
        else
            json_array_append_new(*items, item);
    }
    if (rc == OC_OK && rows > limit)
        *next = json_pack("{s:s,s:s}", "t", PQgetvalue(res, limit - 1, 1), "id",
                          PQgetvalue(res, limit - 1, 2));
    PQclear(res);
    return rc;
}
