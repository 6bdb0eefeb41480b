#include <stdio.h>
#include <string.h>

#include "common/auth.h"
#include "common/http.h"
#include "common/read.h"
#include "common/write.h"
#include "evaluation/certificate_change.h"
#include "evaluation/certificate_store.h"
#include "evaluation/handlers.h"

/* The body, and the caller as the one who records the certificate. */
OC_PARSER_ACTOR(record_parse, certificate_record_from_json, struct certificate_record);

static enum oc_err certificate_create(PGconn *conn, const void *input, struct oc_service *svc,
                                      const char *traceparent, struct oc_write_result *out)
{
    const struct certificate_record *r = input;
    struct certificate_issue in = {&r->fields, r->actor, 1};
    enum oc_err rc = certificate_issue(conn, svc, &in, traceparent, out);
    return rc == OC_NOT_FOUND ? OC_INVALID : rc; /* an unknown product is a field error here */
}

int certificate_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/certificates/"};
    struct certificate_record r;
    memset(&r, 0, sizeof(r));
    return oc_write_json(req, resp, svc, &spec, record_parse, &r, "certificate", certificate_create,
                         &r);
}

int certificate_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const char *const stars[] = {"3", "4", "5", NULL};
    struct certificate_filter f;
    json_t *errors = json_array();
    f.product_id = oc_query_uuid(req, "product_id", errors);
    f.status = oc_query_enum(req, "status", certificate_statuses, errors);
    f.stars = oc_query_enum(req, "stars", stars, errors);
    f.number = oc_query_text(req, "number", CERTIFICATE_NUMBER_MAX, errors);
    return oc_list_serve(req, resp, svc, errors, certificate_store_list, &f);
}

/* A status change asked for over HTTP. */
struct certificate_request {
    struct oc_target target;    /* the certificate and the version the client read */
    const char *to;             /* "revoked" or CERTIFICATE_REINSTATED */
    struct certificate_why why; /* the validated body */
};

static enum oc_err certificate_change(PGconn *conn, const void *input, struct oc_service *svc,
                                      const char *traceparent, struct oc_write_result *out)
{
    const struct certificate_request *r = input;
    struct certificate_move m = {r->target.id, r->target.version, r->to, &r->why};
    return certificate_move(conn, svc, &m, traceparent, out);
}

/* The bodies of a revocation and a reinstatement, and the caller as the actor. */
OC_PARSER_ACTOR(revocation_parse, certificate_revocation_from_json, struct certificate_why);
OC_PARSER_ACTOR(reinstatement_parse, certificate_reinstatement_from_json, struct certificate_why);

int certificate_revocation_post(const struct _u_request *req, struct _u_response *resp,
                                struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct certificate_request r;
    memset(&r, 0, sizeof(r));
    r.to = "revoked";
    return oc_write_change(req, resp, svc, &spec, revocation_parse, &r.why, "certificate",
                           &r.target, certificate_change, &r);
}

int certificate_reinstatement_post(const struct _u_request *req, struct _u_response *resp,
                                   struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct certificate_request r;
    memset(&r, 0, sizeof(r));
    r.to = CERTIFICATE_REINSTATED;
    return oc_write_change(req, resp, svc, &spec, reinstatement_parse, &r.why, "certificate",
                           &r.target, certificate_change, &r);
}
