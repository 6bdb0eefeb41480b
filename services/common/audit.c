#include "common/audit.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "common/failpoint.h"
#include "common/http.h"
#include "common/log.h"
#include "common/read.h"
#include "common/sql.h"

/* audit_append() (0003_audit.sql) takes the chain's lock, links and inserts. */
static const char SQL_AUDIT_APPEND[] =
    "SELECT audit_append($1, $2::text[], $3, $4, $5, $6::integer, $7, $8)";

/* clang-format off */
static const char SQL_AUDIT_LIST[] =
    "SELECT coalesce(json_agg(json_build_object("
    "  'id', a.id, 'at', " SQL_TS_US("a.at") ","
    "  'subject', a.subject, 'roles', to_json(a.roles), 'method', a.method, 'route', a.route,"
    "  'object_id', a.object_id, 'status', a.status, 'request_id', a.request_id,"
    "  'client', a.client, 'prev_hash', a.prev_hash, 'hash', a.hash) ORDER BY a.id DESC),"
    "  '[]')::text"
    " FROM (SELECT * FROM audit_log"
    "  WHERE ($1::text IS NULL OR subject = $1) AND ($2::text IS NULL OR object_id = $2)"
    "    AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)"
    "    AND ($5::bigint IS NULL OR id < $5)"
    "  ORDER BY id DESC LIMIT $6::integer) a";
/* clang-format on */

/*
 * Group commit. audit_append() serialises writers on the chain's lock until their commit,
 * so one row per transaction made every mutating request wait its turn for a WAL flush.
 * Rows now queue; the first caller that finds no writer at work writes every queued row in
 * one transaction, the others wait for it (their rows, and the strings they point to, live
 * in their frames until then), and the next batch is written by one of those that queued
 * meanwhile.
 */
struct audit_job {
    const char *const *params; /* the row's 8 parameters, the caller's */
    enum oc_err rc;            /* how writing it went */
    int done;                  /* set once written (or failed) */
    struct audit_job *next;    /* the next queued row */
};

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct audit_job *head;  /* queued rows, oldest first */
    struct audit_job **tail; /* where the next one goes */
    int writing;             /* 1 while a caller writes a batch */
} audit_queue = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, &audit_queue.head, 0};

/* Writes the rows of batch: together in one transaction, or one by one when that fails. */
static void audit_write(struct oc_service *svc, struct audit_job *batch)
{
    (void)OC_FAILPOINT("audit.write"); /* sleep: a slow write, so that rows queue behind it */
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn == NULL ? OC_DB : batch->next == NULL ? OC_OK : oc_db_begin(conn);
    for (struct audit_job *j = batch; j != NULL && rc == OC_OK; j = j->next)
        rc = oc_db_exec(conn, SQL_AUDIT_APPEND, 8, j->params, NULL);
    if (rc == OC_OK && batch->next != NULL)
        rc = oc_db_commit(conn);
    else if (rc != OC_OK && conn != NULL && batch->next != NULL)
        oc_db_rollback(conn);
    for (struct audit_job *j = batch; j != NULL; j = j->next)
        j->rc = rc != OC_OK && conn != NULL && batch->next != NULL
                    ? oc_db_exec(conn, SQL_AUDIT_APPEND, 8, j->params, NULL)
                    : rc;
    if (conn != NULL)
        oc_db_release(svc->pool, conn);
}

/* Queues a row and returns once it is written, writing batches while no one else does. */
static enum oc_err audit_queue_write(struct oc_service *svc, const char *const *params)
{
    struct audit_job me = {params, OC_OK, 0, NULL};
    pthread_mutex_lock(&audit_queue.mu);
    *audit_queue.tail = &me;
    audit_queue.tail = &me.next;
    while (!me.done) {
        if (audit_queue.writing) {
            pthread_cond_wait(&audit_queue.cv, &audit_queue.mu);
            continue;
        }
        struct audit_job *batch = audit_queue.head;
        audit_queue.head = NULL;
        audit_queue.tail = &audit_queue.head;
        audit_queue.writing = 1;
        pthread_mutex_unlock(&audit_queue.mu);
        audit_write(svc, batch);
        pthread_mutex_lock(&audit_queue.mu);
        while (batch != NULL) {
            struct audit_job *next = batch->next; /* a done job may be gone at once */
            batch->done = 1;
            batch = next;
        }
        audit_queue.writing = 0;
        pthread_cond_broadcast(&audit_queue.cv);
    }
    pthread_mutex_unlock(&audit_queue.mu);
    return me.rc;
}

void oc_audit_append(struct oc_service *svc, const struct oc_audit_entry *e)
{
    char names[224], roles[256], status[16];
    oc_roles_format(e->who->roles, ",", names, sizeof(names));
    snprintf(roles, sizeof(roles), "{%s}", names); /* a PostgreSQL array literal */
    snprintf(status, sizeof(status), "%u", e->status);
    const char *params[] = {
        e->who->sub[0] ? e->who->sub : NULL, roles,    e->method, e->route, e->object_id, status,
        e->request_id ? e->request_id : "",  e->client};
    if (audit_queue_write(svc, params) != OC_OK)
        oc_log(OC_LOG_ERROR, "could not write the audit row of %s %s (status %u)", e->method,
               e->route, e->status);
}

/* ---- GET /v1/audit ------------------------------------------------------- */

/* RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM). */
static int date_time_ok(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    size_t i = 0;
    for (; shape[i] != '\0'; i++) {
        int digit = s[i] >= '0' && s[i] <= '9';
        if (shape[i] == 'd' ? !digit : s[i] != shape[i])
            return 0;
    }
    if (s[i] == '.') {
        size_t start = ++i;
        while (s[i] >= '0' && s[i] <= '9' && i - start < 9)
            i++;
        if (i == start)
            return 0;
    }
    if (s[i] == 'Z')
        return s[i + 1] == '\0';
    return (s[i] == '+' || s[i] == '-') && s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' &&
           s[i + 2] <= '9' && s[i + 3] == ':' && s[i + 4] >= '0' && s[i + 4] <= '9' &&
           s[i + 5] >= '0' && s[i + 5] <= '9' && s[i + 6] == '\0';
}

static const char *query_date_time(const struct _u_request *req, const char *name, json_t *errors)
{
    const char *v = u_map_get(req->map_url, name);
    if (v != NULL && !date_time_ok(v)) {
        json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", name, "code", "format",
                                                "message", "must be an RFC 3339 date-time"));
        return NULL;
    }
    return v;
}

/* The cursor of the audit list: the id to continue below, 1 to 18 digits. */
static const char *query_cursor(const struct _u_request *req, json_t *errors)
{
    const char *v = u_map_get(req->map_url, "cursor");
    size_t n = v ? strspn(v, "0123456789") : 0;
    if (v != NULL && (n == 0 || n > 18 || v[n] != '\0')) {
        json_array_append_new(errors,
                              json_pack("{s:s,s:s,s:s}", "field", "cursor", "code", "format",
                                        "message", "is not a cursor of this list"));
        return NULL;
    }
    return v;
}

static int query_limit(const struct _u_request *req, json_t *errors)
{
    const char *v = u_map_get(req->map_url, "limit");
    char *end = NULL;
    long n = v ? strtol(v, &end, 10) : 50;
    if (v != NULL && (end == v || *end != '\0' || n < 1 || n > 200)) {
        json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", "limit", "code", "range",
                                                "message", "must be an integer from 1 to 200"));
        return 0;
    }
    return (int)n;
}

/* Reads one page (limit + 1 rows, to know whether another follows) and answers. */
static int audit_page(struct _u_response *resp, struct oc_service *svc, const char *const *params,
                      int limit)
{
    PGconn *conn = oc_db_acquire(svc->pool);
    if (conn == NULL)
        return oc_http_problem(resp, OC_DB, "the database is not reachable; try again", NULL);
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_AUDIT_LIST, 6, params, &res);
    json_t *items = rc == OC_OK ? json_loads(PQgetvalue(res, 0, 0), 0, NULL) : NULL;
    PQclear(res);
    oc_db_release(svc->pool, conn);
    if (items == NULL)
        return oc_http_problem(resp, rc == OC_OK ? OC_INTERNAL : rc, NULL, NULL);
    json_t *body = json_pack("{s:o,s:n}", "items", items, "next_cursor");
    if (json_array_size(items) > (size_t)limit) {
        json_array_remove(items, (size_t)limit);
        char next[24];
        json_t *last = json_array_get(items, (size_t)limit - 1);
        snprintf(next, sizeof(next), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(json_object_get(last, "id")));
        json_object_set_new(body, "next_cursor", json_string(next));
    }
    return oc_http_json(resp, 200, body);
}

int oc_audit_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    json_t *errors = json_array();
    const char *subject = oc_query_text(req, "subject", 128, errors);
    const char *object = oc_query_text(req, "object", 128, errors);
    const char *from = query_date_time(req, "from", errors);
    const char *to = query_date_time(req, "to", errors);
    const char *cursor = query_cursor(req, errors);
    int limit = query_limit(req, errors);
    if (json_array_size(errors) > 0)
        return oc_http_problem(resp, OC_INVALID, "the audit query is not valid", errors);
    json_decref(errors);
    char fetch[16];
    snprintf(fetch, sizeof(fetch), "%d", limit + 1);
    const char *params[] = {subject, object, from, to, cursor, fetch};
    return audit_page(resp, svc, params, limit);
}
