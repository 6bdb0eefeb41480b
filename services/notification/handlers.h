/* The notification service's HTTP handlers and consumed events (routes.c lists them). */
#ifndef NOTIF_HANDLERS_H
#define NOTIF_HANDLERS_H

#include "common/consumer.h"
#include "common/service.h"

/* Its routes and consumed events (routes.c). */
extern const struct oc_service_tables notification_tables;

/*
 * Reads the service's own settings (webhook, mail and public settings) into
 * svc->app. Returns 0, or -1 after logging why.
 */
int notification_config(struct oc_service *svc);
void notification_config_clean(struct oc_service *svc);

/* Public verification and open data (public.c and the files it names). */
oc_handler public_verify_get, public_verify_page, public_qr_svg, public_qr_png, open_data_index,
    open_data_snapshots, open_data_file_get;

/* Mail: the message list and a producer's opt-out (mail_http.c). */
oc_handler mail_list, mail_preferences_get, mail_preferences_put;

/* Webhook subscriptions and deliveries (subscription_http.c, delivery_http.c). */
oc_handler subscription_post, subscription_list, subscription_patch, subscription_delete,
    subscription_rotation_post, subscription_redrive_post, subscription_deliveries_list,
    delivery_redrive_post;

/* Every consumed event: the read model, then mail, then webhook deliveries (events_in.c). */
oc_event_handler on_event;

/* Reads by id, served by the route table's .read rows (oc_read_by_id). */
oc_reader subscription_view, delivery_view;

#endif
