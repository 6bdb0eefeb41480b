/* The registration service's HTTP handlers and event types (routes.c lists them). */
#ifndef REG_HANDLERS_H
#define REG_HANDLERS_H

#include "common/service.h"

#define EVENT_PRODUCER_REGISTERED "ocop.registration.producer.registered.v1"
#define EVENT_PRODUCT_REGISTERED "ocop.registration.product.registered.v1"

int producer_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int producer_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int product_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int product_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int product_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);

/* The route table and its size. */
extern const struct oc_route registration_routes[];
extern const size_t registration_route_count;

#endif
