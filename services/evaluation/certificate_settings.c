#include "evaluation/certificate_settings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluation/handlers.h"

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
    return 0;
}

const struct certificate_settings *certificate_settings_of(const struct oc_service *svc)
{
    const struct eval_app *app = svc->ctx;
    return &app->certificates;
}
