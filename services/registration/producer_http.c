#include <stdio.h>
#include <string.h>

#include "common/db.h"
#include "common/http.h"
#include "common/outbox.h"
#include "common/read.h"
#include "common/write.h"
#include "registration/handlers.h"
#include "registration/producer_events.h"
#include "registration/producer_store.h"

/* Sets the one-field error of commune_code and the detail. */
static enum oc_err commune_refused(struct oc_write_result *out, const char *code, const char *msg)
{
    return oc_write_refuse(out, OC_INVALID, "the producer is not valid", "commune_code", code, msg);
}

/*
 * Refuses a commune code that names no commune, past or present; one that was
 * not a commune in force on the day the producer joins (on, YYYY-MM-DD; NULL:
 * today): a new producer is recorded under its commune of today, and one
 * recorded from before the platform under its commune of the day it joined;
 * and, for a commune officer, one that is not today its own commune.
 */
static enum oc_err commune_check(PGconn *conn, const struct reg_scope *scope, const char *code,
                                 const char *on, struct oc_write_result *out)
{
    struct commune_facts f = {1, 1, "", 0};
    enum oc_err rc = code ? producer_store_commune(conn, scope, code, on, &f) : OC_OK;
    if (rc != OC_OK || code == NULL)
        return rc;
    if (f.future) {
        return oc_write_refuse(out, OC_INVALID, "the producer is not valid", "registered_on",
                               "range", "must not be after today");
    }
    if (!f.known)
        return commune_refused(out, "not_found", "no commune, past or present, has this code");
    if (strcmp(f.then, code) != 0) {
        char msg[200];
        if (f.then[0] != '\0')
            snprintf(msg, sizeof(msg),
                     "this commune no longer existed on %s; its area was then part of commune %s, "
                     "under which the producer is recorded",
                     on != NULL ? on : "the day of registration", f.then);
        else
            snprintf(msg, sizeof(msg), "this commune did not exist on %s",
                     on != NULL ? on : "the day of registration");
        return commune_refused(out, "abolished", msg);
    }
    if (!f.in_scope)
        return commune_refused(out, "out_of_scope", "is not the commune you act for");
    return OC_OK;
}

static enum oc_err producer_create(PGconn *conn, const void *input, struct oc_service *svc,
                                   const char *traceparent, struct oc_write_result *out)
{
    const struct oc_field_value *p = input;
    struct reg_scope scope;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc =
        commune_check(conn, &scope, p[PRODUCER_COMMUNE_CODE].s, p[PRODUCER_REGISTERED_ON].s, out);
    if (rc != OC_OK)
        return rc;
    rc = producer_store_insert(conn, p, &out->view);
    if (rc == OC_CONFLICT) {
        snprintf(out->detail, sizeof(out->detail),
                 "a producer with identifier %s is already registered", p[PRODUCER_IDENTIFIER].s);
        return rc;
    }
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter, producer_event_registered(out->view),
                                 traceparent);
    if (rc == OC_OK) /* the response shows only what the caller may see */
        producer_view_redact(out->view, oc_principal());
    return rc;
}

OC_PARSER(producer_parse, producer_from_json, struct oc_field_value);

int producer_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/producers/"};
    struct oc_field_value p[PRODUCER_N];
    memset(p, 0, sizeof(p));
    return oc_write_json(req, resp, svc, &spec, producer_parse, p, "producer", producer_create, p);
}

/* A producer in the caller's scope, as the caller may see it. */
enum oc_err producer_view(PGconn *conn, const char *id, json_t **out)
{
    enum oc_err rc = reg_caller_view(conn, producer_store_get, id, out);
    if (rc == OC_OK)
        producer_view_redact(*out, oc_principal());
    return rc;
}

/* A patch for one producer at one version. */
struct producer_change {
    struct oc_target target;                 /* producer id and version */
    struct oc_field_value patch[PRODUCER_N]; /* the validated body */
};

static enum oc_err producer_update(PGconn *conn, const void *input, struct oc_service *svc,
                                   const char *traceparent, struct oc_write_result *out)
{
    const struct producer_change *c = input;
    struct reg_scope scope;
    reg_scope_init(&scope, oc_principal());
    enum oc_err rc =
        producer_store_update(conn, &scope, c->target.id, c->target.version, c->patch, &out->view);
    if (rc == OC_PRECONDITION)
        oc_write_stale(out, "producer", c->target.version);
    else if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no producer has this id");
    if (rc == OC_OK) /* after the update: a producer out of scope is 404 whatever the body */
        rc = commune_check(conn, &scope, c->patch[PRODUCER_COMMUNE_CODE].s, NULL, out);
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter, producer_event_updated(out->view),
                                 traceparent);
    if (rc == OC_OK)
        producer_view_redact(out->view, oc_principal());
    return rc;
}

OC_PARSER(producer_patch_parse, producer_patch_from_json, struct oc_field_value);

int producer_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct producer_change c;
    memset(&c, 0, sizeof(c));
    return oc_write_change(req, resp, svc, &spec, producer_patch_parse, c.patch, "producer",
                           &c.target, producer_update, &c);
}

/* A page of producers in the caller's scope, as the caller may see them. */
static enum oc_err producer_page(PGconn *conn, const void *filter, const struct oc_after *after,
                                 int limit, json_t **items, json_t **next)
{
    enum oc_err rc = producer_store_list(conn, filter, after, limit, items, next);
    for (size_t i = 0; rc == OC_OK && i < json_array_size(*items); i++)
        producer_view_redact(json_array_get(*items, i), oc_principal());
    return rc;
}

int producer_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct producer_filter f;
    reg_scope_init(&f.scope, oc_principal());
    json_t *errors = json_array();
    f.type = oc_query_enum(req, "type", producer_types, errors);
    f.commune_code = oc_query_digits(req, "commune_code", 5, errors);
    f.legacy_district = oc_query_digits(req, "legacy_district", 3, errors);
    f.q = oc_query_text(req, "q", 100, errors);
    return oc_list_serve(req, resp, svc, errors, producer_page, &f);
}
