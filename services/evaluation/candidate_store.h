/* Every SQL statement about the evaluation service's view of products and producers. */
#ifndef EVAL_CANDIDATE_STORE_H
#define EVAL_CANDIDATE_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/contracts.h"
#include "common/err.h"

/* Upserts a producer unless a newer version is already kept. */
enum oc_err candidate_store_producer(PGconn *conn, const struct oc_producer_registered *p);

/* Upserts a product unless a newer version is already kept. event_id is recorded. */
enum oc_err candidate_store_product(PGconn *conn, const struct oc_product_registered *p,
                                    const char *event_id);

/* Reads one product's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err candidate_store_get(PGconn *conn, const char *id, json_t **out);

#endif
