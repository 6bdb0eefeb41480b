/*
 * The configuration, as the environment gives it: every line of the input
 * sets one variable, its first byte picking the name (the names of the
 * config table, taken from oc_config_to_json, then the services' own
 * settings), the rest being the value. Then what start-up does with them:
 * oc_config_load (the table, its bounds and checks), evaluation's
 * certificate_settings_load (compiled in), registration's agency code and
 * product-code pattern, and a code and a certificate number formatted with
 * an accepted pattern into the buffers the stores use.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/config.h"
#include "evaluation/certificate.h"
#include "evaluation/certificate_settings.h"
#include "fuzz/fuzz.h"
#include "registration/application.h"
#include "registration/product.h"

#define MAX_NAMES 64

/* The services' own settings, read outside the config table. */
static const char *const own[] = {"OCOP_AGENCY_CODE", "OCOP_PRODUCT_CODE_PATTERN",
                                  "OCOP_CERTIFICATE_NUMBER_PATTERN", "OCOP_CERTIFICATE_NOTICE_DAYS",
                                  "OCOP_SCHEDULER_INTERVAL_MS"};

static char *names[MAX_NAMES];
static size_t nnames;

static void registration_settings(void)
{
    char code[PRODUCT_CODE_MAX + 1];
    const char *agency = getenv("OCOP_AGENCY_CODE");
    const char *pattern = getenv("OCOP_PRODUCT_CODE_PATTERN");
    (void)dossier_agency_ok(agency ? agency : "OCOP.TV");
    pattern = pattern ? pattern : PRODUCT_CODE_DEFAULT_PATTERN;
    if (product_code_pattern_problem(pattern) != NULL)
        return;
    (void)product_code_format(code, sizeof(code), pattern, "2026", 12, "29242", 4);
    (void)product_code_format(code, sizeof(code), pattern, "2026", 999999999L, "29242", 26);
}

static void evaluation_settings(void)
{
    char err[256], number[CERTIFICATE_NUMBER_MAX + 1];
    struct certificate_settings s;
    if (certificate_settings_load(&s, err, sizeof(err)) != 0)
        return;
    (void)certificate_number_format(number, sizeof(number), s.number_pattern, s.agency, 2026, 7, 5);
    (void)certificate_number_format(number, sizeof(number), s.number_pattern, s.agency, 2999,
                                    999999999L, 3);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[256];
    struct oc_config cfg;
    const char *key;
    json_t *value;
    (void)argc;
    (void)argv;
    fuzz_quiet();
    if (oc_config_load(&cfg, "registration", 8081, err, sizeof(err)) != 0)
        abort();
    json_t *all = oc_config_to_json(&cfg);
    json_object_foreach(all, key, value)
    {
        if (strncmp(key, "OCOP_", 5) == 0 && nnames < MAX_NAMES)
            names[nnames++] = strdup(key);
    }
    for (size_t i = 0; i < sizeof(own) / sizeof(own[0]) && nnames < MAX_NAMES; i++)
        names[nnames++] = strdup(own[i]);
    json_decref(all);
    oc_config_clean(&cfg);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256], topic[256];
    struct oc_config cfg;
    char *text = fuzz_cstr(data, size);
    unsigned char set[MAX_NAMES] = {0};
    for (char *line = text, *next; line != NULL; line = next) {
        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        if (line[0] == '\0')
            continue;
        size_t at = (unsigned char)line[0] % nnames;
        setenv(names[at], line + 1, 1);
        set[at] = 1;
    }
    if (oc_config_load(&cfg, "evaluation", 8082, err, sizeof(err)) == 0) {
        json_decref(oc_config_to_json(&cfg));
        oc_config_topic(&cfg, cfg.service, "events", topic, sizeof(topic));
        oc_config_clean(&cfg);
    }
    registration_settings();
    evaluation_settings();
    for (size_t i = 0; i < nnames; i++)
        if (set[i])
            unsetenv(names[i]);
    free(text);
    return 0;
}
