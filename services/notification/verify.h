/*
 * Certificate verification, pure C: what a certificate's status is on a day,
 * the Vietnamese words and colour the public sees for it, the issuing
 * authority of a level, and the public view (JSON) of a certificate read from
 * the read model. No I/O: "today" is always given by the caller.
 */
#ifndef NOTIF_VERIFY_H
#define NOTIF_VERIFY_H

#include <stddef.h>

#include <jansson.h>

#define VERIFY_NUMBER_MAX            64 /* a certificate number's longest length */
#define VERIFY_EXPIRING_DAYS_DEFAULT 90 /* "expiring" this many days or fewer before expiry */

/* How the public sees one status. */
struct verify_status {
    const char *code;        /* valid, expiring, expired, suspended, revoked, superseded */
    const char *words;       /* in Vietnamese, e.g. "Còn hiệu lực" */
    const char *words_en;    /* in English, e.g. "Valid" */
    const char *colour;      /* CSS colour, e.g. "#1b7f3b" (green) */
    const char *colour_name; /* green, amber, grey, orange, red, blue */
};

/* The six statuses, NULL-terminated by a row whose code is NULL. */
extern const struct verify_status verify_statuses[];

/* The row of code, or NULL when code is not a status. */
const struct verify_status *verify_status_find(const char *code);

/*
 * Returns 1 when number can be a certificate's number as evaluation keeps it:
 * 1..VERIFY_NUMBER_MAX characters of UTF-8 text without control characters,
 * without < > " ' ` \ & and without leading or trailing spaces (a number
 * from the pattern, TV-CN-2025-00001, or one printed before the platform,
 * 123/QĐ-UBND), else 0. NULL is 0.
 */
int verify_number_ok(const char *number);

/*
 * The status of a certificate on day today (all dates YYYY-MM-DD): the stored
 * status, except that one in force (valid or expiring) is expired after its
 * expires_on, and one in force whose expires_on is at most expiring_days days
 * after today is expiring. Returns a static string (a status code).
 */
const char *verify_status_on(const char *status, const char *expires_on, const char *today,
                             int expiring_days);

/*
 * The verification page's URL of number: base (no trailing slash, may be "")
 * + "/verify/" + number with each '/' as "%2F" (a path segment), into a new
 * string (caller frees).
 */
char *verify_url_new(const char *base, const char *number);

/* Days from today to expires_on (negative when past); 0 when either is not a date. */
long verify_days_left(const char *expires_on, const char *today);

/* The authority that issues certificates of level (district, province, central), in Vietnamese. */
const char *verify_authority(const char *level);

/* The level in Vietnamese words ("cấp huyện", "cấp tỉnh", "cấp trung ương"). */
const char *verify_level_words(const char *level);

/*
 * The public view of a certificate. row is the read model's record (borrowed):
 * members number, product_code, product_name (or null), producer_public_name
 * (or null), stars, level, rule_set, decision_number, issued_on, expires_on,
 * status (stored), reason, change_decision, change_decision_date, changed_on
 * (or null) and
 * superseded_by (or null). base_url is the public address the verification
 * URL starts with (no trailing slash). Returns a new object (caller owns).
 */
json_t *verify_view(const json_t *row, const char *today, int expiring_days, const char *base_url);

#endif
