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
 * ocop.evaluation.inspection.follow_up_overdue.v1 and
 * ocop.evaluation.market_finding.recorded.v1 are knowingly left to the
 * webhooks too: the read model keeps products, producers and certificates,
 * which neither changes (an overdue follow-up changes no certificate; a
 * market finding is about a product without one), and neither mails anyone
 * (the producer of a market finding is known only by the name printed on
 * the product; the inspectors who follow up are the ones who recorded it).
 *
 * ocop.registration.idea.status_changed.v1 and
 * ocop.registration.business_plan.status_changed.v1 (the cycle before the
 * dossier) are knowingly left to the webhooks too: they name no product of
 * the read model until an idea is linked to one, hold no personal data to
 * keep, and no mail template is asked for them (a producer learns of its
 * screening at the commune; a mail kind can be added as data later).
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

enum oc_err on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc, char *err,
                     size_t errlen)
{
    enum oc_err rc = read_model_store_apply(conn, ev, err, errlen);
    if (rc == OC_OK)
        rc = public_on_event(conn, ev, svc, err, errlen);
    if (rc == OC_OK)
        rc = mail_on_event(conn, ev, svc, err, errlen);
    if (rc == OC_OK)
        rc = webhook_on_event(conn, ev, svc, err, errlen);
    return rc;
}
