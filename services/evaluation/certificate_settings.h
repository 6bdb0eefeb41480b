/*
 * The evaluation service's certificate settings, read once at start from the
 * environment and validated (the service refuses to start on a bad value):
 *
 *   OCOP_AGENCY_CODE                 agency in certificate numbers (default OCOP.VL)
 *   OCOP_CERTIFICATE_NUMBER_PATTERN  how numbers are made (certificate.h)
 *   OCOP_CERTIFICATE_NOTICE_DAYS     days before expiry of the notices (180,90,30)
 *   OCOP_SCHEDULER_INTERVAL_MS       how often the expiry scheduler runs (60000)
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
};

/* Reads and checks the settings. Returns 0, or -1 with the reason in err. */
int certificate_settings_load(struct certificate_settings *s, char *err, size_t errlen);

/* The settings of a running service (its svc->ctx is a struct eval_app). */
const struct certificate_settings *certificate_settings_of(const struct oc_service *svc);

#endif
