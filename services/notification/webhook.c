#include "notification/webhook.h"

#include <stdlib.h>

int webhook_settings_load(struct webhook_settings *s, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    s->unused = 0;
    return 0;
}

void webhook_settings_clean(struct webhook_settings *s)
{
    (void)s;
}

enum oc_err webhook_on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                             char *err, size_t errlen)
{
    (void)conn, (void)ev, (void)svc, (void)err, (void)errlen;
    return OC_OK;
}

struct webhook_dispatcher {
    int unused;
};

struct webhook_dispatcher *webhook_dispatcher_start(struct oc_service *svc)
{
    (void)svc;
    return calloc(1, sizeof(struct webhook_dispatcher));
}

void webhook_dispatcher_stop(struct webhook_dispatcher *d)
{
    free(d);
}
