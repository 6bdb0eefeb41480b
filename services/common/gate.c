/* struct tcp_info and its fields are BSD extensions of <netinet/tcp.h>. */
#define _DEFAULT_SOURCE
#include "common/gate.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <uuid/uuid.h>

#include <jansson.h>
#include <ulfius.h>

#include "common/alloc.h"
#include "common/http.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/ratelimit.h"
#include "common/timeutil.h"
#include "common/trace.h"
#include "common/validate.h"

#define GATE_SERVICES      8
#define GATE_BUCKETS       16384       /* callers a rate limit tells apart at once (per kind) */
#define GATE_REAP_MS       200         /* how often connections are checked against the deadline */
#define GATE_SHED_BODY_MAX (64 * 1024) /* a shed request's body read before answering, at most */

/* One open connection, in libmicrohttpd's socket context. */
struct gate_conn {
    struct gate_conn *prev, *next; /* the gate's list of open connections */
    int fd;                /* the connection's socket (libmicrohttpd's; never closed here) */
    atomic_llong since_ms; /* start of the request being received (monotonic ms): the
                              connection's start or its last answer; 0 while served */
    int cut;               /* 1 once the reaper shut the socket */
};

/* What the gate keeps of one service. */
struct oc_gate {
    struct oc_service *svc;          /* the service */
    pthread_mutex_t lock;            /* guards conns and cut */
    struct gate_conn *conns;         /* open connections */
    pthread_t reaper;                /* cuts connections past the request deadline */
    int reaper_started;              /* 1 when reaper runs */
    atomic_int stop;                 /* 1 to stop the reaper */
    struct oc_ratelimit *by_address; /* buckets per client address (NULL: no limit) */
    struct oc_ratelimit *by_subject; /* buckets per token subject (NULL: no limit) */
};

/* A refusal decided by the gate. */
struct refusal {
    enum oc_err err;  /* the problem */
    char detail[200]; /* its detail */
    json_t *errors;   /* field errors (owned; NULL when none) */
    char allow[64];   /* Allow for a 405 */
    int retry_after;  /* seconds for Retry-After; 0 for none */
};

/* What the gate keeps of one request, in libmicrohttpd's per-request pointer. */
struct gate_req {
    void *ci;             /* ulfius's struct connection_info_struct (ulfius frees it) */
    size_t limit;         /* body bytes the request's route accepts */
    size_t seen;          /* body bytes handed to ulfius so far (at most limit + 1) */
    int checked;          /* 1 once the headers were checked */
    int refused;          /* 1 when the gate answered (or will: see shed) */
    struct refusal *shed; /* a 429 or 503 to answer once the body is read (owned; else NULL) */
    const struct route_slot *slot; /* the request's route when shed */
};

static MHD_AccessHandlerCallback ulfius_access;            /* ulfius's handler, seen at start */
static struct oc_service *_Atomic services[GATE_SERVICES]; /* services behind the gate */

/* Every GATE_REAP_MS, shuts the socket of each connection whose request is not in after the
 * deadline; libmicrohttpd then sees the connection end and closes it as any other. */
static void *gate_reap(void *arg)
{
    struct oc_gate *gate = arg;
    int64_t deadline_ms = (int64_t)gate->svc->cfg.http_request_deadline_s * 1000;
    while (!atomic_load(&gate->stop)) {
        struct timespec ts = {0, GATE_REAP_MS * 1000000L};
        nanosleep(&ts, NULL);
        int64_t now = oc_mono_ms();
        int cut = 0;
        pthread_mutex_lock(&gate->lock);
        for (struct gate_conn *c = gate->conns; c != NULL; c = c->next) {
            int64_t since = atomic_load(&c->since_ms);
            if (c->cut || since == 0 || now - since <= deadline_ms)
                continue;
            /* The socket stays open until libmicrohttpd's close notification, which takes the
               lock first: this is never another connection's descriptor. */
            shutdown(c->fd, SHUT_RDWR);
            c->cut = 1;
            cut++;
        }
        pthread_mutex_unlock(&gate->lock);
        if (cut > 0) {
            oc_metrics_add(OC_M_HTTP_SHED, cut, "reason", "deadline", OC_M_END);
            oc_log(OC_LOG_INFO, "closed %d connection(s) whose request was not in after %d s", cut,
                   gate->svc->cfg.http_request_deadline_s);
        }
    }
    return NULL;
}

void oc_gate_register(struct oc_service *svc)
{
    const struct oc_config *cfg = &svc->cfg;
    struct oc_gate *gate = oc_xcalloc(1, sizeof(*gate));
    gate->svc = svc;
    pthread_mutex_init(&gate->lock, NULL);
    gate->by_address =
        oc_ratelimit_new(cfg->rate_address_per_s, cfg->rate_address_burst, GATE_BUCKETS);
    gate->by_subject =
        oc_ratelimit_new(cfg->rate_subject_per_s, cfg->rate_subject_burst, GATE_BUCKETS);
    gate->reaper_started = pthread_create(&gate->reaper, NULL, gate_reap, gate) == 0;
    if (!gate->reaper_started)
        oc_log(OC_LOG_ERROR, "could not start the request deadline thread: no deadline is kept");
    svc->gate = gate;
    for (size_t i = 0; i < GATE_SERVICES; i++) {
        struct oc_service *none = NULL;
        if (atomic_compare_exchange_strong(&services[i], &none, svc))
            return;
    }
    oc_log(OC_LOG_ERROR, "more than %d services in one process: the gate skips one", GATE_SERVICES);
}

void oc_gate_unregister(struct oc_service *svc)
{
    struct oc_gate *gate = svc->gate;
    for (size_t i = 0; i < GATE_SERVICES; i++) {
        struct oc_service *was = svc;
        atomic_compare_exchange_strong(&services[i], &was, NULL);
    }
    if (gate == NULL)
        return;
    atomic_store(&gate->stop, 1);
    if (gate->reaper_started)
        pthread_join(gate->reaper, NULL);
    oc_ratelimit_free(gate->by_address);
    oc_ratelimit_free(gate->by_subject);
    pthread_mutex_destroy(&gate->lock);
    free(gate);
    svc->gate = NULL;
}

int oc_gate_subject_wait(struct oc_service *svc, const char *sub)
{
    if (svc->gate == NULL || sub == NULL || sub[0] == '\0')
        return 0;
    return oc_ratelimit_take(svc->gate->by_subject, sub, strlen(sub), oc_mono_us());
}

static struct oc_service *gate_service(const void *instance)
{
    for (size_t i = 0; i < GATE_SERVICES; i++) {
        struct oc_service *svc = atomic_load(&services[i]);
        if (svc != NULL && &svc->http == instance)
            return svc;
    }
    return NULL;
}

int oc_request_id_ok(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    return n > 0 && n <= 64 &&
           strspn(id, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.") == n;
}

/* ---- routes --------------------------------------------------------------- */

/* Returns the number of {parameters} of pattern when the raw path matches it, else -1. */
static int path_match(const char *pattern, const char *path)
{
    int params = 0;
    while (*pattern == '/' && *path == '/') {
        size_t pn = strcspn(++pattern, "/"), n = strcspn(++path, "/");
        if (pattern[0] == '{' && n > 0)
            params++;
        else if (pn != n || strncmp(pattern, path, n) != 0)
            return -1;
        pattern += pn;
        path += n;
    }
    return *pattern == '\0' && *path == '\0' ? params : -1;
}

const struct route_slot *oc_gate_route(const struct oc_service *svc, const char *method,
                                       const char *path, char *allow, size_t allowlen)
{
    const struct route_slot *best = NULL;
    int fewest = 1000;
    size_t n = 0;
    allow[0] = '\0';
    for (size_t i = 0; i < svc->nslots; i++) {
        const struct route_slot *slot = &svc->slots[i];
        int params = path_match(slot->route->path, path);
        if (params < 0)
            continue;
        if (strcmp(slot->route->method, method) == 0 && params < fewest) {
            best = slot; /* a literal segment wins over a parameter, as in ulfius */
            fewest = params;
        }
        if (strstr(allow, slot->route->method) == NULL && n < allowlen)
            n += (size_t)snprintf(allow + n, allowlen - n, "%s%s", n ? ", " : "",
                                  slot->route->method);
    }
    return best;
}

/* ---- checks --------------------------------------------------------------- */

static int hex(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/*
 * Returns 1 when the n raw bytes at s, percent-decoded ('+' as a space when
 * plus), are UTF-8 text without control characters: no NUL to cut a value
 * short, nothing ulfius would silently drop.
 */
static int text_ok(const char *s, size_t n, int plus)
{
    char *out = oc_xmalloc(n + 1);
    size_t k = 0;
    int ok = 1;
    for (size_t i = 0; ok && i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n) {
                ok = 0;
                break;
            }
            int h1 = hex(s[i + 1]), h2 = hex(s[i + 2]);
            ok = h1 >= 0 && h2 >= 0;
            c = h1 * 16 + h2;
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        ok = ok && c >= 0x20 && c != 0x7f;
        out[k++] = (char)c;
    }
    ok = ok && oc_utf8_ok(out, k);
    free(out);
    return ok;
}

/* Returns 1 when the raw path is one a route could have: no empty segment, sound text. */
static int path_ok(const char *path)
{
    size_t n = strlen(path);
    if (n == 0 || path[0] != '/')
        return 0;
    if (n > 1 && (path[n - 1] == '/' || strstr(path, "//") != NULL))
        return 0;
    return text_ok(path, n, 0);
}

/* Appends an error per query parameter whose name or value is not sound text. */
static void query_check(const char *url, json_t *errors)
{
    const char *q = strchr(url, '?');
    for (const char *p = q ? q + 1 : NULL; p != NULL && *p != '\0';) {
        size_t n = strcspn(p, "&");
        size_t kn = strcspn(p, "=&");
        int name_ok = text_ok(p, kn, 1);
        if (!name_ok || (kn < n && !text_ok(p + kn + 1, n - kn - 1, 1))) {
            char field[80];
            snprintf(field, sizeof(field), "%.*s", name_ok ? (int)(kn < 64 ? kn : 64) : 5,
                     name_ok ? p : "query");
            json_array_append_new(
                errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", "encoding", "message",
                                  "must be percent-encoded UTF-8 text without control characters"));
        }
        p += n;
        if (*p == '&')
            p++;
    }
}

static enum MHD_Result header_bytes(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    size_t *total = cls;
    (void)kind;
    *total += strlen(key) + (value ? strlen(value) : 0) + 4;
    return MHD_YES;
}

/* ---- answers -------------------------------------------------------------- */

static enum MHD_Result gate_refuse(struct MHD_Connection *conn, const char *method,
                                   const struct route_slot *slot, struct refusal *r)
{
    char *text = oc_http_problem_text(r->err, r->detail, r->errors);
    char id[40], code[8];
    const char *given = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Request-Id");
    if (oc_request_id_ok(given)) {
        snprintf(id, sizeof(id), "%s", given);
    } else {
        uuid_t u;
        uuid_generate_random(u);
        uuid_unparse_lower(u, id);
    }
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    MHD_add_response_header(resp, "Content-Type", "application/problem+json");
    MHD_add_response_header(resp, "X-Request-Id", id);
    if (r->err == OC_METHOD)
        MHD_add_response_header(resp, "Allow", r->allow);
    if (r->retry_after > 0) {
        char secs[16];
        snprintf(secs, sizeof(secs), "%d", r->retry_after);
        MHD_add_response_header(resp, "Retry-After", secs);
    }
    enum MHD_Result rc = MHD_queue_response(conn, oc_err_status(r->err), resp);
    MHD_destroy_response(resp);
    snprintf(code, sizeof(code), "%u", oc_err_status(r->err));
    oc_metrics_add(OC_M_HTTP_REQUESTS, 1, "route", slot ? slot->route->path : "unmatched", "method",
                   slot ? slot->route->method : "other", "code", code, OC_M_END);
    /* Its access line: the gate answered from the headers alone, in no time worth counting. */
    if (oc_log_enabled(OC_LOG_INFO) && (slot == NULL || !slot->builtin)) {
        struct oc_trace trace;
        oc_trace_continue(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "traceparent"),
                          &trace);
        oc_trace_set(&trace);
        oc_log_request_set(id);
        oc_log_access(slot ? slot->route->method : method, slot ? slot->route->path : "unmatched",
                      (int)oc_err_status(r->err), 0.0, NULL, OC_LOG_INFO);
        oc_log_request_set(NULL);
        oc_trace_set(NULL);
    }
    return rc;
}

/* Checks a request's line and headers. Returns 1 with r filled when the gate answers. */
static int gate_check(struct oc_service *svc, struct MHD_Connection *conn, const char *method,
                      struct gate_req *g, struct refusal *r, const struct route_slot **slot)
{
    const struct connection_info_struct *ci = g->ci;
    const char *path = ci->request->url_path, *url = ci->request->http_url;
    size_t headers = 0;
    *slot = NULL;
    MHD_get_connection_values(conn, MHD_HEADER_KIND, header_bytes, &headers);
    if (headers > OC_GATE_HEADERS_MAX) {
        r->err = OC_HEADERS_TOO_LARGE;
        snprintf(r->detail, sizeof(r->detail), "the header fields may hold at most %d bytes",
                 OC_GATE_HEADERS_MAX);
        return 1;
    }
    if (!path_ok(path)) {
        r->err = OC_NOT_FOUND;
        snprintf(r->detail, sizeof(r->detail),
                 "no resource has this path (an empty segment, a control character or invalid "
                 "UTF-8)");
        return 1;
    }
    *slot = oc_gate_route(svc, method, path, r->allow, sizeof(r->allow));
    if (*slot == NULL) {
        r->err = r->allow[0] ? OC_METHOD : OC_NOT_FOUND;
        snprintf(r->detail, sizeof(r->detail), "no resource %.16s %.100s", method, path);
        return 1;
    }
    r->errors = json_array();
    query_check(url, r->errors);
    if (json_array_size(r->errors) > 0) {
        r->err = OC_BAD_REQUEST;
        snprintf(r->detail, sizeof(r->detail), "the query string is not valid");
        return 1;
    }
    json_decref(r->errors);
    r->errors = NULL;
    const struct oc_route *route = (*slot)->route;
    g->limit = (size_t)(route->upload ? svc->cfg.max_upload_bytes : svc->cfg.max_body_bytes);
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (cl != NULL && strtoull(cl, NULL, 10) > g->limit) {
        r->err = OC_TOO_LARGE;
        snprintf(r->detail, sizeof(r->detail), "the body may hold at most %zu bytes", g->limit);
        return 1;
    }
    return 0;
}

/* ---- overload ------------------------------------------------------------- */

/*
 * Milliseconds since the last bytes of the request reached the kernel, so
 * the time it waited in the socket for a worker (the worker reads it only
 * when it gets to it); 0 when unknown.
 */
static long queue_wait_ms(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    struct tcp_info ti;
    socklen_t len = sizeof(ti);
    if (info == NULL || getsockopt(info->connect_fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0)
        return 0;
    return (long)ti.tcpi_last_data_recv;
}

/* The bytes of the client's address that its rate limit is keyed by (an IPv6 client by /64). */
static size_t address_key(struct MHD_Connection *conn, unsigned char key[16])
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = info ? info->client_addr : NULL;
    if (sa != NULL && sa->sa_family == AF_INET) {
        memcpy(key, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
        return 4;
    }
    if (sa != NULL && sa->sa_family == AF_INET6) {
        memcpy(key, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 8);
        return 8;
    }
    return 0;
}

/*
 * Protects the service from a routed request (not a built-in one): 503 when
 * it waited longer than OCOP_HTTP_QUEUE_MAX_MS for a worker (the workers do
 * not keep up: answering at once drains the queue), 429 when its address
 * has no token left. Returns 1 with r filled when the gate answers.
 */
static int gate_protect(struct oc_service *svc, struct MHD_Connection *conn, struct refusal *r)
{
    long waited = svc->cfg.http_queue_max_ms > 0 ? queue_wait_ms(conn) : 0;
    if (waited > svc->cfg.http_queue_max_ms) {
        r->err = OC_OVERLOADED;
        r->retry_after = 1;
        snprintf(r->detail, sizeof(r->detail),
                 "the service is overloaded: the request waited %ld ms for a worker", waited);
        oc_metrics_add(OC_M_HTTP_SHED, 1, "reason", "queue", OC_M_END);
        return 1;
    }
    unsigned char key[16];
    size_t n = address_key(conn, key);
    int wait = n > 0 ? oc_ratelimit_take(svc->gate->by_address, key, n, oc_mono_us()) : 0;
    if (wait > 0) {
        r->err = OC_RATE_LIMITED;
        r->retry_after = wait;
        snprintf(r->detail, sizeof(r->detail),
                 "too many requests from this address: at most %d a second (bursts of %d)",
                 svc->cfg.rate_address_per_s, svc->cfg.rate_address_burst);
        oc_metrics_add(OC_M_HTTP_SHED, 1, "reason", "address", OC_M_END);
        return 1;
    }
    return 0;
}

/* Marks the connection's request as in (0) or the next one as begun now. */
static void conn_mark(struct MHD_Connection *conn, int in)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    struct gate_conn *c = info ? info->socket_context : NULL;
    if (c != NULL)
        atomic_store(&c->since_ms, in ? 0 : oc_mono_ms());
}

void oc_gate_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                        enum MHD_ConnectionNotificationCode toe)
{
    struct oc_service *svc = cls;
    struct oc_gate *gate = svc->gate;
    struct gate_conn *c = *socket_context;
    if (gate == NULL)
        return;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        c = oc_xcalloc(1, sizeof(*c));
        c->fd = info ? info->connect_fd : -1;
        atomic_store(&c->since_ms, c->fd >= 0 ? oc_mono_ms() : 0);
        pthread_mutex_lock(&gate->lock);
        c->next = gate->conns;
        if (gate->conns != NULL)
            gate->conns->prev = c;
        gate->conns = c;
        pthread_mutex_unlock(&gate->lock);
        *socket_context = c;
        return;
    }
    if (c == NULL)
        return;
    pthread_mutex_lock(&gate->lock);
    if (c->prev != NULL)
        c->prev->next = c->next;
    else
        gate->conns = c->next;
    if (c->next != NULL)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&gate->lock);
    free(c);
    *socket_context = NULL;
}

/* ---- libmicrohttpd glue --------------------------------------------------- */

static enum MHD_Result gate_access(void *cls, struct MHD_Connection *conn, const char *url,
                                   const char *method, const char *version, const char *upload_data,
                                   size_t *upload_data_size, void **con_cls)
{
    struct gate_req *g = *con_cls;
    struct oc_service *svc = gate_service(cls);
    if (g == NULL)
        return ulfius_access(cls, conn, url, method, version, upload_data, upload_data_size,
                             con_cls);
    if (svc == NULL)
        return ulfius_access(cls, conn, url, method, version, upload_data, upload_data_size,
                             &g->ci);
    if (g->refused) {
        int last = *upload_data_size == 0;
        *upload_data_size = 0;
        if (!last || g->shed == NULL)
            return MHD_YES;
        /* The body is read: the answer keeps the connection open for the next request. */
        enum MHD_Result rc = gate_refuse(conn, method, g->slot, g->shed);
        free(g->shed);
        g->shed = NULL;
        conn_mark(conn, 1);
        return rc;
    }
    if (!g->checked) {
        struct refusal r = {OC_OK, "", NULL, "", 0};
        const struct route_slot *slot = NULL;
        g->checked = 1;
        if (g->ci != NULL && gate_check(svc, conn, method, g, &r, &slot)) {
            g->refused = 1;
            conn_mark(conn, 1);
            return gate_refuse(conn, method, slot, &r);
        }
        if (g->ci != NULL && !slot->builtin && gate_protect(svc, conn, &r)) {
            /* Answered before a body is read, libmicrohttpd would close the connection, and
               the client's next request would queue again to be accepted: a small body is
               read and dropped first, a large one is not read. */
            g->refused = 1;
            const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
            if (cl != NULL && strtoull(cl, NULL, 10) > GATE_SHED_BODY_MAX) {
                conn_mark(conn, 1);
                return gate_refuse(conn, method, slot, &r);
            }
            g->shed = oc_xmalloc(sizeof(r));
            memcpy(g->shed, &r, sizeof(r));
            g->slot = slot;
            return MHD_YES;
        }
    } else if (*upload_data_size > 0) {
        /* Hand ulfius at most limit + 1 bytes (the dispatcher then answers 413); drop the rest. */
        size_t room = g->seen <= g->limit ? g->limit + 1 - g->seen : 0;
        size_t part = *upload_data_size < room ? *upload_data_size : room;
        enum MHD_Result rc = MHD_YES;
        if (part > 0)
            rc = ulfius_access(cls, conn, url, method, version, upload_data, &part, &g->ci);
        g->seen += *upload_data_size < room ? *upload_data_size : room;
        *upload_data_size = 0;
        return rc;
    } else {
        conn_mark(conn, 1); /* the whole request is in: the handler runs now */
    }
    return ulfius_access(cls, conn, url, method, version, upload_data, upload_data_size, &g->ci);
}

void *oc_gate_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)conn;
    struct gate_req *g = oc_xcalloc(1, sizeof(*g));
    g->ci = ulfius_uri_logger(cls, uri);
    return g;
}

void oc_gate_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                       enum MHD_RequestTerminationCode toe)
{
    struct gate_req *g = *con_cls;
    if (g == NULL)
        return;
    mhd_request_completed(cls, conn, &g->ci, toe);
    conn_mark(conn, 0);
    free(g->shed);
    free(g);
    *con_cls = NULL;
}

/*
 * ulfius_start_framework_with_mhd_options calls this in place of
 * libmicrohttpd's own (an executable's definition comes first in symbol
 * lookup): the daemon starts with the gate's access handler, which holds on
 * to ulfius's. Every argument is passed on unchanged but the handler.
 */
struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc,
                                    void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    va_list ap;
    va_start(ap, dh_cls);
    ulfius_access = dh;
    struct MHD_Daemon *d = MHD_start_daemon_va(flags, port, apc, apc_cls, gate_access, dh_cls, ap);
    va_end(ap);
    return d;
}
