#include "common/log.h"
#include "notification/app.h"
#include "notification/handlers.h"

/* clang-format off */
static const struct oc_route notification_routes[] = {
    {.method = "GET", .path = "/v1/verify/{number}", .fn = public_verify_get,
     .roles = "public portal admin"},
    /* mail (mail_http.c) */
    {.method = "GET", .path = "/v1/mail", .fn = mail_list,
     .roles = "province_officer admin"},
    {.method = "GET", .path = "/v1/producers/{id}/mail-preferences", .fn = mail_preferences_get,
     .roles = "producer province_officer admin"},
    {.method = "PUT", .path = "/v1/producers/{id}/mail-preferences", .fn = mail_preferences_put,
     .roles = "producer province_officer admin"},
    /* webhooks */
    {.method = "POST", .path = "/v1/subscriptions", .fn = subscription_post,
     .roles = "portal admin"},
    {.method = "GET", .path = "/v1/subscriptions", .fn = subscription_list,
     .roles = "portal admin"},
    {.method = "GET", .path = "/v1/subscriptions/{id}", .read = {"subscription", subscription_view},
     .roles = "portal admin"},
    {.method = "PATCH", .path = "/v1/subscriptions/{id}", .fn = subscription_patch,
     .roles = "portal admin"},
    {.method = "DELETE", .path = "/v1/subscriptions/{id}", .fn = subscription_delete,
     .roles = "portal admin"},
    {.method = "POST", .path = "/v1/subscriptions/{id}/secret-rotations",
     .fn = subscription_rotation_post,
     .roles = "portal admin"},
    {.method = "POST", .path = "/v1/subscriptions/{id}/redrive", .fn = subscription_redrive_post,
     .roles = "portal admin"},
    {.method = "GET", .path = "/v1/subscriptions/{id}/deliveries",
     .fn = subscription_deliveries_list,
     .roles = "portal admin"},
    {.method = "GET", .path = "/v1/deliveries/{id}", .read = {"delivery", delivery_view},
     .roles = "portal admin"},
    {.method = "POST", .path = "/v1/deliveries/{id}/redrive", .fn = delivery_redrive_post,
     .roles = "portal admin"},
    /* the public face (verify_http.c, open_data_http.c) */
    {.method = "GET", .path = "/verify/{number}", .fn = public_verify_page,
     .roles = "public portal admin"},
    {.method = "GET", .path = "/v1/certificates/{number}/qr.svg", .fn = public_qr_svg,
     .roles = "public portal admin"},
    {.method = "GET", .path = "/v1/certificates/{number}/qr.png", .fn = public_qr_png,
     .roles = "public portal admin"},
    {.method = "GET", .path = "/v1/open-data", .fn = open_data_index,
     .roles = "public portal admin"},
    {.method = "GET", .path = "/v1/open-data/snapshots", .fn = open_data_snapshots,
     .roles = "public portal admin"},
    {.method = "GET", .path = "/v1/open-data/snapshots/{date}/{file}", .fn = open_data_file_get,
     .roles = "public portal admin"},
};
/* clang-format on */

/* Every event type of every service: the read model, mail and webhooks each take what they need. */
static const struct oc_event_route notification_events[] = {
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

static const char *const notification_sources[] = {"registration", "evaluation", "promotion"};

const struct oc_service_tables notification_tables = {
    .routes = notification_routes,
    .nroutes = OC_COUNT(notification_routes),
    .sources = notification_sources,
    .nsources = OC_COUNT(notification_sources),
    .events = notification_events,
    .nevents = OC_COUNT(notification_events),
};

static struct oc_app app;

int notification_config(struct oc_service *svc)
{
    char err[256] = "";
    svc->app = &app;
    if (webhook_settings_load(&app.webhook, err, sizeof(err)) == 0 &&
        mail_settings_load(&app.mail, err, sizeof(err)) == 0 &&
        public_settings_load(&app.pub, err, sizeof(err)) == 0)
        return 0;
    oc_log(OC_LOG_ERROR, "invalid configuration: %s", err);
    return -1;
}

void notification_config_clean(struct oc_service *svc)
{
    if (svc->app != &app)
        return;
    webhook_settings_clean(&app.webhook);
    mail_settings_clean(&app.mail);
    public_settings_clean(&app.pub);
}
