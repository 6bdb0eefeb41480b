/* The read model's SQL: products, public producer names and certificates, kept from events. */
#ifndef NOTIF_READ_MODEL_STORE_H
#define NOTIF_READ_MODEL_STORE_H

#include <libpq-fe.h>

#include "common/contracts.h"
#include "common/err.h"
#include "notification/read_model.h"

/* Keeps a producer (its public name only) unless a newer version is kept. */
enum oc_err rm_store_producer(PGconn *conn, const struct oc_producer_registered *p);

/* Keeps a product unless a newer version is kept; also its producer when not known yet. */
enum oc_err rm_store_product(PGconn *conn, const struct oc_product_registered *p);

/* Keeps a certificate unless a newer version is kept. */
enum oc_err rm_store_certificate(PGconn *conn, const struct rm_certificate *c);

/* A product's producer id into out (37 bytes); *found 0 when the product is not known. */
enum oc_err rm_store_product_producer(PGconn *conn, const char *product_id, char *out, int *found);

#endif
