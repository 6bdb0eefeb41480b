/*
 * The yearly inspection plan and the coverage indicator (hậu kiểm, domain
 * §5: periodic or surprise checks, at the facility or on the market;
 * provinces such as Trà Vinh inspect OCOP products yearly). Pure C.
 *
 * A plan item names what is to be inspected, either a certified product
 * (product_id) or a producer's facility (producer_id), never both, the
 * window planned_from..planned_to (both in the plan's year, from not after
 * to), the inspecting body, the place (facility or market), the kind
 * (periodic or surprise) and a note. Its state is read, not stored:
 *
 *   cancelled  it was cancelled (with a reason)
 *   done       an inspection of the product (or of one of the producer's
 *              products) was recorded with inspected_on in the window
 *   missed     the window is over (planned_to before today) and none was
 *   planned    otherwise
 *
 * Coverage of year Y (GET /v1/inspection-coverage): the products with a
 * certificate valid at any time in Y (issued on or before 31 Dec Y, in force
 * through 1 Jan Y or later, and not revoked, expired or superseded before
 * 1 Jan Y); of those, the ones with an inspection dated in Y; the share of
 * them in percent, rounded to one decimal (half away from zero).
 */
#ifndef EVAL_INSPECTION_PLAN_H
#define EVAL_INSPECTION_PLAN_H

#include <stddef.h>

#include "common/fields.h"

extern const char *const inspection_plan_states[]; /* planned, done, missed, cancelled */

#define INSPECTION_PLAN_YEAR_MIN 2000
#define INSPECTION_PLAN_YEAR_MAX 2999

/* The members of a plan item, in this order (also the SQL parameters' order). */
enum {
    INSPECTION_PLAN_ITEM_PRODUCT_ID,      /* UUID of a certified product, or unset */
    INSPECTION_PLAN_ITEM_PRODUCER_ID,     /* UUID of a producer (its facility), or unset */
    INSPECTION_PLAN_ITEM_PLANNED_FROM,    /* YYYY-MM-DD in the plan's year */
    INSPECTION_PLAN_ITEM_PLANNED_TO,      /* YYYY-MM-DD in the year, not before planned_from */
    INSPECTION_PLAN_ITEM_INSPECTING_BODY, /* the inspecting body */
    INSPECTION_PLAN_ITEM_PLACE,           /* facility or market */
    INSPECTION_PLAN_ITEM_KIND,            /* periodic or surprise */
    INSPECTION_PLAN_ITEM_NOTE,            /* free text, or unset */
    INSPECTION_PLAN_ITEM_N
};
extern const struct oc_field inspection_plan_item_fields[INSPECTION_PLAN_ITEM_N];

/* A validated plan item; strings borrowed from the body. */
struct inspection_plan_item_input {
    int year;                                        /* the plan's year (from the path) */
    struct oc_field_value m[INSPECTION_PLAN_ITEM_N]; /* by the INSPECTION_PLAN_ITEM_* indexes */
    const char *actor;                               /* the token's subject, set by the handler */
};

/*
 * Parses a plan's year from a path segment: 4 digits within
 * INSPECTION_PLAN_YEAR_MIN..MAX. Returns the year, or 0.
 */
int inspection_plan_year(const char *text);

/*
 * Validates a POST /v1/inspection-plans/{year}/items body into out for year.
 * Records every problem in v and returns 1 when there is none.
 */
int inspection_plan_item_from_json(struct oc_v *v, int year,
                                   struct inspection_plan_item_input *out);

/* Validates a cancellation body {reason} into *reason. Returns 1 when valid. */
int inspection_plan_cancel_from_json(struct oc_v *v, const char **reason);

/*
 * The coverage share: inspected of valid in percent with one decimal, as
 * tenths of a percent rounded half up (1 of 3 -> 333, 2 of 3 -> 667). -1
 * when valid is 0 (no share).
 */
long inspection_coverage_tenths(long inspected, long valid);

#endif
