/* Every SQL statement about producers. */
#ifndef REG_PRODUCER_STORE_H
#define REG_PRODUCER_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "registration/producer.h"

/*
 * Inserts p and returns its JSON view in *out (caller owns). OC_CONFLICT when
 * the identifier is already registered.
 */
enum oc_err producer_store_insert(PGconn *conn, const struct producer_new *p, json_t **out);

/* Reads one producer's JSON view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err producer_store_get(PGconn *conn, const char *id, json_t **out);

#endif
