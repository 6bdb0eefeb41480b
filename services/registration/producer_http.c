#include "registration/handlers.h"

#include <stdio.h>
#include <string.h>

#include "common/db.h"
#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/producer_store.h"

/*
 * Adds a producer event built from the view. Only what other services need
 * travels: no identifier, representative or contacts (data minimisation).
 */
static enum oc_err producer_emit(PGconn *conn, struct oc_service *svc, const char *type,
                                 const json_t *view, const char *traceparent)
{
    json_t *data = json_pack("{s:O,s:O,s:O,s:O,s:O,s:O}", "producer_id",
                             json_object_get(view, "id"), "type", json_object_get(view, "type"),
                             "name", json_object_get(view, "name"), "commune_code",
                             json_object_get(view, "commune_code"), "version",
                             json_object_get(view, "version"),
                             strcmp(type, EVENT_PRODUCER_REGISTERED) == 0 ? "registered_at"
                                                                          : "updated_at",
                             json_object_get(view, strcmp(type, EVENT_PRODUCER_REGISTERED) == 0
                                                       ? "created_at"
                                                       : "updated_at"));
    enum oc_err rc = oc_outbox_add(conn, &svc->emitter, type,
                                   json_string_value(json_object_get(view, "id")), traceparent,
                                   data);
    json_decref(data);
    return rc;
}

/* Refuses a commune code that names no commune, past or present. */
static enum oc_err commune_check(PGconn *conn, const char *code, struct oc_write_result *out)
{
    int known = 1;
    enum oc_err rc = code ? producer_store_commune_known(conn, code, &known) : OC_OK;
    if (rc == OC_OK && !known) {
        out->errors = json_pack("[{s:s,s:s,s:s}]", "field", "commune_code", "code", "not_found",
                                "message", "no commune, past or present, has this code");
        snprintf(out->detail, sizeof(out->detail), "the producer is not valid");
        rc = OC_INVALID;
    }
    return rc;
}

static enum oc_err producer_create(PGconn *conn, const void *input, struct oc_service *svc,
                                   const char *traceparent, struct oc_write_result *out)
{
    const struct producer_new *p = input;
    enum oc_err rc = commune_check(conn, p->commune_code, out);
    if (rc != OC_OK)
        return rc;
    rc = producer_store_insert(conn, p, &out->view);
    if (rc == OC_CONFLICT) {
        snprintf(out->detail, sizeof(out->detail),
                 "a producer with identifier %s is already registered", p->identifier);
        return rc;
    }
    if (rc != OC_OK)
        return rc;
    return producer_emit(conn, svc, EVENT_PRODUCER_REGISTERED, out->view, traceparent);
}

int producer_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {"POST /v1/producers", 201, "/v1/producers/"};
    struct producer_new p;
    struct oc_v v;
    json_t *body = NULL;
    if (!oc_write_body(req, resp, &body))
        return U_CALLBACK_COMPLETE;
    oc_v_init(&v, body);
    int ret = producer_from_json(&v, &p)
                  ? oc_write(req, resp, svc, &spec, producer_create, &p)
                  : oc_http_problem(resp, OC_INVALID, "the producer is not valid",
                                    oc_v_take_errors(&v));
    oc_v_clean(&v);
    json_decref(body);
    return ret;
}

int producer_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    return oc_read_by_id(req, resp, svc, "producer", producer_store_get);
}

/* A patch for one producer at one version. */
struct producer_change {
    const char *id;                /* producer id from the path */
    long long version;             /* from If-Match */
    struct producer_patch patch;   /* the validated body */
};

static enum oc_err producer_update(PGconn *conn, const void *input, struct oc_service *svc,
                                   const char *traceparent, struct oc_write_result *out)
{
    const struct producer_change *c = input;
    enum oc_err rc = commune_check(conn, c->patch.commune_code, out);
    if (rc != OC_OK)
        return rc;
    rc = producer_store_update(conn, c->id, c->version, &c->patch, &out->view);
    if (rc == OC_PRECONDITION)
        snprintf(out->detail, sizeof(out->detail),
                 "the producer changed since version %lld; read it again", c->version);
    else if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no producer has this id");
    if (rc != OC_OK)
        return rc;
    return producer_emit(conn, svc, EVENT_PRODUCER_UPDATED, out->view, traceparent);
}

int producer_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {"PATCH /v1/producers/{id}", 200, NULL};
    struct producer_change c = {u_map_get(req->map_url, "id"), 0, {0}};
    struct oc_v v;
    json_t *body = NULL;
    if (!oc_uuid_ok(c.id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no producer has this id", NULL);
    enum oc_err rc = oc_http_if_match(req, &c.version);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, "send If-Match with the producer's current ETag", NULL);
    if (!oc_write_body(req, resp, &body))
        return U_CALLBACK_COMPLETE;
    oc_v_init(&v, body);
    int ret = producer_patch_from_json(&v, &c.patch)
                  ? oc_write(req, resp, svc, &spec, producer_update, &c)
                  : oc_http_problem(resp, OC_INVALID, "the change is not valid",
                                    oc_v_take_errors(&v));
    oc_v_clean(&v);
    json_decref(body);
    return ret;
}

int producer_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct producer_filter f;
    struct oc_page page;
    json_t *errors = json_array();
    memset(&f, 0, sizeof(f));
    f.type = oc_query_enum(req, "type", producer_types, errors);
    f.commune_code = oc_query_digits(req, "commune_code", 5, errors);
    f.legacy_district = oc_query_digits(req, "legacy_district", 3, errors);
    f.q = oc_query_text(req, "q", 100, errors);
    if (!oc_page_begin(req, &page, errors))
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    json_decref(errors);
    f.after_time = oc_page_after(&page, "t");
    f.after_id = oc_page_after(&page, "id");
    PGconn *conn = oc_db_acquire(svc->pool);
    json_t *items = NULL, *next = NULL;
    enum oc_err rc = conn ? producer_store_list(conn, &f, page.limit, &items, &next) : OC_DB;
    oc_db_release(svc->pool, conn);
    oc_page_clean(&page);
    return rc == OC_OK ? oc_page_respond(resp, items, next) : oc_http_problem(resp, rc, NULL, NULL);
}
