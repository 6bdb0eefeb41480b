#include "common/idempotency.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/auth.h"
#include "common/db.h"
#include "common/http.h"
#include "common/log.h"
#include "common/timeutil.h"

/* A key older than the TTL ($5 seconds) is claimed afresh, as if it had never been used. */
static const char SQL_IDEM_CLAIM[] =
    "INSERT INTO idempotency_keys (scope, idem_key, request_hash, status, body, subject) "
    "VALUES ($1, $2, md5($3::bytea), 0, '', $4) "
    "ON CONFLICT (scope, subject, idem_key) DO UPDATE SET request_hash = EXCLUDED.request_hash,"
    " status = 0, body = '', location = NULL, created_at = now() "
    "WHERE idempotency_keys.created_at < now() - make_interval(secs => $5::integer)";
static const char SQL_IDEM_GET[] =
    "SELECT request_hash = md5($3::bytea), status, coalesce(location, ''), body "
    "FROM idempotency_keys WHERE scope = $1 AND idem_key = $2 AND subject = $4";
static const char SQL_IDEM_SAVE[] =
    "UPDATE idempotency_keys SET status = $3, body = $4, location = NULLIF($5, '') "
    "WHERE scope = $1 AND idem_key = $2 AND subject = $6";
static const char SQL_IDEM_PURGE[] =
    "DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY(SELECT ctid FROM idempotency_keys "
    "WHERE created_at < now() - make_interval(secs => $1::integer) LIMIT 1000))";

static int idem_key_ok(const char *key)
{
    size_t n = strlen(key);
    if (n == 0 || n > 255)
        return 0;
    for (const char *p = key; *p; p++)
        if (*p < 0x21 || *p > 0x7e)
            return 0;
    return 1;
}

static enum oc_err idem_load(PGconn *conn, const char *const *params, const int *lengths,
                             const int *formats, struct oc_idem *idem)
{
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec_bin(conn, SQL_IDEM_GET, 4, params, lengths, formats, 0, &res);
    if (rc != OC_OK)
        return rc;
    if (PQntuples(res) != 1) {
        rc = OC_INTERNAL;
    } else if (strcmp(PQgetvalue(res, 0, 0), "t") != 0) {
        rc = OC_IDEMPOTENCY;
    } else {
        idem->replay = 1;
        idem->status = (int)strtol(PQgetvalue(res, 0, 1), NULL, 10);
        snprintf(idem->location, sizeof(idem->location), "%s", PQgetvalue(res, 0, 2));
        idem->body = json_loads(PQgetvalue(res, 0, 3), 0, NULL);
        if (idem->body == NULL)
            rc = OC_INTERNAL;
    }
    PQclear(res);
    return rc;
}

enum oc_err oc_idem_begin(PGconn *conn, const struct _u_request *req, int ttl_s,
                          struct oc_idem *idem)
{
    char ttl[16];
    const char *key = u_map_get_case(req->map_header, "Idempotency-Key");
    memset(idem, 0, sizeof(*idem));
    if (key == NULL)
        return OC_OK;
    if (!idem_key_ok(key))
        return OC_BAD_REQUEST;
    idem->active = 1;
    snprintf(idem->scope, sizeof(idem->scope), "%s %.300s", req->http_verb, req->url_path);
    snprintf(idem->key, sizeof(idem->key), "%s", key);
    snprintf(idem->subject, sizeof(idem->subject), "%s", oc_principal()->sub);
    snprintf(ttl, sizeof(ttl), "%d", ttl_s);
    /* The body as a binary bytea parameter: any bytes (uploads too) hash the same way every
       time, and an upload is not doubled into hex text on its way to the hash. */
    const char *body = req->binary_body ? (const char *)req->binary_body : "";
    const char *params[] = {idem->scope, idem->key, body, idem->subject, ttl};
    const int lengths[] = {0, 0, (int)req->binary_body_length, 0, 0};
    const int formats[] = {0, 0, 1, 0, 0};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec_bin(conn, SQL_IDEM_CLAIM, 5, params, lengths, formats, 0, &res);
    if (rc == OC_OK && oc_db_affected(res) == 0)
        rc = idem_load(conn, params, lengths, formats, idem);
    PQclear(res);
    return rc;
}

enum oc_err oc_idem_finish(PGconn *conn, const struct oc_idem *idem, int status, const json_t *body,
                           const char *location)
{
    if (!idem->active)
        return OC_OK;
    char st[16];
    snprintf(st, sizeof(st), "%d", status);
    char *text = json_dumps(body, JSON_COMPACT);
    const char *params[] = {idem->scope,  idem->key, st, text, location ? location : "",
                            idem->subject};
    enum oc_err rc = oc_db_exec(conn, SQL_IDEM_SAVE, 6, params, NULL);
    free(text);
    return rc;
}

void oc_idem_purge(PGconn *conn, int ttl_s)
{
    static atomic_llong last_ms;
    long long now = (long long)oc_mono_ms();
    long long last = atomic_load(&last_ms);
    if ((last != 0 && now - last < 60000) || !atomic_compare_exchange_strong(&last_ms, &last, now))
        return;
    char ttl[16];
    snprintf(ttl, sizeof(ttl), "%d", ttl_s);
    const char *params[] = {ttl};
    if (oc_db_exec(conn, SQL_IDEM_PURGE, 1, params, NULL) != OC_OK)
        oc_log(OC_LOG_WARN, "could not purge expired Idempotency-Keys");
}

int oc_idem_replay(struct _u_response *resp, struct oc_idem *idem)
{
    if (idem->location[0] != '\0')
        u_map_put(resp->map_header, "Location", idem->location);
    u_map_put(resp->map_header, "Idempotent-Replayed", "true");
    json_t *version = json_object_get(idem->body, "version");
    if (json_is_integer(version))
        oc_http_etag(resp, (long long)json_integer_value(version));
    json_t *body = idem->body;
    idem->body = NULL;
    return oc_http_json(resp, (unsigned int)idem->status, body);
}

void oc_idem_clean(struct oc_idem *idem)
{
    json_decref(idem->body);
    idem->body = NULL;
}
