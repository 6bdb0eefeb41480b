/*
 * What mail an event calls for, and how a message is made: the kinds of
 * mail (which are mandatory), the values an event gives its template, the
 * templates ({{name}} replaced by a value, HTML-escaped in the HTML part) and
 * the MIME message (multipart/alternative, UTF-8, RFC 2047 subject). Pure C:
 * no socket, no database (unit-tested in tests/unit/notification).
 */
#ifndef NOTIF_MAIL_COMPOSE_H
#define NOTIF_MAIL_COMPOSE_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

/*
 * The kinds of mail: name (also the template's file stem under
 * schemas/templates/mail), mandatory (1: sent even to a producer who opted
 * out of mail: the law or the procedure requires the producer to know),
 * producer (1: to a product's producer; 0: to a fixed operator address).
 */
#define MAIL_KIND_MAP(XX)                                                                          \
    XX(CERTIFICATE_EXPIRING, "certificate-expiring", 1, 1)                                         \
    XX(CERTIFICATE_EXPIRED, "certificate-expired", 1, 1)                                           \
    XX(CERTIFICATE_SUSPENDED, "certificate-suspended", 1, 1)                                       \
    XX(CERTIFICATE_REVOKED, "certificate-revoked", 1, 1)                                           \
    XX(DOSSIER_ACCEPTED, "dossier-accepted", 0, 1)                                                 \
    XX(DOSSIER_SUPPLEMENT, "dossier-supplement", 1, 1)                                             \
    XX(EVALUATION_RESULT, "evaluation-result", 0, 1)                                               \
    XX(PARTICIPATION_ACCEPTED, "participation-accepted", 0, 1)                                     \
    XX(PARTICIPATION_WITHDRAWN, "participation-withdrawn", 0, 1)                                   \
    XX(SUBSCRIPTION_PAUSED, "subscription-paused", 1, 0)

enum mail_kind {
#define XX(id, name, mandatory, producer) MAIL_##id,
    MAIL_KIND_MAP(XX)
#undef XX
        MAIL_KIND_COUNT
};

/* A kind's name, whether it is mandatory, whether it goes to a producer. */
const char *mail_kind_name(enum mail_kind kind);
int mail_kind_mandatory(enum mail_kind kind);
int mail_kind_to_producer(enum mail_kind kind);

/* The kind named name, or -1. */
int mail_kind_find(const char *name);

/* Every kind's name, NULL-terminated (for query filters). */
extern const char *const mail_kind_names[];

/* The statuses of a message, NULL-terminated: pending, sent, failed, no_address, opted_out. */
extern const char *const mail_statuses[];

/* The message an event calls for. */
struct mail_item {
    enum mail_kind kind;     /* what to send */
    const char *product_id;  /* the product concerned (borrowed from the event), or NULL */
    const char *producer_id; /* the producer, when the event names it (borrowed), or NULL */
    json_t *vars;            /* the template's values (owned); never contact data */
};

/*
 * Reads a consumed event (type, data). Returns 1 with *out filled when it
 * calls for a message, 0 when it does not, -1 with the reason in err when
 * the members it needs break the event's contract.
 */
int mail_compose(const char *type, json_t *data, struct mail_item *out, char *err, size_t errlen);

/* A template: its subject line, plain text and HTML (owned). */
struct mail_template {
    char *subject; /* one line, {{name}} allowed */
    char *text;    /* the plain-text body */
    char *html;    /* the HTML body */
};

/*
 * Makes a template from its two files: txt begins with "Subject: ..." and a
 * blank line, then the plain text; html is the HTML body. Every {{ opens a
 * name of a-z, 0-9 and _ closed by }}. Returns 0, or -1 with why in err.
 */
int mail_template_parse(const char *txt, const char *html, struct mail_template *out, char *err,
                        size_t errlen);
void mail_template_clean(struct mail_template *t);

/*
 * Renders tpl with vars (a JSON object): {{name}} becomes the member's value
 * (a string as is, a number in decimal, null or absent as ""), HTML-escaped
 * when html is 1; line breaks in a value become spaces when oneline is 1 (a
 * subject). Returns a new string (caller frees).
 */
char *mail_render(const char *tpl, const json_t *vars, int html, int oneline);

/* 1 when s may be put in a mail header as an address: local@domain, no space or control. */
int mail_address_ok(const char *s);

/* A message to build (every string borrowed, UTF-8). */
struct mail_message {
    const char *from;       /* sender address */
    const char *from_name;  /* sender display name, or NULL */
    const char *to;         /* recipient address (mail_address_ok) */
    const char *subject;    /* one line */
    const char *text;       /* plain-text part */
    const char *html;       /* HTML part */
    const char *message_id; /* "<...@...>" */
    const char *boundary;   /* MIME boundary: 8 to 60 of A-Z, a-z, 0-9 */
    time_t date;            /* the Date header */
};

/* The message in RFC 5322 form, CRLF line ends, parts in base64 (caller frees). */
char *mail_message_build(const struct mail_message *m);

/* An RFC 2047 encoded-word header value (=?UTF-8?B?...?=, folded), caller frees. */
char *mail_header_encode(const char *text);

/* A day YYYY-MM-DD as DD/MM/YYYY (Vietnamese order) into buf; other text is copied as is. */
void mail_day_vi(const char *day, char *buf, size_t len);

#endif
