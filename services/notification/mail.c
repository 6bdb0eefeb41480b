#include "notification/mail.h"

#include <stdlib.h>

int mail_settings_load(struct mail_settings *s, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    s->unused = 0;
    return 0;
}

void mail_settings_clean(struct mail_settings *s)
{
    (void)s;
}

enum oc_err mail_on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                          char *err, size_t errlen)
{
    (void)conn, (void)ev, (void)svc, (void)err, (void)errlen;
    return OC_OK;
}

enum oc_err mail_queue_address(PGconn *conn, const char *key, const char *to,
                               const char *template_name, const json_t *vars)
{
    (void)conn, (void)key, (void)to, (void)template_name, (void)vars;
    return OC_OK;
}

struct mail_sender {
    int unused;
};

struct mail_sender *mail_sender_start(struct oc_service *svc)
{
    (void)svc;
    return calloc(1, sizeof(struct mail_sender));
}

void mail_sender_stop(struct mail_sender *d)
{
    free(d);
}
