/*
 * ocop-promotion: the province's trade-promotion desk (fairs, market linkages,
 * points of sale). Reads its configuration from the environment, consumes
 * product events into its own view and serves HTTP until SIGTERM or SIGINT.
 */
#include "common/service.h"
#include "promotion/handlers.h"

int main(void)
{
    struct oc_service svc;
    int code = 1;

    if (oc_service_init(&svc, "promotion", 8083) == 0) {
        oc_service_routes(&svc, promotion_routes, promotion_route_count);
        oc_service_consume(&svc, promotion_sources, promotion_source_count, promotion_events,
                           promotion_event_count, NULL);
        code = oc_service_run(&svc);
    }
    oc_service_clean(&svc);
    return code;
}
