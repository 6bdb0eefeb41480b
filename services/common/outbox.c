#include "common/outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/db.h"
#include "common/sql.h"
#include "common/trace.h"

static const char SQL_OUTBOX_ADD[] =
    "INSERT INTO outbox (event_id, topic, event_type, source, subject, traceparent, payload) "
    "VALUES (gen_random_uuid(), $1, $2, $3, $4, NULLIF($5, ''), $6::jsonb)";
/* clang-format off */
static const char SQL_OUTBOX_FETCH[] =
    "SELECT id, event_id, topic, event_type, source, subject,"
    " " SQL_TS_US("occurred_at") ","
    " coalesce(traceparent, ''), payload::text "
    "FROM outbox WHERE published_at IS NULL AND id <> ALL($1::bigint[]) "
    "ORDER BY id LIMIT $2";
/* clang-format on */
static const char SQL_OUTBOX_MARK[] =
    "UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[]) "
    "AND published_at IS NULL";
static const char SQL_OUTBOX_BACKLOG[] = "SELECT count(*) FROM outbox WHERE published_at IS NULL";
static const char SQL_OUTBOX_PURGE[] =
    "DELETE FROM outbox WHERE published_at < now() - make_interval(days => $1::int)";

enum oc_err oc_outbox_add(PGconn *conn, const struct oc_emitter *emitter, const char *type,
                          const char *subject, const char *traceparent, const json_t *data)
{
    char *payload = json_dumps(data, JSON_COMPACT);
    char span[OC_TRACE_HEADER_LEN + 1];
    oc_trace_outbox(traceparent, span, sizeof(span));
    const char *params[] = {emitter->topic, type, emitter->source, subject, span, payload};
    enum oc_err rc = oc_db_exec(conn, SQL_OUTBOX_ADD, 6, params, NULL);
    free(payload);
    return rc;
}

enum oc_err oc_outbox_add_draft(PGconn *conn, const struct oc_emitter *emitter,
                                struct oc_event_draft draft, const char *traceparent)
{
    enum oc_err rc = draft.data == NULL ? OC_INTERNAL
                                        : oc_outbox_add(conn, emitter, draft.type, draft.subject,
                                                        traceparent, draft.data);
    json_decref(draft.data);
    return rc;
}

/* Formats ids as a PostgreSQL array literal "{1,2,3}" (caller frees). */
static char *id_array(const int64_t *ids, size_t n)
{
    size_t cap = 3 + n * 21;
    char *buf = oc_xmalloc(cap);
    size_t pos = 0;
    buf[pos++] = '{';
    for (size_t i = 0; i < n; i++)
        pos += (size_t)snprintf(buf + pos, cap - pos, "%s%lld", i ? "," : "", (long long)ids[i]);
    buf[pos++] = '}';
    buf[pos] = '\0';
    return buf;
}

enum oc_err oc_outbox_fetch(PGconn *conn, const int64_t *exclude, size_t nexclude, int limit,
                            PGresult **res)
{
    char lim[16];
    char *ids = id_array(exclude, nexclude);
    snprintf(lim, sizeof(lim), "%d", limit);
    const char *params[] = {ids, lim};
    enum oc_err rc = oc_db_exec(conn, SQL_OUTBOX_FETCH, 2, params, res);
    free(ids);
    return rc;
}

void oc_outbox_row_get(const PGresult *res, int i, struct oc_outbox_row *row)
{
    row->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
    row->event_id = PQgetvalue(res, i, 1);
    row->topic = PQgetvalue(res, i, 2);
    row->type = PQgetvalue(res, i, 3);
    row->source = PQgetvalue(res, i, 4);
    row->subject = PQgetvalue(res, i, 5);
    row->time = PQgetvalue(res, i, 6);
    row->traceparent = PQgetvalue(res, i, 7);
    row->payload = PQgetvalue(res, i, 8);
    row->payload_len = (size_t)PQgetlength(res, i, 8);
}

enum oc_err oc_outbox_mark_published(PGconn *conn, const int64_t *ids, size_t n)
{
    char *arr = id_array(ids, n);
    const char *params[] = {arr};
    enum oc_err rc = oc_db_exec(conn, SQL_OUTBOX_MARK, 1, params, NULL);
    free(arr);
    return rc;
}

enum oc_err oc_outbox_backlog(PGconn *conn, long long *count)
{
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_OUTBOX_BACKLOG, 0, NULL, &res);
    if (rc == OC_OK)
        *count = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return rc;
}

enum oc_err oc_outbox_purge(PGconn *conn, int days)
{
    char d[16];
    snprintf(d, sizeof(d), "%d", days);
    const char *params[] = {d};
    return oc_db_exec(conn, SQL_OUTBOX_PURGE, 1, params, NULL);
}
