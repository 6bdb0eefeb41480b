#include "notification/delivery_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/sql.h"

/* clang-format off */
#define DLV_JSON                                                            \
    "json_build_object('id', d.id, 'subscription_id', d.subscription_id, 'event_id',"              \
    " d.event_id, 'event_type', d.event_type, 'content_type', d.content_type, 'status',"           \
    " d.status, 'attempt_count', d.attempts, 'next_attempt_at', CASE WHEN d.status ="              \
    " 'pending' THEN " SQL_TS(\
        "d.next_attempt_at")                                        \
    " END, 'last_http_status', d.last_http_status, 'last_error', d.last_error," " 'delivered_at', "\
    SQL_TS("d.delivered_at") ", 'dead_at', " SQL_TS(\
                                 "d.dead_at")  \
    ", 'created_at', " SQL_TS(\
                                                  "d.created_at")   \
    ", 'updated_at', " SQL_TS("d.updated_at")
/* clang-format on */

#define DLV_ATTEMPTS                                                                               \
    " 'attempts', (SELECT coalesce(json_agg(json_build_object('n', a.n,"                           \
    " 'started_at', " SQL_TS(                                                                      \
        "a.started_at") ", 'http_status', a.http_status,"                                          \
                        " 'latency_ms', a.latency_ms, 'error', a.error) ORDER BY a.n), '[]')"      \
                        " FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id)"

#define DLV_DUE                                                                                    \
    "d.status = 'pending' AND d.next_attempt_at <= now()"                                          \
    " AND (d.lease_until IS NULL OR d.lease_until <= now())"

static const char SQL_DLV_QUEUE[] =
    "INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, content_type, payload)"
    " VALUES ($1::uuid, $2, $3, $4, $5) ON CONFLICT (subscription_id, event_id) DO NOTHING";
static const char SQL_DLV_CLAIM[] =
    "WITH s AS (SELECT s.id FROM webhook_subscriptions s WHERE s.status = 'active'"
    " AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND " DLV_DUE
    ") AND (SELECT count(*) FROM webhook_deliveries x WHERE x.subscription_id = s.id"
    " AND x.status = 'pending' AND x.lease_until > now()) < s.max_in_flight"
    " ORDER BY (SELECT min(d.next_attempt_at) FROM webhook_deliveries d"
    " WHERE d.subscription_id = s.id AND " DLV_DUE ") LIMIT 1 FOR UPDATE OF s SKIP LOCKED),"
    " c AS (SELECT d.id FROM webhook_deliveries d JOIN s ON d.subscription_id = s.id WHERE " DLV_DUE
    " ORDER BY d.next_attempt_at, d.created_at LIMIT 1 FOR UPDATE OF d SKIP LOCKED)"
    " UPDATE webhook_deliveries x SET lease_until = now() + $1::int * interval '1 millisecond'"
    " FROM c, webhook_subscriptions w WHERE x.id = c.id AND w.id = x.subscription_id"
    " RETURNING x.id, x.subscription_id, w.url, w.secret,"
    " CASE WHEN w.previous_secret_until > now() THEN w.previous_secret END,"
    " x.event_id, x.event_type, x.content_type, x.payload, x.attempts, x.schedule_base";
static const char SQL_DLV_RECORD[] =
    "WITH d AS (UPDATE webhook_deliveries SET attempts = attempts + 1, lease_until = NULL,"
    " status = $3, last_http_status = $4::int, last_error = nullif(left($5, 500), ''),"
    " next_attempt_at = CASE WHEN $3 = 'pending'"
    " THEN now() + $6::double precision * interval '1 second' ELSE next_attempt_at END,"
    " delivered_at = CASE WHEN $3 = 'delivered' THEN now() END,"
    " dead_at = CASE WHEN $3 = 'dead' THEN now() END, updated_at = now()"
    " WHERE id = $1::uuid AND attempts = $2::int AND status = 'pending' RETURNING id, attempts)"
    " INSERT INTO webhook_delivery_attempts (delivery_id, n, started_at, http_status, latency_ms,"
    " error) SELECT id, attempts, to_timestamp($7::double precision), $4::int, $8::int,"
    " nullif(left($5, 500), '') FROM d";
static const char SQL_SUB_OK[] = "UPDATE webhook_subscriptions SET consecutive_failures = 0"
                                 " WHERE id = $1::uuid AND consecutive_failures <> 0";
static const char SQL_SUB_FAILED[] =
    "WITH old AS (SELECT id, status FROM webhook_subscriptions WHERE id = $1::uuid FOR UPDATE),"
    " u AS (UPDATE webhook_subscriptions s SET consecutive_failures = s.consecutive_failures + 1,"
    " status = CASE WHEN s.consecutive_failures + 1 >= $2::int THEN 'paused' ELSE s.status END,"
    " paused_at = CASE WHEN s.status = 'active' AND s.consecutive_failures + 1 >= $2::int"
    " THEN now() ELSE s.paused_at END,"
    " paused_reason = CASE WHEN s.status = 'active' AND s.consecutive_failures + 1 >= $2::int"
    " THEN $3 ELSE s.paused_reason END,"
    " version = CASE WHEN s.status = 'active' AND s.consecutive_failures + 1 >= $2::int"
    " THEN s.version + 1 ELSE s.version END,"
    " updated_at = CASE WHEN s.status = 'active' AND s.consecutive_failures + 1 >= $2::int"
    " THEN now() ELSE s.updated_at END"
    " FROM old WHERE s.id = old.id RETURNING s.consecutive_failures, s.status, s.contact_email)"
    " SELECT u.consecutive_failures, (old.status = 'active' AND u.status = 'paused')::int,"
    " coalesce(u.contact_email, '') FROM u, old";
static const char SQL_DLV_GET[] =
    "SELECT " DLV_JSON "," DLV_ATTEMPTS ")::text FROM webhook_deliveries d"
    " JOIN webhook_subscriptions s ON s.id = d.subscription_id"
    " WHERE d.id = $1::uuid AND ($2::text IS NULL OR s.owner = $2)";
static const char SQL_DLV_LOCK[] =
    "SELECT " DLV_JSON "," DLV_ATTEMPTS ")::text FROM webhook_deliveries d"
    " JOIN webhook_subscriptions s ON s.id = d.subscription_id"
    " WHERE d.id = $1::uuid AND ($2::text IS NULL OR s.owner = $2) FOR UPDATE OF d";
static const char DLV_PAGE[] =
    OC_SQL_PAGE(DLV_JSON ")::text",
                " FROM webhook_deliveries d"
                " WHERE d.subscription_id = $1::uuid AND ($2::text IS NULL OR d.status = $2)",
                "d.created_at", "d.id", 2);
#define DLV_REDRIVE_SET                                                                            \
    "SET status = 'pending', schedule_base = attempts, next_attempt_at = now(),"                   \
    " lease_until = NULL, dead_at = NULL, updated_at = now()"
static const char SQL_DLV_REDRIVE[] =
    "UPDATE webhook_deliveries " DLV_REDRIVE_SET " WHERE id = $1::uuid AND status = 'dead'";
static const char SQL_DLV_REDRIVE_ALL[] =
    "WITH r AS (UPDATE webhook_deliveries " DLV_REDRIVE_SET
    " WHERE subscription_id = $1::uuid AND status = 'dead' RETURNING 1) SELECT count(*) FROM r";

enum oc_err delivery_store_queue(PGconn *conn, const char *subscription_id, const char *event_id,
                                 const char *event_type, const char *content_type,
                                 const char *payload)
{
    const char *params[] = {subscription_id, event_id, event_type, content_type, payload};
    return oc_db_exec(conn, SQL_DLV_QUEUE, 5, params, NULL);
}

/* The integer in column col of row 0 of res (0 when it is not one). */
static int int_at(const PGresult *res, int col)
{
    return (int)strtol(PQgetvalue(res, 0, col), NULL, 10);
}

static const char *nullable(const PGresult *res, int col)
{
    return PQgetisnull(res, 0, col) ? NULL : PQgetvalue(res, 0, col);
}

enum oc_err delivery_store_claim(PGconn *conn, int lease_ms, struct delivery_claim *out, int *found)
{
    char lease[16];
    PGresult *res = NULL;
    snprintf(lease, sizeof(lease), "%d", lease_ms);
    const char *params[] = {lease};
    memset(out, 0, sizeof(*out));
    *found = 0;
    enum oc_err rc = oc_db_exec(conn, SQL_DLV_CLAIM, 1, params, &res);
    if (rc != OC_OK)
        return rc;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return OC_OK;
    }
    *found = 1;
    out->res = res;
    out->id = PQgetvalue(res, 0, 0);
    out->subscription_id = PQgetvalue(res, 0, 1);
    out->url = PQgetvalue(res, 0, 2);
    out->secret = PQgetvalue(res, 0, 3);
    out->previous = nullable(res, 4);
    out->event_id = PQgetvalue(res, 0, 5);
    out->event_type = PQgetvalue(res, 0, 6);
    out->content_type = PQgetvalue(res, 0, 7);
    out->payload = PQgetvalue(res, 0, 8);
    out->attempts = int_at(res, 9);
    out->schedule_base = int_at(res, 10);
    return OC_OK;
}

void delivery_claim_clean(struct delivery_claim *c)
{
    PQclear(c->res);
    memset(c, 0, sizeof(*c));
}

enum oc_err delivery_store_record(PGconn *conn, const char *id, int attempts,
                                  const struct delivery_outcome *o, int *recorded)
{
    char n[16], status[16], retry[32], started[32], latency[24];
    PGresult *res = NULL;
    snprintf(n, sizeof(n), "%d", attempts);
    snprintf(status, sizeof(status), "%d", o->http_status);
    snprintf(retry, sizeof(retry), "%.3f", o->retry_in_s);
    snprintf(started, sizeof(started), "%.3f", o->started_at);
    snprintf(latency, sizeof(latency), "%ld", o->latency_ms);
    const char *params[] = {id,       n,     o->status, o->http_status > 0 ? status : NULL,
                            o->error, retry, started,   latency};
    enum oc_err rc = oc_db_exec(conn, SQL_DLV_RECORD, 8, params, &res);
    if (rc == OC_OK)
        *recorded = oc_db_affected(res) > 0;
    PQclear(res);
    return rc;
}

enum oc_err delivery_store_sub_result(PGconn *conn, const char *id, int ok, int pause_after,
                                      const char *reason, struct delivery_sub_state *out)
{
    char after[16];
    PGresult *res = NULL;
    memset(out, 0, sizeof(*out));
    if (ok) {
        const char *params[] = {id};
        return oc_db_exec(conn, SQL_SUB_OK, 1, params, NULL);
    }
    snprintf(after, sizeof(after), "%d", pause_after);
    const char *params[] = {id, after, reason};
    enum oc_err rc = oc_db_exec(conn, SQL_SUB_FAILED, 3, params, &res);
    if (rc == OC_OK && PQntuples(res) == 1) {
        out->failures = int_at(res, 0);
        out->paused_now = int_at(res, 1);
        snprintf(out->contact_email, sizeof(out->contact_email), "%s", PQgetvalue(res, 0, 2));
    }
    PQclear(res);
    return rc;
}

enum oc_err delivery_store_get(PGconn *conn, const char *id, const char *owner, int lock,
                               json_t **out)
{
    const char *params[] = {id, owner};
    return oc_db_json_row(conn, lock ? SQL_DLV_LOCK : SQL_DLV_GET, 2, params, out);
}

enum oc_err delivery_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                int limit, json_t **items, json_t **next)
{
    const struct delivery_filter *f = filter;
    const char *params[] = {f->subscription_id, f->status};
    return OC_DB_PAGE(conn, DLV_PAGE, params, after, limit, items, next);
}

enum oc_err delivery_store_redrive(PGconn *conn, const char *id)
{
    const char *params[] = {id};
    return oc_db_exec(conn, SQL_DLV_REDRIVE, 1, params, NULL);
}

enum oc_err delivery_store_redrive_all(PGconn *conn, const char *subscription_id, long long *count)
{
    const char *params[] = {subscription_id};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_DLV_REDRIVE_ALL, 1, params, &res);
    if (rc == OC_OK)
        *count = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return rc;
}
