/* Every SQL statement about the promotion service's view of products. */
#ifndef PROMO_LISTING_STORE_H
#define PROMO_LISTING_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/contracts.h"
#include "common/err.h"

/* Records a registered product (public name already decided) unless a newer version is kept. */
enum oc_err listing_store_product(PGconn *conn, const struct oc_product_registered *p,
                                  const char *public_name, const char *event_id);

/*
 * Records a producer (its public name already decided) unless a newer version
 * is kept, and carries the name to its products' views.
 */
enum oc_err listing_store_producer(PGconn *conn, const struct oc_producer_registered *p,
                                   const char *public_name);

/* Reads one product's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err listing_store_get(PGconn *conn, const char *id, json_t **out);

#endif
