/*
 * ocop-registration: the provincial OCOP registry (producers, products and,
 * later, dossiers). Reads its configuration from the environment, serves HTTP
 * and publishes its events through the outbox until SIGTERM or SIGINT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/contracts.h"
#include "common/log.h"
#include "common/service.h"
#include "registration/admin_unit_load.h"
#include "registration/application.h"
#include "registration/handlers.h"
#include "registration/product.h"
#include "registration/support_policy_load.h"

/* Reads the registration service's own settings; returns 0 or -1 after logging why. */
static int app_config(struct reg_app *app, const char *schema_dir)
{
    const char *agency = getenv("OCOP_AGENCY_CODE");
    snprintf(app->agency, sizeof(app->agency), "%s", agency ? agency : OC_AGENCY_CODE_DEFAULT);
    if (!dossier_agency_ok(agency ? agency : app->agency)) {
        oc_log(OC_LOG_ERROR, "OCOP_AGENCY_CODE must be 1 to 32 of A-Z, 0-9 and '.'");
        return -1;
    }
    const char *pattern = getenv("OCOP_PRODUCT_CODE_PATTERN");
    pattern = pattern ? pattern : PRODUCT_CODE_DEFAULT_PATTERN;
    const char *problem = product_code_pattern_problem(pattern);
    if (problem != NULL) {
        oc_log(OC_LOG_ERROR, "OCOP_PRODUCT_CODE_PATTERN %s", problem);
        return -1;
    }
    snprintf(app->code_pattern, sizeof(app->code_pattern), "%s", pattern);
    char err[512];
    if (!support_settings_parse(getenv("OCOP_SUPPORT_COMMUNE_YEAR_CAP_VND"),
                                getenv("OCOP_SUPPORT_YEAR_CAP_VND"), &app->support, err,
                                sizeof(err)) ||
        !support_policy_load(&app->support_policies, schema_dir, err, sizeof(err))) {
        oc_log(OC_LOG_ERROR, "%s", err);
        return -1;
    }
    return 0;
}

/* Start-up step after the migrations: the administrative units reference data. */
static enum oc_err startup(PGconn *conn, struct oc_service *svc, char *err, size_t errlen)
{
    return admin_unit_load(conn, svc->cfg.schema_dir, err, errlen);
}

int main(void)
{
    struct oc_service svc;
    struct reg_app app;
    int code = 1;
    memset(&app, 0, sizeof(app));

    if (oc_service_init(&svc, "registration", 8081) == 0 &&
        app_config(&app, svc.cfg.schema_dir) == 0) {
        oc_service_routes(&svc, registration_routes, registration_route_count);
        oc_service_startup(&svc, startup);
        oc_service_consume(&svc, registration_sources, registration_source_count,
                           registration_events, registration_event_count, &app);
        svc.ctx = &app;
        code = oc_service_run(&svc);
    }
    oc_service_clean(&svc);
    support_policy_set_clean(&app.support_policies);
    return code;
}
