#include "registration/cycle_http.h"

#include <stdio.h>
#include <string.h>

#include "common/db.h"
#include "common/http.h"
#include "common/read.h"
#include "registration/cycle.h"
#include "registration/cycle_events.h"
#include "registration/cycle_store.h"
#include "registration/handlers.h"

/* Gives each step of a history its Vietnamese summary. */
static void add_summaries(json_t *history)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(history, "items"), i, item)
    {
        const char *label = cycle_summary(json_string_value(json_object_get(item, "step")),
                                          json_string_value(json_object_get(item, "kind")));
        json_t *detail = json_object_get(item, "detail");
        json_t *stars = json_object_get(detail, "stars");
        const char *status = json_string_value(json_object_get(detail, "status"));
        char text[200];
        if (json_is_integer(stars))
            snprintf(text, sizeof(text), "%s %lld sao", label,
                     (long long)json_integer_value(stars));
        else if (status != NULL && strcmp(status, "cancelled") == 0)
            snprintf(text, sizeof(text), "%s (đã hủy)", label);
        else
            snprintf(text, sizeof(text), "%s", label);
        json_object_set_new(item, "summary", json_string(text));
    }
}

/* A product's cycle history, in the caller's scope. */
enum oc_err product_history_view(PGconn *conn, const char *id, json_t **out)
{
    enum oc_err rc = reg_caller_view(conn, cycle_store_history, id, out);
    if (rc == OC_OK)
        add_summaries(*out);
    return rc;
}

/* Reads a stored link ({status, product_id, producer_id, idea_id}) into out (borrowed). */
static const struct cycle_link *link_of(const json_t *stored, struct cycle_link *out)
{
    memset(out, 0, sizeof(*out));
    out->found = json_is_object(stored);
    out->status = json_string_value(json_object_get(stored, "status"));
    if (out->status == NULL)
        out->status = "";
    out->product_id = json_string_value(json_object_get(stored, "product_id"));
    out->producer_id = json_string_value(json_object_get(stored, "producer_id"));
    out->idea_id = json_string_value(json_object_get(stored, "idea_id"));
    return out;
}

enum oc_err cycle_check_links(PGconn *conn, const struct reg_scope *scope, const char *product_id,
                              const char *idea_id, const char *plan_id, json_t **errors)
{
    json_t *links = NULL;
    struct cycle_link idea, plan;
    *errors = NULL;
    if (idea_id == NULL && plan_id == NULL)
        return OC_OK;
    enum oc_err rc = cycle_store_links(conn, scope, product_id, idea_id, plan_id, &links);
    if (rc != OC_OK)
        return rc;
    const char *producer_id = json_string_value(json_object_get(links, "producer_id"));
    if (producer_id != NULL) { /* an unknown product is answered by the insert */
        *errors = json_array();
        cycle_link_check(product_id, producer_id, idea_id,
                         idea_id ? link_of(json_object_get(links, "idea"), &idea) : NULL, plan_id,
                         plan_id ? link_of(json_object_get(links, "plan"), &plan) : NULL, *errors);
        if (json_array_size(*errors) == 0) {
            json_decref(*errors);
            *errors = NULL;
        }
    }
    json_decref(links);
    return OC_OK;
}

/* ---- the screened records' one flow ------------------------------------------------------ */

enum oc_err cycle_step_check(const struct cycle_kind *k, const struct cycle_step *s,
                             const char *status, long long version, const char **role,
                             struct oc_write_result *out)
{
    int forbidden = 0, needs_reasons = 0;
    const char *problem =
        cycle_transition_problem(k->rules, *k->nrules, status, s->move.to, oc_principal()->acting,
                                 role, &forbidden, &needs_reasons);
    if (s->target.version != 0 && s->target.version != version) {
        return oc_write_stale(out, k->noun, s->target.version);
    }
    if (problem != NULL) {
        snprintf(out->detail, sizeof(out->detail), "a %s: %s: %s -> %s", k->noun, problem, status,
                 s->move.to);
        return forbidden ? OC_FORBIDDEN : OC_CONFLICT;
    }
    out->errors = cycle_reasons_problem(needs_reasons, s->move.reasons);
    if (out->errors != NULL) {
        snprintf(out->detail, sizeof(out->detail), "the move is not valid");
        return OC_INVALID;
    }
    return OC_OK;
}

enum oc_err cycle_step_record(PGconn *conn, struct oc_service *svc, const struct cycle_kind *k,
                              const struct cycle_step *s, const char *from, const char *role,
                              const char *today, const char *traceparent,
                              struct oc_write_result *out)
{
    int changed = 0;
    enum oc_err rc = cycle_store_changed_since_return(conn, k->record, s->target.id, &changed);
    const char *stale = rc == OC_OK ? cycle_resubmit_problem(from, s->move.to, changed) : NULL;
    if (stale != NULL) {
        snprintf(out->detail, sizeof(out->detail), "%s", stale);
        rc = OC_CONFLICT;
    }
    if (rc != OC_OK)
        return rc;
    struct cycle_change c = {s->target.id,    from, s->move.to, today,
                             s->move.reasons, NULL, role,       oc_principal_actor(oc_principal())};
    rc = cycle_store_move(conn, k->record, &c);
    if (rc == OC_OK)
        rc = cycle_emit(conn, svc, k, s->target.id, from, role, s->move.reasons, traceparent);
    return rc == OC_OK ? k->view(conn, s->target.id, &out->view) : rc;
}

enum oc_err cycle_note_change(PGconn *conn, const struct cycle_kind *k, const char *id,
                              json_t *changes)
{
    const char *role = oc_principal_role_name(oc_principal(), k->writers);
    struct cycle_change c = {id,   NULL,    NULL, NULL,
                             NULL, changes, role, oc_principal_actor(oc_principal())};
    return cycle_store_note_change(conn, k->record, &c);
}

/* A move's body among its kind's statuses, into a struct cycle_step. */
static int step_parse(struct oc_v *v, void *out)
{
    struct cycle_step *s = out;
    return cycle_move_from_json(v, s->kind->statuses, &s->move);
}

int cycle_transition_serve(const struct _u_request *req, struct _u_response *resp,
                           struct oc_service *svc, const struct oc_write_spec *spec,
                           const struct cycle_kind *k, oc_write_fn fn)
{
    struct cycle_step s = {.target = {NULL, 0}, .kind = k, .move = {NULL, NULL}};
    char missing[80];
    snprintf(missing, sizeof(missing), "no %s has this id", k->noun);
    const struct reg_transition t = {missing, "the move is not valid", step_parse, &s, &s.target};
    return reg_transition_serve(req, resp, svc, spec, &t, fn, &s);
}
