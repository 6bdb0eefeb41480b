#include <string.h>

#include "common/db.h"
#include "common/http.h"
#include "common/outbox.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/handlers.h"
#include "registration/product_events.h"
#include "registration/product_store.h"
#include "registration/recognition_store.h"

static enum oc_err product_create(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    const struct product_input *p = input;
    json_t *event = NULL;
    const struct oc_app *app = svc->app;
    struct reg_scope scope;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc = product_store_insert(conn, &scope, p, app->code_pattern, &out->view, &event);
    if (rc == OC_NOT_FOUND) {
        return oc_write_refuse(out, OC_INVALID, "the product is not valid", "producer_id",
                               "not_found", "no producer has this id");
    }
    if (rc == OC_INVALID) {
        return oc_write_refuse(out, OC_INVALID, "the product is not valid", "commune_code",
                               "not_found", "no commune, past or present, has this code");
    }
    if (rc != OC_OK) {
        json_decref(event);
        return rc;
    }
    return oc_outbox_add_draft(conn, &svc->emitter, product_event_registered(event), traceparent);
}

/* The body; only a province officer records a product recognised before the platform. */
static int product_parse(struct oc_v *v, void *out)
{
    const struct product_input *p = out;
    int ok = product_from_json(v, out);
    if (p->recognised_before_platform &&
        !oc_principal_acts_as(oc_principal(), OC_ROLE_PROVINCE_OFFICER)) {
        oc_v_error(v, "recognised_before_platform", "not_allowed",
                   "only a province officer records a product recognised before the platform");
        ok = 0;
    }
    return ok;
}

int product_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/products/"};
    struct product_input p;
    char today[11], detail[64];
    memset(&p, 0, sizeof(p));
    /* a new product is registered under the rules in force today */
    p.today = reg_today(svc, today, sizeof(today), detail, sizeof(detail));
    if (p.today == NULL)
        return oc_http_problem(resp, OC_INTERNAL, detail, NULL);
    return oc_write_json(req, resp, svc, &spec, product_parse, &p, "product", product_create, &p);
}

/* A patch of one product at one version. */
struct product_change {
    struct oc_target target;    /* product id and version */
    struct product_patch patch; /* the validated body */
};

/*
 * Ends a change of one product at one version (a patch, a reclassification): the store's
 * answer rc as the client reads it, and product.updated with event (freed here) when done.
 */
static enum oc_err product_changed(PGconn *conn, struct oc_service *svc,
                                   const struct oc_target *target, const char *traceparent,
                                   enum oc_err rc, json_t *event, struct oc_write_result *out)
{
    if (rc == OC_PRECONDITION)
        oc_write_stale(out, "product", target->version);
    else if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no product has this id");
    if (rc != OC_OK) {
        json_decref(event);
        return rc;
    }
    return oc_outbox_add_draft(conn, &svc->emitter, product_event_updated(event), traceparent);
}

static enum oc_err product_update(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    const struct product_change *c = input;
    json_t *event = NULL;
    struct reg_scope scope;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc = product_store_update(conn, &scope, c->target.id, c->target.version, &c->patch,
                                          &out->view, &event);
    return product_changed(conn, svc, &c->target, traceparent, rc, event, out);
}

OC_PARSER(product_patch_parse, product_patch_from_json, struct product_patch);

int product_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct product_change c;
    memset(&c, 0, sizeof(c));
    return oc_write_change(req, resp, svc, &spec, product_patch_parse, &c.patch, "product",
                           &c.target, product_update, &c);
}

/* A reclassification of one product at one version. */
struct product_reclassing {
    struct oc_target target;                /* product id and version */
    struct product_classification classing; /* the validated body */
};

static enum oc_err product_reclassify(PGconn *conn, const void *input, struct oc_service *svc,
                                      const char *traceparent, struct oc_write_result *out)
{
    const struct product_reclassing *c = input;
    struct product_classification classing = c->classing;
    json_t *event = NULL;
    struct reg_scope scope;
    reg_scope_init(&scope, oc_principal());
    classing.actor = oc_principal_actor(oc_principal()); /* the caller reclassifies */
    enum oc_err rc = product_store_classify(conn, &scope, c->target.id, c->target.version,
                                            &classing, &out->view, &event);
    return product_changed(conn, svc, &c->target, traceparent, rc, event, out);
}

OC_PARSER(product_classification_parse, product_classification_from_json,
          struct product_classification);

int product_classification_post(const struct _u_request *req, struct _u_response *resp,
                                struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct product_reclassing c;
    memset(&c, 0, sizeof(c));
    return oc_write_change(req, resp, svc, &spec, product_classification_parse, &c.classing,
                           "product", &c.target, product_reclassify, &c);
}

/* A product's reclassifications, in the caller's scope. */
enum oc_err product_classifications_view(PGconn *conn, const char *id, json_t **out)
{
    return reg_caller_view(conn, product_store_classifications, id, out);
}

/* A product in the caller's scope. */
enum oc_err product_view(PGconn *conn, const char *id, json_t **out)
{
    return reg_caller_view(conn, product_store_get, id, out);
}

int product_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct product_filter f;
    json_t *errors = json_array();
    reg_scope_init(&f.scope, oc_principal());
    f.producer_id = oc_query_uuid(req, "producer_id", errors);
    f.commune_code = oc_query_digits(req, "commune_code", 5, errors);
    return oc_list_serve(req, resp, svc, errors, product_store_list, &f);
}

/* A product's recognitions, in the caller's scope. */
enum oc_err product_recognitions_view(PGconn *conn, const char *id, json_t **out)
{
    return reg_caller_view(conn, recognition_store_list, id, out);
}
