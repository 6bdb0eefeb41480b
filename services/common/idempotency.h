/*
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a POST's key
 * claimed, answered once and replayed, in the request's transaction, with
 * every statement about the idempotency_keys table.
 */
#ifndef OC_IDEMPOTENCY_H
#define OC_IDEMPOTENCY_H

#include <jansson.h>
#include <libpq-fe.h>
#include <ulfius.h>

#include "common/err.h"

/* A POST's Idempotency-Key state inside the request's transaction. */
struct oc_idem {
    int active;         /* 1 when the request carried a key */
    int replay;         /* 1 when a stored response must be sent instead */
    char scope[320];    /* method and the request's path: a key is scoped to one resource */
    char key[256];      /* the key */
    char subject[129];  /* the caller's token subject ("" anonymous): keys are per caller */
    int status;         /* stored status (replay) */
    json_t *body;       /* stored body (replay; owned) */
    char location[512]; /* stored Location ("" when none) */
};

/*
 * Claims the request's Idempotency-Key (if any), scoped to the caller (the
 * token's subject), the request's method and path, in the open transaction on
 * conn; a key older than ttl_s seconds counts as unused. Returns OC_OK (idem->replay tells whether
 * to replay), OC_IDEMPOTENCY when the key was used with another body, OC_BAD_REQUEST for a
 * malformed key, or a database error.
 */
enum oc_err oc_idem_begin(PGconn *conn, const struct _u_request *req, int ttl_s,
                          struct oc_idem *idem);

/* Deletes keys older than ttl_s seconds, at most once a minute per process (a no-op otherwise). */
void oc_idem_purge(PGconn *conn, int ttl_s);

/* Stores the response for an active key in the same transaction. body is borrowed. */
enum oc_err oc_idem_finish(PGconn *conn, const struct oc_idem *idem, int status, const json_t *body,
                           const char *location);

/* Sends a stored response. Returns U_CALLBACK_COMPLETE. */
int oc_idem_replay(struct _u_response *resp, struct oc_idem *idem);

/* Frees what oc_idem_begin kept. */
void oc_idem_clean(struct oc_idem *idem);

#endif
