/* Market findings: POST /v1/market-findings, GET /v1/market-findings and /{id}. */
#include <stdio.h>
#include <string.h>

#include "common/auth.h"
#include "common/http.h"
#include "common/outbox.h"
#include "common/read.h"
#include "common/write.h"
#include "evaluation/handlers.h"
#include "evaluation/market_finding_events.h"
#include "evaluation/market_finding_store.h"

/* Sets out to one field error; returns OC_INVALID. */
static enum oc_err finding_problem(struct oc_write_result *out, const char *code,
                                   const char *message)
{
    return oc_write_refuse(out, OC_INVALID, "the market finding is not valid", "product_id", code,
                           message);
}

static enum oc_err finding_create(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    const struct market_finding_input *in = input;
    json_t *product = NULL;
    enum oc_err rc = OC_OK;
    const char *product_id = in->m[MARKET_FINDING_PRODUCT_ID].s;
    if (product_id != NULL)
        rc = market_finding_store_product(conn, product_id, &product);
    if (rc == OC_OK && product != NULL && !json_is_true(json_object_get(product, "known")))
        rc = finding_problem(out, "not_found", "no product has this id");
    else if (rc == OC_OK && json_is_true(json_object_get(product, "certified")))
        rc = finding_problem(out, "not_applicable",
                             "the product has a certificate in force: record an inspection");
    json_decref(product);
    if (rc == OC_OK)
        rc = market_finding_store_insert(conn, in, &out->view);
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter, market_finding_event_recorded(out->view),
                                 traceparent);
    return rc;
}

/* What the handler validates into: the finding and today by the service's clock. */
struct finding_request {
    struct market_finding_input in; /* the validated body */
    char today[11];                 /* YYYY-MM-DD */
};

static int finding_parse(struct oc_v *v, void *out)
{
    struct finding_request *r = out;
    int ok = market_finding_from_json(v, r->today, &r->in);
    r->in.actor = oc_principal_actor(oc_principal());
    return ok;
}

int market_finding_post(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/market-findings/"};
    struct finding_request r;
    memset(&r, 0, sizeof(r));
    if (!handler_today(svc, resp, r.today))
        return U_CALLBACK_COMPLETE;
    return oc_write_json(req, resp, svc, &spec, finding_parse, &r, "market finding", finding_create,
                         &r.in);
}

int market_finding_list(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc)
{
    struct market_finding_filter f;
    json_t *errors = json_array();
    f.year = oc_query_digits(req, "year", 4, errors);
    f.product_id = oc_query_uuid(req, "product_id", errors);
    return oc_list_serve(req, resp, svc, errors, market_finding_store_list, &f);
}
