/* The SQL of verification: a certificate's public record by its number, from the read model. */
#ifndef NOTIF_VERIFY_STORE_H
#define NOTIF_VERIFY_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"

/*
 * The read-model record of the certificate numbered number into *out (caller
 * owns; the members verify_view reads), or OC_NOT_FOUND.
 */
enum oc_err verify_store_get(PGconn *conn, const char *number, json_t **out);

/* *found 1 when a certificate has this number, else 0. */
enum oc_err verify_store_exists(PGconn *conn, const char *number, int *found);

#endif
