/*
 * The audit trail: one append-only, hash-chained row per mutating request and
 * per refused one (401/403), written by the dispatcher after the handler
 * (schemas/sql/common/0003_audit.sql holds the table, the chain and the
 * triggers that refuse UPDATE and DELETE), and GET /v1/audit to read it.
 */
#ifndef OC_AUDIT_H
#define OC_AUDIT_H

#include <ulfius.h>

#include "common/auth.h"
#include "common/service.h"

/* What one audit row records (all borrowed). */
struct oc_audit_entry {
    const struct oc_principal *who; /* the caller (anonymous: no subject) */
    const char *method;             /* HTTP method */
    const char *route;              /* route template, e.g. "/v1/products/{id}" */
    const char *object_id;          /* the object acted on, or NULL */
    unsigned int status;            /* the response's status */
    const char *request_id;         /* X-Request-Id of the response */
    const char *client;             /* the client's address, or NULL */
};

/* Appends a row; a failure is logged (the response is already decided). */
void oc_audit_append(struct oc_service *svc, const struct oc_audit_entry *e);

/* GET /v1/audit: filters subject, object, from, to; newest first; keyset pages. */
int oc_audit_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);

#endif
