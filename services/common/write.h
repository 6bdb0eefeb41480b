/*
 * The one way a service performs a write from HTTP: in one transaction, claim
 * the Idempotency-Key, run the change (which adds its outbox events on the
 * same connection), store the response for replays, commit, respond. Nothing
 * is written when any step fails.
 */
#ifndef OC_WRITE_H
#define OC_WRITE_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>
#include <ulfius.h>

#include "common/err.h"
#include "common/service.h"

/* What a change reports back. */
struct oc_write_result {
    json_t *view;     /* the resource as the response shows it (owned), on success */
    char detail[256]; /* on failure: what went wrong, for the problem response */
    json_t *errors;   /* on failure: per-field errors (owned), or NULL */
};

/*
 * A change: runs on conn inside the open transaction. Returns OC_OK with
 * out->view set, or an error with out->detail (and maybe out->errors).
 */
typedef enum oc_err (*oc_write_fn)(PGconn *conn, const void *input, struct oc_service *svc,
                                   const char *traceparent, struct oc_write_result *out);

/* How to answer a successful write. */
struct oc_write_spec {
    const char *scope;           /* the route, e.g. "POST /v1/products" (for documentation) */
    unsigned int status;         /* 201 for a create, 200 for an update */
    const char *location_prefix; /* e.g. "/v1/products/": Location = prefix + view.id; or NULL */
};

/* Runs fn for req and sends the response. Returns U_CALLBACK_COMPLETE. */
int oc_write(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
             const struct oc_write_spec *spec, oc_write_fn fn, const void *input);

/* Parses and validates a JSON body; on failure sends the problem and returns 0. */
int oc_write_body(const struct _u_request *req, struct _u_response *resp, json_t **body);

#endif
