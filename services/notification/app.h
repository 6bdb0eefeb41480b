/*
 * The notification service's own data (svc->app): the settings of its three
 * parts, each read by its module at start.
 */
#ifndef NOTIF_APP_H
#define NOTIF_APP_H

#include "common/service.h"
#include "notification/mail.h"
#include "notification/public.h"
#include "notification/webhook.h"

struct oc_app {
    struct webhook_settings webhook;       /* subscriptions and deliveries (webhook.h) */
    struct mail_settings mail;             /* e-mail to producers (mail.h) */
    struct public_settings pub;            /* verification and open data (public.h) */
    struct webhook_dispatcher *dispatcher; /* the webhook sending threads, once started */
    struct mail_sender *sender;            /* the mail sending thread, once started */
};

#endif
