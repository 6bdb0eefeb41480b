/*
 * OCOP points of introduction and sale (QĐ 950/QĐ-BCT, 2023), pure C: their
 * members and statuses. A point of sale is open or closed (either way, any
 * number of times); it carries promotable products of 3 stars or more, and
 * closing it ends its listings.
 */
#ifndef PROMO_POINT_OF_SALE_H
#define PROMO_POINT_OF_SALE_H

#include "common/fields.h"

/* Location types of QĐ 950/QĐ-BCT, NULL-terminated. */
extern const char *const point_of_sale_location_types[];
extern const char *const point_of_sale_statuses[]; /* NULL-terminated */
extern const char *const listing_statuses[];       /* listed, delisted; NULL-terminated */

/* The members, in this order (also the SQL columns' order). */
enum {
    POINT_OF_SALE_NAME,          /* the point's name */
    POINT_OF_SALE_LOCATION_TYPE, /* one of point_of_sale_location_types */
    POINT_OF_SALE_OPERATOR,      /* who runs it */
    POINT_OF_SALE_ADDRESS,       /* street address */
    POINT_OF_SALE_COMMUNE,       /* 5-digit commune code (current or legacy) */
    POINT_OF_SALE_STATUS,        /* open or closed */
    POINT_OF_SALE_NOTES,         /* free text */
    POINT_OF_SALE_N
};
extern const struct oc_field point_of_sale_fields[POINT_OF_SALE_N];

/* The reason recorded when a listing is removed without one. */
extern const char point_of_sale_default_delist_reason[];

#endif
