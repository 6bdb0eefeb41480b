#include "notification/public.h"

int public_settings_load(struct public_settings *s, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    s->unused = 0;
    return 0;
}

void public_settings_clean(struct public_settings *s)
{
    (void)s;
}

#include "common/http.h"
#include "notification/handlers.h"

int public_verify_get(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc)
{
    (void)req;
    (void)svc;
    return oc_http_problem(resp, OC_NOT_FOUND, "not built yet", NULL);
}
