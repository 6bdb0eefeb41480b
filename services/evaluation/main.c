/*
 * ocop-evaluation: criteria, councils, scoring, certificates and quality
 * inspections. Reads its configuration from the environment, loads the rule
 * sets and criteria sets, consumes the registry's events into its own view
 * and serves HTTP until SIGTERM or SIGINT.
 */
#include "common/service.h"
#include "evaluation/handlers.h"
#include "evaluation/rule_set_load.h"

/* Start-up step after the migrations: the rule sets and criteria sets reference data. */
static enum oc_err startup(PGconn *conn, struct oc_service *svc, char *err, size_t errlen)
{
    return rule_set_load(conn, svc->cfg.schema_dir, err, errlen);
}

int main(void)
{
    struct oc_service svc;
    int code = 1;

    if (oc_service_init(&svc, "evaluation", 8082) == 0) {
        oc_service_routes(&svc, evaluation_routes, evaluation_route_count);
        oc_service_startup(&svc, startup);
        oc_service_consume(&svc, evaluation_sources, evaluation_source_count, evaluation_events,
                           evaluation_event_count, NULL);
        code = oc_service_run(&svc);
    }
    oc_service_clean(&svc);
    return code;
}
