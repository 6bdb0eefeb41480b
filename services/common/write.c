#include "common/write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "common/http.h"
#include "common/idempotency.h"
#include "common/log.h"

int oc_write_body(const struct _u_request *req, struct _u_response *resp, json_t **body)
{
    char detail[256];
    enum oc_err rc = oc_http_body(req, body, detail, sizeof(detail));
    if (rc != OC_OK) {
        oc_http_problem(resp, rc, detail, NULL);
        return 0;
    }
    return 1;
}

static int write_respond(struct _u_response *resp, const struct oc_write_spec *spec, json_t *view,
                         const char *location)
{
    if (location[0] != '\0')
        u_map_put(resp->map_header, "Location", location);
    json_t *version = json_object_get(view, "version");
    if (json_is_integer(version))
        oc_http_etag(resp, (long long)json_integer_value(version));
    return oc_http_json(resp, spec->status, view);
}

/* Everything inside the transaction. On success *view and location are set. */
static enum oc_err write_tx(PGconn *conn, const struct _u_request *req, struct oc_service *svc,
                            const struct oc_write_spec *spec, oc_write_fn fn, const void *input,
                            struct oc_idem *idem, struct oc_write_result *out, char *location,
                            size_t loclen)
{
    enum oc_err rc = oc_idem_begin(conn, req, svc->cfg.idempotency_ttl_s, idem);
    if (rc == OC_BAD_REQUEST)
        snprintf(out->detail, sizeof(out->detail),
                 "Idempotency-Key must be 1 to 255 printable ASCII characters");
    else if (rc == OC_IDEMPOTENCY)
        snprintf(out->detail, sizeof(out->detail),
                 "this Idempotency-Key was used with a different request body");
    if (rc != OC_OK || idem->replay)
        return rc;
    rc = fn(conn, input, svc, oc_http_traceparent(req), out);
    if (rc != OC_OK)
        return rc;
    const char *id = json_string_value(json_object_get(out->view, "id"));
    if (spec->location_prefix != NULL && id != NULL)
        snprintf(location, loclen, "%s%s", spec->location_prefix, id);
    rc = oc_idem_finish(conn, idem, (int)spec->status, out->view, location);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    return rc;
}

int oc_write(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
             const struct oc_write_spec *spec, oc_write_fn fn, const void *input)
{
    struct oc_write_result out = {NULL, "", NULL};
    struct oc_idem idem;
    char location[512] = "";
    memset(&idem, 0, sizeof(idem));
    PGconn *conn = oc_db_acquire(svc->pool);
    if (conn == NULL)
        return oc_http_problem(resp, OC_DB, "the database is not reachable; try again", NULL);
    enum oc_err rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = write_tx(conn, req, svc, spec, fn, input, &idem, &out, location, sizeof(location));
    if (rc != OC_OK || idem.replay)
        oc_db_rollback(conn);
    else
        oc_idem_purge(conn, svc->cfg.idempotency_ttl_s);
    oc_db_release(svc->pool, conn);
    int ret;
    if (rc == OC_OK && idem.replay)
        ret = oc_idem_replay(resp, &idem);
    else if (rc == OC_OK)
        ret = write_respond(resp, spec, json_incref(out.view), location);
    else
        ret = oc_http_problem(resp, rc, out.detail[0] ? out.detail : NULL, json_incref(out.errors));
    json_decref(out.view);
    json_decref(out.errors);
    oc_idem_clean(&idem);
    return ret;
}

int oc_write_json(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
                  const struct oc_write_spec *spec, oc_parse_fn parse, void *out, const char *what,
                  oc_write_fn fn, const void *input)
{
    struct oc_v v;
    json_t *body = NULL;
    char detail[128];
    if (!oc_write_body(req, resp, &body))
        return U_CALLBACK_COMPLETE;
    oc_v_init(&v, body);
    snprintf(detail, sizeof(detail), "the %s is not valid", what);
    int ret = parse(&v, out) ? oc_write(req, resp, svc, spec, fn, input)
                             : oc_http_problem(resp, OC_INVALID, detail, oc_v_take_errors(&v));
    oc_v_clean(&v);
    json_decref(body);
    return ret;
}

int oc_write_change(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
                    const struct oc_write_spec *spec, oc_parse_fn parse, void *out,
                    const char *what, struct oc_target *target, oc_write_fn fn, const void *input)
{
    char detail[128];
    target->id = u_map_get(req->map_url, "id");
    if (!oc_uuid_ok(target->id)) {
        snprintf(detail, sizeof(detail), "no %s has this id", what);
        return oc_http_problem(resp, OC_NOT_FOUND, detail, NULL);
    }
    enum oc_err rc = oc_http_if_match(req, &target->version);
    if (rc != OC_OK) {
        snprintf(detail, sizeof(detail), "send If-Match with the %s's current ETag", what);
        return oc_http_problem(resp, rc, detail, NULL);
    }
    return oc_write_json(req, resp, svc, spec, parse, out, what, fn, input);
}

enum oc_err oc_write_refuse(struct oc_write_result *out, enum oc_err rc, const char *detail,
                            const char *field, const char *code, const char *message)
{
    json_decref(out->errors);
    out->errors = json_pack("[{s:s,s:s,s:s}]", "field", field, "code", code, "message", message);
    snprintf(out->detail, sizeof(out->detail), "%s", detail != NULL ? detail : message);
    return rc;
}

enum oc_err oc_write_stale(struct oc_write_result *out, const char *what, long long version)
{
    snprintf(out->detail, sizeof(out->detail), "the %s changed since version %lld; read it again",
             what, version);
    return OC_PRECONDITION;
}
