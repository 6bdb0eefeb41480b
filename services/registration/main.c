/*
 * ocop-registration: the provincial OCOP registry (producers, products and,
 * later, dossiers). Reads its configuration from the environment, serves HTTP
 * and publishes its events through the outbox until SIGTERM or SIGINT.
 */
#include "common/service.h"
#include "registration/handlers.h"

int main(void)
{
    struct oc_service svc;
    int code = 1;

    if (oc_service_init(&svc, "registration", 8081) == 0) {
        oc_service_routes(&svc, registration_routes, registration_route_count);
        code = oc_service_run(&svc);
    }
    oc_service_clean(&svc);
    return code;
}
