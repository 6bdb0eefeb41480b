/* The notification service's HTTP handlers and consumed events (routes.c lists them). */
#ifndef NOTIF_HANDLERS_H
#define NOTIF_HANDLERS_H

#include "common/consumer.h"
#include "common/service.h"

extern const struct oc_route notification_routes[];
extern const size_t notification_route_count;
extern const struct oc_event_route notification_events[];
extern const size_t notification_event_count;
extern const char *const notification_sources[];
extern const size_t notification_source_count;

/*
 * Reads the service's own settings (webhook, mail and public settings) into
 * svc->app. Returns 0, or -1 after logging why.
 */
int notification_config(struct oc_service *svc);
void notification_config_clean(struct oc_service *svc);

/* Public verification and open data (public.c and the files it names). */
int public_verify_get(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc);
int public_verify_page(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc);
int public_qr_svg(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int public_qr_png(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int open_data_index(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int open_data_snapshots(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc);
int open_data_file_get(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc);

/* Mail: the message list and a producer's opt-out (mail_http.c). */
int mail_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int mail_preferences_get(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc);
int mail_preferences_put(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc);

/* Webhook subscriptions and deliveries (subscription_http.c, delivery_http.c). */
int subscription_post(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc);
int subscription_list(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc);
enum oc_err subscription_view(PGconn *conn, const char *id, json_t **out);
int subscription_patch(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc);
int subscription_delete(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc);
int subscription_rotation_post(const struct _u_request *req, struct _u_response *resp,
                               struct oc_service *svc);
int subscription_redrive_post(const struct _u_request *req, struct _u_response *resp,
                              struct oc_service *svc);
int subscription_deliveries_list(const struct _u_request *req, struct _u_response *resp,
                                 struct oc_service *svc);
enum oc_err delivery_view(PGconn *conn, const char *id, json_t **out);
int delivery_redrive_post(const struct _u_request *req, struct _u_response *resp,
                          struct oc_service *svc);

/* Every consumed event: the read model, then mail, then webhook deliveries (events_in.c). */
enum oc_err on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc, char *err,
                     size_t errlen);

#endif
