/*
 * The HTTP server of a service: ulfius over libmicrohttpd in epoll mode with a
 * thread pool (see performance-notes), connection limits and timeouts, every
 * route wrapped by one dispatcher that counts, times, limits bodies and stamps
 * a request id. Part of the service runtime; handlers never see it.
 */
#ifndef OC_SERVER_H
#define OC_SERVER_H

#include "common/service.h"

/* Starts listening with the service's routes and the built-in ones. Returns 0 or -1. */
int oc_server_start(struct oc_service *svc);

/* Stops accepting, waits up to grace_ms for handlers in flight, then stops. */
void oc_server_stop(struct oc_service *svc, int grace_ms);

#endif
