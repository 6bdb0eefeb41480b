/*
 * Webhook deliveries over HTTP (roles portal and admin, with the ownership
 * rule of subscriptions: another owner's are 404): a subscription's
 * deliveries listed, one delivery with every attempt, and dead deliveries
 * redriven (back to pending now, attempts kept, the schedule started again).
 */
#include <stdio.h>
#include <string.h>

#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "notification/delivery_store.h"
#include "notification/handlers.h"
#include "notification/subscription_store.h"
#include "notification/webhook.h"

static const char *const delivery_statuses[] = {"pending", "delivered", "dead", NULL};

/* Lists the deliveries of a subscription the caller may see (404 otherwise). */
static enum oc_err list_owned(PGconn *conn, const void *filter, const struct oc_after *after,
                              int limit, json_t **items, json_t **next)
{
    const struct delivery_filter *f = filter;
    json_t *sub = NULL;
    enum oc_err rc =
        subscription_store_get(conn, f->subscription_id, webhook_request_owner(), 0, &sub);
    json_decref(sub);
    if (rc == OC_OK)
        rc = delivery_store_list(conn, filter, after, limit, items, next);
    return rc;
}

int subscription_deliveries_list(const struct _u_request *req, struct _u_response *resp,
                                 struct oc_service *svc)
{
    struct delivery_filter f;
    f.subscription_id = u_map_get(req->map_url, "id");
    if (!oc_uuid_ok(f.subscription_id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no subscription has this id", NULL);
    json_t *errors = json_array();
    f.status = oc_query_enum(req, "status", delivery_statuses, errors);
    return oc_list_serve(req, resp, svc, errors, list_owned, &f);
}

enum oc_err delivery_view(PGconn *conn, const char *id, json_t **out)
{
    return delivery_store_get(conn, id, webhook_request_owner(), 0, out);
}

static enum oc_err redrive_one(PGconn *conn, const void *input, struct oc_service *svc,
                               const char *traceparent, struct oc_write_result *out)
{
    const struct oc_target *t = input;
    json_t *view = NULL;
    (void)svc, (void)traceparent;
    enum oc_err rc = delivery_store_get(conn, t->id, webhook_request_owner(), 1, &view);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no delivery has this id");
    const char *status = json_string_value(json_object_get(view, "status"));
    if (rc == OC_OK && strcmp(status, "dead") != 0) {
        snprintf(out->detail, sizeof(out->detail), "the delivery is %s, not dead", status);
        rc = OC_CONFLICT;
    }
    json_decref(view);
    if (rc == OC_OK)
        rc = delivery_store_redrive(conn, t->id);
    if (rc == OC_OK)
        rc = delivery_store_get(conn, t->id, NULL, 0, &out->view);
    return rc;
}

int delivery_redrive_post(const struct _u_request *req, struct _u_response *resp,
                          struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct oc_target t;
    if (!webhook_target(req, resp, "delivery", &t))
        return U_CALLBACK_COMPLETE;
    return oc_write(req, resp, svc, &spec, redrive_one, &t);
}

static enum oc_err redrive_all(PGconn *conn, const void *input, struct oc_service *svc,
                               const char *traceparent, struct oc_write_result *out)
{
    const struct oc_target *t = input;
    json_t *view = NULL;
    long long n = 0;
    (void)svc, (void)traceparent;
    enum oc_err rc = webhook_sub_lock(conn, t->id, 0, &view, out);
    json_decref(view);
    if (rc == OC_OK)
        rc = delivery_store_redrive_all(conn, t->id, &n);
    if (rc == OC_OK)
        out->view = json_pack("{s:s,s:I}", "subscription_id", t->id, "redriven", (json_int_t)n);
    return rc;
}

int subscription_redrive_post(const struct _u_request *req, struct _u_response *resp,
                              struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct oc_target t;
    if (!webhook_target(req, resp, "subscription", &t))
        return U_CALLBACK_COMPLETE;
    return oc_write(req, resp, svc, &spec, redrive_all, &t);
}
