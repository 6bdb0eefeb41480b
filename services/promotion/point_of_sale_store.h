/* Every SQL statement about points of sale and the products they carry. */
#ifndef PROMO_POINT_OF_SALE_STORE_H
#define PROMO_POINT_OF_SALE_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "common/fields.h"
#include "promotion/resource_store.h"

/*
 * Its statements (resource_store.h): insert an open point of sale, get, lock
 * exclusive to change it or shared to rely on it, and update every member
 * (the row locked), which returns no view.
 */
extern const struct resource_sql point_of_sale_sql;

/* Reads one point of sale's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err point_of_sale_store_get(PGconn *conn, const char *id, json_t **out);

/* Sets *known to 1 when code is a commune code the reference file names (then or now). */
enum oc_err point_of_sale_store_commune_known(PGconn *conn, const char *code, int *known);

/* Filters of a listing of points of sale; NULL members do not filter. */
struct point_of_sale_filter {
    const char *location_type; /* one of point_of_sale_location_types */
    const char *commune;       /* the code recorded, or the current commune of it */
    const char *status;        /* open or closed */
    const char *product_id;    /* points that carry this product now */
};

/* Reads a page of points of sale (oc_list_fn), newest first. */
enum oc_err point_of_sale_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                     int limit, json_t **items, json_t **next);

/* Lists product_id at point point_of_sale_id; its view in *out. OC_CONFLICT when listed there
 * already. */
enum oc_err point_of_sale_listing_store_insert(PGconn *conn, const char *point_of_sale_id,
                                               const char *product_id, json_t **out);

/*
 * Reads and locks the current listing of product_id at point_of_sale_id into *out
 * (caller owns), or OC_NOT_FOUND when the product is not listed there.
 */
enum oc_err point_of_sale_listing_store_lock_current(PGconn *conn, const char *point_of_sale_id,
                                                     const char *product_id, json_t **out);

/* Reads one listing's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err point_of_sale_listing_store_get(PGconn *conn, const char *id, json_t **out);

/* Which current listings a delisting ends; NULL members do not restrict (one must be set). */
struct delist_scope {
    const char *point_of_sale_id; /* at this point of sale */
    const char *product_id;       /* of this product */
    const char *reason;           /* why (required) */
    const char *cause_event_id;   /* the consumed event behind it, or NULL */
};

/* Ends the listings of scope; *out (caller owns) is the JSON array of the ids it ended. */
enum oc_err point_of_sale_listing_store_delist(PGconn *conn, const struct delist_scope *scope,
                                               json_t **out);

/* Filters of a listing of listings; NULL members do not filter. */
struct point_of_sale_listing_filter {
    const char *point_of_sale_id; /* UUID */
    const char *product_id;       /* UUID */
    const char *status;           /* listed or delisted */
};

/* Reads a page of listings (oc_list_fn), newest first. */
enum oc_err point_of_sale_listing_store_list(PGconn *conn, const void *filter,
                                             const struct oc_after *after, int limit,
                                             json_t **items, json_t **next);

#endif
