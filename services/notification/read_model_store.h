/* The read model's SQL: products, public producer names and certificates, kept from events. */
#ifndef NOTIF_READ_MODEL_STORE_H
#define NOTIF_READ_MODEL_STORE_H

#include <libpq-fe.h>

#include "common/contracts.h"
#include "common/err.h"
#include "common/event.h"
#include "notification/read_model.h"

/* Keeps a producer (its public name only) unless a newer version is kept. */
enum oc_err read_model_store_producer(PGconn *conn, const struct oc_producer_registered *p);

/* Keeps a product unless a newer version is kept; also its producer when not known yet. */
enum oc_err read_model_store_product(PGconn *conn, const struct oc_product_registered *p);

/* Keeps a certificate unless a newer version is kept. */
enum oc_err read_model_store_certificate(PGconn *conn, const struct read_model_certificate *c);

/*
 * Keeps what the read model needs of ev (nothing for most types), on conn's
 * tables as the search_path finds them: the service's own, or the copies
 * ocopctl rebuilds the model in. OC_INVALID with the reason in err when ev
 * breaks its contract.
 */
enum oc_err read_model_store_apply(PGconn *conn, const struct oc_event_in *ev, char *err,
                                   size_t errlen);

/* A product's producer id into out (37 bytes); *found 0 when the product is not known. */
enum oc_err read_model_store_product_producer(PGconn *conn, const char *product_id, char *out,
                                              int *found);

#endif
