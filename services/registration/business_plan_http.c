#include <stdio.h>
#include <string.h>

#include "common/db.h"
#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/business_plan_store.h"
#include "registration/cycle_events.h"
#include "registration/cycle_http.h"
#include "registration/handlers.h"

/* Roles that submit and change plans (the role recorded is the first held). */
#define PLAN_WRITERS (OC_ROLE_PRODUCER | OC_ROLE_COMMUNE_OFFICER | OC_ROLE_PROVINCE_OFFICER)

/* A plan in the caller's scope. */
enum oc_err business_plan_view(PGconn *conn, const char *id, json_t **out)
{
    return reg_caller_view(conn, business_plan_store_get, id, out);
}

/* A business plan, as the cycle's one flow sees it (cycle_http.h). */
static const struct cycle_kind plan_kind = {
    "business plan",        EVENT_BUSINESS_PLAN_STATUS_CHANGED,
    business_plan_rules,    &business_plan_rule_count,
    business_plan_statuses, PLAN_WRITERS,
    CYCLE_BUSINESS_PLAN,    business_plan_store_event,
    business_plan_view};

/* ---- submit ---------------------------------------------------------------- */

/* The detail of a 422 on a new plan. */
#define PLAN_INVALID "the business plan is not valid"

static enum oc_err plan_create(PGconn *conn, const void *input, struct oc_service *svc,
                               const char *traceparent, struct oc_write_result *out)
{
    const struct business_plan_input *b = input;
    struct reg_scope scope;
    char status[16], id[40];
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc =
        business_plan_store_idea_status(conn, &scope, b->idea_id, status, sizeof(status));
    if (rc != OC_OK)
        return rc;
    if (status[0] == '\0')
        return oc_write_refuse(out, OC_INVALID, PLAN_INVALID, "idea_id", "not_found",
                               "no idea has this id");
    if (strcmp(status, "accepted") != 0)
        return oc_write_refuse(out, OC_INVALID, PLAN_INVALID, "idea_id", "status",
                               "a business plan is submitted for an accepted idea");
    const char *role = oc_principal_role_name(oc_principal(), PLAN_WRITERS);
    rc = business_plan_store_insert(conn, b, role, oc_principal_actor(oc_principal()), id,
                                    sizeof(id));
    if (rc == OC_OK)
        rc = cycle_emit(conn, svc, &plan_kind, id, NULL, role, NULL, traceparent);
    return rc == OC_OK ? business_plan_view(conn, id, &out->view) : rc;
}

OC_PARSER(plan_parse, business_plan_from_json, struct business_plan_input);

int business_plan_post(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/business-plans/"};
    struct business_plan_input b;
    memset(&b, 0, sizeof(b));
    return oc_write_json(req, resp, svc, &spec, plan_parse, &b, "business plan", plan_create, &b);
}

/* ---- read ------------------------------------------------------------------ */

int business_plan_list(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    struct business_plan_filter f;
    json_t *errors = json_array();
    reg_scope_init(&f.scope, oc_principal());
    f.idea_id = oc_query_uuid(req, "idea_id", errors);
    f.product_id = oc_query_uuid(req, "product_id", errors);
    f.status = oc_query_enum(req, "status", business_plan_statuses, errors);
    f.year = oc_query_digits(req, "year", 4, errors);
    return oc_list_serve(req, resp, svc, errors, business_plan_store_list, &f);
}

/* ---- change ---------------------------------------------------------------- */

/* A patch of one plan at one version. */
struct plan_edit {
    struct oc_target target;       /* plan id and version */
    struct business_plan_body set; /* the validated body */
};

/* Checks the locked plan (its view before) against the edit. */
static enum oc_err edit_check(const struct plan_edit *e, const json_t *before,
                              struct oc_write_result *out)
{
    const char *status = json_string_value(json_object_get(before, "status"));
    if (json_integer_value(json_object_get(before, "version")) != e->target.version) {
        return oc_write_stale(out, "business plan", e->target.version);
    }
    if (status == NULL || strcmp(status, "approved") == 0) {
        snprintf(out->detail, sizeof(out->detail), "an approved business plan is final");
        return OC_CONFLICT;
    }
    return OC_OK;
}

static enum oc_err plan_update(PGconn *conn, const void *input, struct oc_service *svc,
                               const char *traceparent, struct oc_write_result *out)
{
    (void)svc;
    (void)traceparent;
    const struct plan_edit *e = input;
    json_t *before = NULL, *after = NULL, *changes = NULL;
    struct reg_scope scope;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc = business_plan_store_lock(conn, &scope, e->target.id, &before);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no business plan has this id");
    if (rc == OC_OK)
        rc = edit_check(e, before, out);
    if (rc == OC_OK)
        rc = business_plan_store_update(conn, e->target.id, e->target.version, &e->set);
    if (rc == OC_OK)
        rc = business_plan_store_lock(conn, &scope, e->target.id, &after);
    if (rc == OC_OK)
        changes = business_plan_changes(before, after);
    if (changes != NULL)
        rc = cycle_note_change(conn, &plan_kind, e->target.id, changes);
    json_decref(changes);
    json_decref(after);
    json_decref(before);
    return rc == OC_OK ? business_plan_view(conn, e->target.id, &out->view) : rc;
}

OC_PARSER(plan_patch_parse, business_plan_patch_from_json, struct business_plan_body);

int business_plan_patch(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct plan_edit e;
    memset(&e, 0, sizeof(e));
    return oc_write_change(req, resp, svc, &spec, plan_patch_parse, &e.set, "business plan",
                           &e.target, plan_update, &e);
}

/* ---- screening moves ------------------------------------------------------- */

static enum oc_err plan_transition(PGconn *conn, const void *input, struct oc_service *svc,
                                   const char *traceparent, struct oc_write_result *out)
{
    const struct cycle_step *s = input;
    json_t *row = NULL;
    struct reg_scope scope;
    const char *role = NULL;
    char today[11], from[16] = "";
    if (reg_today(svc, today, sizeof(today), out->detail, sizeof(out->detail)) == NULL)
        return OC_INTERNAL;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc = business_plan_store_lock(conn, &scope, s->target.id, &row);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no business plan has this id");
    if (rc == OC_OK) {
        snprintf(from, sizeof(from), "%s", json_string_value(json_object_get(row, "status")));
        rc = cycle_step_check(&plan_kind, s, from,
                              json_integer_value(json_object_get(row, "version")), &role, out);
    }
    json_decref(row);
    return rc == OC_OK
               ? cycle_step_record(conn, svc, &plan_kind, s, from, role, today, traceparent, out)
               : rc;
}

int business_plan_transition_post(const struct _u_request *req, struct _u_response *resp,
                                  struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    return cycle_transition_serve(req, resp, svc, &spec, &plan_kind, plan_transition);
}
