/*
 * One council member's score sheet, pure C: validated against the entry's
 * criteria set and scored by the server. Against a detailed criteria set the
 * member chooses one option per criterion ({"choices": {"1.a": 3, ...}},
 * option positions from 1) and the server adds up the points; against a
 * criteria set shipped as structure only (its official criteria are not in
 * the reference data) the member gives each part's points as written on the
 * paper sheet ({"parts": {"A": 31.5, ...}}, at most two decimals, within the
 * part's maximum). No I/O.
 */
#ifndef EVAL_SHEET_H
#define EVAL_SHEET_H

#include <jansson.h>

#include "common/validate.h"

/* What a valid sheet adds up to. */
struct sheet_score {
    json_t *lines; /* {"<criterion>": {"option": n, "points": p}}, or NULL for parts only (owned) */
    json_t *parts; /* {"A": hundredths, ...} (owned) */
    long total;    /* hundredths, 0..10000 */
};

/*
 * Validates the body in v against criteria (the criteria set's view as GET
 * /v1/criteria-sets/{id} shows it, whose "detailed" decides the form) or,
 * when criteria is NULL, against parts (the rule set's parts, an array of
 * {"code", "max_points"}). Records every problem in v; on success fills out
 * (caller frees with sheet_score_clean) and returns 1.
 */
int sheet_from_json(struct oc_v *v, const json_t *criteria, const json_t *parts,
                    struct sheet_score *out);

/* Frees what sheet_from_json filled; out may be zeroed. */
void sheet_score_clean(struct sheet_score *out);

#endif
