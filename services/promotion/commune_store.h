/* Every SQL statement about the communes table (commune codes then and now). */
#ifndef PROMO_COMMUNE_STORE_H
#define PROMO_COMMUNE_STORE_H

#include <stddef.h>

#include <libpq-fe.h>

#include "common/err.h"
#include "promotion/commune.h"

/*
 * Makes the table hold exactly codes (n of them) in the caller's open
 * transaction: new codes are added, changed ones updated, others deleted.
 */
enum oc_err commune_store_replace(PGconn *conn, const struct commune_code *codes, size_t n);

#endif
