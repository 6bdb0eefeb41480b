#include <stdio.h>
#include <string.h>

#include "common/auth.h"
#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "evaluation/certificate_change.h"
#include "evaluation/certificate_settings.h"
#include "evaluation/certificate_store.h"
#include "evaluation/handlers.h"
#include "evaluation/inspection_events.h"
#include "evaluation/inspection_store.h"

/* Sets out to one field error (422 unless rc says otherwise); returns rc. */
static enum oc_err field_problem(struct oc_write_result *out, enum oc_err rc, const char *field,
                                 const char *code, const char *message)
{
    return oc_write_refuse(out, rc, "the inspection is not valid", field, code, message);
}

/* Finds and locks the inspected certificate: the one named, or the product's current one. */
static enum oc_err inspection_certificate(PGconn *conn, const struct inspection_input *in,
                                          json_t **cert, struct oc_write_result *out)
{
    char code[128];
    struct certificate_current cur;
    enum oc_err rc = certificate_store_product_lock(conn, in->product_id, code, sizeof(code));
    if (rc == OC_NOT_FOUND)
        return field_problem(out, OC_INVALID, "product_id", "not_found", "no product has this id");
    const char *id = in->certificate_id;
    if (rc == OC_OK && id == NULL) {
        rc = certificate_store_current(conn, in->product_id, &cur);
        if (rc == OC_OK && !cur.found)
            return field_problem(out, OC_INVALID, "certificate_id", "required",
                                 "the product has no current certificate; name the one inspected");
        id = cur.id;
    }
    if (rc == OC_OK)
        rc = certificate_store_lock(conn, id, cert);
    if (rc == OC_NOT_FOUND)
        return field_problem(out, OC_INVALID, "certificate_id", "not_found",
                             "no certificate has this id");
    const char *product =
        json_string_value(json_object_get(json_object_get(*cert, "product"), "id"));
    if (rc == OC_OK && strcmp(product, in->product_id) != 0)
        return field_problem(out, OC_INVALID, "certificate_id", "other_product",
                             "this certificate belongs to another product");
    const char *issued_on = json_string_value(json_object_get(*cert, "issued_on"));
    if (rc == OC_OK && strcmp(in->inspected_on, issued_on) < 0)
        return field_problem(out, OC_INVALID, "inspected_on", "order",
                             "must not be before the certificate's issued_on");
    return rc;
}

/* Suspends or revokes the certificate for the inspection (view), when the outcome says so. */
static enum oc_err inspection_effect(PGconn *conn, struct oc_service *svc,
                                     const struct inspection_input *in, const json_t *view,
                                     const char *traceparent, struct oc_write_result *out)
{
    const char *to = inspection_certificate_effect(in->outcome);
    if (to == NULL)
        return OC_OK;
    const char *id = json_string_value(json_object_get(json_object_get(view, "certificate"), "id"));
    struct certificate_why why = {in->actor,
                                  in->reason,
                                  in->grounds,
                                  in->decision_number,
                                  in->decided_on,
                                  "inspection",
                                  json_string_value(json_object_get(view, "id"))};
    struct certificate_move m = {id, -1, to, &why};
    struct oc_write_result moved = {NULL, "", NULL};
    enum oc_err rc = certificate_move(conn, svc, &m, traceparent, &moved);
    if (rc != OC_OK) {
        snprintf(out->detail, sizeof(out->detail), "%s", moved.detail);
        out->errors = json_incref(moved.errors);
    }
    json_decref(moved.view);
    json_decref(moved.errors);
    return rc;
}

/* A suspension must suit the province's policy (OCOP_CERTIFICATE_SUSPENSION*). */
static enum oc_err inspection_suspension_check(struct oc_service *svc,
                                               const struct inspection_input *in,
                                               struct oc_write_result *out)
{
    struct oc_v v;
    json_t *none = json_object();
    oc_v_init(&v, none);
    const char *day = in->decided_on != NULL ? in->decided_on : in->inspected_on;
    int ok = certificate_suspension_check(&v, &certificate_settings_of(svc)->suspension, day,
                                          in->fix_deadline);
    if (!ok) {
        out->errors = oc_v_take_errors(&v);
        snprintf(out->detail, sizeof(out->detail), "%s",
                 json_string_value(json_object_get(json_array_get(out->errors, 0), "message")));
    }
    oc_v_clean(&v);
    json_decref(none);
    return ok ? OC_OK : OC_INVALID;
}

/*
 * Checks and locks the inspection in->follows_up names: the same product, a
 * follow-up still open, inspected on or before this one.
 */
static enum oc_err inspection_followed(PGconn *conn, const struct inspection_input *in,
                                       struct oc_write_result *out)
{
    json_t *old = NULL;
    enum oc_err rc = inspection_store_followed_lock(conn, in->follows_up, &old);
    if (rc == OC_NOT_FOUND)
        return field_problem(out, OC_INVALID, "follows_up", "not_found",
                             "no inspection has this id");
    const char *product = json_string_value(json_object_get(old, "product_id"));
    const char *on = json_string_value(json_object_get(old, "inspected_on"));
    if (rc == OC_OK && strcmp(product, in->product_id) != 0)
        rc = field_problem(out, OC_INVALID, "follows_up", "other_product",
                           "this inspection is of another product");
    else if (rc == OC_OK && json_is_null(json_object_get(old, "due_on")))
        rc = field_problem(out, OC_INVALID, "follows_up", "not_applicable",
                           "this inspection gave no guidance: it has no follow-up");
    else if (rc == OC_OK && !json_is_null(json_object_get(old, "closed_by")))
        rc = field_problem(out, OC_INVALID, "follows_up", "taken",
                           "its follow-up is already closed by another inspection");
    else if (rc == OC_OK && strcmp(in->inspected_on, on) < 0)
        rc = field_problem(out, OC_INVALID, "follows_up", "order",
                           "the inspection followed up was made after this one");
    json_decref(old);
    return rc;
}

/* Sets the follow-up's state on today in an inspection's view. */
static void inspection_view_on(json_t *view, const char *today)
{
    json_t *f = json_object_get(view, "follow_up");
    if (!json_is_object(f))
        return;
    const char *status =
        inspection_follow_up_status(json_string_value(json_object_get(f, "due_on")),
                                    !json_is_null(json_object_get(f, "closed_by")), today);
    json_object_set_new(f, "status", json_string(status));
}

/* What the handler validates into: the record and today by the service's clock. */
struct inspection_request {
    struct inspection_input in; /* the validated body */
    char today[11];             /* YYYY-MM-DD */
};

static enum oc_err inspection_create(PGconn *conn, const void *input, struct oc_service *svc,
                                     const char *traceparent, struct oc_write_result *out)
{
    const struct inspection_request *r = input;
    const struct inspection_input *in = &r->in;
    json_t *cert = NULL, *view = NULL;
    enum oc_err rc = in->follows_up != NULL ? inspection_followed(conn, in, out) : OC_OK;
    if (rc == OC_OK)
        rc = inspection_certificate(conn, in, &cert, out);
    const char *before = json_string_value(json_object_get(cert, "status"));
    const char *effect = inspection_certificate_effect(in->outcome);
    if (rc == OC_OK && effect != NULL && strcmp(effect, "suspended") == 0)
        rc = inspection_suspension_check(svc, in, out);
    if (rc == OC_OK && effect != NULL && !certificate_transition_ok(before, effect)) {
        snprintf(out->detail, sizeof(out->detail),
                 "the certificate is %s: an inspection cannot make it %s", before, effect);
        rc = OC_CONFLICT;
    }
    if (rc == OC_OK)
        rc = inspection_store_insert(conn, in, json_string_value(json_object_get(cert, "id")),
                                     before, effect ? effect : before, &view);
    const char *id = json_string_value(json_object_get(view, "id"));
    if (rc == OC_OK && in->follows_up != NULL)
        rc = inspection_store_followed_close(conn, in->follows_up, id, in->inspected_on);
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter, inspection_event_recorded(view), traceparent);
    if (rc == OC_OK)
        rc = inspection_effect(conn, svc, in, view, traceparent, out);
    if (rc == OC_OK)
        rc = inspection_store_get(conn, id, &out->view);
    if (rc == OC_OK)
        inspection_view_on(out->view, r->today);
    json_decref(cert);
    json_decref(view);
    return rc;
}

/* The body, and the caller as the one who records the inspection. */
static int inspection_parse(struct oc_v *v, void *out)
{
    struct inspection_request *r = out;
    int ok = inspection_from_json(v, r->today, &r->in);
    r->in.actor = oc_principal_actor(oc_principal());
    return ok;
}

int inspection_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/inspections/"};
    struct inspection_request r;
    memset(&r, 0, sizeof(r));
    if (!handler_today(svc, resp, r.today))
        return U_CALLBACK_COMPLETE;
    return oc_write_json(req, resp, svc, &spec, inspection_parse, &r, "inspection",
                         inspection_create, &r);
}

int inspection_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    const char *id = u_map_get(req->map_url, "id");
    char today[11];
    json_t *view = NULL;
    if (!handler_today(svc, resp, today))
        return U_CALLBACK_COMPLETE;
    if (!oc_uuid_ok(id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no inspection has this id", NULL);
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? inspection_store_get(conn, id, &view) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, rc == OC_NOT_FOUND ? "no inspection has this id" : NULL,
                               NULL);
    inspection_view_on(view, today);
    oc_http_etag(resp, (long long)json_integer_value(json_object_get(view, "version")));
    return oc_http_json(resp, 200, view);
}

/* Reads a page, then sets each follow-up's state on the filter's day. */
static enum oc_err inspection_page(PGconn *conn, const void *filter, const struct oc_after *after,
                                   int limit, json_t **items, json_t **next)
{
    const struct inspection_filter *f = filter;
    enum oc_err rc = inspection_store_list(conn, filter, after, limit, items, next);
    for (size_t i = 0; rc == OC_OK && i < json_array_size(*items); i++)
        inspection_view_on(json_array_get(*items, i), f->today);
    return rc;
}

int inspection_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct inspection_filter f;
    char today[11];
    if (!handler_today(svc, resp, today))
        return U_CALLBACK_COMPLETE;
    json_t *errors = json_array();
    f.product_id = oc_query_uuid(req, "product_id", errors);
    f.outcome = oc_query_enum(req, "outcome", inspection_outcomes, errors);
    f.year = oc_query_digits(req, "year", 4, errors);
    f.follow_up = oc_query_enum(req, "follow_up", inspection_follow_up_states, errors);
    f.today = today;
    return oc_list_serve(req, resp, svc, errors, inspection_page, &f);
}
