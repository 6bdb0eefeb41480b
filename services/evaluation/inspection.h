/*
 * Post-certification quality inspection rules (hậu kiểm, domain §5), pure C:
 * what an inspection records and how its outcome must agree with its
 * findings. No I/O.
 *
 * An inspection of a certified product is periodic or surprise, at the
 * facility or on samples bought on the market, by an inspecting body on a
 * day that is not in the future. It records findings by category (each pass
 * or fail, with a note) and lab results (indicator, value, unit, limit,
 * passed), and a set of outcomes (request member `outcomes`, unique, 1 to
 * 5; the single member `outcome` is a set of one):
 *
 *   compliant   no finding and no lab result failed
 *   guidance    fix_deadline, after inspected_on
 *   fine        fine_amount_vnd and fine_decision_number
 *   recall      recall_notice (to consumers and distributors)
 *   suspension  decision_number and grounds: suspends the certificate
 *   revocation  decision_number and grounds: revokes the certificate
 *
 * Every outcome but compliant needs at least one failed finding or lab
 * result. fix_deadline is also allowed with fine, recall and suspension;
 * decided_on only with a decision; reason is required with grounds "other".
 * Members another outcome needs are refused, unless an outcome of the set
 * needs them (a fine with a recall has both the fine's members and the
 * notice). compliant stands alone; suspension and revocation exclude each
 * other. `outcome` is the most severe of the set, in the order of
 * inspection_severity: revocation > suspension > recall > fine > guidance >
 * compliant (so a suspension or revocation in the set is always `outcome`,
 * and the certificate effect follows from it alone).
 *
 * Guidance opens a follow-up due on fix_deadline: "due" through that day,
 * "overdue" from the day after while not closed, "closed" once a later
 * inspection of the same product names it in `follows_up` (whatever that
 * inspection's outcomes; with guidance again it opens its own follow-up).
 */
#ifndef EVAL_INSPECTION_H
#define EVAL_INSPECTION_H

#include <stddef.h>

#include <jansson.h>

#include "common/validate.h"

extern const char *const inspection_kinds[];            /* periodic, surprise */
extern const char *const inspection_places[];           /* facility, market */
extern const char *const inspection_categories[];       /* what is checked, NULL-terminated */
extern const char *const inspection_results[];          /* pass, fail */
extern const char *const inspection_outcomes[];         /* compliant ... revocation */
extern const char *const inspection_severity[];         /* the outcomes, most severe first */
extern const char *const inspection_follow_up_states[]; /* due, overdue, closed */

#define INSPECTION_FINDINGS_MAX 8          /* one per category */
#define INSPECTION_LAB_MAX      50         /* lab results in one inspection */
#define INSPECTION_FINE_MAX     2000000000 /* VND; administrative fines stay far below */
#define INSPECTION_OUTCOMES_MAX 6          /* every outcome once (at most 5 can go together) */

/* One finding; strings borrowed from the body. */
struct inspection_finding {
    const char *category; /* one of inspection_categories, once per inspection */
    int failed;           /* 1 when the result is "fail" */
    const char *note;     /* what was seen, or NULL */
};

/* One lab result; strings borrowed from the body. */
struct inspection_lab {
    const char *indicator; /* e.g. "Coliforms" */
    int failed;            /* 1 when passed is false */
};

/* A validated inspection to record; strings borrowed from the body, NULL when absent. */
struct inspection_input {
    const char *product_id;     /* UUID of a certified product */
    const char *certificate_id; /* UUID, or NULL for the product's current certificate */
    const char *kind;           /* one of inspection_kinds */
    const char *place;          /* one of inspection_places */
    const char *body;           /* the inspecting body */
    const char *inspected_on;   /* YYYY-MM-DD */
    struct inspection_finding findings[INSPECTION_FINDINGS_MAX]; /* at least one */
    size_t nfindings;                                            /* entries in findings */
    struct inspection_lab lab[INSPECTION_LAB_MAX];               /* lab results */
    size_t nlab;                                                 /* entries in lab */
    const json_t *findings_json;                   /* the findings array as sent (borrowed) */
    const json_t *lab_json;                        /* the lab_results array as sent, or NULL */
    const char *outcome;                           /* the most severe of outcomes */
    const char *outcomes[INSPECTION_OUTCOMES_MAX]; /* the set, most severe first */
    size_t noutcomes;                              /* entries in outcomes (>= 1 when valid) */
    const char *follows_up;           /* UUID of the inspection whose follow-up this closes */
    const char *fix_deadline;         /* YYYY-MM-DD */
    long long fine_amount_vnd;        /* 1..INSPECTION_FINE_MAX when has_fine */
    int has_fine;                     /* 1 when fine_amount_vnd was sent */
    const char *fine_decision_number; /* the fine's decision */
    const char *recall_notice;        /* the notice to consumers and distributors */
    const char *decision_number;      /* suspension or revocation decision */
    const char *decided_on;           /* its date */
    const char *grounds;              /* one of certificate_grounds */
    const char *reason;               /* free text; required with grounds "other" */
    const char *notes;                /* free text */
    const char *actor;                /* who records it: the token's subject, set by the handler */
};

/*
 * Validates a POST /v1/inspections body into out against today (YYYY-MM-DD):
 * every member, then the outcome rules. Records every problem in v and
 * returns 1 when there is none.
 */
int inspection_from_json(struct oc_v *v, const char *today, struct inspection_input *out);

/*
 * The outcome rules alone, on a record whose members are well-formed: the
 * members the outcome needs and refuses, and the agreement with the
 * findings and lab results. Returns 1 when they hold.
 */
int inspection_outcome_check(struct oc_v *v, const struct inspection_input *in);

/* Number of failed findings and failed lab results. */
size_t inspection_failed_findings(const struct inspection_input *in);
size_t inspection_failed_lab(const struct inspection_input *in);

/* Whether the set of in holds outcome. */
int inspection_has(const struct inspection_input *in, const char *outcome);

/*
 * The state of a follow-up due on due_on (YYYY-MM-DD) on today: "closed" when
 * closed, "overdue" when today is after due_on, else "due"; NULL when there
 * is no follow-up (due_on NULL).
 */
const char *inspection_follow_up_status(const char *due_on, int closed, const char *today);

/* The certificate status an outcome leads to ("suspended", "revoked"), or NULL for none. */
const char *inspection_certificate_effect(const char *outcome);

#endif
