/*
 * The one way a certificate comes into being: a recognition (a council's
 * result at the level that recognises its stars, or a recorded decision made
 * before this platform) grants the product a certificate. Results
 * (round finalisation) and POST /v1/certificates both call it.
 */
#ifndef EVAL_CERTIFICATE_GRANT_H
#define EVAL_CERTIFICATE_GRANT_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "common/service.h"

/* What a recognition decided. Strings are borrowed. */
struct certificate_grant {
    const char *product_id;      /* UUID of a product in the evaluation's view */
    int stars;                   /* 3..5: only OCOP products get a certificate */
    const char *rule_set;        /* id of the rule set the decision was made under */
    const char *level;           /* level that recognised: "district", "province" or "central" */
    const char *decision_number; /* số quyết định, e.g. "123/QĐ-UBND" */
    const char *issued_on;       /* YYYY-MM-DD, the decision's date; expiry follows from it */
    const char *result_id;       /* UUID of the evaluation result it comes from, or NULL */
    const char *application_id;  /* registry's application UUID, or NULL */
    const char *actor;           /* who decided: the caller's subject ("evaluation" when NULL) */
    const char *number;          /* the number the decision gives the certificate, or NULL for
                                  * the pattern's; required at the central level */
};

/*
 * Inside the caller's open transaction: supersedes the product's current
 * certificate (valid, expiring or suspended), issues the new one with its
 * number and expiry, and adds the outbox events (certificate.status_changed
 * "superseded" for the old one, certificate.issued for the new one).
 * On success *view is the new certificate as GET /v1/certificates/{id} shows
 * it (caller owns). On failure detail says why (OC_INVALID, OC_CONFLICT,
 * OC_NOT_FOUND for an unknown product, or a database error); a bad or missing
 * number is named "certificate_number" there, as the result's body calls it.
 */
enum oc_err certificate_grant(PGconn *conn, struct oc_service *svc,
                              const struct certificate_grant *grant, const char *traceparent,
                              json_t **view, char *detail, size_t detaillen);

#endif
