/*
 * The certificate events, built from a certificate's view and added to the
 * outbox in the caller's transaction. Each is keyed by the product_id (Kafka
 * key and ce_subject), so that one product's certificate events stay in
 * order on one partition.
 */
#ifndef EVAL_CERTIFICATE_EVENTS_H
#define EVAL_CERTIFICATE_EVENTS_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "common/service.h"
#include "evaluation/certificate.h"

#define EVENT_CERTIFICATE_ISSUED         "ocop.evaluation.certificate.issued.v1"
#define EVENT_CERTIFICATE_STATUS_CHANGED "ocop.evaluation.certificate.status_changed.v1"
#define EVENT_CERTIFICATE_EXPIRY_NOTICE  "ocop.evaluation.certificate.expiry_notice.v1"

/*
 * ocop.evaluation.certificate.issued.v1 for view; supersedes is the replaced
 * certificate or NULL; actor who issued it (a token subject, never a name).
 */
enum oc_err certificate_emit_issued(PGconn *conn, struct oc_service *svc, const json_t *view,
                                    const char *supersedes, const char *actor,
                                    const char *traceparent);

/*
 * ocop.evaluation.certificate.status_changed.v1 for view (the certificate
 * after the change), which came from status from for why on the clock's day
 * today; its actor is why->actor (a token subject, or the system's name).
 */
enum oc_err certificate_emit_changed(PGconn *conn, struct oc_service *svc, const json_t *view,
                                     const char *from, const struct certificate_why *why,
                                     const char *today, const char *traceparent);

/* An expiry notice sent on the clock's day today. */
struct certificate_notice {
    int offset_days;    /* the offset sent */
    const char *due_on; /* expires_on - offset_days */
    long days_left;     /* days from today to expires_on, inclusive of neither */
    const int *skipped; /* larger offsets skipped now (missed while nothing ran) */
    size_t nskipped;    /* entries in skipped */
};

/* ocop.evaluation.certificate.expiry_notice.v1 for view. */
enum oc_err certificate_emit_notice(PGconn *conn, struct oc_service *svc, const json_t *view,
                                    const struct certificate_notice *n, const char *today,
                                    const char *traceparent);

#endif
