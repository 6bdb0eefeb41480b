#include "common/read.h"
#include "evaluation/candidate_store.h"
#include "evaluation/handlers.h"

int candidate_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    return oc_read_by_id(req, resp, svc, "product", candidate_store_get);
}

int application_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    return oc_read_by_id(req, resp, svc, "application", candidate_store_application_get);
}
