/* Every SQL statement about products. */
#ifndef REG_PRODUCT_STORE_H
#define REG_PRODUCT_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "registration/product.h"

/*
 * Inserts p with a new product code and returns its JSON view in *out and the
 * "product registered" event data in *event (both owned by the caller).
 * OC_NOT_FOUND when the producer does not exist.
 */
enum oc_err product_store_insert(PGconn *conn, const struct product_new *p, json_t **out,
                                 json_t **event);

/* Reads one product's JSON view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err product_store_get(PGconn *conn, const char *id, json_t **out);

/* Filters of a product listing; NULL members do not filter. */
struct product_filter {
    const char *producer_id;  /* UUID */
    const char *commune_code; /* 5 digits */
    const char *after_time;   /* cursor: created_at of the last item seen */
    const char *after_id;     /* cursor: id of the last item seen */
};

/*
 * Reads up to limit products, newest first, into the array *items; *next gets
 * the cursor object {"t", "id"} of the next page, or NULL on the last page
 * (both owned by the caller).
 */
enum oc_err product_store_list(PGconn *conn, const struct product_filter *f, int limit,
                               json_t **items, json_t **next);

#endif
