/*
 * The evaluation service's certificate settings, read once at start from the
 * environment and validated (the service refuses to start on a bad value):
 *
 *   OCOP_AGENCY_CODE                 agency in certificate numbers (default OCOP.VL)
 *   OCOP_CERTIFICATE_NUMBER_PATTERN  how numbers are made (certificate.h)
 *   OCOP_CERTIFICATE_NOTICE_DAYS     days before expiry of the notices (180,90,30)
 *   OCOP_SCHEDULER_INTERVAL_MS       how often the expiry scheduler runs (60000)
 *   OCOP_CERTIFICATE_PLATFORM_START  first day the platform issued certificates: one recorded
 *                                    with an earlier issued_on must carry its printed number
 *                                    ("" default: no such day)
 *   OCOP_CERTIFICATE_SUSPENSION      "allowed" (default) or "disabled": whether certificates
 *                                    are suspended at all
 *   OCOP_CERTIFICATE_SUSPENSION_MAX_DAYS  0 (default: no limit) or the longest suspension in
 *                                    days, from its decision to its fix_deadline
 */
#ifndef EVAL_CERTIFICATE_SETTINGS_H
#define EVAL_CERTIFICATE_SETTINGS_H

#include <stddef.h>

#include "common/service.h"
#include "evaluation/certificate.h"

#define CERTIFICATE_SCHEDULER_INTERVAL_DEFAULT_MS 60000

struct certificate_settings {
    char agency[33];                            /* OCOP_AGENCY_CODE */
    char number_pattern[65];                    /* OCOP_CERTIFICATE_NUMBER_PATTERN */
    struct certificate_notice_days notice_days; /* OCOP_CERTIFICATE_NOTICE_DAYS */
    int scheduler_interval_ms;                  /* OCOP_SCHEDULER_INTERVAL_MS, 10..86400000 */
    char platform_start[11];                    /* OCOP_CERTIFICATE_PLATFORM_START, "" when none */
    struct certificate_suspension_policy suspension; /* OCOP_CERTIFICATE_SUSPENSION* */
};

/* Reads and checks the settings. Returns 0, or -1 with the reason in err. */
int certificate_settings_load(struct certificate_settings *s, char *err, size_t errlen);

/* The settings of a running service (its svc->app is a struct oc_app). */
const struct certificate_settings *certificate_settings_of(const struct oc_service *svc);

#endif
