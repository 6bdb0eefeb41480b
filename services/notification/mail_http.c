/*
 * Mail over HTTP: a producer's opt-out of non-mandatory mail
 * (GET/PUT /v1/producers/{id}/mail-preferences) and the list of messages for
 * officers (GET /v1/mail). No answer carries an address.
 */
#include <stdio.h>
#include <string.h>

#include "common/auth.h"
#include "common/http.h"
#include "common/read.h"
#include "common/validate.h"
#include "common/write.h"
#include "notification/handlers.h"
#include "notification/mail_compose.h"
#include "notification/mail_store.h"

/* Roles that see every producer's preferences. */
#define MAIL_PREF_FULL (OC_ROLE_PROVINCE_OFFICER | OC_ROLE_ADMIN)

/* The path's producer id when the caller may see it, else NULL (answer 404). */
static const char *pref_producer(const struct _u_request *req)
{
    const char *id = u_map_get(req->map_url, "id");
    const struct oc_principal *p = oc_principal();
    if (id == NULL || !oc_uuid_ok(id))
        return NULL;
    if (oc_principal_restricted(p, MAIL_PREF_FULL) && !oc_principal_has_producer(p, id))
        return NULL;
    return id;
}

/* Adds the kinds a producer can and cannot opt out of to a preferences view. */
static void pref_kinds(json_t *view)
{
    json_t *mandatory = json_array(), *optional = json_array();
    for (int k = 0; k < MAIL_KIND_COUNT; k++) {
        if (!mail_kind_to_producer((enum mail_kind)k))
            continue;
        json_array_append_new(mail_kind_mandatory((enum mail_kind)k) ? mandatory : optional,
                              json_string(mail_kind_name((enum mail_kind)k)));
    }
    json_object_set_new(view, "mandatory_kinds", mandatory);
    json_object_set_new(view, "optional_kinds", optional);
}

static int pref_not_found(struct _u_response *resp)
{
    return oc_http_problem(resp, OC_NOT_FOUND, "no producer has this id", NULL);
}

int mail_preferences_get(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc)
{
    const char *id = pref_producer(req);
    json_t *view = NULL;
    if (id == NULL)
        return pref_not_found(resp);
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? mail_store_preferences_get(conn, id, &view) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc == OC_NOT_FOUND)
        return pref_not_found(resp);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    pref_kinds(view);
    oc_http_etag(resp, (long long)json_integer_value(json_object_get(view, "version")));
    return oc_http_json(resp, 200, view);
}

/* A validated PUT body. */
struct pref_put {
    const char *producer_id; /* from the path */
    int opt_out;             /* the body's opt_out */
};

static int pref_parse(struct oc_v *v, void *out)
{
    static const char *const allowed[] = {"opt_out", NULL};
    struct pref_put *p = out;
    oc_v_only(v, allowed);
    json_t *value = json_object_get(v->body, "opt_out");
    if (!json_is_boolean(value))
        oc_v_error(v, "opt_out", value ? "type" : "required", "must be true or false");
    p->opt_out = json_is_true(value);
    return oc_v_ok(v);
}

static enum oc_err pref_change(PGconn *conn, const void *input, struct oc_service *svc,
                               const char *traceparent, struct oc_write_result *out)
{
    const struct pref_put *p = input;
    (void)svc, (void)traceparent;
    enum oc_err rc = mail_store_preferences_put(conn, p->producer_id, p->opt_out,
                                                oc_principal_actor(oc_principal()), &out->view);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no producer has this id");
    if (rc == OC_OK)
        pref_kinds(out->view);
    return rc;
}

int mail_preferences_put(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct pref_put p = {pref_producer(req), 0};
    if (p.producer_id == NULL)
        return pref_not_found(resp);
    return oc_write_json(req, resp, svc, &spec, pref_parse, &p, "mail preference", pref_change, &p);
}

int mail_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct mail_filter f;
    json_t *errors = json_array();
    f.status = oc_query_enum(req, "status", mail_statuses, errors);
    f.kind = oc_query_enum(req, "kind", mail_kind_names, errors);
    f.producer_id = oc_query_uuid(req, "producer_id", errors);
    return oc_list_serve(req, resp, svc, errors, mail_store_list, &f);
}
