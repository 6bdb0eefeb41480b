/*
 * ocop-evaluation: criteria, councils, scoring, certificates and quality
 * inspections. Reads its configuration from the environment, loads the rule
 * sets and criteria sets, consumes the registry's events into its own view
 * and serves HTTP until SIGTERM or SIGINT.
 */
#include <stdio.h>

#include "common/log.h"
#include "common/service.h"
#include "evaluation/certificate_scheduler.h"
#include "evaluation/handlers.h"
#include "evaluation/round_store.h"
#include "evaluation/rule_set_load.h"

/* Start-up step after the migrations: the reference data, and the councils' policy. */
static enum oc_err startup(PGconn *conn, struct oc_service *svc, char *err, size_t errlen)
{
    enum oc_err rc = rule_set_load(conn, svc->cfg.schema_dir, err, errlen);
    if (rc == OC_OK && round_store_policy(conn, svc->cfg.council_secretary_scores) != OC_OK) {
        snprintf(err, errlen, "could not record the councils' policy");
        rc = OC_DB;
    }
    return rc;
}

/* Reads the evaluation service's own settings; returns 0 or -1 after logging why. */
static int app_config(struct oc_app *app)
{
    char err[256];
    if (certificate_settings_load(&app->certificates, err, sizeof(err)) != 0) {
        oc_log(OC_LOG_ERROR, "invalid configuration: %s", err);
        return -1;
    }
    return 0;
}

int main(void)
{
    struct oc_service svc;
    struct oc_app app;
    struct certificate_scheduler *scheduler = NULL;
    int code = 1;

    if (oc_service_init(&svc, "evaluation", 8082) == 0 && app_config(&app) == 0) {
        oc_service_set_tables(&svc, &evaluation_tables);
        oc_service_startup(&svc, startup);
        svc.app = &app;
        scheduler = certificate_scheduler_start(&svc);
        if (scheduler != NULL)
            code = oc_service_run(&svc);
        certificate_scheduler_stop(scheduler);
    }
    oc_service_clean(&svc);
    return code;
}
