/*
 * The gate: what a service decides about a request from its request line and
 * headers alone, before libmicrohttpd reads a byte of its body. It answers
 * problem+json itself for a path that is not a route's (404; a doubled or
 * trailing slash, an encoded NUL or control character, invalid UTF-8), a
 * route asked with a method it does not serve (405 with Allow), a query
 * string that is not UTF-8 text (400), headers over OC_GATE_HEADERS_MAX bytes
 * (431), and a Content-Length over the route's own body limit (413, also
 * instead of "100 Continue"). A body sent without a length is handed to
 * ulfius up to the route's limit + 1 bytes and the rest is read and dropped,
 * so the dispatcher answers 413 with at most that much held in memory.
 *
 * ulfius 2.7 offers no hook between the headers and the body (its access
 * handler always accepts the body, and its body cap is one number for every
 * route), so the gate stands in front of it: this module defines
 * MHD_start_daemon, which ulfius calls, and starts libmicrohttpd with the
 * gate's access handler, which calls ulfius's for every request it lets in.
 *
 * It also keeps a service standing under load and against slow clients:
 * a routed request (not /health, /ready, /metrics, /openapi.json) that
 * waited in its socket longer than OCOP_HTTP_QUEUE_MAX_MS before a worker
 * got to it is answered 503 OVERLOADED with Retry-After: 1 without running
 * its handler (the time is the kernel's: TCP_INFO's last_data_recv), and one
 * from an address whose token bucket is empty 429 RATE_LIMITED with
 * Retry-After (OCOP_RATE_LIMIT_ADDRESS_*; the bucket per token subject is
 * taken by the dispatcher once the token is verified). A connection must
 * deliver each request's header and body within OCOP_HTTP_REQUEST_DEADLINE_S
 * of its start or of its previous answer, however it trickles: a thread
 * shuts the socket of one that does not (libmicrohttpd's own timeout only
 * counts idle time).
 */
#ifndef OC_GATE_H
#define OC_GATE_H

#include <microhttpd.h>
#include <stddef.h>

#include "common/service.h"

#define OC_GATE_HEADERS_MAX (32 * 1024) /* bytes of header names and values a request may send */

/* One registered route of a service. */
struct route_slot {
    const struct oc_route *route; /* the route served */
    struct oc_service *svc;       /* its service */
    int builtin;                  /* 1 for /health, /ready, /metrics, /openapi.json */
    unsigned roles;               /* the route's roles as a mask (OC_ROLE_*) */
};

/*
 * Puts svc's requests behind the gate (before its daemon starts; at most 8
 * services): sets svc->gate, its rate limits and the deadline thread.
 */
void oc_gate_register(struct oc_service *svc);

/* Takes svc out of the gate and frees svc->gate (after its daemon stopped, or failed to start). */
void oc_gate_unregister(struct oc_service *svc);

/* libmicrohttpd's MHD_OPTION_NOTIFY_CONNECTION for a service behind the gate (cls: the service):
 * keeps the list of open connections the deadline is checked on. */
void oc_gate_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                        enum MHD_ConnectionNotificationCode toe);

/*
 * Takes a token from the bucket of the subject sub (a verified token's).
 * Returns 0 when the request may go on, else the seconds to send in
 * Retry-After with a 429.
 */
int oc_gate_subject_wait(struct oc_service *svc, const char *sub);

/* libmicrohttpd's MHD_OPTION_URI_LOG_CALLBACK and MHD_OPTION_NOTIFY_COMPLETED for a service
 * behind the gate: they wrap ulfius_uri_logger and mhd_request_completed. */
void *oc_gate_uri(void *cls, const char *uri, struct MHD_Connection *conn);
void oc_gate_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                       enum MHD_RequestTerminationCode toe);

/*
 * The slot of svc serving method on the raw path, or NULL; then allow holds
 * the methods the path is served with, comma-separated ("" when none).
 */
const struct route_slot *oc_gate_route(const struct oc_service *svc, const char *method,
                                       const char *path, char *allow, size_t allowlen);

/* Returns 1 when id is an X-Request-Id we keep: 1 to 64 of [A-Za-z0-9._-]. */
int oc_request_id_ok(const char *id);

#endif
