#include <stdlib.h>

#include "common/db.h"
#include "common/http.h"
#include "common/read.h"
#include "registration/handlers.h"
#include "registration/plan_store.h"
#include "registration/report.h"
#include "registration/report_store.h"

/* Sends text (taken and freed) with type; steals doc. */
static int report_send_text(struct _u_response *resp, json_t *doc, char *text, const char *type)
{
    ulfius_set_string_body_response(resp, 200, text);
    u_map_put(resp->map_header, "Content-Type", type);
    free(text);
    json_decref(doc);
    return U_CALLBACK_COMPLETE;
}

/* Judges the locality against the admin units and reads the report into *doc. */
static enum oc_err report_read(PGconn *conn, const struct statistics_period *p,
                               const char *locality, json_t **doc, json_t **errors)
{
    enum plan_locality_kind kind;
    enum oc_err rc = plan_store_locality_kind(conn, locality, &kind);
    if (rc == OC_OK && (*errors = plan_locality_errors(p->year, kind)) != NULL)
        return OC_INVALID;
    return rc == OC_OK ? report_store_read(conn, p, locality, doc) : rc;
}

int report_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct statistics_period p;
    json_t *errors = json_array(), *doc = NULL;
    const char *year = u_map_get(req->map_url, "year");
    const char *from = oc_query_date(req, "from", errors);
    const char *to = oc_query_date(req, "to", errors);
    const char *locality = u_map_get(req->map_url, "locality");
    if (!plan_locality_shape(locality))
        json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", "locality", "code",
                                                "format", "message",
                                                "must be a district (3 digits) or commune code "
                                                "(5 digits)"));
    if (!statistics_period_init(&p, year, from, to, errors))
        return oc_http_problem(resp, OC_INVALID, "the report's period is not valid", errors);
    json_decref(errors);
    errors = NULL;
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? report_read(conn, &p, locality ? locality : "", &doc, &errors) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, errors ? "the report's locality is not valid" : NULL,
                               errors);
    u_map_put(resp->map_header, "Vary", "Accept");
    switch (report_format_of(u_map_get_case(req->map_header, "Accept"))) {
    case REPORT_CSV:
        return report_send_text(resp, doc, report_csv(doc), "text/csv; charset=utf-8");
    case REPORT_HTML:
        return report_send_text(resp, doc, report_html(doc), "text/html; charset=utf-8");
    case REPORT_JSON:
    default:
        return oc_http_json(resp, 200, doc);
    }
}
