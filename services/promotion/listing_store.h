/* Every SQL statement about the promotion service's view of products and its catalogue. */
#ifndef PROMO_LISTING_STORE_H
#define PROMO_LISTING_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/contracts.h"
#include "common/db.h"
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

/*
 * Reads one product's view into *out (caller owns), or OC_NOT_FOUND: what
 * registration said of it, its current certificate, its latest inspection
 * (with "outstanding" when it blocks promotion) and the last reaction; not
 * yet whether it is promotable (listing_decorate adds that).
 */
enum oc_err listing_store_get(PGconn *conn, const char *id, json_t **out);

/*
 * Marks the product potential 5 stars since the day since (YYYY-MM-DD), or
 * clears the mark (since NULL). A product promotion does not know is left.
 */
enum oc_err listing_store_potential(PGconn *conn, const char *product_id, const char *since);

/* Filters of the catalogue; NULL members do not filter. */
struct catalogue_filter {
    char today[11];      /* the day the products must be promotable on */
    const char *stars;   /* "3", "4" or "5" */
    const char *sector;  /* "I".."VI" */
    const char *commune; /* 5 digits: the code products carry, or the current commune of it */
    const char *q;       /* text in the product's name (case and diacritics ignored) */
};

/* Reads a page of the catalogue (oc_list_fn), most stars first. */
enum oc_err listing_store_catalogue(PGconn *conn, const void *filter, const struct oc_after *after,
                                    int limit, json_t **items, json_t **next);

#endif
