/*
 * Product ideas (đăng ký ý tưởng sản phẩm, step 2 of the OCOP cycle), pure C:
 * the two forms (form 1: a new product; form 2: an existing product), what a
 * registration and a change hold, and the screening moves:
 *
 *   submitted -> accepted   (commune or province officer; final)
 *   submitted -> returned   (commune or province officer, with 1..20 reasons)
 *   returned  -> submitted  (the producer, or an officer on its behalf, after a
 *                            change, within OCOP_IDEA_RESUBMIT_DAYS of the return)
 *
 * No source gives the resubmission window (domain §3 says only that a
 * rejected idea may be resubmitted): it is a setting, 30 days by default.
 * No I/O.
 */
#ifndef REG_IDEA_H
#define REG_IDEA_H

#include <stddef.h>

#include "common/validate.h"
#include "registration/cycle.h"

/* Forms and statuses as sent on the wire, NULL-terminated. */
extern const char *const idea_forms[];
extern const char *const idea_statuses[];

/* The screening moves of an idea. */
extern const struct cycle_rule idea_rules[];
extern const size_t idea_rule_count;

/* Years an idea may be registered for. */
#define IDEA_YEAR_MIN 2000
#define IDEA_YEAR_MAX 2100

/* A validated registration; strings borrowed from the body. */
struct idea_input {
    const char *producer_id; /* UUID of a producer in the caller's scope */
    const char *form;        /* one of idea_forms */
    const char *product_id;  /* UUID of the producer's product; NULL for a new product */
    const char *name;        /* the product's (working) name */
    const char *description; /* NULL when absent */
    const char *sector;      /* QĐ 148 sector "I".."VI", NULL when absent (set from the group) */
    long long criteria_set;  /* QĐ 148 product group (criteria set) 1..26, 0 when absent */
    long long year;          /* IDEA_YEAR_MIN..IDEA_YEAR_MAX: the programme year */
};

/* Validates a registration body. Returns 1 when valid. */
int idea_from_json(struct oc_v *v, struct idea_input *out);

/* A validated change (JSON merge patch); NULL members unchanged. */
struct idea_patch {
    const char *name;        /* new name, or NULL */
    const char *description; /* new description, or NULL */
    const char *sector;      /* new sector, or NULL */
    const char *product_id;  /* the product a new product's idea is linked to, or NULL */
    long long criteria_set;  /* new product group 1..26 (its sector follows), 0 unchanged */
    int clear_description;   /* 1: description becomes null */
    int clear_sector;        /* 1: sector (and the group) become null */
};

/* Validates a change body. Returns 1 when valid and not empty. */
int idea_patch_from_json(struct oc_v *v, struct idea_patch *out);

/*
 * The classification an idea has after a change: before_set and
 * before_sector (NULL when none) as stored, p the change. Writes the group
 * (0: none) and sector (a static string or borrowed from p; NULL: none) it
 * will have into *set and *sector. A group given alone brings its sector;
 * a sector given alone drops a group of another sector; a group and sector
 * given together must agree (checked by idea_patch_from_json).
 */
void idea_classification(long long before_set, const char *before_sector,
                         const struct idea_patch *p, long long *set, const char **sector);

/*
 * Checks that a change fits an idea in status with product product_id (NULL
 * when none): while submitted or returned its content may change; once
 * accepted only a product may be linked to an idea that has none. Returns
 * NULL, or the message of a 409.
 */
const char *idea_patch_problem(const char *status, const char *product_id,
                               const struct idea_patch *p);

/*
 * 1 when an idea returned on day returned (days since 1970-01-01) may still
 * be resubmitted on day today: today <= returned + days (days >= 0; 0 allows
 * only the day of the return).
 */
int idea_resubmit_open(long returned, long today, long days);

#endif
