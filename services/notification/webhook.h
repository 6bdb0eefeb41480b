/*
 * Webhooks: subscriptions of the portal and partners, one delivery per
 * subscription and matching event, and the dispatcher thread that sends them
 * (Standard Webhooks signatures, retries on a schedule, dead deliveries).
 */
#ifndef NOTIF_WEBHOOK_H
#define NOTIF_WEBHOOK_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>
#include <ulfius.h>

#include "common/event.h"
#include "common/service.h"
#include "notification/address.h"
#include "notification/delivery.h"

/* Webhook settings (environment, read at start; README "Webhooks"). */
struct webhook_settings {
    int secret_overlap_s;              /* OCOP_WEBHOOK_SECRET_OVERLAP_S: old secret signs too */
    char agency[33];                   /* OCOP_PORTAL_AGENCY_CODE: receiving_agency */
    struct address_allow allow;        /* OCOP_WEBHOOK_ALLOW_ADDRESSES */
    struct delivery_schedule schedule; /* OCOP_WEBHOOK_RETRY_SCHEDULE_FILE x _RETRY_SCALE */
    int pause_after;                   /* OCOP_WEBHOOK_PAUSE_AFTER: consecutive failures */
    int connect_timeout_ms;            /* OCOP_WEBHOOK_CONNECT_TIMEOUT_MS */
    int timeout_ms;                    /* OCOP_WEBHOOK_TIMEOUT_MS: a whole attempt */
    int workers;                       /* OCOP_WEBHOOK_WORKERS: sending threads */
    int poll_ms;                       /* OCOP_WEBHOOK_POLL_MS: idle wait between claims */
    int curl_ready;                    /* 1 once libcurl is initialised (cleaned with these) */
};

/* The settings of the running service (svc->app). */
const struct webhook_settings *webhook_settings_of(const struct oc_service *svc);

/* Reads the settings; returns 0, or -1 with the reason in err. */
int webhook_settings_load(struct webhook_settings *s, char *err, size_t errlen);
void webhook_settings_clean(struct webhook_settings *s);

/*
 * Queues a delivery of ev to every active subscription that wants its type,
 * inside the consumer's transaction (so once per event).
 */
enum oc_err webhook_on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                             char *err, size_t errlen);

/*
 * For the webhook handlers: the owner whose subscriptions the caller may see
 * (its token subject), or NULL for an admin, who sees all.
 */
const char *webhook_request_owner(void);

struct oc_write_result;
struct oc_target;

/*
 * Locks subscription id as the caller may see it (404 otherwise), at version
 * (0: any; another is 412), its view into *view (caller owns).
 */
enum oc_err webhook_sub_lock(PGconn *conn, const char *id, long long version, json_t **view,
                             struct oc_write_result *out);

/* Reads :id (404 when malformed) and an optional If-Match; 0 after sending the problem. */
int webhook_target(const struct _u_request *req, struct _u_response *resp, const char *what,
                   struct oc_target *target);

struct webhook_dispatcher;

/* Starts the sending thread; NULL after logging why. */
struct webhook_dispatcher *webhook_dispatcher_start(struct oc_service *svc);

/* Wakes the workers: deliveries were committed (d may be NULL). */
void webhook_dispatcher_kick(struct webhook_dispatcher *d);

/* Stops and frees it; d may be NULL. */
void webhook_dispatcher_stop(struct webhook_dispatcher *d);

#endif
