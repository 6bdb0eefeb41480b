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

/*
 * Mail settings (environment, read at start and validated; the service
 * refuses to start on a bad value):
 *
 *   OCOP_SMTP_URL                 smtp://host:port (STARTTLS when offered) or smtps://;
 *                                 unset: messages are queued but not sent
 *   OCOP_SMTP_FROM                sender address (no-reply@ocop.travinh.gov.vn)
 *   OCOP_SMTP_FROM_NAME           sender display name (Chương trình OCOP tỉnh Trà Vinh)
 *   OCOP_SMTP_USERNAME            AUTH user name (unset: no AUTH)
 *   OCOP_SMTP_PASSWORD_FILE       file holding the AUTH password
 *   OCOP_SMTP_TIMEOUT_MS          connect and send timeout (30000)
 *   OCOP_REGISTRATION_URL         registration's base URL (http://127.0.0.1:8081)
 *   OCOP_NOTIFICATION_TOKEN_FILE  file holding the service's bearer token for registration
 *                                 (re-read when it changes; required with OCOP_SMTP_URL)
 *   OCOP_MAIL_MAX_ATTEMPTS        tries before a message is failed (10)
 *   OCOP_MAIL_RETRY_BASE_MS       first retry delay, doubled each try (60000)
 *   OCOP_MAIL_RETRY_MAX_MS        longest retry delay (3600000)
 *   OCOP_MAIL_POLL_MS             how often the sender looks for due messages (1000)
 *   OCOP_MAIL_TEMPLATE_DIR        the templates (OCOP_SCHEMA_DIR/templates/mail)
 */
struct mail_settings {
    char *smtp_url;         /* NULL: sending is off */
    char *from;             /* sender address */
    char *from_name;        /* sender display name */
    char *username;         /* AUTH user, or NULL */
    char *password_file;    /* OCOP_SMTP_PASSWORD_FILE, or NULL */
    char *password;         /* AUTH password (from its file), or NULL */
    int smtp_timeout_ms;    /* SMTP connect and transfer timeout */
    char *registration_url; /* registration's base URL, no trailing slash */
    char *token_file;       /* the service token's file (required when sending), or NULL */
    int max_attempts;       /* tries before failed */
    int retry_base_ms;      /* first retry delay */
    int retry_max_ms;       /* longest retry delay */
    int poll_ms;            /* sender's idle wait */
    char *template_dir;     /* OCOP_MAIL_TEMPLATE_DIR, or NULL for the schema folder's */
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
 * nothing). The template is a kind of mail_compose.h; "subscription-paused"
 * takes subscription_id, url, failures, paused_at and reason (all optional
 * strings or numbers). OC_INVALID when to is not an address or the template
 * is unknown. The address is stored: it is an operator's, not a producer's.
 */
enum oc_err mail_queue_address(PGconn *conn, const char *key, const char *to,
                               const char *template_name, const json_t *vars);

/* Starts the sending thread; NULL after logging why. */
struct mail_sender *mail_sender_start(struct oc_service *svc);

/* Wakes the sender: messages were committed (s may be NULL). */
void mail_sender_kick(struct mail_sender *s);

/* Stops and frees it; s may be NULL. */
void mail_sender_stop(struct mail_sender *s);

#endif
