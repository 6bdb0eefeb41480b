#include <stdio.h>
#include <string.h>

#include "common/clock.h"
#include "common/db.h"
#include "common/http.h"
#include "common/log.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/application_events.h"
#include "registration/application_store.h"
#include "registration/handlers.h"
#include "registration/product_store.h"
#include "registration/rule_sets.h"

/* ---- the rules in force ---------------------------------------------------- */

const char *reg_today(const struct oc_service *svc, char *today, size_t todaylen, char *detail,
                      size_t len)
{
    long day;
    char err[160];
    if (oc_clock_today(svc->cfg.clock_file, &day, err, sizeof(err)) != 0) {
        oc_log(OC_LOG_ERROR, "cannot tell the rules in force: %s", err);
        snprintf(detail, len, "the service cannot tell today's date");
        return NULL;
    }
    oc_day_format(day, today, todaylen);
    return today;
}

enum oc_err reg_caller_view(PGconn *conn, reg_scoped_get *get, const char *id, json_t **out)
{
    struct reg_scope scope;
    reg_scope_init(&scope, oc_principal());
    return get(conn, &scope, id, out);
}

int reg_transition_serve(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc, const struct oc_write_spec *spec,
                         const struct reg_transition *t, oc_write_fn fn, const void *input)
{
    struct oc_v v;
    json_t *body = NULL;
    t->target->id = u_map_get(req->map_url, "id");
    t->target->version = 0;
    if (!oc_uuid_ok(t->target->id))
        return oc_http_problem(resp, OC_NOT_FOUND, t->missing, NULL);
    if (u_map_get_case(req->map_header, "If-Match") != NULL &&
        oc_http_if_match(req, &t->target->version) != OC_OK)
        return oc_http_problem(resp, OC_PRECONDITION, "If-Match is not one of our ETags", NULL);
    if (!oc_write_body(req, resp, &body))
        return U_CALLBACK_COMPLETE;
    oc_v_init(&v, body);
    int ret = t->parse(&v, t->move)
                  ? oc_write(req, resp, svc, spec, fn, input)
                  : oc_http_problem(resp, OC_INVALID, t->invalid, oc_v_take_errors(&v));
    oc_v_clean(&v);
    json_decref(body);
    return ret;
}

const char *reg_rule_set_today(const struct oc_service *svc, char *detail, size_t len)
{
    char today[11];
    if (reg_today(svc, today, sizeof(today), detail, len) == NULL)
        return NULL;
    const struct rule_sets_entry *r = rule_sets_in_force(today);
    return r != NULL ? r->id : "";
}

/* ---- views ----------------------------------------------------------------- */

/* Replaces the store's "present" and "criteria_set" with the checklist. */
static void view_add_checklist(json_t *view)
{
    json_t *checklist =
        dossier_checklist(json_string_value(json_object_get(view, "rule_set")),
                          json_string_value(json_object_get(view, "kind")),
                          json_integer_value(json_object_get(view, "criteria_set")),
                          json_integer_value(json_object_get(view, "samples_count")),
                          json_object_get(view, "present"));
    json_object_set_new(view, "checklist", checklist);
    const struct application_status *st =
        application_status_find(json_string_value(json_object_get(view, "status")));
    if (st != NULL)
        json_object_set_new(view, "portal_status",
                            json_pack("{s:i,s:s}", "code", st->portal_code, "label", st->label));
    json_object_del(view, "present");
    json_object_del(view, "criteria_set");
}

enum oc_err application_lock(PGconn *conn, const char *id, struct application_row *row,
                             struct oc_write_result *out)
{
    struct reg_scope scope;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc = application_store_lock(conn, &scope, id, row);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no application has this id");
    return rc;
}

/* An application in the caller's scope, with its checklist. */
enum oc_err application_view(PGconn *conn, const char *id, json_t **out)
{
    enum oc_err rc = reg_caller_view(conn, application_store_get, id, out);
    if (rc == OC_OK)
        view_add_checklist(*out);
    return rc;
}

int application_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const char *const statuses[] = {"draft",      "new",
                                           "accepted",   "rejected_at_intake",
                                           "processing", "supplement_requested",
                                           "withdrawn",  "stopped",
                                           "processed",  "result_returned",
                                           NULL};
    struct application_filter f;
    json_t *errors = json_array();
    reg_scope_init(&f.scope, oc_principal());
    f.status = oc_query_enum(req, "status", statuses, errors);
    f.product_id = oc_query_uuid(req, "product_id", errors);
    return oc_list_serve(req, resp, svc, errors, application_store_list, &f);
}

/* ---- create ---------------------------------------------------------------- */

static enum oc_err application_create(PGconn *conn, const void *input, struct oc_service *svc,
                                      const char *traceparent, struct oc_write_result *out)
{
    (void)traceparent;
    char id[40];
    struct reg_scope scope;
    struct application_input a = *(const struct application_input *)input;
    /* re-recognition and upgrades too: the rules in force today, not the product's first */
    a.rule_set = reg_rule_set_today(svc, out->detail, sizeof(out->detail));
    if (a.rule_set == NULL)
        return OC_INTERNAL;
    if (a.rule_set[0] == '\0')
        a.rule_set = NULL;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc =
        cycle_check_links(conn, &scope, a.product_id, a.idea_id, a.business_plan_id, &out->errors);
    if (rc == OC_OK && out->errors != NULL) {
        snprintf(out->detail, sizeof(out->detail), "the application is not valid");
        return OC_INVALID;
    }
    if (rc == OC_OK)
        rc = application_store_insert(conn, &scope, &a, id, sizeof(id));
    if (rc == OC_NOT_FOUND) {
        return oc_write_refuse(out, OC_INVALID, "the application is not valid", "product_id",
                               "not_found", "no product has this id");
    }
    return rc == OC_OK ? application_view(conn, id, &out->view) : rc;
}

OC_PARSER(application_parse, application_from_json, struct application_input);

int application_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/applications/"};
    struct application_input a;
    memset(&a, 0, sizeof(a));
    return oc_write_json(req, resp, svc, &spec, application_parse, &a, "application",
                         application_create, &a);
}

/* ---- transitions ----------------------------------------------------------- */

/* A transition of one application, with the version the client saw (0: any). */
struct application_step {
    struct oc_target target;      /* from the path, and from If-Match (0: any version) */
    struct application_move move; /* the validated body */
};

/* Refuses a submission whose checklist is not complete; names what is missing. */
static enum oc_err check_complete(PGconn *conn, const char *id, const struct application_row *row,
                                  struct oc_write_result *out)
{
    json_t *present = NULL;
    enum oc_err rc = application_store_present(conn, id, &present);
    if (rc != OC_OK)
        return rc;
    json_t *checklist =
        dossier_checklist(row->rule_set, row->kind, row->criteria_set, row->samples_count, present);
    json_decref(present);
    if (!json_is_true(json_object_get(checklist, "complete"))) {
        out->errors = json_array();
        size_t i;
        json_t *item;
        json_array_foreach(json_object_get(checklist, "missing"), i, item)
        {
            json_array_append_new(out->errors,
                                  json_pack("{s:s,s:s,s:s}", "field", json_string_value(item),
                                            "code", "missing", "message",
                                            "the dossier needs this before it can be submitted"));
        }
        snprintf(out->detail, sizeof(out->detail), "the dossier is not complete");
        rc = OC_INVALID;
    }
    json_decref(checklist);
    return rc;
}

/* Gives a submitted dossier its code: <agency>-<YYMMDD>-<NNNN>. */
static enum oc_err assign_code(PGconn *conn, struct oc_service *svc, char *code, size_t len,
                               char *day, struct oc_write_result *out)
{
    const struct oc_app *app = svc->app;
    long seq = 0;
    enum oc_err rc = application_store_next_seq(conn, app->agency, day, &seq);
    if (rc == OC_OK && dossier_code_format(code, len, app->agency, day, seq) != 0) {
        /* 10,000 dossiers in one day: refuse rather than reuse a code */
        snprintf(out->detail, sizeof(out->detail),
                 "all 9,999 dossier numbers of %s are used; submit again tomorrow", day);
        rc = OC_CONFLICT;
    }
    return rc;
}

/* Checks the step against the locked row; *role gets the role the caller acts as. */
static enum oc_err step_check(const struct application_step *s, const struct application_row *row,
                              const char **role, struct oc_write_result *out)
{
    int forbidden = 0, needs_reason = 0;
    const char *problem = application_transition_problem(
        row->status, s->move.to, oc_principal()->acting, role, &forbidden, &needs_reason);
    if (s->target.version != 0 && s->target.version != row->version) {
        return oc_write_stale(out, "application", s->target.version);
    }
    if (problem != NULL) {
        snprintf(out->detail, sizeof(out->detail), "%s: %s -> %s", problem, row->status,
                 s->move.to);
        return forbidden ? OC_FORBIDDEN : OC_CONFLICT;
    }
    if (needs_reason && s->move.reason == NULL) {
        return oc_write_refuse(out, OC_INVALID, "the transition is not valid", "reason", "required",
                               "this transition must say why");
    }
    return OC_OK;
}

/*
 * A dossier is submitted under the rules in force that day: their id replaces
 * the draft's in row (and *in_force), so their checklist applies. *in_force is
 * NULL when no rule set is in force (the draft's stays).
 */
static enum oc_err submission_rules(const struct oc_service *svc, struct application_row *row,
                                    const char **in_force, struct oc_write_result *out)
{
    const char *id = reg_rule_set_today(svc, out->detail, sizeof(out->detail));
    *in_force = NULL;
    if (id == NULL)
        return OC_INTERNAL;
    if (id[0] != '\0') {
        snprintf(row->rule_set, sizeof(row->rule_set), "%s", id);
        *in_force = id;
    }
    return OC_OK;
}

static enum oc_err application_transition(PGconn *conn, const void *input, struct oc_service *svc,
                                          const char *traceparent, struct oc_write_result *out)
{
    const struct application_step *s = input;
    struct application_row row;
    const char *role = NULL;
    char code[64] = "", day[11] = "";
    enum oc_err rc = application_lock(conn, s->target.id, &row, out);
    if (rc == OC_OK)
        rc = step_check(s, &row, &role, out);
    int submitting =
        rc == OC_OK && strcmp(row.status, "draft") == 0 && strcmp(s->move.to, "new") == 0;
    int resuming = rc == OC_OK && strcmp(s->move.to, "processing") == 0 &&
                   strcmp(row.status, "supplement_requested") == 0;
    const char *in_force = NULL;
    if (submitting)
        rc = submission_rules(svc, &row, &in_force, out);
    if (rc == OC_OK && (submitting || resuming))
        rc = check_complete(conn, s->target.id, &row, out);
    if (rc == OC_OK && submitting)
        rc = assign_code(conn, svc, code, sizeof(code), day, out);
    if (rc != OC_OK)
        return rc;
    struct application_change c = {s->target.id,
                                   row.status,
                                   s->move.to,
                                   application_status_find(s->move.to)->portal_code,
                                   role,
                                   oc_principal_actor(oc_principal()),
                                   s->move.reason,
                                   NULL,
                                   submitting ? code : NULL,
                                   submitting ? day : NULL,
                                   NULL,
                                   in_force};
    rc = application_store_move(conn, &c);
    if (rc == OC_OK && submitting)
        rc = product_store_cycle(conn, s->target.id, "applied");
    if (rc == OC_OK)
        rc = application_emit(conn, svc, s->target.id,
                              submitting ? EVENT_APPLICATION_SUBMITTED
                                         : EVENT_APPLICATION_STATUS_CHANGED,
                              &c, traceparent);
    return rc == OC_OK ? application_view(conn, s->target.id, &out->view) : rc;
}

OC_PARSER(application_move_parse, application_move_from_json, struct application_move);

int application_transition_post(const struct _u_request *req, struct _u_response *resp,
                                struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct application_step s;
    memset(&s, 0, sizeof(s));
    const struct reg_transition t = {"no application has this id", "the transition is not valid",
                                     application_move_parse, &s.move, &s.target};
    return reg_transition_serve(req, resp, svc, &spec, &t, application_transition, &s);
}

/* ---- changes to a draft ----------------------------------------------------- */

/* A patch of one application at one version. */
struct application_edit {
    struct oc_target target;        /* application id and version */
    struct application_patch patch; /* the validated body */
};

static enum oc_err application_update(PGconn *conn, const void *input, struct oc_service *svc,
                                      const char *traceparent, struct oc_write_result *out)
{
    (void)svc;
    (void)traceparent;
    const struct application_edit *e = input;
    struct application_row row;
    enum oc_err rc = application_lock(conn, e->target.id, &row, out);
    if (rc != OC_OK)
        return rc;
    if (!application_editable(row.status)) {
        snprintf(out->detail, sizeof(out->detail),
                 "an application can be changed as a draft or while a supplement is requested");
        return OC_CONFLICT;
    }
    rc = application_store_update(conn, e->target.id, e->target.version,
                                  e->patch.has_samples ? &e->patch.samples_count : NULL,
                                  e->patch.note, e->patch.clear_note);
    if (rc == OC_PRECONDITION)
        oc_write_stale(out, "application", e->target.version);
    return rc == OC_OK ? application_view(conn, e->target.id, &out->view) : rc;
}

OC_PARSER(application_patch_parse, application_patch_from_json, struct application_patch);

int application_patch(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct application_edit e;
    memset(&e, 0, sizeof(e));
    return oc_write_change(req, resp, svc, &spec, application_patch_parse, &e.patch, "application",
                           &e.target, application_update, &e);
}
