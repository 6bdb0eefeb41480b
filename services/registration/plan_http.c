#include <stdio.h>

#include "common/db.h"
#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/handlers.h"
#include "registration/plan_store.h"

/* The locality query parameter ("" when absent), or NULL with a field error when malformed. */
static const char *query_locality(const struct _u_request *req, json_t *errors)
{
    const char *locality = u_map_get(req->map_url, "locality");
    if (plan_locality_shape(locality))
        return locality != NULL ? locality : "";
    json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", "locality", "code", "format",
                                            "message",
                                            "must be empty (the province), a district code (3 "
                                            "digits) or a commune code (5 digits)"));
    return NULL;
}

int plan_target_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    json_t *errors = json_array();
    const char *year = oc_query_digits(req, "year", 4, errors);
    const char *locality = query_locality(req, errors);
    if (json_array_size(errors) > 0)
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    json_decref(errors);
    PGconn *conn = oc_db_acquire(svc->pool);
    json_t *items = NULL;
    enum oc_err rc = conn ? plan_store_list(conn, year, locality, &items) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    return oc_http_json(resp, 200, json_pack("{s:o,s:n}", "items", items, "next_cursor"));
}

/*
 * Judges t's locality against the admin units (plan_locality_errors), then
 * stores t; *errors (caller owns) holds the field error when it is refused.
 */
static enum oc_err plan_target_store(PGconn *conn, const struct plan_target_put *t, json_t **view,
                                     int *created, json_t **errors)
{
    enum plan_locality_kind kind;
    enum oc_err rc = plan_store_locality_kind(conn, t->locality, &kind);
    if (rc == OC_OK && (*errors = plan_locality_errors(t->year, kind)) != NULL)
        return OC_INVALID;
    return rc == OC_OK ? plan_store_put(conn, t, view, created) : rc;
}

/* Stores t and sends it: 201 with Location when it is new, else 200. */
/* Answers a stored PUT: view's ETag, and 201 with Location when location is set, else 200. */
static int put_answer(struct _u_response *resp, json_t *view, const char *location)
{
    if (location != NULL)
        u_map_put(resp->map_header, "Location", location);
    oc_http_etag(resp, (long long)json_integer_value(json_object_get(view, "version")));
    return oc_http_json(resp, location != NULL ? 201 : 200, view);
}

static int plan_target_save(struct _u_response *resp, struct oc_service *svc,
                            const struct plan_target_put *t)
{
    json_t *view = NULL, *errors = NULL;
    int created = 0;
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? plan_target_store(conn, t, &view, &created, &errors) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, errors ? "the plan target is not valid" : NULL, errors);
    char location[160];
    snprintf(location, sizeof(location), "/v1/plan-targets/%d/%s%s%s", t->year, t->indicator,
             *t->locality ? "?locality=" : "", t->locality);
    return put_answer(resp, view, created ? location : NULL);
}

int plan_target_put(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct plan_target_put t;
    struct oc_v v;
    json_t *body = NULL;
    if (!oc_write_body(req, resp, &body))
        return U_CALLBACK_COMPLETE;
    oc_v_init(&v, body);
    int ret = plan_target_at_from_json(&v, u_map_get(req->map_url, "year"),
                                       u_map_get(req->map_url, "indicator"),
                                       u_map_get(req->map_url, "locality"), &t)
                  ? plan_target_save(resp, svc, &t)
                  : oc_http_problem(resp, OC_INVALID, "the plan target is not valid",
                                    oc_v_take_errors(&v));
    oc_v_clean(&v);
    json_decref(body);
    return ret;
}

/* ---- plan periods ---- */

int plan_period_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    (void)req;
    PGconn *conn = oc_db_acquire(svc->pool);
    json_t *items = NULL;
    enum oc_err rc = conn ? plan_store_period_list(conn, &items) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    return oc_http_json(resp, 200, json_pack("{s:o,s:n}", "items", items, "next_cursor"));
}

int plan_period_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    int first, last;
    const char *id = u_map_get(req->map_url, "id");
    if (!plan_period_id(id, &first, &last))
        return oc_http_problem(resp, OC_NOT_FOUND, "no plan period has this id", NULL);
    PGconn *conn = oc_db_acquire(svc->pool);
    json_t *view = NULL;
    enum oc_err rc = conn ? plan_store_period_get(conn, id, &view) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, rc == OC_NOT_FOUND ? "no plan period has this id" : NULL,
                               NULL);
    oc_http_etag(resp, (long long)json_integer_value(json_object_get(view, "version")));
    return oc_http_json(resp, 200, view);
}

/* Stores p (a change when If-Match names a version) and sends it. */
static int plan_period_save(const struct _u_request *req, struct _u_response *resp,
                            struct oc_service *svc, const struct plan_period_put *p)
{
    long long version = 0;
    char text[24];
    enum oc_err rc = oc_http_if_match(req, &version);
    if (rc == OC_PRECONDITION)
        return oc_http_problem(resp, rc, "If-Match names no version of this period", NULL);
    snprintf(text, sizeof(text), "%lld", version);
    json_t *view = NULL;
    PGconn *conn = oc_db_acquire(svc->pool);
    rc = conn ? plan_store_period_put(conn, p, rc == OC_OK ? text : NULL, &view) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    char location[64];
    snprintf(location, sizeof(location), "/v1/plan-periods/%s", p->id);
    return put_answer(resp, view,
                      json_integer_value(json_object_get(view, "version")) == 1 ? location : NULL);
}

int plan_period_put(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct plan_period_put p;
    struct oc_v v;
    json_t *body = NULL;
    if (!oc_write_body(req, resp, &body))
        return U_CALLBACK_COMPLETE;
    oc_v_init(&v, body);
    int ret = plan_period_from_json(&v, u_map_get(req->map_url, "id"), &p)
                  ? plan_period_save(req, resp, svc, &p)
                  : oc_http_problem(resp, OC_INVALID, "the plan period is not valid",
                                    oc_v_take_errors(&v));
    oc_v_clean(&v);
    json_decref(body);
    return ret;
}
