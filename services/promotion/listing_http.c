#include "common/read.h"
#include "promotion/handlers.h"
#include "promotion/listing_store.h"

int listing_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    return oc_read_by_id(req, resp, svc, "product", listing_store_get);
}
