/* Every SQL statement about certificates and inspections as promotion keeps them. */
#ifndef PROMO_STANDING_STORE_H
#define PROMO_STANDING_STORE_H

#include <libpq-fe.h>

#include "common/err.h"
#include "promotion/standing.h"

/*
 * Records a certificate event unless the certificate already holds an event
 * as new or newer (by ce_time, event_time): *applied is 1 when it was
 * recorded, 0 when it was late and changed nothing. Members the event leaves
 * out (number, issued_on, expires_on) keep what was known.
 */
enum oc_err standing_store_certificate(PGconn *conn, const struct certificate_fact *f,
                                       const char *event_time, const char *event_id, int *applied);

/* As standing_store_certificate, for an inspection event. */
enum oc_err standing_store_inspection(PGconn *conn, const struct inspection_fact *f,
                                      const char *event_time, const char *event_id, int *applied);

/*
 * Locks the product's row until the end of the open transaction: exclusive
 * when exclusive is 1 (an event changing its standing), shared otherwise (a
 * write that relies on its standing), so a write and a reaction never miss
 * each other. *found is 0 when promotion does not know the product.
 */
enum oc_err standing_store_lock(PGconn *conn, const char *product_id, int exclusive, int *found);

#endif
