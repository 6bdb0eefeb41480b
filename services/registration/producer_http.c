#include "registration/handlers.h"

#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/producer_store.h"

static enum oc_err producer_create(PGconn *conn, const void *input, struct oc_service *svc,
                                   const char *traceparent, struct oc_write_result *out)
{
    const struct producer_new *p = input;
    enum oc_err rc = producer_store_insert(conn, p, &out->view);
    if (rc == OC_CONFLICT) {
        snprintf(out->detail, sizeof(out->detail),
                 "a producer with identifier %s is already registered", p->identifier);
        return rc;
    }
    if (rc != OC_OK)
        return rc;
    /* Only what other services need: no identifier, representative or contacts. */
    json_t *data = json_pack("{s:O,s:O,s:O,s:O,s:O,s:O}", "producer_id",
                             json_object_get(out->view, "id"), "type",
                             json_object_get(out->view, "type"), "name",
                             json_object_get(out->view, "name"), "commune_code",
                             json_object_get(out->view, "commune_code"), "version",
                             json_object_get(out->view, "version"), "registered_at",
                             json_object_get(out->view, "created_at"));
    rc = oc_outbox_add(conn, &svc->emitter, EVENT_PRODUCER_REGISTERED,
                       json_string_value(json_object_get(out->view, "id")), traceparent, data);
    json_decref(data);
    return rc;
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
