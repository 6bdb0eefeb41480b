/*
 * Product rules, pure C: the classification a product is registered under
 * (QĐ 148/2023: criteria set 1-26 within six sectors; QĐ 1048/2019: the legacy
 * group kept for old products) and the shape of a valid new product. No I/O.
 */
#ifndef REG_PRODUCT_H
#define REG_PRODUCT_H

#include <stddef.h>

#include "common/validate.h"

/* A validated product to create; strings are borrowed from the request body. */
struct product_input {
    const char *producer_id;        /* UUID of an existing producer */
    const char *name;               /* product name */
    const char *description;        /* NULL when absent */
    const char *today;              /* YYYY-MM-DD, set by the handler before validation */
    const char *rule_set;           /* one of rule_sets_ids; defaults to the one in force today */
    int recognised_before_platform; /* 1: an old product recorded under an old rule set */
    long long criteria_set;         /* 1..26 under QĐ 148 and 1489, else 0 */
    const char *sector;             /* derived from criteria_set; NULL under qd1048-2019 */
    const char *legacy_group;       /* required under qd1048-2019, else NULL */
    const char *commune_code;       /* NULL: the producer's commune */
};

/*
 * Product codes follow a configurable pattern (OCOP_PRODUCT_CODE_PATTERN) of
 * literal text (A-Z, 0-9, '-', '.', '/') and tokens: {YYYY} or {YY} the year
 * of registration (Asia/Ho_Chi_Minh), {SEQ} or {SEQ:n} the registry's running
 * number zero-padded to n digits (default 5, 1..9; never cut), {COMMUNE} the
 * 5-digit commune code and {SET} the 2-digit criteria set ("00" under QĐ
 * 1048). A pattern must contain {SEQ}, which makes codes unique.
 */
#define PRODUCT_CODE_DEFAULT_PATTERN "OCOP-VL-{YYYY}-{SEQ:5}"
#define PRODUCT_CODE_MAX             80 /* longest product code a pattern may make */

/* Returns NULL when pattern is usable, else what is wrong with it. */
const char *product_code_pattern_problem(const char *pattern);

/*
 * Expands a valid pattern into buf. year is 4 digits, commune 5 digits.
 * Returns 0, or -1 when the code would not fit in len.
 */
int product_code_format(char *buf, size_t len, const char *pattern, const char *year, long seq,
                        const char *commune, long long criteria_set);

/* A validated change to a product's description (merge patch). */
struct product_patch {
    const char *name;        /* new name, or NULL */
    const char *description; /* new description, or NULL */
    int clear_description;   /* 1: description becomes NULL */
};

/*
 * A patch's naming members, shared by products and ideas: name (2..255
 * characters) into *name, description (1..4000) into *description, or
 * *clear_description 1 when it is null.
 */
void product_naming_from_json(struct oc_v *v, const char **name, const char **description,
                              int *clear_description);

/* Validates a product merge-patch body. Returns 1 when valid and not empty. */
int product_patch_from_json(struct oc_v *v, struct product_patch *out);

/* A validated reclassification: a product moved into a QĐ 148 criteria set and its sector. */
struct product_classification {
    long long criteria_set;      /* 1..26 */
    const char *sector;          /* the criteria set's sector (a static string) */
    const char *reason;          /* why, 3..2000 characters */
    const char *decision_number; /* the decision that reclassifies it, or NULL */
    const char *actor;           /* the token's subject, set by the change (not the body) */
};

/*
 * Validates a reclassification body {criteria_set, sector?, reason,
 * decision_number?}: sector, when sent, must be the criteria set's (code
 * "mismatch"). Returns 1 when valid.
 */
int product_classification_from_json(struct oc_v *v, struct product_classification *out);

/* The QĐ 148 sector ("I".."VI") of a criteria set 1..26, or NULL when out of range. */
const char *product_sector_of(long long criteria_set);

/*
 * Validates the body in v into out, recording every field error; out->today
 * (YYYY-MM-DD) must be set first and is kept. A rule set not in force on
 * today is refused (code not_in_force) unless recognised_before_platform is
 * true. Returns 1 when valid.
 */
int product_from_json(struct oc_v *v, struct product_input *out);

/*
 * Checks the data of a consumed event that registration keeps as a fact about a
 * product (kind "certificate", "inspection" or "linkage"; type and time are the
 * event's ce_type and ce_time): product_id a UUID, idkey ("certificate_id", ...)
 * a string, time an RFC 3339 UTC time; a certificate also needs status, stars
 * 1..5 and issued_on, when present, as YYYY-MM-DD. Returns the product id
 * (borrowed from data), or NULL with the reason in err.
 */
const char *product_fact_check(const json_t *data, const char *type, const char *time,
                               const char *kind, const char *idkey, char *err, size_t errlen);

#endif
