#include <stdio.h>

#include "common/db.h"
#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/handlers.h"
#include "registration/plan_store.h"

int plan_target_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    json_t *errors = json_array();
    const char *year = oc_query_digits(req, "year", 4, errors);
    if (json_array_size(errors) > 0)
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    json_decref(errors);
    PGconn *conn = oc_db_acquire(svc->pool);
    json_t *items = NULL;
    enum oc_err rc = conn ? plan_store_list(conn, year, &items) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    return oc_http_json(resp, 200, json_pack("{s:o,s:n}", "items", items, "next_cursor"));
}

/* Stores t and sends it: 201 with Location when it is new, else 200. */
static int plan_target_save(struct _u_response *resp, struct oc_service *svc,
                            const struct plan_target_put *t)
{
    json_t *view = NULL;
    int created = 0;
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? plan_store_put(conn, t, &view, &created) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    if (created) {
        char location[128];
        snprintf(location, sizeof(location), "/v1/plan-targets/%d/%s", t->year, t->indicator);
        u_map_put(resp->map_header, "Location", location);
    }
    oc_http_etag(resp, (long long)json_integer_value(json_object_get(view, "version")));
    return oc_http_json(resp, created ? 201 : 200, view);
}

int plan_target_put(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct plan_target_put t;
    struct oc_v v;
    json_t *body = NULL;
    if (!oc_write_body(req, resp, &body))
        return U_CALLBACK_COMPLETE;
    oc_v_init(&v, body);
    int ret = plan_target_from_json(&v, u_map_get(req->map_url, "year"),
                                    u_map_get(req->map_url, "indicator"), &t)
                  ? plan_target_save(resp, svc, &t)
                  : oc_http_problem(resp, OC_INVALID, "the plan target is not valid",
                                    oc_v_take_errors(&v));
    oc_v_clean(&v);
    json_decref(body);
    return ret;
}
