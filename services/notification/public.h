/*
 * The public face: certificate verification (JSON, a Vietnamese HTML page,
 * QR codes for labels) and open data (daily snapshots, the revocation list),
 * read from the service's read model; no token, no personal data.
 */
#ifndef NOTIF_PUBLIC_H
#define NOTIF_PUBLIC_H

#include <stddef.h>

#define PUBLIC_BASE_URL_DEFAULT "http://127.0.0.1:8084"
#define PUBLIC_BASE_URL_MAX     200
#define PUBLIC_LICENCE_DEFAULT  "CC BY 4.0"
#define PUBLIC_LICENCE_MAX      200

/* Public settings (environment, read at start). */
struct public_settings {
    char base_url[PUBLIC_BASE_URL_MAX + 1]; /* OCOP_PUBLIC_BASE_URL: http(s)://host[:port][/path],
                                               no trailing slash; QR codes point under it */
    int expiring_days; /* OCOP_PUBLIC_EXPIRING_DAYS: "expiring" this close to expiry, 0..3650 */
    char licence[PUBLIC_LICENCE_MAX + 1]; /* OCOP_OPEN_DATA_LICENCE: the open data's licence */
    char *clock_file;                     /* OCOP_CLOCK_FILE (owned; "" the real clock) */
};

/* Reads the settings; returns 0, or -1 with the reason in err. */
int public_settings_load(struct public_settings *s, char *err, size_t errlen);
void public_settings_clean(struct public_settings *s);

/*
 * Problems with a base URL, or NULL when it is one: http:// or https://, a
 * host, printable ASCII without spaces, quotes, '<', '>', '?' or '#', at most
 * PUBLIC_BASE_URL_MAX characters. A trailing slash is taken off by the loader.
 */
const char *public_base_url_problem(const char *url);

/*
 * Today "YYYY-MM-DD" (Asia/Ho_Chi_Minh) from the service clock (OCOP_CLOCK_FILE
 * in a test build) into out (at least 11 bytes). A clock file that cannot be
 * read is logged and the real clock used.
 */
void public_today(const struct public_settings *s, char *out, size_t len);

#endif
