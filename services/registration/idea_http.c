#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/db.h"
#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/cycle_events.h"
#include "registration/cycle_http.h"
#include "registration/handlers.h"
#include "registration/idea_store.h"

/* Members an idea's change history compares. */
static const char *const idea_content[] = {"name",         "description", "sector",
                                           "criteria_set", "product_id",  NULL};

/* Roles that register and change ideas, widest last (the role recorded is the first held). */
#define IDEA_WRITERS (OC_ROLE_PRODUCER | OC_ROLE_COMMUNE_OFFICER | OC_ROLE_PROVINCE_OFFICER)

/* An idea in the caller's scope. */
enum oc_err idea_view(PGconn *conn, const char *id, json_t **out)
{
    return reg_caller_view(conn, idea_store_get, id, out);
}

/* An idea, as the cycle's one flow sees it (cycle_http.h). */
static const struct cycle_kind idea_kind = {"idea",        EVENT_IDEA_STATUS_CHANGED,
                                            idea_rules,    &idea_rule_count,
                                            idea_statuses, IDEA_WRITERS,
                                            CYCLE_IDEA,    idea_store_event,
                                            idea_view};

/* 422 naming field: a producer or product that is not there (or not the caller's). */
static enum oc_err refs_invalid(struct oc_write_result *out, const char *field, const char *message)
{
    return oc_write_refuse(out, OC_INVALID, "the idea is not valid", field, "not_found", message);
}

/* ---- register -------------------------------------------------------------- */

static enum oc_err idea_create(PGconn *conn, const void *input, struct oc_service *svc,
                               const char *traceparent, struct oc_write_result *out)
{
    const struct idea_input *i = input;
    struct reg_scope scope;
    int producer_ok = 0, product_ok = 0;
    char id[40];
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc =
        idea_store_refs(conn, &scope, i->producer_id, i->product_id, &producer_ok, &product_ok);
    if (rc != OC_OK)
        return rc;
    if (!producer_ok)
        return refs_invalid(out, "producer_id", "no producer has this id");
    if (!product_ok)
        return refs_invalid(out, "product_id", "the producer has no product with this id");
    const char *role = oc_principal_role_name(oc_principal(), IDEA_WRITERS);
    rc = idea_store_insert(conn, i, role, oc_principal_actor(oc_principal()), id, sizeof(id));
    if (rc == OC_OK)
        rc = cycle_emit(conn, svc, &idea_kind, id, NULL, role, NULL, traceparent);
    return rc == OC_OK ? idea_view(conn, id, &out->view) : rc;
}

OC_PARSER(idea_parse, idea_from_json, struct idea_input);

int idea_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/ideas/"};
    struct idea_input i;
    memset(&i, 0, sizeof(i));
    return oc_write_json(req, resp, svc, &spec, idea_parse, &i, "idea", idea_create, &i);
}

/* ---- read ------------------------------------------------------------------ */

int idea_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct idea_filter f;
    json_t *errors = json_array();
    reg_scope_init(&f.scope, oc_principal());
    f.status = oc_query_enum(req, "status", idea_statuses, errors);
    f.year = oc_query_digits(req, "year", 4, errors);
    f.commune = oc_query_digits(req, "commune_code", 5, errors);
    f.producer_id = oc_query_uuid(req, "producer_id", errors);
    f.product_id = oc_query_uuid(req, "product_id", errors);
    return oc_list_serve(req, resp, svc, errors, idea_store_list, &f);
}

/* ---- change ---------------------------------------------------------------- */

/* A patch of one idea at one version. */
struct idea_edit {
    struct oc_target target; /* idea id and version */
    struct idea_patch patch; /* the validated body */
};

/* Checks the locked idea against the patch; a product to link must be the producer's. */
static enum oc_err edit_check(PGconn *conn, const struct idea_edit *e, const struct idea_row *row,
                              struct oc_write_result *out)
{
    struct reg_scope everything;
    int producer_ok = 0, product_ok = 1;
    if (row->version != e->target.version) {
        return oc_write_stale(out, "idea", e->target.version);
    }
    const char *problem =
        idea_patch_problem(row->status, row->product_id[0] ? row->product_id : NULL, &e->patch);
    if (problem != NULL) {
        snprintf(out->detail, sizeof(out->detail), "%s", problem);
        return OC_CONFLICT;
    }
    if (e->patch.product_id == NULL)
        return OC_OK;
    reg_scope_everything(&everything);
    enum oc_err rc = idea_store_refs(conn, &everything, row->producer_id, e->patch.product_id,
                                     &producer_ok, &product_ok);
    if (rc == OC_OK && !product_ok)
        rc = refs_invalid(out, "product_id", "the producer has no product with this id");
    return rc;
}

static enum oc_err idea_update(PGconn *conn, const void *input, struct oc_service *svc,
                               const char *traceparent, struct oc_write_result *out)
{
    (void)svc;
    (void)traceparent;
    const struct idea_edit *e = input;
    struct idea_row row;
    json_t *before = NULL;
    struct reg_scope scope;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc = idea_store_lock(conn, &scope, e->target.id, &row);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no idea has this id");
    if (rc == OC_OK)
        rc = edit_check(conn, e, &row, out);
    if (rc == OC_OK)
        rc = idea_store_get(conn, &scope, e->target.id, &before);
    if (rc == OC_OK) {
        long long set = 0;
        const char *sector = NULL;
        idea_classification(row.criteria_set, row.sector[0] ? row.sector : NULL, &e->patch, &set,
                            &sector);
        rc = idea_store_update(conn, e->target.id, e->target.version, &e->patch, set, sector);
    }
    if (rc == OC_OK)
        rc = idea_store_get(conn, &scope, e->target.id, &out->view);
    json_t *changes = rc == OC_OK ? cycle_changes(before, out->view, idea_content) : NULL;
    if (changes != NULL)
        rc = cycle_note_change(conn, &idea_kind, e->target.id, changes);
    json_decref(changes);
    json_decref(before);
    if (rc == OC_OK && changes != NULL) {
        json_decref(out->view);
        out->view = NULL;
        rc = idea_store_get(conn, &scope, e->target.id, &out->view);
    }
    return rc;
}

OC_PARSER(idea_patch_parse, idea_patch_from_json, struct idea_patch);

int idea_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct idea_edit e;
    memset(&e, 0, sizeof(e));
    return oc_write_change(req, resp, svc, &spec, idea_patch_parse, &e.patch, "idea", &e.target,
                           idea_update, &e);
}

/* ---- screening moves ------------------------------------------------------- */

/* 422 on "to": a returned idea's resubmission window has closed. */
static enum oc_err window_closed(struct oc_write_result *out, const char *returned_on, long days)
{
    char msg[200];
    snprintf(msg, sizeof(msg),
             "the idea was returned on %s; it could be resubmitted within %ld days "
             "(OCOP_IDEA_RESUBMIT_DAYS): register it again as a new idea",
             returned_on, days);
    return oc_write_refuse(out, OC_INVALID, "the resubmission window has closed", "to", "expired",
                           msg);
}

/* Checks the step against the locked row and today; *role gets the role the caller acts as. */
static enum oc_err step_check(const struct oc_service *svc, const struct cycle_step *s,
                              const struct idea_row *row, long today, const char **role,
                              struct oc_write_result *out)
{
    enum oc_err rc = cycle_step_check(&idea_kind, s, row->status, row->version, role, out);
    if (rc != OC_OK)
        return rc;
    long returned;
    if (strcmp(row->status, "returned") == 0 && oc_date_parse(row->returned_on, &returned) &&
        !idea_resubmit_open(returned, today, svc->cfg.idea_resubmit_days))
        return window_closed(out, row->returned_on, svc->cfg.idea_resubmit_days);
    return OC_OK;
}

static enum oc_err idea_transition(PGconn *conn, const void *input, struct oc_service *svc,
                                   const char *traceparent, struct oc_write_result *out)
{
    const struct cycle_step *s = input;
    struct idea_row row;
    struct reg_scope scope;
    const char *role = NULL;
    char today[11];
    long day = 0;
    if (reg_today(svc, today, sizeof(today), out->detail, sizeof(out->detail)) == NULL ||
        !oc_date_parse(today, &day))
        return OC_INTERNAL;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc = idea_store_lock(conn, &scope, s->target.id, &row);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no idea has this id");
    if (rc == OC_OK)
        rc = step_check(svc, s, &row, day, &role, out);
    return rc == OC_OK ? cycle_step_record(conn, svc, &idea_kind, s, row.status, role, today,
                                           traceparent, out)
                       : rc;
}

int idea_transition_post(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    return cycle_transition_serve(req, resp, svc, &spec, &idea_kind, idea_transition);
}
