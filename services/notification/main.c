/*
 * ocop-notification: the platform's outward side. Consumes every service's
 * events into a small read model (products, public producer names,
 * certificates), delivers them to subscribed endpoints as signed webhooks,
 * mails producers what concerns them, and answers the public: certificate
 * verification (JSON, an HTML page and label QR codes) and open data.
 */
#include "common/service.h"
#include "notification/app.h"
#include "notification/handlers.h"

/* After consumed events commit: what they queued is sent now, not at the next poll. */
static void wake_senders(struct oc_service *svc)
{
    webhook_dispatcher_kick(svc->app->dispatcher);
    mail_sender_kick(svc->app->sender);
}

int main(void)
{
    struct oc_service svc;
    struct webhook_dispatcher *webhooks = NULL;
    struct mail_sender *mail = NULL;
    int code = 1;

    if (oc_service_init(&svc, "notification", 8084) == 0 && notification_config(&svc) == 0) {
        oc_service_set_tables(&svc, &notification_tables);
        oc_service_on_commit(&svc, wake_senders);
        webhooks = svc.app->dispatcher = webhook_dispatcher_start(&svc);
        mail = svc.app->sender = mail_sender_start(&svc);
        if (webhooks != NULL && mail != NULL)
            code = oc_service_run(&svc);
        mail_sender_stop(mail);
        webhook_dispatcher_stop(webhooks);
        svc.app->sender = NULL;
        svc.app->dispatcher = NULL;
    }
    notification_config_clean(&svc);
    oc_service_clean(&svc);
    return code;
}
