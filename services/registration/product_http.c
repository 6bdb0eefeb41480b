#include "registration/handlers.h"

#include <string.h>

#include "common/db.h"
#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/product_store.h"

static enum oc_err product_create(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    const struct product_new *p = input;
    json_t *event = NULL;
    const struct reg_app *app = svc->ctx;
    enum oc_err rc = product_store_insert(conn, p, app->code_pattern, &out->view, &event);
    if (rc == OC_NOT_FOUND) {
        out->errors = json_pack("[{s:s,s:s,s:s}]", "field", "producer_id", "code", "not_found",
                                "message", "no producer has this id");
        snprintf(out->detail, sizeof(out->detail), "the product is not valid");
        return OC_INVALID;
    }
    if (rc == OC_INVALID) {
        out->errors = json_pack("[{s:s,s:s,s:s}]", "field", "commune_code", "code", "not_found",
                                "message", "no commune, past or present, has this code");
        snprintf(out->detail, sizeof(out->detail), "the product is not valid");
        return OC_INVALID;
    }
    if (rc == OC_OK)
        rc = oc_outbox_add(conn, &svc->emitter, EVENT_PRODUCT_REGISTERED,
                           json_string_value(json_object_get(out->view, "id")), traceparent,
                           event);
    json_decref(event);
    return rc;
}

int product_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {"POST /v1/products", 201, "/v1/products/"};
    struct product_new p;
    struct oc_v v;
    json_t *body = NULL;
    if (!oc_write_body(req, resp, &body))
        return U_CALLBACK_COMPLETE;
    oc_v_init(&v, body);
    int ret = product_from_json(&v, &p)
                  ? oc_write(req, resp, svc, &spec, product_create, &p)
                  : oc_http_problem(resp, OC_INVALID, "the product is not valid",
                                    oc_v_take_errors(&v));
    oc_v_clean(&v);
    json_decref(body);
    return ret;
}

/* A patch of one product at one version. */
struct product_change {
    const char *id;             /* from the path */
    long long version;          /* from If-Match */
    struct product_patch patch; /* the validated body */
};

static enum oc_err product_update(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    const struct product_change *c = input;
    json_t *event = NULL;
    enum oc_err rc = product_store_update(conn, c->id, c->version, &c->patch, &out->view, &event);
    if (rc == OC_PRECONDITION)
        snprintf(out->detail, sizeof(out->detail),
                 "the product changed since version %lld; read it again", c->version);
    else if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no product has this id");
    if (rc == OC_OK)
        rc = oc_outbox_add(conn, &svc->emitter, EVENT_PRODUCT_UPDATED, c->id, traceparent, event);
    json_decref(event);
    return rc;
}

int product_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {"PATCH /v1/products/{id}", 200, NULL};
    struct product_change c = {u_map_get(req->map_url, "id"), 0, {0}};
    struct oc_v v;
    json_t *body = NULL;
    if (!oc_uuid_ok(c.id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no product has this id", NULL);
    enum oc_err rc = oc_http_if_match(req, &c.version);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, "send If-Match with the product's current ETag", NULL);
    if (!oc_write_body(req, resp, &body))
        return U_CALLBACK_COMPLETE;
    oc_v_init(&v, body);
    int ret = product_patch_from_json(&v, &c.patch)
                  ? oc_write(req, resp, svc, &spec, product_update, &c)
                  : oc_http_problem(resp, OC_INVALID, "the change is not valid",
                                    oc_v_take_errors(&v));
    oc_v_clean(&v);
    json_decref(body);
    return ret;
}

int product_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    return oc_read_by_id(req, resp, svc, "product", product_store_get);
}

int product_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct product_filter f;
    struct oc_page page;
    json_t *errors = json_array();
    memset(&f, 0, sizeof(f));
    f.producer_id = oc_query_uuid(req, "producer_id", errors);
    f.commune_code = oc_query_digits(req, "commune_code", 5, errors);
    if (!oc_page_begin(req, &page, errors))
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    json_decref(errors);
    f.after_time = oc_page_after(&page, "t");
    f.after_id = oc_page_after(&page, "id");
    PGconn *conn = oc_db_acquire(svc->pool);
    json_t *items = NULL, *next = NULL;
    enum oc_err rc = conn ? product_store_list(conn, &f, page.limit, &items, &next) : OC_DB;
    oc_db_release(svc->pool, conn);
    oc_page_clean(&page);
    return rc == OC_OK ? oc_page_respond(resp, items, next) : oc_http_problem(resp, rc, NULL, NULL);
}
