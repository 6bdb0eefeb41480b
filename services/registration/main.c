/*
 * ocop-registration: the provincial OCOP registry (producers, products and,
 * later, dossiers). Reads its configuration from the environment, serves HTTP
 * and publishes its events through the outbox until SIGTERM or SIGINT.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "common/config.h"
#include "common/contracts.h"
#include "common/log.h"
#include "common/service.h"
#include "registration/admin_unit_load.h"
#include "registration/application.h"
#include "registration/handlers.h"
#include "registration/product.h"
#include "registration/support.h"
#include "registration/support_policy_load.h"

/* The registration service's own settings as the environment gives them. */
struct reg_settings_raw {
    char *agency;               /* OCOP_AGENCY_CODE */
    char *code_pattern;         /* OCOP_PRODUCT_CODE_PATTERN */
    char *support_commune_year; /* OCOP_SUPPORT_COMMUNE_YEAR_CAP_VND, or NULL */
    char *support_year;         /* OCOP_SUPPORT_YEAR_CAP_VND, or NULL */
    char *support_policy_dir;   /* OCOP_SUPPORT_POLICY_DIR, under the schema folder */
};

#define RAW(field) offsetof(struct reg_settings_raw, field)

static const struct oc_setting reg_setting_rows[] = {
    {"OCOP_AGENCY_CODE", OC_SETTING_TEXT, RAW(agency), OC_AGENCY_CODE_DEFAULT, 0, 64, NULL, 0},
    {"OCOP_PRODUCT_CODE_PATTERN", OC_SETTING_TEXT, RAW(code_pattern), PRODUCT_CODE_DEFAULT_PATTERN,
     0, 256, NULL, 0},
    {"OCOP_SUPPORT_COMMUNE_YEAR_CAP_VND", OC_SETTING_TEXT, RAW(support_commune_year), NULL, 0, 64,
     NULL, 0},
    {"OCOP_SUPPORT_YEAR_CAP_VND", OC_SETTING_TEXT, RAW(support_year), NULL, 0, 64, NULL, 0},
    {"OCOP_SUPPORT_POLICY_DIR", OC_SETTING_TEXT, RAW(support_policy_dir),
     SUPPORT_POLICY_DIR_DEFAULT, 1, 1024, NULL, OC_SETTING_EMPTY_UNSET},
};

/* Checks the raw texts into app and loads the support policies. Returns 0, or -1 with err. */
static int app_check(struct oc_app *app, const struct reg_settings_raw *r, const char *schema_dir,
                     char *err, size_t errlen)
{
    if (!dossier_agency_ok(r->agency)) {
        snprintf(err, errlen, "OCOP_AGENCY_CODE must be 1 to 32 of A-Z, 0-9 and '.'");
        return -1;
    }
    const char *problem = product_code_pattern_problem(r->code_pattern);
    if (problem != NULL) {
        snprintf(err, errlen, "OCOP_PRODUCT_CODE_PATTERN %s", problem);
        return -1;
    }
    snprintf(app->agency, sizeof(app->agency), "%s", r->agency);
    snprintf(app->code_pattern, sizeof(app->code_pattern), "%s", r->code_pattern);
    if (!support_settings_parse(r->support_commune_year, r->support_year, &app->support, err,
                                errlen) ||
        !support_policy_load(&app->support_policies, schema_dir, r->support_policy_dir, err,
                             errlen))
        return -1;
    return 0;
}

/* Reads the registration service's own settings; returns 0 or -1 after logging why. */
static int app_config(struct oc_app *app, const char *schema_dir)
{
    char err[512];
    struct reg_settings_raw raw = {0};
    size_t n = OC_SETTINGS_COUNT(reg_setting_rows);
    int rc = oc_settings_load(reg_setting_rows, n, &raw, err, sizeof(err));
    if (rc == 0) {
        rc = app_check(app, &raw, schema_dir, err, sizeof(err));
        oc_settings_clean(reg_setting_rows, n, &raw);
    }
    if (rc != 0)
        oc_log(OC_LOG_ERROR, "%s", err);
    return rc;
}

/* Start-up step after the migrations: the administrative units reference data. */
static enum oc_err startup(PGconn *conn, struct oc_service *svc, char *err, size_t errlen)
{
    return admin_unit_load(conn, svc->cfg.schema_dir, svc->cfg.admin_unit_files, err, errlen);
}

int main(void)
{
    struct oc_service svc;
    struct oc_app app;
    int code = 1;
    memset(&app, 0, sizeof(app));

    if (oc_service_init(&svc, "registration", 8081) == 0 &&
        app_config(&app, svc.cfg.schema_dir) == 0) {
        oc_service_set_tables(&svc, &registration_tables);
        oc_service_startup(&svc, startup);
        svc.app = &app;
        code = oc_service_run(&svc);
    }
    oc_service_clean(&svc);
    support_policy_set_clean(&app.support_policies);
    return code;
}
