/*
 * A producer's e-mail address, fetched from registration at send time
 * (GET {base}/v1/producers/{id}) with the service's own bearer token read
 * from a file (re-read when the file changes). The address is handed to the
 * caller and kept nowhere else: not in the database, not in a log.
 */
#ifndef NOTIF_CONTACT_H
#define NOTIF_CONTACT_H

#include <stddef.h>

struct contact_client;

/*
 * A client of registration at base_url (no trailing slash) with the token in
 * token_file, each request bounded by timeout_ms. Strings are copied. Only
 * one thread may use a client.
 */
struct contact_client *contact_client_new(const char *base_url, const char *token_file,
                                          int timeout_ms);
void contact_client_free(struct contact_client *c);

enum contact_result {
    CONTACT_OK,      /* email (and name) filled */
    CONTACT_NONE,    /* the producer has no address, or registration has no such producer */
    CONTACT_FAILURE, /* registration could not be asked now (retry later); why in err */
};

/*
 * Asks for producer_id's e-mail address (into email, 255 bytes at least) and
 * name (into name; "" when none). err never holds the address.
 */
enum contact_result contact_fetch(struct contact_client *c, const char *producer_id, char *email,
                                  size_t emaillen, char *name, size_t namelen, char *err,
                                  size_t errlen);

#endif
