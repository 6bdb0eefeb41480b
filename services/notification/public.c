#include "notification/public.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/log.h"
#include "common/validate.h"

const char *public_base_url_problem(const char *url)
{
    size_t n = strlen(url);
    size_t scheme = strncmp(url, "https://", 8) == 0 ? 8 : strncmp(url, "http://", 7) == 0 ? 7 : 0;
    if (scheme == 0)
        return "must start with http:// or https://";
    if (n > PUBLIC_BASE_URL_MAX)
        return "must be at most 200 characters";
    if (n == scheme || url[scheme] == '/')
        return "must name a host";
    for (const char *c = url; *c; c++)
        if (*c <= ' ' || *c > '~' || strchr("\"'<>?#\\`", *c) != NULL)
            return "must be printable ASCII without spaces, quotes, '<', '>', '?' or '#'";
    return NULL;
}

int public_settings_load(struct public_settings *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof(*s));
    const char *url = getenv("OCOP_PUBLIC_BASE_URL");
    url = url ? url : PUBLIC_BASE_URL_DEFAULT;
    const char *problem = public_base_url_problem(url);
    if (problem != NULL) {
        snprintf(err, errlen, "OCOP_PUBLIC_BASE_URL %s", problem);
        return -1;
    }
    snprintf(s->base_url, sizeof(s->base_url), "%s", url);
    for (size_t n = strlen(s->base_url); n > 0 && s->base_url[n - 1] == '/'; n--)
        s->base_url[n - 1] = '\0';
    const char *days = getenv("OCOP_PUBLIC_EXPIRING_DAYS");
    char *end = NULL;
    errno = 0;
    long d = days ? strtol(days, &end, 10) : 90;
    if (days != NULL &&
        (errno != 0 || end == days || *end != '\0' || days[0] < '0' || days[0] > '9'))
        d = -1;
    if (d < 0 || d > 3650) {
        snprintf(err, errlen, "OCOP_PUBLIC_EXPIRING_DAYS must be an integer from 0 to 3650");
        return -1;
    }
    s->expiring_days = (int)d;
    const char *licence = getenv("OCOP_OPEN_DATA_LICENCE");
    licence = licence ? licence : PUBLIC_LICENCE_DEFAULT;
    size_t n = strlen(licence);
    int ok = n >= 1 && n <= PUBLIC_LICENCE_MAX && oc_utf8_ok(licence, n);
    for (const char *c = licence; ok && *c; c++)
        ok = (unsigned char)*c >= 0x20 && *c != 0x7f;
    if (!ok) {
        snprintf(err, errlen, "OCOP_OPEN_DATA_LICENCE must be 1 to 200 bytes of UTF-8 text");
        return -1;
    }
    snprintf(s->licence, sizeof(s->licence), "%s", licence);
    const char *clock = getenv("OCOP_CLOCK_FILE");
    s->clock_file = clock ? clock : "";
    return 0;
}

void public_settings_clean(struct public_settings *s)
{
    (void)s;
}

void public_today(const struct public_settings *s, char *out, size_t len)
{
    long day = 0;
    char err[256];
    if (oc_clock_today(s->clock_file, &day, err, sizeof(err)) != 0) {
        oc_log(OC_LOG_ERROR, "%s; using the real clock", err);
        if (oc_clock_today(NULL, &day, err, sizeof(err)) != 0)
            day = 0;
    }
    char text[11];
    oc_day_format(day, text, sizeof(text));
    snprintf(out, len, "%s", text);
}
