#include "common/log.h"
#include "notification/app.h"
#include "notification/handlers.h"

const struct oc_route notification_routes[] = {
    {"GET", "/v1/verify/{number}", public_verify_get, "public portal admin", 0},
    /* mail (mail_http.c) */
    {"GET", "/v1/mail", mail_list, "province_officer admin", 0},
    {"GET", "/v1/producers/{id}/mail-preferences", mail_preferences_get,
     "producer province_officer admin", 0},
    {"PUT", "/v1/producers/{id}/mail-preferences", mail_preferences_put,
     "producer province_officer admin", 0},
    /* webhooks */
    {"POST", "/v1/subscriptions", subscription_post, "portal admin", 0},
    {"GET", "/v1/subscriptions", subscription_list, "portal admin", 0},
    {"GET", "/v1/subscriptions/{id}", subscription_get, "portal admin", 0},
    {"PATCH", "/v1/subscriptions/{id}", subscription_patch, "portal admin", 0},
    {"DELETE", "/v1/subscriptions/{id}", subscription_delete, "portal admin", 0},
    {"POST", "/v1/subscriptions/{id}/secret-rotations", subscription_rotation_post, "portal admin",
     0},
    {"POST", "/v1/subscriptions/{id}/redrive", subscription_redrive_post, "portal admin", 0},
    {"GET", "/v1/subscriptions/{id}/deliveries", subscription_deliveries_list, "portal admin", 0},
    {"GET", "/v1/deliveries/{id}", delivery_get, "portal admin", 0},
    {"POST", "/v1/deliveries/{id}/redrive", delivery_redrive_post, "portal admin", 0},
    /* the public face (verify_http.c, open_data_http.c) */
    {"GET", "/verify/{number}", public_verify_page, "public portal admin", 0},
    {"GET", "/v1/certificates/{number}/qr.svg", public_qr_svg, "public portal admin", 0},
    {"GET", "/v1/certificates/{number}/qr.png", public_qr_png, "public portal admin", 0},
    {"GET", "/v1/open-data", open_data_index, "public portal admin", 0},
    {"GET", "/v1/open-data/snapshots", open_data_snapshots, "public portal admin", 0},
    {"GET", "/v1/open-data/snapshots/{date}/{file}", open_data_file_get, "public portal admin", 0},
};
const size_t notification_route_count =
    sizeof(notification_routes) / sizeof(notification_routes[0]);

/* Every event type of every service: the read model, mail and webhooks each take what they need. */
const struct oc_event_route notification_events[] = {
    {"ocop.registration.producer.registered.v1", on_event},
    {"ocop.registration.producer.updated.v1", on_event},
    {"ocop.registration.product.registered.v1", on_event},
    {"ocop.registration.product.updated.v1", on_event},
    {"ocop.registration.application.submitted.v1", on_event},
    {"ocop.registration.application.status_changed.v1", on_event},
    {"ocop.registration.trademark.requested.v1", on_event},
    {"ocop.registration.trademark.status_changed.v1", on_event},
    /* the cycle before the dossier: webhooks only (no read model, no mail; see events_in.c) */
    {"ocop.registration.idea.status_changed.v1", on_event},
    {"ocop.registration.business_plan.status_changed.v1", on_event},
    /* the support ledger's payments: webhooks only (events_in.c) */
    {"ocop.registration.support.paid.v1", on_event},
    {"ocop.registration.support.cancelled.v1", on_event},
    {"ocop.evaluation.evaluation.completed.v1", on_event},
    /* forwarded and returned dossiers: webhooks only; no mail of their own (the producer is
     * mailed by the application.status_changed to supplement_requested that follows) */
    {"ocop.evaluation.evaluation.forwarded.v1", on_event},
    {"ocop.evaluation.dossier.returned.v1", on_event},
    {"ocop.evaluation.certificate.issued.v1", on_event},
    {"ocop.evaluation.certificate.status_changed.v1", on_event},
    {"ocop.evaluation.certificate.expiry_notice.v1", on_event},
    {"ocop.evaluation.inspection.recorded.v1", on_event},
    /* follow-ups overdue and market findings: webhooks only (events_in.c) */
    {"ocop.evaluation.inspection.follow_up_overdue.v1", on_event},
    {"ocop.evaluation.market_finding.recorded.v1", on_event},
    {"ocop.evaluation.round.status_changed.v1", on_event},
    {"ocop.promotion.catalogue.changed.v1", on_event},
    {"ocop.promotion.listing.changed.v1", on_event},
    {"ocop.promotion.participation.changed.v1", on_event},
    {"ocop.promotion.linkage.changed.v1", on_event},
};
const size_t notification_event_count =
    sizeof(notification_events) / sizeof(notification_events[0]);

const char *const notification_sources[] = {"registration", "evaluation", "promotion"};
const size_t notification_source_count =
    sizeof(notification_sources) / sizeof(notification_sources[0]);

static struct notif_app app;

int notification_config(struct oc_service *svc)
{
    char err[256] = "";
    svc->ctx = &app;
    if (webhook_settings_load(&app.webhook, err, sizeof(err)) == 0 &&
        mail_settings_load(&app.mail, err, sizeof(err)) == 0 &&
        public_settings_load(&app.pub, err, sizeof(err)) == 0)
        return 0;
    oc_log(OC_LOG_ERROR, "invalid configuration: %s", err);
    return -1;
}

void notification_config_clean(struct oc_service *svc)
{
    if (svc->ctx != &app)
        return;
    webhook_settings_clean(&app.webhook);
    mail_settings_clean(&app.mail);
    public_settings_clean(&app.pub);
}
