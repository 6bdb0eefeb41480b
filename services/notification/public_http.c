#include "notification/public_http.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "notification/app.h"

const struct public_settings *public_settings_of(const struct oc_service *svc)
{
    return &svc->app->pub;
}

/* 1 when the If-None-Match list holds etag or "*" (weak comparison, RFC 9110 13.1.2). */
static int etag_listed(const char *list, const char *etag)
{
    size_t n = strlen(etag);
    for (const char *p = list; *p;) {
        p += strspn(p, " \t,");
        if (strncmp(p, "W/", 2) == 0)
            p += 2;
        size_t k = strcspn(p, ",");
        while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t'))
            k--;
        if ((k == 1 && *p == '*') || (k == n && strncmp(p, etag, n) == 0))
            return 1;
        p += strcspn(p, ",");
    }
    return 0;
}

int public_not_modified(const struct _u_request *req, const char *etag, time_t modified)
{
    const char *inm = u_map_get_case(req->map_header, "If-None-Match");
    if (inm != NULL)
        return etag != NULL && etag_listed(inm, etag);
    const char *ims = u_map_get_case(req->map_header, "If-Modified-Since");
    if (ims == NULL || modified == 0)
        return 0;
    /* libcurl reads the three date forms HTTP recipients must accept (RFC 9110 §5.6.7) */
    time_t since = curl_getdate(ims, NULL);
    return since >= 0 && since >= modified;
}

void public_validators(struct _u_response *resp, const char *etag, time_t modified, int max_age)
{
    char buf[64];
    if (etag != NULL)
        u_map_put(resp->map_header, "ETag", etag);
    if (modified != 0) {
        struct tm tm;
        gmtime_r(&modified, &tm);
        if (strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &tm) > 0)
            u_map_put(resp->map_header, "Last-Modified", buf);
    }
    snprintf(buf, sizeof(buf), "public, max-age=%d", max_age);
    u_map_put(resp->map_header, "Cache-Control", buf);
}

int public_send_304(struct _u_response *resp)
{
    ulfius_set_empty_body_response(resp, 304);
    return U_CALLBACK_COMPLETE;
}

int public_send(struct _u_response *resp, unsigned int status, const char *type, const void *body,
                size_t len)
{
    ulfius_set_binary_body_response(resp, status, body, len);
    u_map_put(resp->map_header, "Content-Type", type);
    return U_CALLBACK_COMPLETE;
}
