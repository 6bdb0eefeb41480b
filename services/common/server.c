#include "common/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "common/alloc.h"
#include "common/audit.h"
#include "common/auth.h"
#include "common/gate.h"
#include "common/http.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/read.h"
#include "common/timeutil.h"
#include "common/trace.h"

/* ---- built-in routes ---------------------------------------------------- */

static int health_get(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc)
{
    (void)req;
    return oc_http_json(resp, 200,
                        json_pack("{s:s,s:s}", "status", "ok", "service", svc->cfg.service));
}

/* Reads the checks the readiness thread keeps (common/readiness.h); never waits on them. */
static int ready_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    (void)req;
    int migrated = atomic_load(&svc->migrated);
    int db = atomic_load(&svc->readiness.database);
    int kafka = atomic_load(&svc->readiness.kafka);
    int dead_letter = atomic_load(&svc->readiness.dead_letter);
    int draining = atomic_load(&svc->draining);
    /* The consumer's partition assignment is reported, not waited for: a rebalance takes
       seconds and events wait in Kafka meanwhile, so the service serves HTTP at once. */
    int consuming =
        svc->nconsumes == 0 || oc_consumer_assigned(atomic_load(&svc->readiness.consumer));
    int ok = migrated && db && kafka && dead_letter && !draining;
    json_t *body =
        json_pack("{s:s,s:{s:b,s:b,s:b,s:b,s:b,s:b}}", "status", ok ? "ready" : "not ready",
                  "checks", "database", db, "kafka", kafka, "migrations", migrated, "consumer",
                  consuming, "dead_letter", dead_letter, "draining", draining);
    if (!ok)
        u_map_put(resp->map_header, "Retry-After", "1");
    return oc_http_json(resp, ok ? 200 : 503, body);
}

static int metrics_get(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    (void)req;
    oc_metrics_set(OC_M_HTTP_IN_FLIGHT, (double)atomic_load(&svc->in_flight), OC_M_END);
    char *text = oc_metrics_render();
    ulfius_set_string_body_response(resp, 200, text);
    u_map_put(resp->map_header, "Content-Type", "text/plain; version=0.0.4");
    free(text);
    return U_CALLBACK_COMPLETE;
}

static int openapi_get(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    (void)req;
    if (svc->openapi == NULL)
        return oc_http_problem(resp, OC_NOT_FOUND, "no OpenAPI document was loaded", NULL);
    ulfius_set_string_body_response(resp, 200, svc->openapi);
    u_map_put(resp->map_header, "Content-Type", "application/json");
    return U_CALLBACK_COMPLETE;
}

static const struct oc_route builtin_routes[] = {
    {.method = "GET", .path = "/health", .roles = "public", .fn = health_get},
    {.method = "GET", .path = "/ready", .roles = "public", .fn = ready_get},
    {.method = "GET", .path = "/metrics", .roles = "public", .fn = metrics_get},
    {.method = "GET", .path = "/openapi.json", .roles = "public", .fn = openapi_get},
};

#define NBUILTIN (sizeof(builtin_routes) / sizeof(builtin_routes[0]))

/* Routes every service has behind tokens, with the same rules as its own. */
static const struct oc_route common_routes[] = {
    {.method = "GET", .path = "/v1/audit", .roles = "province_officer admin", .fn = oc_audit_get},
};

#define NCOMMON (sizeof(common_routes) / sizeof(common_routes[0]))

/* ---- dispatch ------------------------------------------------------------ */

static void request_id(const struct _u_request *req, struct _u_response *resp)
{
    const char *given = u_map_get_case(req->map_header, "X-Request-Id");
    char id[40];
    if (oc_request_id_ok(given)) {
        u_map_put(resp->map_header, "X-Request-Id", given);
        return;
    }
    uuid_t u;
    uuid_generate_random(u);
    uuid_unparse_lower(u, id);
    u_map_put(resp->map_header, "X-Request-Id", id);
}

/* The gate handed the request at most max + 1 bytes of body: one more than max is too large. */
static int body_too_large(const struct _u_request *req, long max)
{
    const char *cl = u_map_get_case(req->map_header, "Content-Length");
    if (cl != NULL && strtoll(cl, NULL, 10) > max)
        return 1;
    return req->binary_body_length > (size_t)max;
}

/* ---- identity ------------------------------------------------------------- */

/* Refuses a request for its credentials: 401 (or 400, 403) with WWW-Authenticate (RFC 6750). */
static int auth_refuse(struct _u_response *resp, enum oc_err err, const char *error,
                       const char *detail)
{
    char challenge[512];
    snprintf(challenge, sizeof(challenge),
             "Bearer realm=\"ocop\", error=\"%.40s\", error_description=\"%.400s\"", error, detail);
    u_map_put(resp->map_header, "WWW-Authenticate", challenge);
    return oc_http_problem(resp, err, detail, NULL);
}

/*
 * Authenticates the request into *p and checks the route's roles. Returns 1
 * to go on (p may be anonymous on a public route), 0 when resp holds the
 * refusal.
 */
static int route_auth(const struct route_slot *slot, const struct _u_request *req,
                      struct _u_response *resp, struct oc_principal *p)
{
    char why[256], detail[400];
    memset(p, 0, sizeof(*p));
    if (u_map_has_key(req->map_url, "access_token")) {
        auth_refuse(resp, OC_BAD_REQUEST, "invalid_request",
                    "send the access token in the Authorization header, never in the URL");
        return 0;
    }
    const char *header = u_map_get_case(req->map_header, "Authorization");
    int public = (slot->roles & OC_ROLE_PUBLIC) != 0;
    if (header == NULL) {
        if (!public)
            auth_refuse(resp, OC_UNAUTHORIZED, "invalid_token",
                        "this operation needs a bearer access token");
        p->acting = OC_ROLE_PUBLIC;
        return public;
    }
    if (strncasecmp(header, "Bearer ", 7) != 0) {
        auth_refuse(resp, OC_UNAUTHORIZED, "invalid_token",
                    "the Authorization header must be Bearer and an access token");
        return 0;
    }
    if (oc_auth_verify(slot->svc->auth, header + 7 + strspn(header + 7, " "), p, why,
                       sizeof(why)) != OC_OK) {
        p->sub[0] = '\0'; /* nothing of a token that failed is trusted, nor logged */
        auth_refuse(resp, OC_UNAUTHORIZED, "invalid_token", why);
        return 0;
    }
    int wait = oc_gate_subject_wait(slot->svc, p->sub);
    if (wait > 0) {
        char secs[16];
        snprintf(secs, sizeof(secs), "%d", wait);
        snprintf(detail, sizeof(detail),
                 "too many requests for this subject: at most %d a second (bursts of %d)",
                 slot->svc->cfg.rate_subject_per_s, slot->svc->cfg.rate_subject_burst);
        u_map_put(resp->map_header, "Retry-After", secs);
        oc_metrics_add(OC_M_HTTP_SHED, 1, "reason", "subject", OC_M_END);
        oc_http_problem(resp, OC_RATE_LIMITED, detail, NULL);
        return 0;
    }
    p->acting = p->roles & slot->roles;
    if (public) {
        p->acting |= OC_ROLE_PUBLIC;
        return 1;
    }
    if (p->acting != 0)
        return 1;
    oc_roles_format(slot->roles, ", ", why, sizeof(why));
    snprintf(detail, sizeof(detail), "this operation is for: %s", why);
    auth_refuse(resp, OC_FORBIDDEN, "insufficient_scope", detail);
    return 0;
}

/* The object a request acts on, for the audit row: the path's id, a create's Location, or the
 * path parameters joined by "/". */
static void audit_object(const struct oc_route *route, const struct _u_request *req,
                         const struct _u_response *resp, char *buf, size_t len)
{
    const char *id = u_map_get(req->map_url, "id");
    const char *location = u_map_get(resp->map_header, "Location");
    size_t n = 0;
    buf[0] = '\0';
    const char *slash = location ? strrchr(location, '/') : NULL;
    if (id != NULL || slash != NULL) {
        snprintf(buf, len, "%.128s", id ? id : slash + 1);
        return;
    }
    for (const char *p = strchr(route->path, '{'); p != NULL && n < len; p = strchr(p + 1, '{')) {
        char name[64];
        size_t k = strcspn(p + 1, "}");
        snprintf(name, sizeof(name), "%.*s", (int)(k < 63 ? k : 63), p + 1);
        const char *v = u_map_get(req->map_url, name);
        n += (size_t)snprintf(buf + n, len - n, "%s%.64s", n ? "/" : "", v ? v : "");
    }
}

/* Writes the audit row of a mutating or refused request. */
static void route_audit(const struct route_slot *slot, const struct _u_request *req,
                        const struct _u_response *resp, const struct oc_principal *p)
{
    const char *m = req->http_verb;
    int mutating = strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0 && strcmp(m, "OPTIONS") != 0;
    if (!mutating && resp->status != 401 && resp->status != 403)
        return;
    char object[200], client[INET6_ADDRSTRLEN] = "";
    const struct sockaddr *sa = req->client_address;
    if (sa != NULL && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, client,
                  sizeof(client));
    else if (sa != NULL && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, client,
                  sizeof(client));
    audit_object(slot->route, req, resp, object, sizeof(object));
    struct oc_audit_entry e = {p,
                               m,
                               slot->route->path,
                               object[0] ? object : NULL,
                               (unsigned)resp->status,
                               u_map_get(resp->map_header, "X-Request-Id"),
                               client[0] ? client : NULL};
    oc_audit_append(slot->svc, &e);
}

/* Runs an application route: service state, identity, body limit, then the handler. */
static int route_guarded(const struct route_slot *slot, const struct _u_request *req,
                         struct _u_response *resp)
{
    struct oc_service *svc = slot->svc;
    if (atomic_load(&svc->draining))
        return oc_http_problem(resp, OC_UNAVAILABLE, "the service is shutting down", NULL);
    if (!atomic_load(&svc->migrated))
        return oc_http_problem(resp, OC_UNAVAILABLE, "the service is starting", NULL);
    int max = slot->route->upload ? svc->cfg.max_upload_bytes : svc->cfg.max_body_bytes;
    if (body_too_large(req, max)) {
        char detail[96];
        snprintf(detail, sizeof(detail), "the body may hold at most %d bytes", max);
        return oc_http_problem(resp, OC_TOO_LARGE, detail, NULL);
    }
    if (slot->route->fn == NULL)
        return oc_read_by_id(req, resp, svc, slot->route->read.what, slot->route->read.get);
    return slot->route->fn(req, resp, svc);
}

/* Runs a route; subject (len bytes) receives the verified token's sub, "" when none. */
static int route_run(const struct route_slot *slot, const struct _u_request *req,
                     struct _u_response *resp, char *subject, size_t len)
{
    struct oc_principal p;
    subject[0] = '\0';
    if (slot->builtin)
        return slot->route->fn(req, resp, slot->svc);
    int rc = U_CALLBACK_COMPLETE;
    int allowed = route_auth(slot, req, resp, &p);
    snprintf(subject, len, "%s", p.sub);
    if (allowed) {
        oc_principal_set(&p);
        rc = route_guarded(slot, req, resp);
        oc_principal_set(NULL);
    }
    /* A request refused by its subject's rate limit did nothing: no audit row, which would cost
       a write to the chained trail for each refusal of a flood (as the gate's refusals). */
    if (resp->status != 429)
        route_audit(slot, req, resp, &p);
    /* What a token let the caller see is for the caller only: no shared or browser cache keeps
       it. A public route answered without a token stays cacheable. */
    if ((slot->roles & OC_ROLE_PUBLIC) == 0 || u_map_has_key_case(req->map_header, "Authorization"))
        u_map_put(resp->map_header, "Cache-Control", "no-store");
    return rc;
}

/*
 * Every request runs in a trace context: a child of its well-formed
 * traceparent, else a new trace; log lines and outbox rows carry it. One access
 * line per request ends it (route template, never the path's values).
 */
static int dispatch(const struct _u_request *req, struct _u_response *resp, void *user_data)
{
    const struct route_slot *slot = user_data;
    struct oc_service *svc = slot->svc;
    int64_t t0 = oc_mono_us();
    char code[8], subject[130];
    struct oc_trace trace;

    atomic_fetch_add(&svc->in_flight, 1);
    oc_trace_continue(u_map_get_case(req->map_header, "traceparent"), &trace);
    oc_trace_set(&trace);
    request_id(req, resp);
    oc_log_request_set(u_map_get(resp->map_header, "X-Request-Id"));
    int rc = route_run(slot, req, resp, subject, sizeof(subject));
    int64_t us = oc_mono_us() - t0;
    snprintf(code, sizeof(code), "%ld", resp->status);
    oc_metrics_add(OC_M_HTTP_REQUESTS, 1, "route", slot->route->path, "method", slot->route->method,
                   "code", code, OC_M_END);
    oc_metrics_observe(OC_M_HTTP_DURATION, (double)us / 1e6, "route", slot->route->path, OC_M_END);
    /* The probes' and scrapes' lines are for debugging only: they come every few seconds. */
    oc_log_access(slot->route->method, slot->route->path, (int)resp->status, (double)us / 1e3,
                  subject, slot->builtin ? OC_LOG_DEBUG : OC_LOG_INFO);
    oc_log_request_set(NULL);
    oc_trace_set(NULL);
    atomic_fetch_sub(&svc->in_flight, 1);
    return rc;
}

/* A request no route took (the gate answers most of these before their body is read). */
static int not_found(const struct _u_request *req, struct _u_response *resp, void *user_data)
{
    const struct oc_service *svc = user_data;
    char detail[160], allow[64];
    int64_t t0 = oc_mono_us();
    struct oc_trace trace;
    int rc;
    oc_trace_continue(u_map_get_case(req->map_header, "traceparent"), &trace);
    oc_trace_set(&trace);
    request_id(req, resp);
    oc_log_request_set(u_map_get(resp->map_header, "X-Request-Id"));
    snprintf(detail, sizeof(detail), "no resource %.16s %.100s", req->http_verb, req->url_path);
    if (oc_gate_route(svc, req->http_verb, req->url_path, allow, sizeof(allow)) == NULL &&
        allow[0] != '\0') {
        u_map_put(resp->map_header, "Allow", allow);
        rc = oc_http_problem(resp, OC_METHOD, detail, NULL);
    } else {
        rc = oc_http_problem(resp, OC_NOT_FOUND, detail, NULL);
    }
    oc_log_access(req->http_verb, "unmatched", (int)resp->status, (double)(oc_mono_us() - t0) / 1e3,
                  NULL, OC_LOG_INFO);
    oc_log_request_set(NULL);
    oc_trace_set(NULL);
    return rc;
}

/* ---- start and stop ------------------------------------------------------ */

/* Writes the ulfius pattern of an OpenAPI path: "/v1/products/{id}" -> "/v1/products/:id". */
static void route_pattern(const char *path, char *buf, size_t len)
{
    size_t n = 0;
    for (const char *p = path; *p != '\0' && n + 1 < len; p++) {
        if (*p == '{')
            buf[n++] = ':';
        else if (*p != '}')
            buf[n++] = *p;
    }
    buf[n] = '\0';
}

static int add_route(struct oc_service *svc, const struct oc_route *route, int builtin)
{
    struct route_slot *slot = &svc->slots[svc->nslots++];
    char pattern[256];
    slot->route = route;
    slot->svc = svc;
    slot->builtin = builtin;
    if (oc_roles_parse(route->roles, &slot->roles) != 0 || slot->roles == 0) {
        oc_log(OC_LOG_ERROR, "route %s %s names an unknown role: \"%s\"", route->method,
               route->path, route->roles);
        return -1;
    }
    if ((route->fn == NULL) == (route->read.get == NULL) ||
        (route->fn == NULL && (route->read.what == NULL || strstr(route->path, "{id}") == NULL))) {
        oc_log(OC_LOG_ERROR, "route %s %s needs either a handler or a read of one {id}",
               route->method, route->path);
        return -1;
    }
    route_pattern(route->path, pattern, sizeof(pattern));
    ulfius_add_endpoint_by_val(&svc->http, route->method, NULL, pattern, 0, dispatch, slot);
    return 0;
}

/*
 * Checks that a route's roles are the x-roles of its operation in the
 * service's OpenAPI document, word for word: the document is the contract,
 * the table what runs. Returns 0, or -1 after logging the difference.
 */
static int route_documented(const json_t *doc, const struct oc_route *route)
{
    char method[16], roles[512] = "";
    size_t i, n = 0;
    json_t *role;
    snprintf(method, sizeof(method), "%s", route->method);
    for (char *c = method; *c; c++)
        *c = (char)(*c - 'A' + 'a');
    json_t *op =
        json_object_get(json_object_get(json_object_get(doc, "paths"), route->path), method);
    json_array_foreach(json_object_get(op, "x-roles"), i, role)
    {
        n += (size_t)snprintf(roles + n, sizeof(roles) - n, "%s%s", i ? " " : "",
                              json_string_value(role) ? json_string_value(role) : "?");
        if (n >= sizeof(roles))
            break;
    }
    if (op != NULL && strcmp(roles, route->roles) == 0)
        return 0;
    oc_log(OC_LOG_ERROR, "route %s %s has roles \"%s\" but its OpenAPI x-roles are \"%s\"%s",
           route->method, route->path, route->roles, roles, op ? "" : " (no such operation)");
    return -1;
}

/* Adds every route, refusing a table that differs from the OpenAPI document. */
static int add_routes(struct oc_service *svc)
{
    json_t *doc = svc->openapi ? json_loads(svc->openapi, 0, NULL) : NULL;
    int rc = doc != NULL ? 0 : -1;
    if (doc == NULL)
        oc_log(OC_LOG_ERROR, "refusing to start without the OpenAPI document (roles are checked)");
    for (size_t i = 0; rc == 0 && i < NBUILTIN; i++)
        rc = add_route(svc, &builtin_routes[i], 1) | route_documented(doc, &builtin_routes[i]);
    for (size_t i = 0; rc == 0 && i < NCOMMON; i++)
        rc = add_route(svc, &common_routes[i], 0) | route_documented(doc, &common_routes[i]);
    for (size_t i = 0; rc == 0 && i < svc->nroutes; i++)
        rc = add_route(svc, &svc->routes[i], 0) | route_documented(doc, &svc->routes[i]);
    json_decref(doc);
    return rc;
}

static int start_mhd(struct oc_service *svc, struct sockaddr_in *addr)
{
    const struct oc_config *cfg = &svc->cfg;
    struct MHD_OptionItem ops[] = {
        /* The gate's wrappers of ulfius's mhd_request_completed and ulfius_uri_logger. */
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)oc_gate_completed, NULL},
        {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)oc_gate_uri, NULL},
        /* The gate's list of open connections, for the request deadline. */
        {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)oc_gate_connection, svc},
        {MHD_OPTION_SOCK_ADDR, 0, addr},
        {MHD_OPTION_THREAD_POOL_SIZE, cfg->http_threads, NULL},
        {MHD_OPTION_CONNECTION_LIMIT, cfg->http_max_connections, NULL},
        /* A share per address that leaves room for others (a few slow clients cannot take
           every slot); MHD closes a connection over it at once. */
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->http_max_connections_per_ip, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, cfg->http_timeout_s, NULL},
        /* Room for headers over the gate's limit, so that it answers 431 as problem+json
           (libmicrohttpd answers an HTML page when they do not fit here). */
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 4 * OC_GATE_HEADERS_MAX + 128 * 1024, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    unsigned int flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC;
    return ulfius_start_framework_with_mhd_options(&svc->http, flags, ops) == U_OK ? 0 : -1;
}

int oc_server_start(struct oc_service *svc)
{
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)svc->cfg.http_port);
    if (inet_pton(AF_INET, svc->cfg.http_bind, &addr.sin_addr) != 1) {
        oc_log(OC_LOG_ERROR, "OCOP_HTTP_BIND \"%s\" is not an IPv4 address", svc->cfg.http_bind);
        return -1;
    }
    if (ulfius_init_instance(&svc->http, (unsigned int)svc->cfg.http_port, &addr, NULL) != U_OK)
        return -1;
    int max = svc->cfg.max_body_bytes > svc->cfg.max_upload_bytes ? svc->cfg.max_body_bytes
                                                                  : svc->cfg.max_upload_bytes;
    /* A backstop only: the gate caps each request at its own route's limit + 1. */
    svc->http.max_post_body_size = (size_t)max + 1;
    /* No form is parsed for any route: the upload route reads its multipart body itself. */
    svc->http.allowed_post_processor = U_POST_PROCESS_NONE;
    svc->slots = oc_xcalloc(NBUILTIN + NCOMMON + svc->nroutes, sizeof(struct route_slot));
    if (add_routes(svc) != 0)
        return -1;
    ulfius_set_default_endpoint(&svc->http, not_found, svc);
    oc_gate_register(svc);
    if (start_mhd(svc, &addr) != 0) {
        oc_log(OC_LOG_ERROR, "could not listen on %s:%d", svc->cfg.http_bind, svc->cfg.http_port);
        oc_gate_unregister(svc);
        return -1;
    }
    oc_log(OC_LOG_INFO, "listening on http://%s:%d", svc->cfg.http_bind, svc->cfg.http_port);
    return 0;
}

void oc_server_stop(struct oc_service *svc, int grace_ms)
{
    if (svc->http.mhd_daemon == NULL)
        return;
    int fd = MHD_quiesce_daemon(svc->http.mhd_daemon);
    if (fd >= 0)
        close(fd);
    int64_t deadline = oc_mono_ms() + grace_ms;
    while (atomic_load(&svc->in_flight) > 0 && oc_mono_ms() < deadline)
        oc_sleep_ms(5);
    ulfius_stop_framework(&svc->http);
    oc_gate_unregister(svc);
}
