/*
 * Outbound HTTP for webhooks (libcurl), with the SSRF guard: a subscription's
 * URL is checked when it is set (https, a host whose every address is public
 * unicast, or allow-listed), and every connection is checked again on the
 * address actually connected to, so a name that resolves elsewhere later (DNS
 * rebinding) still cannot reach a forbidden address. No proxies, no
 * redirects (a 3xx is a failure), connect and total timeouts, and at most
 * OUTBOUND_BODY_CAP bytes of a response read.
 */
#ifndef NOTIF_OUTBOUND_H
#define NOTIF_OUTBOUND_H

#include <stddef.h>

#include "notification/address.h"

#define OUTBOUND_BODY_CAP 4096

/* Once at start, before any thread uses libcurl; 0, or -1. */
int outbound_global_init(void);
void outbound_global_clean(void);

/*
 * Why url may not be a webhook endpoint, or NULL when it may. On refusal
 * *code is "invalid_url", "forbidden_scheme", "forbidden_address" or
 * "unresolvable" and msg says why (the host resolved, never a secret).
 * Resolves the host (blocking).
 */
const char *outbound_url_problem(const char *url, const struct address_allow *allow,
                                 const char **code, char *msg, size_t msglen);

/* One signed POST. */
struct outbound_request {
    const char *url;                   /* the endpoint */
    const char *content_type;          /* of body */
    const char *body;                  /* bytes sent */
    size_t len;                        /* their number */
    const char *webhook_id;            /* webhook-id header */
    long long timestamp;               /* webhook-timestamp header (unix seconds) */
    const char *signature;             /* webhook-signature header */
    const struct address_allow *allow; /* the allow-list */
    int connect_timeout_ms;            /* CURLOPT_CONNECTTIMEOUT_MS */
    int timeout_ms;                    /* CURLOPT_TIMEOUT_MS */
};

/* What came of it. */
struct outbound_result {
    int http_status; /* the answer's status, 0 when none came */
    long latency_ms; /* from the start to the end of the exchange */
    char error[256]; /* "" for a 2xx, else why it failed */
};

/* Sends r (blocking up to its timeouts) and fills out. */
void outbound_send(const struct outbound_request *r, struct outbound_result *out);

#endif
