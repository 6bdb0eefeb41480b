/*
 * The support ledger over HTTP: the policies (read from memory), payments
 * (recorded, never edited, cancelled), their list and CSV export, and the
 * totals for the finance office. Household producers' names are shown only to
 * province officers; events carry no personal data.
 *
 * Concurrency: a payment locks its producer's row (SELECT ... FOR UPDATE)
 * before it reads the totals its caps count, so two payments for one producer
 * or its products are judged one after the other; when a commune or province
 * cap applies (they total over many producers) it also takes an advisory lock
 * of paid_on's year. Two payments racing for the last room under a cap cannot
 * both pass.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/auth.h"
#include "common/db.h"
#include "common/http.h"
#include "common/outbox.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/handlers.h"
#include "registration/statistics.h"
#include "registration/support_events.h"
#include "registration/support_store.h"

/* The caller may see household producers' names (a province officer). */
static int names_visible(void)
{
    return oc_principal_acts_as(oc_principal(), OC_ROLE_PROVINCE_OFFICER);
}

/* Nulls a household producer's name in a payment view for a caller who may not see it. */
static void payment_redact(json_t *view)
{
    json_t *producer = json_object_get(view, "producer");
    const char *type = json_string_value(json_object_get(producer, "type"));
    if (!names_visible() && type != NULL && strcmp(type, "household") == 0)
        json_object_set_new(producer, "name", json_null());
}

/* ---- policies ------------------------------------------------------------ */

int support_policy_list(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc)
{
    const struct oc_app *app = svc->app;
    json_t *items = json_array();
    (void)req;
    for (size_t i = 0; i < app->support_policies.n; i++)
        json_array_append(items, app->support_policies.policies[i].doc);
    return oc_http_json(resp, 200, json_pack("{s:o}", "items", items));
}

int support_policy_get(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    const struct oc_app *app = svc->app;
    const struct support_policy *p =
        support_policy_find(&app->support_policies, u_map_get(req->map_url, "id"));
    if (p == NULL)
        return oc_http_problem(resp, OC_NOT_FOUND, "no support policy has this id", NULL);
    return oc_http_json(resp, 200, json_incref(p->doc));
}

/* ---- payments ------------------------------------------------------------ */

/* Ends a rule failure: the errors of v become the 422's. */
static enum oc_err payment_refuse(struct oc_v *v, struct oc_write_result *out)
{
    out->errors = oc_v_take_errors(v);
    snprintf(out->detail, sizeof(out->detail), "the support payment is not valid");
    return OC_INVALID;
}

/* Fills each room's total (under the year's lock when one spans producers) and judges them. */
static enum oc_err rooms_check(PGconn *conn, struct oc_v *v, const struct support_payment_input *p,
                               const struct support_policy *policy, const char *commune,
                               struct support_room *rooms, size_t n)
{
    char year[5];
    snprintf(year, sizeof(year), "%.4s", p->paid_on);
    enum oc_err rc = OC_OK;
    for (size_t i = 0; i < n && rc == OC_OK; i++)
        if (rooms[i].per == SUPPORT_PER_COMMUNE || rooms[i].per == SUPPORT_PER_YEAR)
            rc = support_store_lock_year(conn, year);
    for (size_t i = 0; i < n && rc == OC_OK; i++)
        rc = support_store_paid(conn, &rooms[i], p, policy->id, commune, &rooms[i].paid_vnd);
    if (rc == OC_OK && !support_rooms_judge(v, p->amount_vnd, rooms, n))
        rc = OC_INVALID;
    return rc;
}

/* Judges p in the open transaction and, when it passes, records it. */
static enum oc_err payment_judge(PGconn *conn, struct oc_v *v,
                                 const struct support_payment_input *p, struct oc_service *svc,
                                 struct oc_write_result *out)
{
    const struct oc_app *app = svc->app;
    const struct support_kind *kind = NULL;
    struct support_room rooms[SUPPORT_ROOMS_MAX];
    json_t *subject = NULL;
    char today[11];
    if (reg_today(svc, today, sizeof(today), out->detail, sizeof(out->detail)) == NULL)
        return OC_INTERNAL;
    const struct support_policy *policy =
        support_policy_in_force(&app->support_policies, p->paid_on);
    if (!support_payment_check(v, p, policy, today, &kind))
        return payment_refuse(v, out);
    enum oc_err rc = support_store_lock_subject(conn, p, &subject);
    if (rc == OC_NOT_FOUND) {
        oc_v_error(v, "producer_id", "not_found", "no producer has this id");
        return payment_refuse(v, out);
    }
    const char *commune = json_string_value(json_object_get(subject, "commune_code"));
    if (rc == OC_OK && !support_subject_check(v, p, subject))
        rc = payment_refuse(v, out);
    size_t n = support_rooms(policy, kind, &app->support, rooms);
    if (rc == OC_OK)
        rc = rooms_check(conn, v, p, policy, commune, rooms, n);
    if (rc == OC_INVALID && out->errors == NULL)
        rc = payment_refuse(v, out);
    struct support_record rec = {policy->id, policy->confirmed, commune, oc_principal()->sub};
    if (rc == OC_OK)
        rc = support_store_insert(conn, p, &rec, &out->view);
    json_decref(subject);
    return rc;
}

static enum oc_err payment_create(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    struct oc_v v;
    json_t *empty = json_object();
    oc_v_init(&v, empty);
    enum oc_err rc = payment_judge(conn, &v, input, svc, out);
    oc_v_clean(&v);
    json_decref(empty);
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter, support_event_paid(out->view), traceparent);
    if (rc == OC_OK)
        payment_redact(out->view);
    return rc;
}

OC_PARSER(payment_parse, support_payment_from_json, struct support_payment_input);

int support_payment_post(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/support-payments/"};
    struct support_payment_input p;
    memset(&p, 0, sizeof(p));
    return oc_write_json(req, resp, svc, &spec, payment_parse, &p, "support payment",
                         payment_create, &p);
}

enum oc_err support_payment_view(PGconn *conn, const char *id, json_t **out)
{
    enum oc_err rc = support_store_get(conn, id, out);
    if (rc == OC_OK)
        payment_redact(*out);
    return rc;
}

/* A cancellation of one payment at one version. */
struct payment_cancellation {
    struct oc_target target; /* payment id and version */
    const char *reason;      /* why (borrowed from the body) */
};

static enum oc_err payment_cancel(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    const struct payment_cancellation *c = input;
    json_t *before = NULL;
    enum oc_err rc = support_store_lock(conn, c->target.id, &before);
    const char *status = json_string_value(json_object_get(before, "status"));
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no support payment has this id");
    else if (rc == OC_OK &&
             json_integer_value(json_object_get(before, "version")) != c->target.version)
        rc = OC_PRECONDITION;
    else if (rc == OC_OK && strcmp(status, "paid") != 0)
        rc = OC_CONFLICT;
    if (rc == OC_PRECONDITION)
        oc_write_stale(out, "support payment", c->target.version);
    if (rc == OC_CONFLICT)
        snprintf(out->detail, sizeof(out->detail), "the support payment is already cancelled");
    json_decref(before);
    if (rc == OC_OK)
        rc = support_store_cancel(conn, c->target.id, c->reason, oc_principal()->sub, &out->view);
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter, support_event_cancelled(out->view),
                                 traceparent);
    if (rc == OC_OK)
        payment_redact(out->view);
    return rc;
}

OC_PARSER(cancel_parse, support_cancel_from_json, const char *);

int support_payment_cancel(const struct _u_request *req, struct _u_response *resp,
                           struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct payment_cancellation c;
    memset(&c, 0, sizeof(c));
    return oc_write_change(req, resp, svc, &spec, cancel_parse, &c.reason, "support payment",
                           &c.target, payment_cancel, &c);
}

/* A page of payments as the caller may see them. */
static enum oc_err payment_page(PGconn *conn, const void *filter, const struct oc_after *after,
                                int limit, json_t **items, json_t **next)
{
    enum oc_err rc = support_store_list(conn, filter, after, limit, items, next);
    for (size_t i = 0; rc == OC_OK && i < json_array_size(*items); i++)
        payment_redact(json_array_get(*items, i));
    return rc;
}

/* Sends text as CSV; frees it. */
static int send_csv(struct _u_response *resp, char *text)
{
    ulfius_set_string_body_response(resp, 200, text);
    u_map_put(resp->map_header, "Content-Type", "text/csv; charset=utf-8");
    free(text);
    return U_CALLBACK_COMPLETE;
}

/* The payments of a year as CSV, one line per payment by paid_on. */
static int payment_export(struct _u_response *resp, struct oc_service *svc,
                          const struct support_filter *f)
{
    static const char *const columns[] = {"id",
                                          "paid_on",
                                          "policy_id",
                                          "kind",
                                          "amount_vnd",
                                          "eligible_cost_vnd",
                                          "producer_id",
                                          "producer_type",
                                          "producer_name",
                                          "product_id",
                                          "product_code",
                                          "product_name",
                                          "commune_code",
                                          "decision_number",
                                          "business_plan_id",
                                          "trademark_id",
                                          "status",
                                          "cancel_reason",
                                          NULL};
    json_t *rows = NULL;
    size_t i;
    json_t *row;
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? support_store_rows(conn, f, &rows) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    json_array_foreach(rows, i, row)
    {
        const char *type = json_string_value(json_object_get(row, "producer_type"));
        if (!names_visible() && type != NULL && strcmp(type, "household") == 0)
            json_object_set_new(row, "producer_name", json_null());
    }
    char *text = support_csv(rows, columns);
    json_decref(rows);
    return send_csv(resp, text);
}

int support_payment_list(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc)
{
    struct support_filter f;
    json_t *errors = json_array();
    f.year = oc_query_digits(req, "year", 4, errors);
    f.kind = oc_query_text(req, "kind", 40, errors);
    f.producer_id = oc_query_uuid(req, "producer_id", errors);
    f.product_id = oc_query_uuid(req, "product_id", errors);
    f.commune = oc_query_digits(req, "commune", 5, errors);
    f.status = oc_query_enum(req, "status", support_statuses, errors);
    u_map_put(resp->map_header, "Vary", "Accept");
    if (!statistics_wants_csv(u_map_get_case(req->map_header, "Accept")))
        return oc_list_serve(req, resp, svc, errors, payment_page, &f);
    if (f.year == NULL && json_array_size(errors) == 0)
        json_array_append_new(errors,
                              json_pack("{s:s,s:s,s:s}", "field", "year", "code", "required",
                                        "message", "the CSV export is of one year: give year"));
    if (json_array_size(errors) > 0)
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    json_decref(errors);
    return payment_export(resp, svc, &f);
}

/* ---- totals -------------------------------------------------------------- */

/* Nulls the names of household producers for a caller who may not see them. */
static void totals_redact(json_t *doc)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(doc, "items"), i, item)
    {
        const char *type = json_string_value(json_object_get(item, "producer_type"));
        const char *by = json_string_value(json_object_get(doc, "by"));
        if (!names_visible() && strcmp(by, "producer") == 0 && type != NULL &&
            strcmp(type, "household") == 0)
            json_object_set_new(item, "name", json_null());
    }
}

int support_totals_get(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    static const char *const columns[] = {"key",   "name",       "producer_type",
                                          "count", "amount_vnd", NULL};
    json_t *errors = json_array();
    json_t *doc = NULL;
    const char *year = oc_query_digits(req, "year", 4, errors);
    const char *by = oc_query_enum(req, "by", support_totals_by, errors);
    if (year == NULL && json_array_size(errors) == 0)
        json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", "year", "code",
                                                "required", "message", "is required"));
    if (json_array_size(errors) > 0)
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    json_decref(errors);
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? support_store_totals(conn, year, by ? by : "kind", &doc) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    totals_redact(doc);
    u_map_put(resp->map_header, "Vary", "Accept");
    if (!statistics_wants_csv(u_map_get_case(req->map_header, "Accept")))
        return oc_http_json(resp, 200, doc);
    char *text = support_csv(json_object_get(doc, "items"), columns);
    json_decref(doc);
    return send_csv(resp, text);
}
