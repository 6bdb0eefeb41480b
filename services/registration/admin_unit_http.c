#include <string.h>

#include "common/date.h"
#include "common/http.h"
#include "common/read.h"
#include "registration/admin_unit.h"
#include "registration/admin_unit_store.h"
#include "registration/handlers.h"

#define NAME_QUERY_MAX 100

static void query_error(json_t *errors, const char *field, const char *code, const char *message)
{
    json_array_append_new(
        errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", code, "message", message));
}

static int one_of(const char *const *allowed, const char *s)
{
    for (; *allowed != NULL; allowed++)
        if (strcmp(*allowed, s) == 0)
            return 1;
    return 0;
}

/* 1 when s is a code of len digits (0 for any of 2, 3 or 5). */
static int code_shape(const char *s, size_t len)
{
    size_t n = strlen(s);
    if (strspn(s, "0123456789") != n)
        return 0;
    return len != 0 ? n == len : n == 2 || n == 3 || n == 5;
}

/*
 * Validates the list's query string into f; bad values go to errors. (ulfius
 * drops query parameters that are not UTF-8 before a handler sees them.)
 */
static void list_filter(const struct _u_request *req, struct admin_unit_filter *f, json_t *errors)
{
    memset(f, 0, sizeof(*f));
    f->level = oc_query_enum(req, "level", admin_unit_levels, errors);
    f->name = oc_query_text(req, "name", NAME_QUERY_MAX, errors);
    f->valid_on = oc_query_date(req, "valid_on", errors);
    f->parent = u_map_get(req->map_url, "parent");
    if (f->parent != NULL && !code_shape(f->parent, 2) && !code_shape(f->parent, 3)) {
        query_error(errors, "parent", "format",
                    "must be a province (2 digits) or district (3 digits) code");
        f->parent = NULL;
    }
}

/* Takes the keyset position from a cursor we issued. Returns 0 when it is not one. */
static int list_cursor(const struct oc_page *page, struct admin_unit_filter *f)
{
    if (page->cursor == NULL)
        return 1;
    f->after_level = oc_page_after(page, "l");
    f->after_code = oc_page_after(page, "c");
    f->after_from = oc_page_after(page, "f");
    return json_object_size(page->cursor) == 3 && f->after_level != NULL &&
           one_of(admin_unit_levels, f->after_level) && f->after_code != NULL &&
           code_shape(f->after_code, 0) && f->after_from != NULL &&
           (strcmp(f->after_from, "-infinity") == 0 || oc_date_ok(f->after_from));
}

int admin_unit_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct admin_unit_filter f;
    struct oc_page page;
    json_t *errors = json_array();
    list_filter(req, &f, errors);
    if (!oc_page_begin(req, &page, errors))
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    if (!list_cursor(&page, &f)) {
        oc_page_clean(&page);
        query_error(errors, "cursor", "format", "is not a cursor this service issued");
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    }
    json_decref(errors);
    PGconn *conn = oc_db_acquire(svc->pool);
    json_t *items = NULL, *next = NULL;
    enum oc_err rc = conn ? admin_unit_store_list(conn, &f, page.limit, &items, &next) : OC_DB;
    oc_db_release(svc->pool, conn);
    int ret =
        rc == OC_OK ? oc_page_respond(resp, items, next) : oc_http_problem(resp, rc, NULL, NULL);
    oc_page_clean(&page);
    return ret;
}

int admin_unit_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    const char *code = u_map_get(req->map_url, "code");
    const char *valid_on = u_map_get(req->map_url, "valid_on");
    json_t *out = NULL;
    if (code == NULL || !code_shape(code, 0))
        return oc_http_problem(resp, OC_NOT_FOUND, "no administrative unit has this code", NULL);
    if (valid_on != NULL && !oc_date_ok(valid_on))
        return oc_http_problem(resp, OC_INVALID, "the query is not valid",
                               json_pack("[{s:s,s:s,s:s}]", "field", "valid_on", "code", "format",
                                         "message", "must be a date, YYYY-MM-DD"));
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? admin_unit_store_get(conn, code, valid_on, &out) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(
            resp, rc, rc == OC_NOT_FOUND ? "no administrative unit has this code" : NULL, NULL);
    return oc_http_json(resp, 200, out);
}
