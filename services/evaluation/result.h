/*
 * A council's result for one entry, pure C (domain §2): the score is the mean
 * of the members' sheet totals; its star band comes from the round's rule
 * set; failed mandatory criteria cap the stars; the round's level decides
 * whether the stars are recognised here, forwarded one level up towards the
 * level that recognises them (a district's 90+ goes to the province, never
 * straight to the central council; a province's 90+ is only "potential 5
 * stars", forwarded to the central council), or not
 * recognised (1 and 2 stars: recorded, no certificate). No I/O.
 *
 * Scores are in hundredths of a point (0..RULE_SET_SCORE_MAX). The mean is
 * rounded down to the hundredth, which keeps every comparison with a whole
 * point exact: the mean reaches 50 exactly when the rounded-down mean does.
 */
#ifndef EVAL_RESULT_H
#define EVAL_RESULT_H

#include <stddef.h>

#include <jansson.h>

#include "evaluation/rule_set.h"

/* What a finalised entry comes to. */
struct result {
    int scored;               /* 1 for a council's score; 0 for a pre-check (no score, no stars) */
    long score;               /* mean of the totals, hundredths, rounded down */
    int band_stars;           /* the star band of score */
    int cap;                  /* highest stars whose mandatory criteria all pass (5: none failed) */
    int stars;                /* min(band_stars, cap) */
    const char *outcome;      /* recognised, not_recognised, forwarded or returned */
    int potential_5_star;     /* 1: a 90+ at the potential level, forwarded for 5 stars */
    const char *forwarded_to; /* level that decides, when outcome is "forwarded"; else NULL */
};

/*
 * Reads what a result needs of a rule set (star bands, who recognises which
 * stars, the potential-5-star rule) from its view as GET /v1/rule-sets/{id}
 * shows it (points there; hundredths in rs). Strings are borrowed from view.
 * Returns 1, or 0 when the view lacks them.
 */
int result_rules_from_view(const json_t *view, struct rule_set *rs);

/*
 * The stars cap from the mandatory criteria of a detailed criteria set (its
 * view as GET /v1/criteria-sets/{id} shows it) and the sheets' lines
 * ({"<criterion>": {"option": n, "points": p}}, one object per sheet). A
 * requirement "at least p points in criterion c for s stars" passes when the
 * members' mean points in c reach p. The cap is the highest s such that the
 * requirements of every star level up to s pass; 5 when none fails. When
 * failed is not NULL, each failed requirement is appended to it as
 * {"criterion", "stars", "min_points", "mean_points"}.
 */
int result_mandatory_cap(const json_t *criteria_view, const json_t *const *lines, size_t n,
                         json_t *failed);

/* Returns 1 when criteria_view's provenance.mandatory_reading.confirmed is true; else 0. */
int result_mandatory_reading_confirmed(const json_t *criteria_view);

/*
 * The mandatory cap in force: the reading of a criteria set's star markers as
 * mandatory criteria is enforced only where it is confirmed
 * (result_mandatory_reading_confirmed). Returns cap (1..5) when it is;
 * otherwise 5 (no cap), and *unapplied gets the cap it would have applied.
 * *unapplied is 5 when nothing is left unapplied. criteria_view may be NULL
 * (a set scored by parts: nothing to cap).
 */
int result_cap_in_force(const json_t *criteria_view, int cap, int *unapplied);

/*
 * Computes the result of totals (n >= 1 sheets, hundredths each) at level
 * (the round's) under rs, with the mandatory cap. Returns 1, or 0 when a
 * total is out of range or rs gives no band.
 */
int result_compute(const struct rule_set *rs, const char *level, const long *totals, size_t n,
                   int cap, struct result *out);

/*
 * A council's local policy on a rating below the stars it recognises
 * (OCOP_COUNCIL_LOWER_RATING_STANDS; no national source). With stands 1 (the
 * default) a higher council's lower rating stands as its own decision:
 * result_compute's "recognised" is kept. With stands 0 a council recognises
 * only the stars its level recognises under rs: a result it computed as
 * recognised whose stars a lower level recognises becomes "not_recognised"
 * there (recorded, no certificate; the producer applies at that level).
 * Other results are left as they are.
 */
void result_lower_rating_policy(const struct rule_set *rs, const char *level, int stands,
                                struct result *r);

/*
 * The result of a pre-check at level (one that only checks dossiers):
 * passed forwards the dossier to the next level of rs above it; failed
 * returns it. Returns 1, or 0 when rs has no level above.
 */
int result_precheck(const struct rule_set *rs, const char *level, int passed, struct result *out);

/*
 * The level of rs next below level (the one that forwards to it), or NULL when
 * level is the lowest of rs. A round at a level with a level below it takes
 * only applications that level forwarded to it: under QĐ 1489 the province
 * takes what the commune proposed; the central council what a province
 * forwarded as potential 5 stars.
 */
const char *result_level_below(const struct rule_set *rs, const char *level);

/* The level of rs that recognises stars, or NULL. */
const char *result_recognising_level(const struct rule_set *rs, int stars);

/*
 * Returns 1 when a result's outcome is final where it was decided
 * (recognised, not_recognised): a decision number and date are required and
 * evaluation.completed follows. A forwarded dossier is decided a level up,
 * a returned one is supplemented: neither is final.
 */
int result_outcome_final(const char *outcome);

/* Returns 1 when level only checks dossiers under rs (no score sheets there). */
int result_level_checks_only(const struct rule_set *rs, const char *level);

#endif
