/*
 * Webhooks: subscriptions of the portal and partners, one delivery per
 * subscription and matching event, and the dispatcher thread that sends them
 * (Standard Webhooks signatures, retries on a schedule, dead deliveries).
 */
#ifndef NOTIF_WEBHOOK_H
#define NOTIF_WEBHOOK_H

#include <stddef.h>

#include <libpq-fe.h>

#include "common/event.h"
#include "common/service.h"

/* Webhook settings (environment, read at start). */
struct webhook_settings {
    int unused; /* placeholder until the webhook settings exist */
};

/* Reads the settings; returns 0, or -1 with the reason in err. */
int webhook_settings_load(struct webhook_settings *s, char *err, size_t errlen);
void webhook_settings_clean(struct webhook_settings *s);

/*
 * Queues a delivery of ev to every active subscription that wants its type,
 * inside the consumer's transaction (so once per event).
 */
enum oc_err webhook_on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                             char *err, size_t errlen);

struct webhook_dispatcher;

/* Starts the sending thread; NULL after logging why. */
struct webhook_dispatcher *webhook_dispatcher_start(struct oc_service *svc);

/* Stops and frees it; d may be NULL. */
void webhook_dispatcher_stop(struct webhook_dispatcher *d);

#endif
