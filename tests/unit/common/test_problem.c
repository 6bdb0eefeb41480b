/*
 * problem+json and JSON responses on a bare struct _u_response (no socket),
 * the error table, request bodies, paging parameters and opaque cursors.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <ulfius.h>

#include "common/err.h"
#include "common/http.h"
#include "unit/test.h"

/* The response body parsed as JSON (caller owns), or NULL. */
static json_t *body_of(const struct _u_response *resp)
{
    return json_loadb(resp->binary_body, resp->binary_body_length, 0, NULL);
}

static const char *member_str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static void test_problem(void)
{
    struct _u_response resp;
    ulfius_init_response(&resp);
    CHECK_INT_EQ(oc_http_problem(&resp, OC_NOT_FOUND, "no product with this id", NULL),
                 U_CALLBACK_COMPLETE);
    CHECK_INT_EQ(resp.status, 404);
    CHECK_STR_EQ(u_map_get(resp.map_header, "Content-Type"), "application/problem+json");
    CHECK(u_map_get(resp.map_header, "Retry-After") == NULL);
    json_t *b = body_of(&resp);
    CHECK(json_is_object(b));
    CHECK_STR_EQ(member_str(b, "type"), "about:blank");
    CHECK_STR_EQ(member_str(b, "title"), "not found");
    CHECK_INT_EQ(json_integer_value(json_object_get(b, "status")), 404);
    CHECK_STR_EQ(member_str(b, "code"), "NOT_FOUND");
    CHECK_STR_EQ(member_str(b, "detail"), "no product with this id");
    CHECK(json_object_get(b, "errors") == NULL);
    json_decref(b);
    ulfius_clean_response(&resp);

    /* 422 with field errors (stolen), no detail */
    ulfius_init_response(&resp);
    json_t *errors = json_pack("[{s:s,s:s,s:s}]", "field", "name", "code", "required", "message",
                               "this field is required");
    oc_http_problem(&resp, OC_INVALID, NULL, errors);
    CHECK_INT_EQ(resp.status, 422);
    b = body_of(&resp);
    CHECK_STR_EQ(member_str(b, "title"), "invalid input");
    CHECK_STR_EQ(member_str(b, "code"), "INVALID");
    CHECK_INT_EQ(json_integer_value(json_object_get(b, "status")), 422);
    CHECK(json_object_get(b, "detail") == NULL);
    CHECK_INT_EQ(json_array_size(json_object_get(b, "errors")), 1);
    CHECK_STR_EQ(member_str(json_array_get(json_object_get(b, "errors"), 0), "field"), "name");
    json_decref(b);
    ulfius_clean_response(&resp);

    /* 503s ask the client to come back */
    static const enum oc_err unavailable[] = {OC_DB, OC_UNAVAILABLE};
    for (size_t i = 0; i < 2; i++) {
        ulfius_init_response(&resp);
        oc_http_problem(&resp, unavailable[i], "try again", NULL);
        CHECK_INT_EQ(resp.status, 503);
        CHECK_STR_EQ(u_map_get(resp.map_header, "Retry-After"), "1");
        CHECK_STR_EQ(u_map_get(resp.map_header, "Content-Type"), "application/problem+json");
        ulfius_clean_response(&resp);
    }

    /* JSON in a detail is escaped, not spliced */
    ulfius_init_response(&resp);
    oc_http_problem(&resp, OC_CONFLICT, "a \"quoted\" \\ detail", NULL);
    b = body_of(&resp);
    CHECK_STR_EQ(member_str(b, "detail"), "a \"quoted\" \\ detail");
    CHECK_INT_EQ(resp.status, 409);
    json_decref(b);
    ulfius_clean_response(&resp);
}

static void test_json(void)
{
    struct _u_response resp;
    ulfius_init_response(&resp);
    CHECK_INT_EQ(oc_http_json(&resp, 201, json_pack("{s:s,s:i}", "name", "Trà Shan tuyết", "n", 3)),
                 U_CALLBACK_COMPLETE);
    CHECK_INT_EQ(resp.status, 201);
    CHECK_STR_EQ(u_map_get(resp.map_header, "Content-Type"), "application/json");
    json_t *b = body_of(&resp);
    CHECK_STR_EQ(member_str(b, "name"), "Trà Shan tuyết");
    CHECK_INT_EQ(json_integer_value(json_object_get(b, "n")), 3);
    json_decref(b);
    oc_http_etag(&resp, 42);
    CHECK_STR_EQ(u_map_get(resp.map_header, "ETag"), "\"42\"");
    ulfius_clean_response(&resp);
}

static void test_err_table(void)
{
    static const struct {
        enum oc_err err;
        unsigned int status;
        const char *name;
        const char *title;
    } rows[] = {
        {OC_OK, 200, "OK", "ok"},
        {OC_INVALID, 422, "INVALID", "invalid input"},
        {OC_BAD_REQUEST, 400, "BAD_REQUEST", "malformed request"},
        {OC_NOT_FOUND, 404, "NOT_FOUND", "not found"},
        {OC_METHOD, 405, "METHOD", "method not allowed"},
        {OC_CONFLICT, 409, "CONFLICT", "conflict"},
        {OC_PRECONDITION, 412, "PRECONDITION", "precondition failed"},
        {OC_TOO_LARGE, 413, "TOO_LARGE", "request body too large"},
        {OC_MEDIA_TYPE, 415, "MEDIA_TYPE", "unsupported media type"},
        {OC_PRECONDITION_REQUIRED, 428, "PRECONDITION_REQUIRED", "precondition required"},
        {OC_IDEMPOTENCY, 422, "IDEMPOTENCY", "idempotency key reused with a different request"},
        {OC_DB, 503, "DB", "database unavailable"},
        {OC_UNAVAILABLE, 503, "UNAVAILABLE", "service unavailable"},
        {OC_INTERNAL, 500, "INTERNAL", "internal error"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        CHECK_INT_EQ(oc_err_status(rows[i].err), rows[i].status);
        CHECK_STR_EQ(oc_err_name(rows[i].err), rows[i].name);
        CHECK_STR_EQ(oc_err_title(rows[i].err), rows[i].title);
    }
    /* values outside the table */
    enum oc_err unknown = (enum oc_err)(OC_INTERNAL + 1);
    CHECK_INT_EQ(oc_err_status(unknown), 500);
    CHECK_STR_EQ(oc_err_name(unknown), "INTERNAL");
    CHECK_STR_EQ(oc_err_title(unknown), "internal error");
    CHECK_INT_EQ(oc_err_status((enum oc_err) - 1), 500);
    CHECK_STR_EQ(oc_err_name((enum oc_err) - 1), "INTERNAL");
}

/* A request with the given Content-Type (NULL: none) and body. */
static void request_with(struct _u_request *req, const char *ct, const char *body)
{
    ulfius_init_request(req);
    if (ct != NULL)
        u_map_put(req->map_header, "Content-Type", ct);
    if (body != NULL)
        ulfius_set_string_body_request(req, body);
}

static void test_body(void)
{
    static const struct {
        const char *ct;
        const char *body;
        enum oc_err want;
    } cases[] = {
        {"application/json", "{\"a\":1}", OC_OK},
        {"application/json; charset=utf-8", "{\"a\":1}", OC_OK},
        {"application/json;charset=utf-8", "[1]", OC_OK},
        {NULL, "{\"a\":1}", OC_MEDIA_TYPE},
        {"text/plain", "{\"a\":1}", OC_MEDIA_TYPE},
        {"application/jsonp", "{\"a\":1}", OC_MEDIA_TYPE},
        {"application/json", NULL, OC_BAD_REQUEST},
        {"application/json", "{\"a\":", OC_BAD_REQUEST},
        {"application/json", "{\"a\":1,\"a\":2}", OC_BAD_REQUEST},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct _u_request req;
        json_t *out = NULL;
        char detail[256] = "";
        request_with(&req, cases[i].ct, cases[i].body);
        CHECK_INT_EQ(oc_http_body(&req, &out, detail, sizeof(detail)), cases[i].want);
        CHECK(cases[i].want == OC_OK ? out != NULL : out == NULL && detail[0] != '\0');
        json_decref(out);
        ulfius_clean_request(&req);
    }
}

static void test_page_params(void)
{
    struct _u_request req;
    int limit = 0;
    json_t *cursor = NULL, *errors = json_array();
    request_with(&req, NULL, NULL);
    oc_http_page_params(&req, &limit, &cursor, errors);
    CHECK_INT_EQ(limit, OC_LIST_LIMIT_DEFAULT);
    CHECK(cursor == NULL);
    CHECK_INT_EQ(json_array_size(errors), 0);

    json_t *c = json_pack("{s:s,s:s}", "t", "1740817800123456", "id",
                          "0b5f6c7e-3a91-4c2d-8e4f-1a2b3c4d5e6f");
    char *text = oc_cursor_encode(c);
    u_map_put(req.map_url, "limit", "200");
    u_map_put(req.map_url, "cursor", text);
    oc_http_page_params(&req, &limit, &cursor, errors);
    CHECK_INT_EQ(limit, 200);
    CHECK(cursor != NULL && json_equal(cursor, c));
    CHECK_INT_EQ(json_array_size(errors), 0);
    json_decref(cursor);
    free(text);
    json_decref(c);

    static const char *const bad_limits[] = {"0", "201", "-1", "ten", "", "5x", NULL};
    for (const char *const *l = bad_limits; *l; l++) {
        json_array_clear(errors);
        u_map_put(req.map_url, "limit", *l);
        u_map_put(req.map_url, "cursor", "%%%");
        oc_http_page_params(&req, &limit, &cursor, errors);
        CHECK_INT_EQ(limit, OC_LIST_LIMIT_DEFAULT);
        CHECK(cursor == NULL);
        CHECK_INT_EQ(json_array_size(errors), 2);
        CHECK_STR_EQ(member_str(json_array_get(errors, 0), "field"), "limit");
        CHECK_STR_EQ(member_str(json_array_get(errors, 1), "field"), "cursor");
    }
    json_decref(errors);
    ulfius_clean_request(&req);
}

/* Base64url (no padding) of text, for hand-made cursors. */
static char *b64url(const char *text)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t n = strlen(text), o = 0;
    char *out = malloc(n * 4 / 3 + 4);
    if (out == NULL)
        abort();
    for (size_t i = 0; i < n; i += 3) {
        unsigned long v = (unsigned long)(unsigned char)text[i] << 16;
        if (i + 1 < n)
            v |= (unsigned long)(unsigned char)text[i + 1] << 8;
        if (i + 2 < n)
            v |= (unsigned char)text[i + 2];
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        if (i + 1 < n)
            out[o++] = alphabet[(v >> 6) & 63];
        if (i + 2 < n)
            out[o++] = alphabet[v & 63];
    }
    out[o] = '\0';
    return out;
}

static void test_cursor(void)
{
    json_t *c = json_pack("{s:s,s:s}", "t", "1740817800123456", "id",
                          "0b5f6c7e-3a91-4c2d-8e4f-1a2b3c4d5e6f");
    char *text = oc_cursor_encode(c);
    CHECK(text[0] != '\0'); /* never NULL: the allocator aborts */
    CHECK(strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=") ==
          strlen(text)); /* URL-safe */
    json_t *back = oc_cursor_decode(text);
    CHECK(back != NULL && json_equal(back, c));
    json_decref(back);

    /* keys are sorted, so equal cursors encode equally */
    json_t *c2 = json_pack("{s:s,s:s}", "id", "0b5f6c7e-3a91-4c2d-8e4f-1a2b3c4d5e6f", "t",
                           "1740817800123456");
    char *text2 = oc_cursor_encode(c2);
    CHECK_STR_EQ(text2, text);
    free(text2);
    json_decref(c2);
    free(text);
    json_decref(c);

    /* a hand-made encoding of an object is accepted */
    char *hand = b64url("{\"id\":\"x\"}");
    back = oc_cursor_decode(hand);
    CHECK(back != NULL && json_is_object(back));
    CHECK_STR_EQ(member_str(back, "id"), "x");
    json_decref(back);
    free(hand);

    /* garbage, non-objects and oversize are refused */
    static const char *const not_objects[] = {
        "[1,2]", "\"text\"", "42", "null", "not json", "{\"a\":1", "{\"a\":1,\"a\":2}", NULL};
    for (const char *const *s = not_objects; *s; s++) {
        char *enc = b64url(*s);
        CHECK(oc_cursor_decode(enc) == NULL);
        free(enc);
    }
    CHECK(oc_cursor_decode("") == NULL);
    CHECK(oc_cursor_decode("!!!!") == NULL);
    CHECK(oc_cursor_decode("%%%") == NULL);
    CHECK(oc_cursor_decode("eyJhIjox fQ") == NULL); /* a space inside */

    json_t *big = json_object();
    char pad[400];
    memset(pad, 'x', sizeof(pad) - 1);
    pad[sizeof(pad) - 1] = '\0';
    json_object_set_new(big, "t", json_string(pad));
    text = oc_cursor_encode(big);
    CHECK(strlen(text) > 512);
    CHECK(oc_cursor_decode(text) == NULL); /* longer than any cursor we issue */
    free(text);
    json_decref(big);

    char huge[1024];
    memset(huge, 'A', sizeof(huge) - 1);
    huge[sizeof(huge) - 1] = '\0';
    CHECK(oc_cursor_decode(huge) == NULL);
}

int main(void)
{
    test_problem();
    test_json();
    test_err_table();
    test_body();
    test_page_params();
    test_cursor();
    TEST_DONE();
}
