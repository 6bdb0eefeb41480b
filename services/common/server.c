#include "common/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "common/alloc.h"
#include "common/http.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/timeutil.h"

struct route_slot {
    const struct oc_route *route; /* the route served */
    struct oc_service *svc;       /* its service */
    int builtin;                  /* 1 for /health, /ready, /metrics, /openapi.json */
};

/* ---- built-in routes ---------------------------------------------------- */

static int health_get(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc)
{
    (void)req;
    return oc_http_json(resp, 200,
                        json_pack("{s:s,s:s}", "status", "ok", "service", svc->cfg.service));
}

static int ready_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    (void)req;
    int migrated = atomic_load(&svc->migrated);
    int db = oc_db_ping(svc->pool);
    int kafka = oc_relay_kafka_ok(svc->relay);
    int draining = atomic_load(&svc->draining);
    int consuming = svc->nconsumes == 0 || oc_consumer_assigned(svc->consumer);
    int ok = migrated && db && kafka && consuming && !draining;
    json_t *body = json_pack("{s:s,s:{s:b,s:b,s:b,s:b,s:b}}", "status", ok ? "ready" : "not ready",
                             "checks", "database", db, "kafka", kafka, "migrations", migrated,
                             "consumer", consuming, "draining", draining);
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
    {"GET", "/health", health_get, "public", 0},
    {"GET", "/ready", ready_get, "public", 0},
    {"GET", "/metrics", metrics_get, "public", 0},
    {"GET", "/openapi.json", openapi_get, "public", 0},
};

#define NBUILTIN (sizeof(builtin_routes) / sizeof(builtin_routes[0]))

/* ---- dispatch ------------------------------------------------------------ */

static void request_id(const struct _u_request *req, struct _u_response *resp)
{
    const char *given = u_map_get_case(req->map_header, "X-Request-Id");
    char id[40];
    int ok = given != NULL && strlen(given) > 0 && strlen(given) <= 64;
    for (const char *p = given; ok && *p; p++)
        ok = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
             *p == '-' || *p == '_' || *p == '.';
    if (ok) {
        u_map_put(resp->map_header, "X-Request-Id", given);
        return;
    }
    uuid_t u;
    uuid_generate_random(u);
    uuid_unparse_lower(u, id);
    u_map_put(resp->map_header, "X-Request-Id", id);
}

static int body_too_large(const struct _u_request *req, long max)
{
    const char *cl = u_map_get_case(req->map_header, "Content-Length");
    if (cl != NULL && strtoll(cl, NULL, 10) > max)
        return 1;
    return req->binary_body_length > (size_t)max ||
           u_map_has_key(req->map_post_body, "ocop_upload_truncated");
}

/*
 * Keeps uploaded file parts in map_post_body as bytes (ulfius would drop
 * parts that are not UTF-8): "<key>" holds the data, "<key>_filename" and
 * "<key>_content_type" what the client said. Parts past the upload limit are
 * not kept; the dispatcher then answers 413.
 */
static int upload_part(const struct _u_request *req, const char *key, const char *filename,
                       const char *content_type, const char *transfer_encoding, const char *data,
                       uint64_t off, size_t size, void *cls)
{
    const struct oc_service *svc = cls;
    struct _u_map *map = req->map_post_body; /* ulfius's own request map, filled while parsing */
    (void)transfer_encoding;
    if (off + size > (uint64_t)svc->cfg.max_upload_bytes) {
        u_map_put(map, "ocop_upload_truncated", "1");
        return U_OK;
    }
    if (off == 0) {
        char *name = oc_xasprintf("%s_filename", key);
        u_map_put(map, name, filename ? filename : "");
        free(name);
        name = oc_xasprintf("%s_content_type", key);
        u_map_put(map, name, content_type ? content_type : "");
        free(name);
    }
    return u_map_put_binary(map, key, data, off, size) == U_OK ? U_OK : U_ERROR;
}

static int route_run(const struct route_slot *slot, const struct _u_request *req,
                     struct _u_response *resp)
{
    struct oc_service *svc = slot->svc;
    if (slot->builtin)
        return slot->route->fn(req, resp, svc);
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
    return slot->route->fn(req, resp, svc);
}

static int dispatch(const struct _u_request *req, struct _u_response *resp, void *user_data)
{
    const struct route_slot *slot = user_data;
    struct oc_service *svc = slot->svc;
    int64_t t0 = oc_mono_us();
    char code[8];

    atomic_fetch_add(&svc->in_flight, 1);
    request_id(req, resp);
    int rc = route_run(slot, req, resp);
    double seconds = (double)(oc_mono_us() - t0) / 1e6;
    snprintf(code, sizeof(code), "%ld", resp->status);
    oc_metrics_add(OC_M_HTTP_REQUESTS, 1, "route", slot->route->path, "method", slot->route->method,
                   "code", code, OC_M_END);
    oc_metrics_observe(OC_M_HTTP_DURATION, seconds, "route", slot->route->path, OC_M_END);
    if (oc_log_enabled(OC_LOG_DEBUG))
        oc_logj(OC_LOG_DEBUG,
                json_pack("{s:s,s:s,s:i,s:f,s:s?}", "method", req->http_verb, "path", req->url_path,
                          "status", (int)resp->status, "seconds", seconds, "request_id",
                          u_map_get(resp->map_header, "X-Request-Id")),
                "request");
    atomic_fetch_sub(&svc->in_flight, 1);
    return rc;
}

static int not_found(const struct _u_request *req, struct _u_response *resp, void *user_data)
{
    (void)user_data;
    char detail[160];
    snprintf(detail, sizeof(detail), "no resource %s %.100s", req->http_verb, req->url_path);
    return oc_http_problem(resp, OC_NOT_FOUND, detail, NULL);
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

static void add_route(struct oc_service *svc, const struct oc_route *route, int builtin)
{
    struct route_slot *slot = &svc->slots[svc->nslots++];
    char pattern[256];
    slot->route = route;
    slot->svc = svc;
    slot->builtin = builtin;
    route_pattern(route->path, pattern, sizeof(pattern));
    ulfius_add_endpoint_by_val(&svc->http, route->method, NULL, pattern, 0, dispatch, slot);
}

static int start_mhd(struct oc_service *svc, struct sockaddr_in *addr)
{
    const struct oc_config *cfg = &svc->cfg;
    struct MHD_OptionItem ops[] = {
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)mhd_request_completed, NULL},
        {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)ulfius_uri_logger, NULL},
        {MHD_OPTION_SOCK_ADDR, 0, addr},
        {MHD_OPTION_THREAD_POOL_SIZE, cfg->http_threads, NULL},
        {MHD_OPTION_CONNECTION_LIMIT, cfg->http_max_connections, NULL},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->http_max_connections / 2, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, cfg->http_timeout_s, NULL},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 64 * 1024, NULL},
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
    svc->http.max_post_body_size = (size_t)max + 1;
    ulfius_set_upload_file_callback_function(&svc->http, upload_part, svc);
    svc->slots = oc_xcalloc(NBUILTIN + svc->nroutes, sizeof(struct route_slot));
    for (size_t i = 0; i < NBUILTIN; i++)
        add_route(svc, &builtin_routes[i], 1);
    for (size_t i = 0; i < svc->nroutes; i++)
        add_route(svc, &svc->routes[i], 0);
    ulfius_set_default_endpoint(&svc->http, not_found, NULL);
    if (start_mhd(svc, &addr) != 0) {
        oc_log(OC_LOG_ERROR, "could not listen on %s:%d", svc->cfg.http_bind, svc->cfg.http_port);
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
}
