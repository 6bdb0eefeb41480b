#include "common/db.h"

#include <libpq-events.h>
#include <pthread.h>
#include <stdint.h>
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

/* ---- prepared statements --------------------------------------------------------------- */

/*
 * Every statement a connection runs through oc_db_exec is prepared on it the
 * first time (PQprepare, named "s<n>") and then only executed
 * (PQexecPrepared): PostgreSQL parses and plans it once per connection
 * instead of on every call. The names live with the connection as libpq
 * instance data (an event procedure), so they vanish with it and are
 * forgotten when it is reset. A full table falls back to PQexecParams.
 */
#define DB_STMT_SLOTS 1024

struct db_stmt {
    uint64_t hash; /* FNV-1a of the text; 0 = empty slot */
    char *sql;     /* owned copy of the text */
    int id;        /* the statement is named "s<id>" */
};

struct db_stmts {
    struct db_stmt slot[DB_STMT_SLOTS]; /* open addressing by hash */
    int count;                          /* prepared so far */
};

static void db_stmts_clear(struct db_stmts *st)
{
    for (int i = 0; i < DB_STMT_SLOTS; i++)
        free(st->slot[i].sql);
    memset(st, 0, sizeof(*st));
}

static int db_event(PGEventId evt, void *info, void *pass)
{
    (void)pass;
    if (evt == PGEVT_REGISTER) {
        PGconn *conn = ((PGEventRegister *)info)->conn;
        return PQsetInstanceData(conn, db_event, oc_xcalloc(1, sizeof(struct db_stmts)));
    }
    if (evt == PGEVT_CONNRESET) {
        struct db_stmts *st = PQinstanceData(((PGEventConnReset *)info)->conn, db_event);
        if (st != NULL)
            db_stmts_clear(st);
    } else if (evt == PGEVT_CONNDESTROY) {
        struct db_stmts *st = PQinstanceData(((PGEventConnDestroy *)info)->conn, db_event);
        if (st != NULL) {
            db_stmts_clear(st);
            free(st);
        }
    }
    return 1;
}

static uint64_t db_hash(const char *sql)
{
    uint64_t h = 14695981039346656037ULL;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h ? h : 1;
}

/*
 * The slot of sql in st: its own (sql set) or the empty one where it goes;
 * NULL when the table is full.
 */
static struct db_stmt *db_stmt_find(struct db_stmts *st, const char *sql, uint64_t hash)
{
    for (int i = 0; i < DB_STMT_SLOTS; i++) {
        struct db_stmt *s = &st->slot[(hash + (uint64_t)i) % DB_STMT_SLOTS];
        if (s->hash == 0 || (s->hash == hash && strcmp(s->sql, sql) == 0))
            return s;
    }
    return NULL;
}

/* Runs sql as a prepared statement of conn (preparing it the first time). */
/* A statement's parameters and the format of its result (libpq's PQexecParams arguments). */
struct db_args {
    int nparams;               /* number of parameters */
    const char *const *params; /* their values */
    const int *lengths;        /* byte lengths of binary parameters (NULL: all text) */
    const int *formats;        /* 1 per binary parameter, 0 per text one (NULL: all text) */
    int result_format;         /* 1: binary result, 0: text */
};

static PGresult *db_run(PGconn *conn, const char *sql, const struct db_args *a)
{
    struct db_stmts *st = PQinstanceData(conn, db_event);
    uint64_t hash = db_hash(sql);
    struct db_stmt *s = st != NULL ? db_stmt_find(st, sql, hash) : NULL;
    char name[16];
    /* Half full at most, so that lookups stay short. */
    if (s == NULL || (s->hash == 0 && st->count >= DB_STMT_SLOTS / 2))
        return PQexecParams(conn, sql, a->nparams, NULL, a->params, a->lengths, a->formats,
                            a->result_format);
    if (s->hash == 0) {
        snprintf(name, sizeof(name), "s%d", st->count);
        PGresult *prep = PQprepare(conn, name, sql, a->nparams, NULL);
        if (PQresultStatus(prep) != PGRES_COMMAND_OK)
            return prep;
        PQclear(prep);
        s->hash = hash;
        s->sql = oc_xstrdup(sql);
        s->id = st->count++;
    }
    snprintf(name, sizeof(name), "s%d", s->id);
    return PQexecPrepared(conn, name, a->nparams, a->params, a->lengths, a->formats,
                          a->result_format);
}

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
    if (!PQregisterEventProc(conn, db_event, "ocop-prepared-statements", NULL))
        oc_log(OC_LOG_WARN, "statements will not be prepared on this connection");
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
    /*
     * 08: connection exception; 57: operator intervention (shutdown, cancel, timeout); 53:
     * insufficient resources (disk full, out of memory, too many connections); 58: system error
     * (I/O). The database cannot take the work now, whatever the work: 503 with Retry-After to a
     * caller, and a consumer waits instead of dead-lettering the event.
     */
    if (strncmp(state, "08", 2) == 0 || strncmp(state, "57", 2) == 0 ||
        strncmp(state, "53", 2) == 0 || strncmp(state, "58", 2) == 0)
        return OC_DB;
    return OC_INTERNAL;
}

/* The first n bytes of the statement sql: enough to tell which of ours failed. */
static json_t *db_statement_head(const char *sql, size_t n)
{
    size_t len = strnlen(sql, n);
    while (len > 0 && ((unsigned char)sql[len - 1] & 0xC0) == 0x80) /* not within a character */
        len--;
    return json_stringn(sql, len);
}

/*
 * Logs a failed statement. PostgreSQL's message and detail may repeat the values sent
 * (invalid input syntax for type uuid: "…", Key (email)=(…) already exists), so an
 * ERROR line names only what is ours: the SQLSTATE, the constraint, table, column and
 * type, and the statement's beginning; the whole message is logged at debug level.
 */
static void db_log_failure(enum oc_log_level level, const char *sql, const PGresult *r)
{
    static const struct {
        const char *name;
        int field;
    } fields[] = {{"sqlstate", PG_DIAG_SQLSTATE},
                  {"constraint", PG_DIAG_CONSTRAINT_NAME},
                  {"table", PG_DIAG_TABLE_NAME},
                  {"column", PG_DIAG_COLUMN_NAME},
                  {"datatype", PG_DIAG_DATATYPE_NAME}};
    if (level != OC_LOG_DEBUG)
        oc_log(OC_LOG_DEBUG, "statement failed: %s", PQresultErrorMessage(r));
    if (!oc_log_enabled(level))
        return;
    json_t *f = json_object();
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        const char *v = PQresultErrorField(r, fields[i].field);
        if (v != NULL)
            json_object_set_new(f, fields[i].name, json_string(v));
    }
    json_object_set_new(f, "statement", db_statement_head(sql, 60));
    if (level == OC_LOG_DEBUG)
        json_object_set_new(f, "message", json_string(PQresultErrorMessage(r)));
    oc_logj(level, f, "statement failed");
}

static enum oc_err db_exec(PGconn *conn, const char *sql, const struct db_args *a, PGresult **res)
{
    PGresult *r = db_run(conn, sql, a);
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
    db_log_failure(err == OC_CONFLICT || err == OC_INVALID ? OC_LOG_DEBUG : OC_LOG_ERROR, sql, r);
    PQclear(r);
    return err;
}

enum oc_err oc_db_exec(PGconn *conn, const char *sql, int nparams, const char *const *params,
                       PGresult **res)
{
    const struct db_args a = {nparams, params, NULL, NULL, 0};
    return db_exec(conn, sql, &a, res);
}

enum oc_err oc_db_exec_bin(PGconn *conn, const char *sql, int nparams, const char *const *params,
                           const int *lengths, const int *formats, int result_format,
                           PGresult **res)
{
    const struct db_args a = {nparams, params, lengths, formats, result_format};
    return db_exec(conn, sql, &a, res);
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

long oc_db_affected(PGresult *res)
{
    return strtol(PQcmdTuples(res), NULL, 10);
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

enum oc_err oc_db_page(PGconn *conn, const char *sql, const char *const *filters, int n,
                       const struct oc_after *after, int limit, json_t **items, json_t **next)
{
    const char *params[OC_PAGE_FILTERS_MAX + 3];
    char lim[16];
    *items = *next = NULL;
    if (n < 0 || n > OC_PAGE_FILTERS_MAX)
        return OC_INTERNAL;
    if (n > 0)
        memcpy(params, filters, (size_t)n * sizeof(*params));
    snprintf(lim, sizeof(lim), "%d", limit + 1);
    params[n] = after->time;
    params[n + 1] = after->id;
    params[n + 2] = lim;
    return oc_db_json_page(conn, sql, n + 3, params, limit, items, next);
}
