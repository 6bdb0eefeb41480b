/*
 * ocop-promotion: the province's trade-promotion desk (catalogue, fairs,
 * market linkages, points of sale). Reads its configuration from the
 * environment, loads the commune codes, consumes product, certificate and
 * inspection events into its own view and serves HTTP until SIGTERM or SIGINT.
 */
#include "common/log.h"
#include "common/service.h"
#include "promotion/commune_load.h"
#include "promotion/handlers.h"
#include "promotion/today.h"

/* Start-up step after the migrations: commune codes then and now (reference data). */
static enum oc_err startup(PGconn *conn, struct oc_service *svc, char *err, size_t errlen)
{
    return commune_load(conn, svc->cfg.schema_dir, svc->cfg.admin_unit_files, err, errlen);
}

/* The promotion desk's own settings (OCOP_PROMOTION_FEATURE_*), read once. */
static int promotion_config(void)
{
    char err[256];
    if (promotion_feature_init(err, sizeof(err)) == 0)
        return 0;
    oc_log(OC_LOG_ERROR, "invalid configuration: %s", err);
    return -1;
}

int main(void)
{
    struct oc_service svc;
    int code = 1;

    if (oc_service_init(&svc, "promotion", 8083) == 0 && promotion_config() == 0) {
        promo_today_init(svc.cfg.clock_file);
        oc_service_set_tables(&svc, &promotion_tables);
        oc_service_startup(&svc, startup);
        code = oc_service_run(&svc);
    }
    oc_service_clean(&svc);
    return code;
}
