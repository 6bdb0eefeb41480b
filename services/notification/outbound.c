#include "notification/outbound.h"

#include <curl/curl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

int outbound_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void outbound_global_clean(void)
{
    curl_global_cleanup();
}

/* The address of sa, or 0 when it is not IPv4 or IPv6. */
static int address_of(const struct sockaddr *sa, struct address *out)
{
    memset(out, 0, sizeof(*out));
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
        out->family = AF_INET;
        memcpy(out->bytes, &in->sin_addr, 4);
        return 1;
    }
    if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
        out->family = AF_INET6;
        memcpy(out->bytes, &in6->sin6_addr, 16);
        return 1;
    }
    return 0;
}

/* Why a connection to a may not be made (plain: the URL is http), or NULL. */
static const char *connect_problem(const struct address *a, const struct address_allow *allow,
                                   int plain)
{
    if (address_allowed(allow, a))
        return NULL;
    if (plain)
        return "plain http only to an allow-listed address";
    return address_forbidden(a);
}

/* Scheme and host of url; 0 when url is not an absolute http(s) URL without credentials. */
static int url_parts(const char *url, char *scheme, size_t slen, char *host, size_t hlen,
                     const char **why)
{
    CURLU *u = curl_url();
    char *s = NULL, *h = NULL, *user = NULL;
    int ok = 0;
    *why = "is not an absolute URL";
    if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &s, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK) {
        ok = 1;
        if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK) {
            *why = "may not carry credentials (user:password@)";
            ok = 0;
        } else if (strlen(s) >= slen || strlen(h) >= hlen) {
            ok = 0;
        } else {
            snprintf(scheme, slen, "%s", s);
            size_t n = strlen(h);
            if (n >= 2 && h[0] == '[' && h[n - 1] == ']')
                snprintf(host, hlen, "%.*s", (int)(n - 2), h + 1);
            else
                snprintf(host, hlen, "%s", h);
        }
    }
    curl_free(s);
    curl_free(h);
    curl_free(user);
    curl_url_cleanup(u);
    return ok;
}

const char *outbound_url_problem(const char *url, const struct address_allow *allow,
                                 const char **code, char *msg, size_t msglen)
{
    char scheme[16], host[256];
    const char *why = NULL;
    if (!url_parts(url, scheme, sizeof(scheme), host, sizeof(host), &why)) {
        *code = "invalid_url";
        snprintf(msg, msglen, "the URL %s", why);
        return msg;
    }
    int plain = strcmp(scheme, "http") == 0;
    if (!plain && strcmp(scheme, "https") != 0) {
        *code = "forbidden_scheme";
        snprintf(msg, msglen, "the URL must be https");
        return msg;
    }
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, NULL, &hints, &res) != 0 || res == NULL) {
        *code = "unresolvable";
        snprintf(msg, msglen, "the URL's host does not resolve");
        return msg;
    }
    const char *problem = NULL;
    for (const struct addrinfo *ai = res; ai != NULL && problem == NULL; ai = ai->ai_next) {
        struct address a;
        if (!address_of(ai->ai_addr, &a))
            continue;
        problem = connect_problem(&a, allow, plain);
    }
    freeaddrinfo(res);
    if (problem == NULL)
        return NULL;
    *code = plain && strncmp(problem, "plain", 5) == 0 ? "forbidden_scheme" : "forbidden_address";
    snprintf(msg, msglen, "the URL's host resolves to a forbidden address (%s)", problem);
    return msg;
}

/* The state of one exchange, shared with libcurl's callbacks. */
struct exchange {
    const struct address_allow *allow; /* the allow-list */
    int plain;                         /* 1 for an http URL */
    const char *refused;               /* why a connection was refused, or NULL */
    size_t received;                   /* response bytes read */
};

static curl_socket_t open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *sa)
{
    struct exchange *x = clientp;
    struct address a;
    (void)purpose;
    if (!address_of(&sa->addr, &a)) {
        x->refused = "not an IP address";
        return CURL_SOCKET_BAD;
    }
    const char *problem = connect_problem(&a, x->allow, x->plain);
    if (problem != NULL) {
        x->refused = problem;
        return CURL_SOCKET_BAD;
    }
    return socket(sa->family, sa->socktype, sa->protocol);
}

static size_t on_body(char *data, size_t size, size_t n, void *userp)
{
    struct exchange *x = userp;
    (void)data;
    x->received += size * n;
    return x->received > OUTBOUND_BODY_CAP ? 0 : size * n;
}

static size_t on_header(char *data, size_t size, size_t n, void *userp)
{
    (void)data, (void)userp;
    return size * n;
}

static long elapsed_ms(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (long)(t1.tv_sec - t0->tv_sec) * 1000L + (t1.tv_nsec - t0->tv_nsec) / 1000000L;
}

/* The request headers (caller frees the list). */
static struct curl_slist *request_headers(const struct outbound_request *r)
{
    char line[600];
    struct curl_slist *h = NULL;
    snprintf(line, sizeof(line), "Content-Type: %s", r->content_type);
    h = curl_slist_append(h, line);
    snprintf(line, sizeof(line), "webhook-id: %s", r->webhook_id);
    h = curl_slist_append(h, line);
    snprintf(line, sizeof(line), "webhook-timestamp: %lld", r->timestamp);
    h = curl_slist_append(h, line);
    snprintf(line, sizeof(line), "webhook-signature: %s", r->signature);
    h = curl_slist_append(h, line);
    h = curl_slist_append(h, "User-Agent: ocop-notification-webhooks/1");
    h = curl_slist_append(h, "Expect:");
    return h;
}

void outbound_send(const struct outbound_request *r, struct outbound_result *out)
{
    struct exchange x = {r->allow, strncmp(r->url, "http:", 5) == 0, NULL, 0};
    struct timespec t0;
    memset(out, 0, sizeof(*out));
    CURL *c = curl_easy_init();
    if (c == NULL) {
        snprintf(out->error, sizeof(out->error), "could not start an HTTP client");
        return;
    }
    struct curl_slist *headers = request_headers(r);
    curl_easy_setopt(c, CURLOPT_URL, r->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)r->connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)r->timeout_ms);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &x);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, r->body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->len);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CURLcode rc = curl_easy_perform(c);
    out->latency_ms = elapsed_ms(&t0);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    out->http_status = (int)status;
    /* A refused address is the error only when no other address answered. */
    if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && status > 0) && x.refused != NULL)
        snprintf(out->error, sizeof(out->error), "connection refused by the SSRF guard: %s",
                 x.refused);
    else if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && status > 0))
        snprintf(out->error, sizeof(out->error), "%s", curl_easy_strerror(rc));
    else if (status >= 300 && status < 400)
        snprintf(out->error, sizeof(out->error), "HTTP %ld: redirects are not followed", status);
    else if (status < 200 || status >= 300)
        snprintf(out->error, sizeof(out->error), "HTTP %ld", status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
}
