/*
 * Sending one message over SMTP with libcurl: STARTTLS when the server
 * offers it (CURLUSESSL_TRY; smtps:// for implicit TLS), AUTH when a user
 * name is set, connect and total timeouts.
 */
#ifndef NOTIF_SMTP_H
#define NOTIF_SMTP_H

#include <stddef.h>

/* Where and how to send (strings borrowed). */
struct smtp_options {
    const char *url;      /* smtp://host:port or smtps://host:port */
    const char *username; /* or NULL: no AUTH */
    const char *password; /* with username */
    int timeout_ms;       /* connect and whole-transfer timeout */
};

/*
 * Sends message (RFC 5322 text, CRLF line ends) from from to to (bare
 * addresses). Returns 0, or -1 with why in err (never the addresses).
 */
int smtp_send(const struct smtp_options *o, const char *from, const char *to, const char *message,
              char *err, size_t errlen);

#endif
