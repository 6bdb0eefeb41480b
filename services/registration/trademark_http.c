#include <stdio.h>
#include <string.h>

#include "common/db.h"
#include "common/http.h"
#include "common/outbox.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/handlers.h"
#include "registration/trademark_events.h"
#include "registration/trademark_store.h"

static enum oc_err trademark_create(PGconn *conn, const void *input, struct oc_service *svc,
                                    const char *traceparent, struct oc_write_result *out)
{
    struct reg_scope scope;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc = trademark_store_insert(conn, &scope, input, &out->view);
    if (rc == OC_NOT_FOUND) {
        return oc_write_refuse(out, OC_INVALID, "the trademark request is not valid", "product_id",
                               "not_found", "no product has this id");
    }
    if (rc != OC_OK)
        return rc;
    return oc_outbox_add_draft(conn, &svc->emitter, trademark_event_requested(out->view),
                               traceparent);
}

OC_PARSER(trademark_parse, trademark_from_json, struct oc_field_value);

int trademark_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/trademarks/"};
    struct oc_field_value tm[TRADEMARK_N];
    memset(tm, 0, sizeof(tm));
    return oc_write_json(req, resp, svc, &spec, trademark_parse, tm, "trademark request",
                         trademark_create, tm);
}

/* A trademark support request in the caller's scope. */
enum oc_err trademark_view(PGconn *conn, const char *id, json_t **out)
{
    return reg_caller_view(conn, trademark_store_get, id, out);
}

/* A patch for one request at one version. */
struct trademark_change {
    const char *id;                           /* request id from the path */
    long long version;                        /* from If-Match */
    json_t *body;                             /* the patch body, for the rule errors (borrowed) */
    struct oc_field_value patch[TRADEMARK_N]; /* the validated body */
};

/* Applies the rules to the locked record and its patch; on success writes the result. */
static enum oc_err trademark_apply(PGconn *conn, const struct trademark_change *c,
                                   const json_t *before_view, struct oc_field_value *before,
                                   struct oc_write_result *out)
{
    struct oc_field_value after[TRADEMARK_N];
    struct oc_v v;
    if (json_integer_value(json_object_get(before_view, "version")) != c->version) {
        return oc_write_stale(out, "trademark request", c->version);
    }
    oc_fields_from_view(before_view, trademark_fields, TRADEMARK_N, before);
    oc_fields_merge(before, c->patch, TRADEMARK_N, after);
    oc_v_init(&v, c->body);
    int ok = trademark_check(&v, before[TRADEMARK_STATUS].s, after);
    if (!ok) {
        out->errors = oc_v_take_errors(&v);
        snprintf(out->detail, sizeof(out->detail), "the change is not valid");
    }
    oc_v_clean(&v);
    return ok ? trademark_store_update(conn, c->id, after, &out->view) : OC_INVALID;
}

static enum oc_err trademark_update(PGconn *conn, const void *input, struct oc_service *svc,
                                    const char *traceparent, struct oc_write_result *out)
{
    const struct trademark_change *c = input;
    struct oc_field_value before[TRADEMARK_N];
    memset(before, 0, sizeof(before));
    json_t *before_view = NULL;
    struct reg_scope scope;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc = trademark_store_lock(conn, &scope, c->id, &before_view);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no trademark request has this id");
    if (rc == OC_OK)
        rc = trademark_apply(conn, c, before_view, before, out);
    const char *from = before[TRADEMARK_STATUS].s;
    const char *to = json_string_value(json_object_get(out->view, "status"));
    if (rc == OC_OK && strcmp(from, to) != 0)
        rc = oc_outbox_add_draft(conn, &svc->emitter, trademark_event_changed(out->view, from),
                                 traceparent);
    json_decref(before_view);
    return rc;
}

int trademark_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct trademark_change c;
    memset(&c, 0, sizeof(c));
    c.id = u_map_get(req->map_url, "id");
    struct oc_v v;
    if (!oc_uuid_ok(c.id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no trademark request has this id", NULL);
    enum oc_err rc = oc_http_if_match(req, &c.version);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, "send If-Match with the trademark request's current ETag",
                               NULL);
    if (!oc_write_body(req, resp, &c.body))
        return U_CALLBACK_COMPLETE;
    oc_v_init(&v, c.body);
    int ret =
        trademark_patch_from_json(&v, c.patch)
            ? oc_write(req, resp, svc, &spec, trademark_update, &c)
            : oc_http_problem(resp, OC_INVALID, "the change is not valid", oc_v_take_errors(&v));
    oc_v_clean(&v);
    json_decref(c.body);
    return ret;
}

int trademark_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct trademark_filter f;
    json_t *errors = json_array();
    reg_scope_init(&f.scope, oc_principal());
    f.product_id = oc_query_uuid(req, "product_id", errors);
    f.status = oc_query_enum(req, "status", trademark_statuses, errors);
    f.year = oc_query_digits(req, "year", 4, errors);
    return oc_list_serve(req, resp, svc, errors, trademark_store_list, &f);
}
