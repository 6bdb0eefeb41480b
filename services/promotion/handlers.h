/* The promotion service's HTTP handlers and consumed events (routes.c lists them). */
#ifndef PROMO_HANDLERS_H
#define PROMO_HANDLERS_H

#include "common/consumer.h"
#include "common/service.h"

/* Products and the public catalogue. */
enum oc_err listing_read(PGconn *conn, const char *id, json_t **out);
int catalogue_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);

/* Trade-promotion events and participations of products in them. */
int trade_event_post(const struct _u_request *req, struct _u_response *resp,
                     struct oc_service *svc);
int trade_event_list(const struct _u_request *req, struct _u_response *resp,
                     struct oc_service *svc);
int trade_event_patch(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc);
int participation_post(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc);
int participation_list(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc);
int participation_patch(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc);

/* Market linkages and their transitions. */
int linkage_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int linkage_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int linkage_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int linkage_transition_post(const struct _u_request *req, struct _u_response *resp,
                            struct oc_service *svc);

/* Points of sale and the products they carry. */
int pos_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int pos_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int pos_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int pos_listing_post(const struct _u_request *req, struct _u_response *resp,
                     struct oc_service *svc);
int pos_listing_list(const struct _u_request *req, struct _u_response *resp,
                     struct oc_service *svc);
int pos_listing_delete(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc);
int listing_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);

/* Consumed: registration's producer and product events. */
enum oc_err on_producer_changed(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                                char *err, size_t errlen);
enum oc_err on_product_registered(PGconn *conn, const struct oc_event_in *ev,
                                  struct oc_service *svc, char *err, size_t errlen);

/*
 * Consumed: evaluation's certificate (issued, status changed) and inspection
 * events. They keep the product's standing and react when
 * it is taken away.
 */
enum oc_err on_certificate_changed(PGconn *conn, const struct oc_event_in *ev,
                                   struct oc_service *svc, char *err, size_t errlen);
enum oc_err on_inspection_recorded(PGconn *conn, const struct oc_event_in *ev,
                                   struct oc_service *svc, char *err, size_t errlen);

/*
 * A province's potential 5 stars (evaluation.forwarded) or the central
 * council's result (evaluation.completed): marks or clears the product's
 * potential 5 stars when OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR is on
 * (promotion_feature_init); ignored otherwise.
 */
enum oc_err on_potential_5_star(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                                char *err, size_t errlen);

/* Reads OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR once at start; -1 with err when invalid. */
int promotion_feature_init(char *err, size_t errlen);

extern const struct oc_route promotion_routes[];
extern const size_t promotion_route_count;
extern const struct oc_event_route promotion_events[];
extern const size_t promotion_event_count;
extern const char *const promotion_sources[];
extern const size_t promotion_source_count;

#endif
