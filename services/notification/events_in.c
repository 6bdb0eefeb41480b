/*
 * Every consumed event goes through one handler, inside the transaction that
 * claims it in the inbox: the read model first (products, producers,
 * certificates), then the mail it calls for, then a delivery per matching
 * webhook subscription. So each effect happens once per event, restarts and
 * redeliveries included.
 */
#include <string.h>

#include "common/contracts.h"
#include "notification/handlers.h"
#include "notification/mail.h"
#include "notification/public_events.h"
#include "notification/read_model.h"
#include "notification/read_model_store.h"
#include "notification/webhook.h"

static int type_is(const struct oc_event_in *ev, const char *type)
{
    return strcmp(ev->type, type) == 0;
}

/* Keeps what the read model needs of ev (nothing for most types). */
static enum oc_err read_model_apply(PGconn *conn, const struct oc_event_in *ev, char *err,
                                    size_t errlen)
{
    if (type_is(ev, "ocop.registration.producer.registered.v1") ||
        type_is(ev, "ocop.registration.producer.updated.v1")) {
        struct oc_producer_registered p;
        enum oc_err rc = oc_producer_registered_parse(ev->data, &p, err, errlen);
        return rc == OC_OK ? rm_store_producer(conn, &p) : rc;
    }
    if (type_is(ev, "ocop.registration.product.registered.v1") ||
        type_is(ev, "ocop.registration.product.updated.v1")) {
        struct oc_product_registered p;
        enum oc_err rc = oc_product_registered_parse(ev->data, &p, err, errlen);
        return rc == OC_OK ? rm_store_product(conn, &p) : rc;
    }
    if (strncmp(ev->type, "ocop.evaluation.certificate.", 28) == 0) {
        struct rm_certificate c;
        enum oc_err rc = rm_certificate_parse(ev->data, &c, err, errlen);
        return rc == OC_OK ? rm_store_certificate(conn, &c) : rc;
    }
    return OC_OK;
}

enum oc_err on_event(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                     size_t errlen)
{
    struct oc_service *svc = ctx;
    enum oc_err rc = read_model_apply(conn, ev, err, errlen);
    if (rc == OC_OK)
        rc = public_on_event(conn, ev, svc, err, errlen);
    if (rc == OC_OK)
        rc = mail_on_event(conn, ev, svc, err, errlen);
    if (rc == OC_OK)
        rc = webhook_on_event(conn, ev, svc, err, errlen);
    return rc;
}
