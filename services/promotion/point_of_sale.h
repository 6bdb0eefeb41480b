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
extern const char *const pos_location_types[];
extern const char *const pos_statuses[];     /* NULL-terminated */
extern const char *const listing_statuses[]; /* listed, delisted; NULL-terminated */

/* The members, in this order (also the SQL columns' order). */
enum {
    POS_NAME,          /* the point's name */
    POS_LOCATION_TYPE, /* one of pos_location_types */
    POS_OPERATOR,      /* who runs it */
    POS_ADDRESS,       /* street address */
    POS_COMMUNE,       /* 5-digit commune code (current or legacy) */
    POS_STATUS,        /* open or closed */
    POS_NOTES,         /* free text */
    POS_N
};
extern const struct oc_field pos_fields[POS_N];

/* The reason recorded when a listing is removed without one. */
extern const char pos_default_delist_reason[];

#endif
