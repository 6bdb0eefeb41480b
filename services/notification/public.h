/*
 * The public face: certificate verification (JSON, a Vietnamese HTML page,
 * QR codes for labels) and open data (daily snapshots, the revocation list),
 * read from the service's read model; no token, no personal data.
 */
#ifndef NOTIF_PUBLIC_H
#define NOTIF_PUBLIC_H

#include <stddef.h>

/* Public settings (environment, read at start). */
struct public_settings {
    int unused; /* placeholder until the public settings exist */
};

/* Reads the settings; returns 0, or -1 with the reason in err. */
int public_settings_load(struct public_settings *s, char *err, size_t errlen);
void public_settings_clean(struct public_settings *s);

#endif
