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

/* The n digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") as seconds since the epoch, or -1. */
static long long http_date_parse(const char *s)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    char month[4], iso[24];
    long day;
    if (strlen(s) != 29 || strncmp(s + 3, ", ", 2) != 0 || s[7] != ' ' || s[11] != ' ' ||
        s[16] != ' ' || s[19] != ':' || s[22] != ':' || strcmp(s + 25, " GMT") != 0)
        return -1;
    memcpy(month, s + 8, 3);
    month[3] = '\0';
    const char *at = strstr(months, month);
    int h = digits(s + 17, 2), m = digits(s + 20, 2), sec = digits(s + 23, 2);
    if (at == NULL || (at - months) % 3 != 0 || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 ||
        sec > 60)
        return -1;
    snprintf(iso, sizeof(iso), "%.4s-%02d-%.2s", s + 12, (int)((at - months) / 3) + 1, s + 5);
    if (!oc_date_parse(iso, &day))
        return -1;
    return (long long)day * 86400LL + (long long)h * 3600LL + (long long)m * 60LL + sec;
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
