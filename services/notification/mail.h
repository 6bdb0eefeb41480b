/*
 * E-mail to producers: one message per event that concerns a producer
 * (certificates, dossiers, trade events), queued in the consumer's
 * transaction and sent over SMTP by the sender thread with the address
 * fetched from registration at send time.
 */
#ifndef NOTIF_MAIL_H
#define NOTIF_MAIL_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/event.h"
#include "common/service.h"

/* Mail settings (environment, read at start). */
struct mail_settings {
    int unused; /* placeholder until the mail settings exist */
};

/* Reads the settings; returns 0, or -1 with the reason in err. */
int mail_settings_load(struct mail_settings *s, char *err, size_t errlen);
void mail_settings_clean(struct mail_settings *s);

/* Queues the message ev calls for, if any, inside the consumer's transaction (so once). */
enum oc_err mail_on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                          char *err, size_t errlen);

struct mail_sender;

/*
 * Queues a message to a fixed address (not a producer's), e.g. a paused
 * subscription's owner: template is a file name under the mail templates,
 * vars its values, key makes it once (a second call with the same key does
 * nothing).
 */
enum oc_err mail_queue_address(PGconn *conn, const char *key, const char *to,
                               const char *template_name, const json_t *vars);

/* Starts the sending thread; NULL after logging why. */
struct mail_sender *mail_sender_start(struct oc_service *svc);

/* Stops and frees it; d may be NULL. */
void mail_sender_stop(struct mail_sender *d);

#endif
