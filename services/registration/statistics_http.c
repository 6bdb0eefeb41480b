#include <stdlib.h>

#include "common/db.h"
#include "common/http.h"
#include "common/read.h"
#include "registration/handlers.h"
#include "registration/statistics_store.h"

/* Sends the report as CSV rows "section,key,value". Steals doc. */
static int statistics_send_csv(struct _u_response *resp, json_t *doc)
{
    char *csv = statistics_csv(doc);
    ulfius_set_string_body_response(resp, 200, csv);
    u_map_put(resp->map_header, "Content-Type", "text/csv; charset=utf-8");
    free(csv);
    json_decref(doc);
    return U_CALLBACK_COMPLETE;
}

int statistics_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct statistics_period p;
    struct statistics_figures f;
    json_t *errors = json_array();
    const char *year = oc_query_digits(req, "year", 4, errors);
    const char *from = oc_query_date(req, "from", errors);
    const char *to = oc_query_date(req, "to", errors);
    if (!statistics_period_init(&p, year, from, to, errors))
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    json_decref(errors);
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? statistics_store_read(conn, &p, &f) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    json_t *doc = statistics_document(&p, f.targets, f.actuals, f.breakdowns,
                                      json_incref(f.registrations), json_incref(f.recognitions));
    statistics_figures_clean(&f);
    u_map_put(resp->map_header, "Vary", "Accept");
    if (statistics_wants_csv(u_map_get_case(req->map_header, "Accept")))
        return statistics_send_csv(resp, doc);
    return oc_http_json(resp, 200, doc);
}
