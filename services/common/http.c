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

const char *oc_http_traceparent(const struct _u_request *req)
{
    const char *tp = u_map_get_case(req->map_header, "traceparent");
    return tp != NULL && oc_event_traceparent_ok(tp) ? tp : NULL;
}
