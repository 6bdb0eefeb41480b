#include "evaluation/certificate_settings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluation/handlers.h"

/* Reads a whole number from..to of name (default def); -1 when malformed or out of range. */
static long settings_int(const char *name, long def, long from, long to)
{
    const char *text = getenv(name);
    char *end = NULL;
    if (text == NULL)
        return def;
    errno = 0;
    long n = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || text[0] < '0' || text[0] > '9' || n < from ||
        n > to)
        return -1;
    return n;
}

/* The local policies: the platform's start and suspensions. */
static int settings_policies(struct certificate_settings *s, char *err, size_t errlen)
{
    long day;
    const char *start = getenv("OCOP_CERTIFICATE_PLATFORM_START");
    if (start != NULL && start[0] != '\0' && !certificate_date_parse(start, &day)) {
        snprintf(err, errlen, "OCOP_CERTIFICATE_PLATFORM_START must be a date YYYY-MM-DD or empty");
        return -1;
    }
    snprintf(s->platform_start, sizeof(s->platform_start), "%s", start ? start : "");
    const char *suspension = getenv("OCOP_CERTIFICATE_SUSPENSION");
    if (suspension == NULL || strcmp(suspension, "allowed") == 0) {
        s->suspension.allowed = 1;
    } else if (strcmp(suspension, "disabled") != 0) {
        snprintf(err, errlen, "OCOP_CERTIFICATE_SUSPENSION must be allowed or disabled");
        return -1;
    }
    long max =
        settings_int("OCOP_CERTIFICATE_SUSPENSION_MAX_DAYS", 0, 0, CERTIFICATE_SUSPENSION_MAX_DAYS);
    if (max < 0) {
        snprintf(err, errlen,
                 "OCOP_CERTIFICATE_SUSPENSION_MAX_DAYS must be an integer from 0 (no limit) to "
                 "3650");
        return -1;
    }
    s->suspension.max_days = (int)max;
    return 0;
}

int certificate_settings_load(struct certificate_settings *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof(*s));
    const char *agency = getenv("OCOP_AGENCY_CODE");
    agency = agency ? agency : CERTIFICATE_AGENCY_DEFAULT;
    if (!certificate_agency_ok(agency)) {
        snprintf(err, errlen, "OCOP_AGENCY_CODE must be 1 to 32 of A-Z, 0-9 and '.'");
        return -1;
    }
    snprintf(s->agency, sizeof(s->agency), "%s", agency);
    const char *pattern = getenv("OCOP_CERTIFICATE_NUMBER_PATTERN");
    pattern = pattern ? pattern : CERTIFICATE_NUMBER_DEFAULT_PATTERN;
    const char *problem = certificate_number_pattern_problem(pattern);
    if (problem != NULL) {
        snprintf(err, errlen, "OCOP_CERTIFICATE_NUMBER_PATTERN %s", problem);
        return -1;
    }
    snprintf(s->number_pattern, sizeof(s->number_pattern), "%s", pattern);
    const char *days = getenv("OCOP_CERTIFICATE_NOTICE_DAYS");
    problem = certificate_notice_days_parse(days ? days : CERTIFICATE_NOTICE_DAYS_DEFAULT,
                                            &s->notice_days);
    if (problem != NULL) {
        snprintf(err, errlen, "OCOP_CERTIFICATE_NOTICE_DAYS %s", problem);
        return -1;
    }
    const char *interval = getenv("OCOP_SCHEDULER_INTERVAL_MS");
    char *end = NULL;
    errno = 0;
    long ms = interval ? strtol(interval, &end, 10) : CERTIFICATE_SCHEDULER_INTERVAL_DEFAULT_MS;
    if (interval != NULL &&
        (errno != 0 || end == interval || *end != '\0' || interval[0] < '0' || interval[0] > '9'))
        ms = -1;
    if (ms < 10 || ms > 86400000) {
        snprintf(err, errlen, "OCOP_SCHEDULER_INTERVAL_MS must be an integer from 10 to 86400000");
        return -1;
    }
    s->scheduler_interval_ms = (int)ms;
    return settings_policies(s, err, errlen);
}

const struct certificate_settings *certificate_settings_of(const struct oc_service *svc)
{
    const struct eval_app *app = svc->ctx;
    return &app->certificates;
}
