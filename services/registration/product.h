/*
 * Product rules, pure C: the classification a product is registered under
 * (QĐ 148/2023: criteria set 1-26 within six sectors; QĐ 1048/2019: the legacy
 * group kept for old products) and the shape of a valid new product. No I/O.
 */
#ifndef REG_PRODUCT_H
#define REG_PRODUCT_H

#include "common/validate.h"

/* Rule sets a product can be classified under, as sent on the wire. */
extern const char *const product_rule_sets[];

/* A validated product to create; strings are borrowed from the request body. */
struct product_new {
    const char *producer_id;  /* UUID of an existing producer */
    const char *name;         /* product name */
    const char *description;  /* NULL when absent */
    const char *rule_set;     /* one of product_rule_sets; defaults to "qd148-2023" */
    long long criteria_set;   /* 1..26 under qd148-2023, else 0 */
    const char *sector;       /* derived from criteria_set; NULL under qd1048-2019 */
    const char *legacy_group; /* required under qd1048-2019, else NULL */
    const char *commune_code; /* NULL: the producer's commune */
};

/* The QĐ 148 sector ("I".."VI") of a criteria set 1..26, or NULL when out of range. */
const char *product_sector_of(long long criteria_set);

/* Validates the body in v into out, recording every field error. Returns 1 when valid. */
int product_from_json(struct oc_v *v, struct product_new *out);

#endif
