/* The inspection plan (POST/GET /v1/inspection-plans/{year}/items, cancellation) and coverage. */
#include <stdio.h>
#include <string.h>

#include "common/auth.h"
#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "evaluation/certificate_change.h"
#include "evaluation/handlers.h"
#include "evaluation/inspection_plan_store.h"

#define COVERAGE_NEVER_MAX 50 /* products never inspected listed in a coverage answer */

/* What the handlers validate into: the item (or the reason) and today by the service's clock. */
struct plan_request {
    struct inspection_plan_item_input in; /* the validated body */
    const char *reason;                   /* a cancellation's reason */
    struct oc_target target;              /* a cancellation's item and If-Match version */
    char today[11];                       /* YYYY-MM-DD */
};

/* Sets out to one field error; returns OC_INVALID. */
static enum oc_err plan_problem(struct oc_write_result *out, const char *field, const char *code,
                                const char *message)
{
    return oc_write_refuse(out, OC_INVALID, "the inspection plan item is not valid", field, code,
                           message);
}

static enum oc_err plan_item_create(PGconn *conn, const void *input, struct oc_service *svc,
                                    const char *traceparent, struct oc_write_result *out)
{
    const struct plan_request *r = input;
    json_t *target = NULL;
    (void)svc;
    (void)traceparent;
    const char *product_id = r->in.m[INSPECTION_PLAN_ITEM_PRODUCT_ID].s;
    const char *producer_id = r->in.m[INSPECTION_PLAN_ITEM_PRODUCER_ID].s;
    enum oc_err rc = inspection_plan_store_target(conn, product_id, producer_id, &target);
    if (rc == OC_OK && product_id != NULL && !json_is_true(json_object_get(target, "product")))
        rc = plan_problem(out, "product_id", "not_found", "no product has this id");
    else if (rc == OC_OK && product_id != NULL &&
             !json_is_true(json_object_get(target, "certified")))
        rc = plan_problem(out, "product_id", "not_in_force",
                          "the product has no certificate in force (valid, expiring or suspended)");
    else if (rc == OC_OK && producer_id != NULL &&
             !json_is_true(json_object_get(target, "producer")))
        rc = plan_problem(out, "producer_id", "not_found", "no producer has this id");
    json_decref(target);
    if (rc == OC_OK)
        rc = inspection_plan_store_insert(conn, &r->in, r->today, &out->view);
    return rc;
}

static int plan_item_parse(struct oc_v *v, void *out)
{
    struct plan_request *r = out;
    int ok = inspection_plan_item_from_json(v, r->in.year, &r->in);
    r->in.actor = oc_principal_actor(oc_principal());
    return ok;
}

int handler_today(struct oc_service *svc, struct _u_response *resp, char *today)
{
    char detail[128];
    long day;
    enum oc_err rc = certificate_today(svc, &day, today, detail, sizeof(detail));
    if (rc != OC_OK)
        oc_http_problem(resp, rc, detail, NULL);
    return rc == OC_OK;
}

int inspection_plan_item_post(const struct _u_request *req, struct _u_response *resp,
                              struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/inspection-plan-items/"};
    struct plan_request r;
    memset(&r, 0, sizeof(r));
    int year = inspection_plan_year(u_map_get(req->map_url, "year"));
    if (year == 0)
        return oc_http_problem(resp, OC_NOT_FOUND, "no inspection plan for this year", NULL);
    if (!handler_today(svc, resp, r.today))
        return U_CALLBACK_COMPLETE;
    r.in.year = year;
    return oc_write_json(req, resp, svc, &spec, plan_item_parse, &r, "inspection plan item",
                         plan_item_create, &r);
}

int inspection_plan_item_list(const struct _u_request *req, struct _u_response *resp,
                              struct oc_service *svc)
{
    struct inspection_plan_filter f;
    char today[11];
    const char *year = u_map_get(req->map_url, "year");
    if (inspection_plan_year(year) == 0)
        return oc_http_problem(resp, OC_NOT_FOUND, "no inspection plan for this year", NULL);
    if (!handler_today(svc, resp, today))
        return U_CALLBACK_COMPLETE;
    json_t *errors = json_array();
    f.year = year;
    f.status = oc_query_enum(req, "status", inspection_plan_states, errors);
    f.today = today;
    return oc_list_serve(req, resp, svc, errors, inspection_plan_store_list, &f);
}

static enum oc_err plan_item_cancel(PGconn *conn, const void *input, struct oc_service *svc,
                                    const char *traceparent, struct oc_write_result *out)
{
    const struct plan_request *r = input;
    json_t *view = NULL;
    (void)svc;
    (void)traceparent;
    enum oc_err rc = inspection_plan_store_lock(conn, r->target.id, r->today, &view);
    const char *status = json_string_value(json_object_get(view, "status"));
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no inspection plan item has this id");
    else if (rc == OC_OK &&
             json_integer_value(json_object_get(view, "version")) != r->target.version) {
        snprintf(out->detail, sizeof(out->detail), "the item changed since it was read");
        rc = OC_PRECONDITION;
    } else if (rc == OC_OK && (strcmp(status, "cancelled") == 0 || strcmp(status, "done") == 0)) {
        snprintf(out->detail, sizeof(out->detail), "the item is %s: it cannot be cancelled",
                 status);
        rc = OC_CONFLICT;
    }
    json_decref(view);
    if (rc == OC_OK)
        rc = inspection_plan_store_cancel(conn, r->target.id, r->reason, r->in.actor, r->today,
                                          &out->view);
    return rc;
}

static int plan_cancel_parse(struct oc_v *v, void *out)
{
    struct plan_request *r = out;
    int ok = inspection_plan_cancel_from_json(v, &r->reason);
    r->in.actor = oc_principal_actor(oc_principal());
    return ok;
}

int inspection_plan_item_cancel_post(const struct _u_request *req, struct _u_response *resp,
                                     struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct plan_request r;
    memset(&r, 0, sizeof(r));
    if (!handler_today(svc, resp, r.today))
        return U_CALLBACK_COMPLETE;
    return oc_write_change(req, resp, svc, &spec, plan_cancel_parse, &r, "inspection plan item",
                           &r.target, plan_item_cancel, &r);
}

int inspection_coverage_get(const struct _u_request *req, struct _u_response *resp,
                            struct oc_service *svc)
{
    char today[11];
    json_t *out = NULL, *errors = json_array();
    const char *year = oc_query_digits(req, "year", 4, errors);
    if (year == NULL && json_array_size(errors) == 0)
        json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", "year", "code",
                                                "required", "message", "this field is required"));
    if (json_array_size(errors) > 0)
        return oc_http_problem(resp, OC_INVALID, "the coverage query is not valid", errors);
    json_decref(errors);
    if (!handler_today(svc, resp, today))
        return U_CALLBACK_COMPLETE;
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc =
        conn ? inspection_plan_store_coverage(conn, year, today, COVERAGE_NEVER_MAX, &out) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    long tenths = inspection_coverage_tenths(
        (long)json_integer_value(json_object_get(out, "inspected")),
        (long)json_integer_value(json_object_get(out, "valid_certificates")));
    json_object_set_new(out, "share_percent",
                        tenths < 0 ? json_null() : json_real((double)tenths / 10.0));
    return oc_http_json(resp, 200, out);
}
