#include "notification/public_http.h"

#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "notification/app.h"

const struct public_settings *public_settings_of(const struct oc_service *svc)
{
    return &notif_app(svc)->pub;
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

/* An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") as seconds since the epoch, or -1. */
static long long http_date_parse(const char *s)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    char wd[4], mon[4], gmt[4];
    int dom, year, h, m, sec;
    if (sscanf(s, "%3[A-Za-z], %d %3s %d %d:%d:%d %3s", wd, &dom, mon, &year, &h, &m, &sec, gmt) !=
            8 ||
        strcmp(gmt, "GMT") != 0)
        return -1;
    const char *at = strstr(months, mon);
    if (at == NULL || (at - months) % 3 != 0 || dom < 1 || dom > 31 || year < 1970 || h > 23 ||
        m > 59 || sec > 60 || h < 0 || m < 0 || sec < 0)
        return -1;
    return (long long)oc_day_of(year, (int)((at - months) / 3) + 1, dom) * 86400LL + h * 3600 +
           m * 60 + sec;
}

int public_not_modified(const struct _u_request *req, const char *etag, time_t modified)
{
    const char *inm = u_map_get_case(req->map_header, "If-None-Match");
    if (inm != NULL)
        return etag != NULL && etag_listed(inm, etag);
    const char *ims = u_map_get_case(req->map_header, "If-Modified-Since");
    if (ims == NULL || modified == 0)
        return 0;
    long long since = http_date_parse(ims);
    return since >= 0 && since >= (long long)modified;
}

void public_validators(struct _u_response *resp, const char *etag, time_t modified, int max_age)
{
    char buf[64];
    if (etag != NULL)
        u_map_put(resp->map_header, "ETag", etag);
    if (modified != 0) {
        struct tm tm;
        gmtime_r(&modified, &tm);
        strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &tm);
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
