/*
 * Market linkages over HTTP: a promotable product is linked with a partner,
 * its members change with If-Match, and its status moves through
 * POST /v1/linkages/{id}/transitions, each move recorded with who, when and
 * why. Who is the caller's token subject, never a member of the body. Every
 * change is ocop.promotion.linkage.changed.v1, naming that subject.
 */
#include <stdio.h>
#include <string.h>

#include "common/auth.h"
#include "common/http.h"
#include "common/outbox.h"
#include "common/read.h"
#include "promotion/handlers.h"
#include "promotion/linkage.h"
#include "promotion/linkage_events.h"
#include "promotion/linkage_store.h"
#include "promotion/listing.h"
#include "promotion/listing_store.h"
#include "promotion/promo_http.h"
#include "promotion/standing_store.h"
#include "promotion/today.h"

/* Locks the product and refuses it unless it may be promoted today (what names the action). */
static enum oc_err product_check(PGconn *conn, const char *product_id, const char *what,
                                 struct oc_write_result *out)
{
    int known = 0;
    json_t *view = NULL;
    char today[11], reason[200];
    struct standing s;
    enum oc_err rc = standing_store_lock(conn, product_id, 0, &known);
    if (rc == OC_OK && !known)
        return field_problem(out, "the market linkage is not valid", "product_id", "not_found",
                             "no product has this id (or its registration is not known here yet)");
    if (rc == OC_OK)
        rc = listing_store_get(conn, product_id, &view);
    promo_today(today, sizeof(today));
    listing_standing(view, &s);
    if (rc == OC_OK &&
        standing_check(&s, today, NULL, NULL, reason, sizeof(reason)) != STANDING_OK) {
        snprintf(out->detail, sizeof(out->detail), "the product cannot be %s: %s", what, reason);
        rc = OC_CONFLICT;
    }
    json_decref(view);
    return rc;
}

/* Who makes the change this request asks for: the token's subject. */
static const char *request_actor(void)
{
    return oc_principal_actor(oc_principal());
}

static enum oc_err linkage_create(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    const struct oc_field_value *lk = input;
    json_t *created = NULL;
    enum oc_err rc = product_check(conn, lk[LINKAGE_PRODUCT_ID].s, "linked", out);
    if (rc == OC_OK)
        rc = resource_store_insert(conn, &linkage_sql, lk, &created);
    const char *id = str_of(created, "id");
    struct linkage_step step = {id, NULL, "proposed", request_actor(), NULL, NULL};
    struct linkage_why why = {request_actor(), NULL, NULL};
    if (rc == OC_OK)
        rc = linkage_store_move(conn, &step);
    if (rc == OC_OK)
        rc = linkage_store_get(conn, id, &out->view);
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter, linkage_event_changed(out->view, NULL, &why),
                                 traceparent);
    json_decref(created);
    return rc;
}

static int linkage_parse(struct oc_v *v, void *out)
{
    struct oc_field_value *lk = out;
    oc_fields_create(v, linkage_fields, LINKAGE_N, NULL, lk);
    return linkage_check(v, lk);
}

int linkage_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/linkages/"};
    struct oc_field_value lk[LINKAGE_N];
    memset(lk, 0, sizeof(lk));
    return oc_write_json(req, resp, svc, &spec, linkage_parse, lk, "market linkage", linkage_create,
                         lk);
}

int linkage_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct linkage_filter f;
    json_t *errors = json_array();
    f.product_id = oc_query_uuid(req, "product_id", errors);
    f.status = oc_query_enum(req, "status", linkage_statuses, errors);
    f.partner_kind = oc_query_enum(req, "partner_kind", linkage_partner_kinds, errors);
    f.channel = oc_query_enum(req, "channel", linkage_channels, errors);
    return oc_list_serve(req, resp, svc, errors, linkage_store_list, &f);
}

/* Locks the linkage at the version the client read; refuses an ended one. */
static enum oc_err linkage_lock(PGconn *conn, const struct oc_target *target, json_t **view,
                                struct oc_write_result *out)
{
    enum oc_err rc = promo_lock_for_change(conn, &linkage_sql, target,
                                           "no market linkage has this id", "linkage", view, out);
    if (rc == OC_OK && strcmp(str_of(*view, "status"), "ended") == 0) {
        snprintf(out->detail, sizeof(out->detail), "the linkage ended: it no longer changes");
        rc = OC_CONFLICT;
    }
    return rc;
}

/* A patch of one linkage at one version. */
struct linkage_change {
    struct oc_target target;                /* linkage id and version */
    struct oc_field_value patch[LINKAGE_N]; /* the validated body */
};

static enum oc_err linkage_update(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    const struct linkage_change *c = input;
    struct oc_field_value after[LINKAGE_N];
    struct linkage_why why = {request_actor(), NULL, NULL};
    json_t *view = NULL;
    enum oc_err rc = linkage_lock(conn, &c->target, &view, out);
    if (rc == OC_OK) {
        struct oc_field_value before[LINKAGE_N];
        struct oc_v v;
        oc_fields_from_view(view, linkage_fields, LINKAGE_N, before);
        oc_fields_merge(before, c->patch, LINKAGE_N, after);
        rules_begin(&v);
        linkage_check(&v, after);
        if (!rules_end(&v, out, "the change is not valid"))
            rc = OC_INVALID;
    }
    if (rc == OC_OK)
        rc = resource_store_update(conn, &linkage_sql, c->target.id, after, NULL);
    if (rc == OC_OK)
        rc = linkage_store_get(conn, c->target.id, &out->view);
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter,
                                 linkage_event_changed(out->view, str_of(view, "status"), &why),
                                 traceparent);
    json_decref(view);
    return rc;
}

static int linkage_patch_parse(struct oc_v *v, void *out)
{
    return oc_fields_patch(v, linkage_fields, LINKAGE_N, NULL, out);
}

int linkage_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct linkage_change c;
    memset(&c, 0, sizeof(c));
    return oc_write_change(req, resp, svc, &spec, linkage_patch_parse, c.patch, "market linkage",
                           &c.target, linkage_update, &c);
}

/* A move of one linkage at one version. */
struct linkage_move_change {
    struct oc_target target;  /* linkage id and version */
    struct linkage_move move; /* the validated body */
};

/* Applies the rules of a move to the locked linkage. */
static enum oc_err move_check(PGconn *conn, const json_t *view, const struct linkage_move *m,
                              struct oc_write_result *out)
{
    const char *from = str_of(view, "status");
    int field_error = 0;
    const char *problem = linkage_move_problem(from, m, &field_error);
    if (problem != NULL && field_error)
        return field_problem(out, "the transition is not valid", "reason", "required", problem);
    if (problem != NULL) {
        snprintf(out->detail, sizeof(out->detail), "cannot move from %s to %s: %s", from, m->to,
                 problem);
        return OC_CONFLICT;
    }
    if (!linkage_in_force(m->to))
        return OC_OK;
    struct oc_field_value lk[LINKAGE_N];
    struct oc_v v;
    oc_fields_from_view(view, linkage_fields, LINKAGE_N, lk);
    lk[LINKAGE_STATUS].s = m->to;
    rules_begin(&v);
    linkage_check(&v, lk);
    if (!rules_end(&v, out, "the linkage's agreement is not complete"))
        return OC_INVALID;
    return product_check(conn, str_of(view, "product_id"),
                         strcmp(m->to, "active") == 0 ? "supplied through it" : "signed for", out);
}

static enum oc_err linkage_transition(PGconn *conn, const void *input, struct oc_service *svc,
                                      const char *traceparent, struct oc_write_result *out)
{
    const struct linkage_move_change *s = input;
    json_t *view = NULL;
    int known = 0;
    /* The product first, then the linkage: the order a reaction takes them in. */
    enum oc_err rc = linkage_store_get(conn, s->target.id, &view);
    if (rc == OC_OK)
        rc = standing_store_lock(conn, str_of(view, "product_id"), 0, &known);
    json_decref(view);
    view = NULL;
    if (rc == OC_OK || rc == OC_NOT_FOUND)
        rc = linkage_lock(conn, &s->target, &view, out);
    if (rc == OC_OK)
        rc = move_check(conn, view, &s->move, out);
    const char *from = str_of(view, "status");
    struct linkage_step step = {s->target.id,    from,           s->move.to,
                                request_actor(), s->move.reason, NULL};
    struct linkage_why why = {request_actor(), s->move.reason, NULL};
    if (rc == OC_OK)
        rc = linkage_store_move(conn, &step);
    if (rc == OC_OK)
        rc = linkage_store_get(conn, s->target.id, &out->view);
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter, linkage_event_changed(out->view, from, &why),
                                 traceparent);
    json_decref(view);
    return rc;
}

OC_PARSER(linkage_move_parse, linkage_move_from_json, struct linkage_move);

int linkage_transition_post(const struct _u_request *req, struct _u_response *resp,
                            struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct linkage_move_change s;
    memset(&s, 0, sizeof(s));
    return oc_write_change(req, resp, svc, &spec, linkage_move_parse, &s.move, "market linkage",
                           &s.target, linkage_transition, &s);
}
