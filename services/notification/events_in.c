/*
 * Every consumed event goes through one handler, inside the transaction that
 * claims it in the inbox: the read model first (products, producers,
 * certificates), then the mail it calls for, then a delivery per matching
 * webhook subscription. So each effect happens once per event, restarts and
 * redeliveries included.
 *
 * ocop.evaluation.round.status_changed.v1 is knowingly left to the webhooks
 * alone: a round's move touches no product, producer or certificate of the
 * read model and calls for no mail, so the first three steps pass it by.
 *
 * ocop.evaluation.evaluation.forwarded.v1 and ocop.evaluation.dossier.returned.v1
 * are knowingly left to the webhooks: the read model keeps nothing of them and
 * they mail no one (a returned dossier reaches the producer by the
 * application.status_changed to supplement_requested that registration emits).
 *
 * ocop.registration.support.paid.v1 and ocop.registration.support.cancelled.v1
 * (the support ledger) are knowingly left to the webhooks: the read model
 * keeps no payments, the public face shows none, and no mail is sent for them
 * (the finance office reads the ledger in registration).
 */
#include "common/contracts.h"
#include "notification/handlers.h"
#include "notification/mail.h"
#include "notification/public_events.h"
#include "notification/read_model.h"
#include "notification/read_model_store.h"
#include "notification/webhook.h"

enum oc_err on_event(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                     size_t errlen)
{
    struct oc_service *svc = ctx;
    enum oc_err rc = rm_store_apply(conn, ev, err, errlen);
    if (rc == OC_OK)
        rc = public_on_event(conn, ev, svc, err, errlen);
    if (rc == OC_OK)
        rc = mail_on_event(conn, ev, svc, err, errlen);
    if (rc == OC_OK)
        rc = webhook_on_event(conn, ev, svc, err, errlen);
    return rc;
}
