/*
 * Webhook subscriptions over HTTP (/v1/subscriptions, roles portal and
 * admin): created with a secret shown only in the answer, read, changed with
 * a merge patch and If-Match, deleted, their secret rotated. A portal caller
 * sees and changes only the subscriptions it owns (the token's subject);
 * another's is 404. An admin sees all.
 */
#include <stdio.h>
#include <string.h>

#include "common/auth.h"
#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "notification/delivery.h"
#include "notification/handlers.h"
#include "notification/outbound.h"
#include "notification/subscription.h"
#include "notification/subscription_store.h"
#include "notification/webhook.h"

const char *webhook_request_owner(void)
{
    const struct oc_principal *p = oc_principal();
    return oc_principal_acts_as(p, OC_ROLE_ADMIN) ? NULL : p->sub;
}

/* The members of a create or patch being validated. */
struct sub_input {
    const struct webhook_settings *cfg; /* for the URL check */
    struct subscription_fields f;       /* the values (a patch: those present) */
    int has[7];                         /* per member below: present in the body */
    int clear[7];                       /* per member: given as null (description, contact) */
    struct oc_target target;            /* a patch's id and version */
};

enum { M_URL, M_TYPES, M_FORMAT, M_DESCRIPTION, M_CONTACT, M_INFLIGHT, M_STATUS };

static void check_url(struct oc_v *v, struct sub_input *in)
{
    const char *code = NULL;
    char msg[200];
    in->f.url = oc_v_string(v, "url", 0, 8, SUBSCRIPTION_URL_MAX);
    if (in->f.url != NULL &&
        outbound_url_problem(in->f.url, &in->cfg->allow, &code, msg, sizeof(msg)) != NULL) {
        oc_v_error(v, "url", code, "%s", msg);
        in->f.url = NULL;
    }
}

static void check_types(struct oc_v *v, struct sub_input *in)
{
    const json_t *types = json_object_get(v->body, "event_types");
    size_t i, n = json_array_size(types);
    const json_t *t;
    if (!json_is_array(types) || n < 1 || n > SUBSCRIPTION_TYPES_MAX) {
        oc_v_error(v, "event_types", "invalid", "must be an array of 1 to %d event types",
                   SUBSCRIPTION_TYPES_MAX);
        return;
    }
    json_array_foreach(types, i, t)
    {
        const char *s = json_string_value(t), *problem = s ? subscription_type_problem(s) : NULL;
        char field[48];
        snprintf(field, sizeof(field), "event_types[%zu]", i);
        if (s == NULL)
            oc_v_error(v, field, "invalid", "must be a string");
        else if (problem != NULL)
            oc_v_error(v, field, "invalid", "%s", problem);
        for (size_t k = 0; s != NULL && k < i; k++)
            if (json_equal(t, json_array_get(types, k)))
                oc_v_error(v, field, "duplicate", "is listed twice");
    }
    in->f.event_types = types;
}

/* A plausible e-mail address: one '@', something either side, a dot after it. */
static void check_contact(struct oc_v *v, struct sub_input *in)
{
    in->f.contact_email = oc_v_string(v, "contact_email", 0, 3, 320);
    const char *e = in->f.contact_email, *at = e ? strchr(e, '@') : NULL;
    if (e != NULL && (at == NULL || at == e || strchr(at + 1, '@') != NULL ||
                      strchr(at + 1, '.') == NULL || strchr(e, ' ') != NULL)) {
        oc_v_error(v, "contact_email", "invalid", "must be an e-mail address");
        in->f.contact_email = NULL;
    }
}

/* Validates the members present; a create also requires url and event_types. */
static int sub_check(struct oc_v *v, struct sub_input *in, int create)
{
    static const char *const members[] = {"url",           "event_types",   "format", "description",
                                          "contact_email", "max_in_flight", "status", NULL};
    static const char *const create_members[] = {
        "url", "event_types", "format", "description", "contact_email", "max_in_flight", NULL};
    oc_v_only(v, create ? create_members : members);
    for (int m = 0; m <= M_STATUS; m++) {
        const json_t *value = json_object_get(v->body, members[m]);
        in->has[m] = value != NULL;
        in->clear[m] = json_is_null(value) && (m == M_DESCRIPTION || m == M_CONTACT);
        if (json_is_null(value) && !in->clear[m])
            oc_v_error(v, members[m], "null", "may not be null");
    }
    if (create && !in->has[M_URL])
        oc_v_error(v, "url", "required", "is required");
    if (create && !in->has[M_TYPES])
        oc_v_error(v, "event_types", "required", "is required");
    if (in->has[M_URL] && !json_is_null(json_object_get(v->body, "url")))
        check_url(v, in);
    if (in->has[M_TYPES] && !json_is_null(json_object_get(v->body, "event_types")))
        check_types(v, in);
    in->f.format = oc_v_enum(v, "format", 0, subscription_formats);
    if (!in->clear[M_DESCRIPTION])
        in->f.description = oc_v_string(v, "description", 0, 1, 500);
    if (!in->clear[M_CONTACT])
        check_contact(v, in);
    in->f.max_in_flight = SUBSCRIPTION_INFLIGHT_DEF;
    if (in->has[M_INFLIGHT] && !json_is_null(json_object_get(v->body, "max_in_flight")))
        oc_v_int(v, "max_in_flight", 0, 1, 16, &in->f.max_in_flight);
    if (!create)
        in->f.status = oc_v_enum(v, "status", 0, subscription_statuses);
    return oc_v_ok(v);
}

static int create_parse(struct oc_v *v, void *out)
{
    return sub_check(v, out, 1);
}

static enum oc_err sub_create(PGconn *conn, const void *input, struct oc_service *svc,
                              const char *traceparent, struct oc_write_result *out)
{
    const struct sub_input *in = input;
    struct subscription_fields f = in->f;
    char secret[DELIVERY_SECRET_LEN];
    (void)svc, (void)traceparent;
    if (delivery_secret_new(secret) != 0) {
        snprintf(out->detail, sizeof(out->detail), "no random bytes for a secret");
        return OC_INTERNAL;
    }
    f.format = f.format ? f.format : "cloudevents";
    f.status = "active";
    const char *owner = oc_principal_actor(oc_principal());
    enum oc_err rc = subscription_store_insert(conn, &f, owner, secret, &out->view);
    if (rc == OC_OK)
        json_object_set_new(out->view, "secret", json_string(secret));
    return rc;
}

int subscription_post(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/subscriptions/"};
    struct sub_input in;
    memset(&in, 0, sizeof(in));
    in.cfg = webhook_settings_of(svc);
    return oc_write_json(req, resp, svc, &spec, create_parse, &in, "subscription", sub_create, &in);
}

enum oc_err subscription_view(PGconn *conn, const char *id, json_t **out)
{
    return subscription_store_get(conn, id, webhook_request_owner(), 0, out);
}

int subscription_list(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc)
{
    struct subscription_filter f;
    json_t *errors = json_array();
    f.owner = webhook_request_owner();
    f.status = oc_query_enum(req, "status", subscription_statuses, errors);
    return oc_list_serve(req, resp, svc, errors, subscription_store_list, &f);
}

/* Locks subscription id as the caller may see it, at the version it read (version 0: any). */
enum oc_err webhook_sub_lock(PGconn *conn, const char *id, long long version, json_t **view,
                             struct oc_write_result *out)
{
    enum oc_err rc = subscription_store_get(conn, id, webhook_request_owner(), 1, view);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no subscription has this id");
    long long current = rc == OC_OK ? json_integer_value(json_object_get(*view, "version")) : 0;
    if (rc == OC_OK && version != 0 && current != version) {
        snprintf(out->detail, sizeof(out->detail),
                 "the subscription changed (version %lld, not %lld): read it again", current,
                 version);
        rc = OC_PRECONDITION;
    }
    return rc;
}

static const char *str_of(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static enum oc_err sub_update(PGconn *conn, const void *input, struct oc_service *svc,
                              const char *traceparent, struct oc_write_result *out)
{
    const struct sub_input *in = input;
    json_t *view = NULL;
    (void)svc, (void)traceparent;
    enum oc_err rc = webhook_sub_lock(conn, in->target.id, in->target.version, &view, out);
    if (rc != OC_OK)
        return rc;
    struct subscription_fields f = {
        in->has[M_URL] ? in->f.url : str_of(view, "url"),
        in->has[M_TYPES] ? in->f.event_types : json_object_get(view, "event_types"),
        in->has[M_FORMAT] ? in->f.format : str_of(view, "format"),
        in->has[M_DESCRIPTION] ? in->f.description : str_of(view, "description"),
        in->has[M_CONTACT] ? in->f.contact_email : str_of(view, "contact_email"),
        in->has[M_INFLIGHT] ? in->f.max_in_flight
                            : json_integer_value(json_object_get(view, "max_in_flight")),
        in->has[M_STATUS] ? in->f.status : str_of(view, "status")};
    int resume = strcmp(str_of(view, "status"), "paused") == 0 && strcmp(f.status, "active") == 0;
    rc = subscription_store_update(conn, in->target.id, &f, resume);
    if (rc == OC_OK)
        rc = subscription_store_get(conn, in->target.id, NULL, 0, &out->view);
    json_decref(view);
    return rc;
}

static int patch_parse(struct oc_v *v, void *out)
{
    return sub_check(v, out, 0);
}

int subscription_patch(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct sub_input in;
    memset(&in, 0, sizeof(in));
    in.cfg = webhook_settings_of(svc);
    return oc_write_change(req, resp, svc, &spec, patch_parse, &in, "subscription", &in.target,
                           sub_update, &in);
}

/* Reads :id and an optional If-Match into target; on failure sends the problem and returns 0. */
int webhook_target(const struct _u_request *req, struct _u_response *resp, const char *what,
                   struct oc_target *target)
{
    target->id = u_map_get(req->map_url, "id");
    target->version = 0;
    if (!oc_uuid_ok(target->id)) {
        char detail[96];
        snprintf(detail, sizeof(detail), "no %s has this id", what);
        oc_http_problem(resp, OC_NOT_FOUND, detail, NULL);
        return 0;
    }
    if (u_map_get_case(req->map_header, "If-Match") != NULL &&
        oc_http_if_match(req, &target->version) != OC_OK) {
        oc_http_problem(resp, OC_PRECONDITION, "If-Match is not one of our ETags", NULL);
        return 0;
    }
    return 1;
}

static enum oc_err sub_delete(PGconn *conn, const void *input, struct oc_service *svc,
                              const char *traceparent, struct oc_write_result *out)
{
    const struct oc_target *t = input;
    (void)svc, (void)traceparent;
    enum oc_err rc = webhook_sub_lock(conn, t->id, t->version, &out->view, out);
    if (rc == OC_OK)
        rc = subscription_store_delete(conn, t->id);
    if (rc == OC_OK)
        json_object_set_new(out->view, "status", json_string("deleted"));
    return rc;
}

int subscription_delete(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct oc_target t;
    if (!webhook_target(req, resp, "subscription", &t))
        return U_CALLBACK_COMPLETE;
    return oc_write(req, resp, svc, &spec, sub_delete, &t);
}

static enum oc_err sub_rotate(PGconn *conn, const void *input, struct oc_service *svc,
                              const char *traceparent, struct oc_write_result *out)
{
    const struct oc_target *t = input;
    json_t *view = NULL;
    char secret[DELIVERY_SECRET_LEN];
    (void)traceparent;
    enum oc_err rc = webhook_sub_lock(conn, t->id, t->version, &view, out);
    json_decref(view);
    if (rc == OC_OK && delivery_secret_new(secret) != 0) {
        snprintf(out->detail, sizeof(out->detail), "no random bytes for a secret");
        rc = OC_INTERNAL;
    }
    if (rc == OC_OK)
        rc = subscription_store_rotate(conn, t->id, secret,
                                       webhook_settings_of(svc)->secret_overlap_s);
    if (rc == OC_OK)
        rc = subscription_store_get(conn, t->id, NULL, 0, &out->view);
    if (rc == OC_OK)
        json_object_set_new(out->view, "secret", json_string(secret));
    return rc;
}

int subscription_rotation_post(const struct _u_request *req, struct _u_response *resp,
                               struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct oc_target t;
    if (!webhook_target(req, resp, "subscription", &t))
        return U_CALLBACK_COMPLETE;
    return oc_write(req, resp, svc, &spec, sub_rotate, &t);
}
