#include "notification/public.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/config.h"
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

/* The settings as the environment gives them. */
struct public_settings_raw {
    char *base_url;    /* OCOP_PUBLIC_BASE_URL */
    int expiring_days; /* OCOP_PUBLIC_EXPIRING_DAYS */
    char *licence;     /* OCOP_OPEN_DATA_LICENCE */
    char *clock_file;  /* OCOP_CLOCK_FILE */
};

#define RAW(field) offsetof(struct public_settings_raw, field)

static const struct oc_setting public_setting_rows[] = {
    {"OCOP_PUBLIC_BASE_URL", OC_SETTING_TEXT, RAW(base_url), PUBLIC_BASE_URL_DEFAULT, 0, 4096, NULL,
     0},
    {"OCOP_PUBLIC_EXPIRING_DAYS", OC_SETTING_INT, RAW(expiring_days), "90", 0, 3650, NULL, 0},
    {"OCOP_OPEN_DATA_LICENCE", OC_SETTING_TEXT, RAW(licence), PUBLIC_LICENCE_DEFAULT, 0, 4096, NULL,
     0},
    {"OCOP_CLOCK_FILE", OC_SETTING_TEXT, RAW(clock_file), "", 0, 4096, NULL, 0},
};

#define ROWS OC_SETTINGS_COUNT(public_setting_rows)

/* Checks the raw texts into s, which takes the clock file. Returns 0, or -1 with err. */
static int public_settings_check(struct public_settings *s, struct public_settings_raw *r,
                                 char *err, size_t errlen)
{
    const char *problem = public_base_url_problem(r->base_url);
    if (problem != NULL) {
        snprintf(err, errlen, "OCOP_PUBLIC_BASE_URL %s", problem);
        return -1;
    }
    snprintf(s->base_url, sizeof(s->base_url), "%s", r->base_url);
    for (size_t n = strlen(s->base_url); n > 0 && s->base_url[n - 1] == '/'; n--)
        s->base_url[n - 1] = '\0';
    s->expiring_days = r->expiring_days;
    size_t n = strlen(r->licence);
    int ok = n >= 1 && n <= PUBLIC_LICENCE_MAX && oc_utf8_ok(r->licence, n);
    for (const char *c = r->licence; ok && *c; c++)
        ok = (unsigned char)*c >= 0x20 && *c != 0x7f;
    if (!ok) {
        snprintf(err, errlen, "OCOP_OPEN_DATA_LICENCE must be 1 to 200 bytes of UTF-8 text");
        return -1;
    }
    snprintf(s->licence, sizeof(s->licence), "%s", r->licence);
    s->clock_file = r->clock_file;
    r->clock_file = NULL;
    return 0;
}

int public_settings_load(struct public_settings *s, char *err, size_t errlen)
{
    struct public_settings_raw raw = {0};
    memset(s, 0, sizeof(*s));
    if (oc_settings_load(public_setting_rows, ROWS, &raw, err, errlen) != 0)
        return -1;
    int rc = public_settings_check(s, &raw, err, errlen);
    oc_settings_clean(public_setting_rows, ROWS, &raw);
    return rc;
}

void public_settings_clean(struct public_settings *s)
{
    free(s->clock_file);
    s->clock_file = NULL;
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
