#include "common/http.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/alloc.h"
#include "common/auth.h"
#include "common/db.h"
#include "common/event.h"
#include "common/log.h"
#include "common/timeutil.h"

#define CURSOR_MAX 512

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

int oc_http_json(struct _u_response *resp, unsigned int status, json_t *body)
{
    char *text = json_dumps(body, JSON_COMPACT);
    ulfius_set_string_body_response(resp, status, text);
    u_map_put(resp->map_header, "Content-Type", "application/json");
    free(text);
    json_decref(body);
    return U_CALLBACK_COMPLETE;
}

char *oc_http_problem_text(enum oc_err err, const char *detail, json_t *errors)
{
    unsigned int status = oc_err_status(err);
    json_t *body = json_pack("{s:s,s:s,s:i}", "type", "about:blank", "title", oc_err_title(err),
                             "status", (int)status);
    json_object_set_new(body, "code", json_string(oc_err_name(err)));
    if (detail != NULL)
        json_object_set_new(body, "detail", json_string(detail));
    if (errors != NULL && json_array_size(errors) > OC_PROBLEM_ERRORS_MAX) {
        /* A body of 10,000 bad elements answers the first ones and says how many more. */
        size_t omitted = json_array_size(errors) - OC_PROBLEM_ERRORS_MAX;
        while (json_array_size(errors) > OC_PROBLEM_ERRORS_MAX)
            json_array_remove(errors, json_array_size(errors) - 1);
        json_object_set_new(body, "errors_omitted", json_integer((json_int_t)omitted));
    }
    if (errors != NULL)
        json_object_set_new(body, "errors", errors);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    return text;
}

int oc_http_problem(struct _u_response *resp, enum oc_err err, const char *detail, json_t *errors)
{
    unsigned int status = oc_err_status(err);
    char *text = oc_http_problem_text(err, detail, errors);
    ulfius_set_string_body_response(resp, status, text);
    u_map_put(resp->map_header, "Content-Type", "application/problem+json");
    if (status == 503)
        u_map_put(resp->map_header, "Retry-After", "1");
    free(text);
    return U_CALLBACK_COMPLETE;
}

/* Media types compare case-insensitively; parameters after ';' are allowed. */
static int media_type_json(const char *ct)
{
    size_t n = 16;
    if (ct != NULL && strncasecmp(ct, "application/merge-patch+json", 28) == 0)
        n = 28;
    else if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0)
        return 0;
    const char *rest = ct + n;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    return *rest == '\0' || *rest == ';';
}

enum oc_err oc_http_body(const struct _u_request *req, json_t **out, char *detail,
                         size_t detail_len)
{
    json_error_t jerr;
    const char *ct = u_map_get_case(req->map_header, "Content-Type");
    *out = NULL;
    if (!media_type_json(ct)) {
        snprintf(detail, detail_len, "send the body as application/json");
        return OC_MEDIA_TYPE;
    }
    if (req->binary_body == NULL || req->binary_body_length == 0) {
        snprintf(detail, detail_len, "the request body is empty");
        return OC_BAD_REQUEST;
    }
    *out = json_loadb(req->binary_body, req->binary_body_length, JSON_REJECT_DUPLICATES, &jerr);
    if (*out == NULL) {
        snprintf(detail, detail_len, "malformed JSON at line %d, column %d: %s", jerr.line,
                 jerr.column, jerr.text);
        return OC_BAD_REQUEST;
    }
    return OC_OK;
}

char *oc_cursor_encode(const json_t *cursor)
{
    char *text = json_dumps(cursor, JSON_COMPACT | JSON_SORT_KEYS);
    size_t len = 0;
    size_t in = strlen(text);
    unsigned char *out = oc_xmalloc(in * 2 + 8);
    o_base64url_encode((const unsigned char *)text, in, out, &len);
    out[len] = '\0';
    free(text);
    return (char *)out;
}

json_t *oc_cursor_decode(const char *text)
{
    size_t in = strlen(text), len = 0;
    if (in == 0 || in > CURSOR_MAX)
        return NULL;
    unsigned char *buf = oc_xmalloc(in + 4);
    json_t *cursor = NULL;
    if (o_base64url_decode((const unsigned char *)text, in, buf, &len))
        cursor = json_loadb((const char *)buf, len, JSON_REJECT_DUPLICATES, NULL);
    free(buf);
    if (cursor != NULL && !json_is_object(cursor)) {
        json_decref(cursor);
        cursor = NULL;
    }
    return cursor;
}

static void add_error(json_t *errors, const char *field, const char *code, const char *msg)
{
    json_array_append_new(errors,
                          json_pack("{s:s,s:s,s:s}", "field", field, "code", code, "message", msg));
}

void oc_http_page_params(const struct _u_request *req, int *limit, json_t **cursor, json_t *errors)
{
    const char *l = u_map_get(req->map_url, "limit");
    const char *c = u_map_get(req->map_url, "cursor");
    *limit = OC_LIST_LIMIT_DEFAULT;
    *cursor = NULL;
    if (l != NULL) {
        char *end = NULL;
        long v = strtol(l, &end, 10);
        if (l[0] < '0' || l[0] > '9' || *end != '\0' || v < 1 || v > OC_LIST_LIMIT_MAX)
            add_error(errors, "limit", "range", "must be an integer from 1 to 200");
        else
            *limit = (int)v;
    }
    if (c != NULL && (*cursor = oc_cursor_decode(c)) == NULL)
        add_error(errors, "cursor", "format", "is not a cursor this service issued");
}

void oc_http_etag(struct _u_response *resp, long long version)
{
    char tag[32];
    snprintf(tag, sizeof(tag), "\"%lld\"", version);
    u_map_put(resp->map_header, "ETag", tag);
}

enum oc_err oc_http_if_match(const struct _u_request *req, long long *version)
{
    const char *tag = u_map_get_case(req->map_header, "If-Match");
    if (tag == NULL)
        return OC_PRECONDITION_REQUIRED;
    size_t n = strlen(tag);
    if (n < 3 || n > 21 || tag[0] != '"' || tag[n - 1] != '"' ||
        strspn(tag + 1, "0123456789") != n - 2)
        return OC_PRECONDITION;
    *version = strtoll(tag + 1, NULL, 10);
    return OC_OK;
}

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
        idem->status = atoi(PQgetvalue(res, 0, 1));
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
    if (rc == OC_OK && atoi(PQcmdTuples(res)) == 0)
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

const char *oc_http_traceparent(const struct _u_request *req)
{
    const char *tp = u_map_get_case(req->map_header, "traceparent");
    return tp != NULL && oc_event_traceparent_ok(tp) ? tp : NULL;
}
