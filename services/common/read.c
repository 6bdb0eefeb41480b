#include "common/read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/db.h"
#include "common/http.h"
#include "common/validate.h"

int oc_read_by_id(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
                  const char *kind, oc_get_fn fn)
{
    const char *id = u_map_get(req->map_url, "id");
    char detail[128];
    json_t *out = NULL;
    snprintf(detail, sizeof(detail), "no %s has this id", kind);
    if (!oc_uuid_ok(id))
        return oc_http_problem(resp, OC_NOT_FOUND, detail, NULL);
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? fn(conn, id, &out) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, rc == OC_NOT_FOUND ? detail : NULL, NULL);
    json_t *version = json_object_get(out, "version");
    if (json_is_integer(version))
        oc_http_etag(resp, (long long)json_integer_value(version));
    return oc_http_json(resp, 200, out);
}

static int cursor_ok(const json_t *cursor)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)(uintptr_t)cursor, key, value)
    {
        const char *s = json_string_value(value);
        if (s == NULL || strlen(s) > 200)
            return 0;
        /* 18 digits at most: every such number fits the bigint the stores cast it to. */
        if (strcmp(key, "t") == 0 &&
            (strlen(s) == 0 || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s)))
            return 0;
        if (strcmp(key, "id") == 0 && !oc_uuid_ok(s))
            return 0;
    }
    return 1;
}

int oc_page_begin(const struct _u_request *req, struct oc_page *page, json_t *errors)
{
    oc_http_page_params(req, &page->limit, &page->cursor, errors);
    if (page->cursor != NULL &&
        (!cursor_ok(page->cursor) || (json_object_get(page->cursor, "t") == NULL) !=
                                         (json_object_get(page->cursor, "id") == NULL))) {
        json_array_append_new(errors,
                              json_pack("{s:s,s:s,s:s}", "field", "cursor", "code", "format",
                                        "message", "is not a cursor this service issued"));
    }
    if (json_array_size(errors) > 0) {
        oc_page_clean(page);
        return 0;
    }
    return 1;
}

const char *oc_page_after(const struct oc_page *page, const char *key)
{
    return page->cursor ? json_string_value(json_object_get(page->cursor, key)) : NULL;
}

int oc_page_respond(struct _u_response *resp, json_t *items, json_t *next)
{
    json_t *body = json_object();
    json_object_set_new(body, "items", items);
    if (next != NULL) {
        char *c = oc_cursor_encode(next);
        json_object_set_new(body, "next_cursor", json_string(c));
        free(c);
        json_decref(next);
    } else {
        json_object_set_new(body, "next_cursor", json_null());
    }
    return oc_http_json(resp, 200, body);
}

void oc_page_clean(struct oc_page *page)
{
    json_decref(page->cursor);
    page->cursor = NULL;
}

/* v when it is NULL (not given) or ok; else NULL, with a format error for name saying message. */
static const char *query_checked(json_t *errors, const char *name, const char *v, int ok,
                                 const char *message)
{
    if (v == NULL || ok)
        return v;
    json_array_append_new(
        errors, json_pack("{s:s,s:s,s:s}", "field", name, "code", "format", "message", message));
    return NULL;
}

const char *oc_query_digits(const struct _u_request *req, const char *name, size_t len,
                            json_t *errors)
{
    const char *v = u_map_get(req->map_url, name);
    char msg[64];
    snprintf(msg, sizeof(msg), "must be %zu digits", len);
    return query_checked(errors, name, v,
                         v != NULL && strlen(v) == len && strspn(v, "0123456789") == len, msg);
}

const char *oc_query_uuid(const struct _u_request *req, const char *name, json_t *errors)
{
    const char *v = u_map_get(req->map_url, name);
    return query_checked(errors, name, v, v != NULL && oc_uuid_ok(v), "must be a lower-case UUID");
}

/* 1 when v is one of the NULL-terminated allowed. */
static int listed(const char *v, const char *const *allowed)
{
    for (const char *const *a = allowed; *a; a++)
        if (strcmp(*a, v) == 0)
            return 1;
    return 0;
}

const char *oc_query_enum(const struct _u_request *req, const char *name,
                          const char *const *allowed, json_t *errors)
{
    const char *v = u_map_get(req->map_url, name);
    return query_checked(errors, name, v, v != NULL && listed(v, allowed),
                         "is not one of the allowed values");
}

/* 1 when v is 1 to max characters with no control character. */
static int text_ok(const char *v, size_t max)
{
    size_t len = oc_utf8_len(v);
    int ctrl = 0;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        ctrl |= *p < 0x20 || *p == 0x7f;
    return len > 0 && len <= max && !ctrl;
}

const char *oc_query_text(const struct _u_request *req, const char *name, size_t max,
                          json_t *errors)
{
    const char *v = u_map_get(req->map_url, name);
    char msg[80];
    snprintf(msg, sizeof(msg), "must be 1 to %zu characters of text", max);
    return query_checked(errors, name, v, v != NULL && text_ok(v, max), msg);
}

const char *oc_query_date(const struct _u_request *req, const char *name, json_t *errors)
{
    const char *v = u_map_get(req->map_url, name);
    long day;
    return query_checked(errors, name, v, v != NULL && oc_date_read(v, &day),
                         "must be a date YYYY-MM-DD");
}

int oc_list_serve(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
                  json_t *errors, oc_list_fn fn, const void *filter)
{
    struct oc_page page;
    if (!oc_page_begin(req, &page, errors))
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    json_decref(errors);
    struct oc_after after = {oc_page_after(&page, "t"), oc_page_after(&page, "id")};
    PGconn *conn = oc_db_acquire(svc->pool);
    json_t *items = NULL, *next = NULL;
    enum oc_err rc = conn ? fn(conn, filter, &after, page.limit, &items, &next) : OC_DB;
    oc_db_release(svc->pool, conn);
    oc_page_clean(&page);
    return rc == OC_OK ? oc_page_respond(resp, items, next) : oc_http_problem(resp, rc, NULL, NULL);
}
