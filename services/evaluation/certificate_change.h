/*
 * Everything that creates a certificate or changes its status, inside the
 * caller's open transaction: the certificate row, its history entry and the
 * outbox events commit together or not at all. Used by certificate_grant(),
 * the certificate and inspection handlers and the expiry scheduler.
 */
#ifndef EVAL_CERTIFICATE_CHANGE_H
#define EVAL_CERTIFICATE_CHANGE_H

#include <stddef.h>

#include <libpq-fe.h>

#include "common/err.h"
#include "common/service.h"
#include "common/write.h"
#include "evaluation/certificate.h"

/*
 * Today by the service's clock (OCOP_CLOCK_FILE) as days and as YYYY-MM-DD
 * (day_text, at least 11 bytes). OC_UNAVAILABLE with detail when the clock
 * file cannot be read.
 */
enum oc_err certificate_today(const struct oc_service *svc, long *day, char *day_text, char *detail,
                              size_t detaillen);

/* A recognition to turn into a certificate. */
struct certificate_issue {
    const struct certificate_fields *fields; /* what was decided */
    const char *actor;                       /* who: the caller's token subject */
    int require_in_force;                    /* 1: the rule set must be in force on issued_on */
};

/*
 * Issues a certificate (see certificate_grant.h for the contract). On
 * failure out->detail says why and out->errors names the fields for
 * OC_INVALID (and product_id for OC_NOT_FOUND).
 */
enum oc_err certificate_issue(PGconn *conn, struct oc_service *svc,
                              const struct certificate_issue *in, const char *traceparent,
                              struct oc_write_result *out);

#define CERTIFICATE_REINSTATED "reinstated" /* target of a move back from suspended */

/* A status change of one certificate. */
struct certificate_move {
    const char *id;                    /* the certificate */
    long long version;                 /* the version the client read, or -1 not to check */
    const char *to;                    /* target status, or CERTIFICATE_REINSTATED */
    const struct certificate_why *why; /* who, why, on which decision, caused by what */
};

/*
 * Moves a certificate: OC_NOT_FOUND, OC_PRECONDITION (stale version),
 * OC_CONFLICT (a move the rules refuse, e.g. from a final status) or
 * OC_INVALID (decided_on before issued_on or after today) with out->detail.
 * On success out->view is the certificate's full view.
 */
enum oc_err certificate_move(PGconn *conn, struct oc_service *svc, const struct certificate_move *m,
                             const char *traceparent, struct oc_write_result *out);

#endif
