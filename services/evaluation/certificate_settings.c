#include "evaluation/certificate_settings.h"

#include <stdio.h>
#include <string.h>

#include "common/config.h"
#include "common/date.h"
#include "evaluation/handlers.h"

/* The settings as the environment gives them, before the rules check them. */
struct certificate_settings_raw {
    char *agency;           /* OCOP_AGENCY_CODE */
    char *number_pattern;   /* OCOP_CERTIFICATE_NUMBER_PATTERN */
    char *notice_days;      /* OCOP_CERTIFICATE_NOTICE_DAYS */
    char *platform_start;   /* OCOP_CERTIFICATE_PLATFORM_START */
    int scheduler_interval; /* OCOP_SCHEDULER_INTERVAL_MS */
    int suspension;         /* OCOP_CERTIFICATE_SUSPENSION: index in suspension_choices */
    int suspension_max;     /* OCOP_CERTIFICATE_SUSPENSION_MAX_DAYS */
};

static const char *const suspension_choices[] = {"disabled", "allowed", NULL};

#define RAW(field) offsetof(struct certificate_settings_raw, field)
#define STR_(x)    #x
#define STR(x)     STR_(x)

static const struct oc_setting certificate_setting_rows[] = {
    {"OCOP_AGENCY_CODE", OC_SETTING_TEXT, RAW(agency), CERTIFICATE_AGENCY_DEFAULT, 0, 64, NULL, 0},
    {"OCOP_CERTIFICATE_NUMBER_PATTERN", OC_SETTING_TEXT, RAW(number_pattern),
     CERTIFICATE_NUMBER_DEFAULT_PATTERN, 0, 256, NULL, 0},
    {"OCOP_CERTIFICATE_NOTICE_DAYS", OC_SETTING_TEXT, RAW(notice_days),
     CERTIFICATE_NOTICE_DAYS_DEFAULT, 0, 256, NULL, 0},
    {"OCOP_CERTIFICATE_PLATFORM_START", OC_SETTING_TEXT, RAW(platform_start), "", 0, 10, NULL, 0},
    {"OCOP_SCHEDULER_INTERVAL_MS", OC_SETTING_INT, RAW(scheduler_interval),
     STR(CERTIFICATE_SCHEDULER_INTERVAL_DEFAULT_MS), 10, 86400000, NULL, 0},
    {"OCOP_CERTIFICATE_SUSPENSION", OC_SETTING_CHOICE, RAW(suspension), "allowed", 0, 0,
     suspension_choices, 0},
    {"OCOP_CERTIFICATE_SUSPENSION_MAX_DAYS", OC_SETTING_INT, RAW(suspension_max), "0", 0,
     CERTIFICATE_SUSPENSION_MAX_DAYS, NULL, 0},
};

#define ROWS OC_SETTINGS_COUNT(certificate_setting_rows)

/* Checks the raw texts by the certificate rules into s. Returns 0, or -1 with err. */
static int settings_check(struct certificate_settings *s, const struct certificate_settings_raw *r,
                          char *err, size_t errlen)
{
    long day;
    if (!certificate_agency_ok(r->agency)) {
        snprintf(err, errlen, "OCOP_AGENCY_CODE must be 1 to 32 of A-Z, 0-9 and '.'");
        return -1;
    }
    const char *problem = certificate_number_pattern_problem(r->number_pattern);
    if (problem != NULL) {
        snprintf(err, errlen, "OCOP_CERTIFICATE_NUMBER_PATTERN %s", problem);
        return -1;
    }
    problem = certificate_notice_days_parse(r->notice_days, &s->notice_days);
    if (problem != NULL) {
        snprintf(err, errlen, "OCOP_CERTIFICATE_NOTICE_DAYS %s", problem);
        return -1;
    }
    if (r->platform_start[0] != '\0' && !oc_date_read(r->platform_start, &day)) {
        snprintf(err, errlen, "OCOP_CERTIFICATE_PLATFORM_START must be a date YYYY-MM-DD or empty");
        return -1;
    }
    snprintf(s->agency, sizeof(s->agency), "%s", r->agency);
    snprintf(s->number_pattern, sizeof(s->number_pattern), "%s", r->number_pattern);
    snprintf(s->platform_start, sizeof(s->platform_start), "%s", r->platform_start);
    s->scheduler_interval_ms = r->scheduler_interval;
    s->suspension.allowed = r->suspension == 1;
    s->suspension.max_days = r->suspension_max;
    return 0;
}

int certificate_settings_load(struct certificate_settings *s, char *err, size_t errlen)
{
    struct certificate_settings_raw raw = {0};
    memset(s, 0, sizeof(*s));
    if (oc_settings_load(certificate_setting_rows, ROWS, &raw, err, errlen) != 0)
        return -1;
    int rc = settings_check(s, &raw, err, errlen);
    oc_settings_clean(certificate_setting_rows, ROWS, &raw);
    return rc;
}

const struct certificate_settings *certificate_settings_of(const struct oc_service *svc)
{
    const struct oc_app *app = svc->app;
    return &app->certificates;
}
