/*
 * The support ledger's rules (sổ theo dõi hỗ trợ, step 4 of the OCOP cycle),
 * pure C: the shape of a payment, the share of the eligible cost a kind may
 * cover, the caps a payment must stay under (support_policy.h, and the two
 * province-wide settings), cancellation, and the CSV the finance office
 * reads. No I/O.
 *
 * Caps. A cap totals the payments with status paid (a cancelled one no longer
 * counts) of its kinds (the kind, or every kind whose cap names the same
 * group) under the same policy version, for the payment's producer (per
 * facility), product (per product), commune or the whole province; over every
 * paid_on (period once) or over paid_on's calendar year (period year). The
 * settings OCOP_SUPPORT_COMMUNE_YEAR_CAP_VND and OCOP_SUPPORT_YEAR_CAP_VND
 * total every kind of every policy in paid_on's year, per commune and for the
 * province. A payment passes when the total with it is at most the cap: one
 * exactly at the cap passes, one VND over is refused.
 */
#ifndef REG_SUPPORT_H
#define REG_SUPPORT_H

#include <stddef.h>

#include <jansson.h>

#include "common/validate.h"
#include "registration/support_policy.h"

/* The statuses of a payment, NULL-terminated. */
extern const char *const support_statuses[];

/* What GET /v1/support-totals may group by, NULL-terminated. */
extern const char *const support_totals_by[];

/* The province-wide caps set by the operator (0 = none), in VND. */
struct support_settings {
    long long commune_year_cap_vnd; /* OCOP_SUPPORT_COMMUNE_YEAR_CAP_VND: per commune a year */
    long long year_cap_vnd;         /* OCOP_SUPPORT_YEAR_CAP_VND: the province a year */
};

/*
 * Reads the two settings from their texts (NULL or "" = 0: none) into out.
 * Returns 1, or 0 with the reason in err: each is a whole number 0..SUPPORT_AMOUNT_MAX.
 */
int support_settings_parse(const char *commune_year, const char *year, struct support_settings *out,
                           char *err, size_t errlen);

/* A validated POST /v1/support-payments body; strings borrowed from it, NULL when absent. */
struct support_payment_input {
    const char *producer_id;      /* UUID of an existing producer */
    const char *product_id;       /* UUID of one of its products; required for per-product kinds */
    const char *kind;             /* a kind of the policy in force on paid_on */
    long long amount_vnd;         /* 1..SUPPORT_AMOUNT_MAX */
    long long eligible_cost_vnd;  /* 1..SUPPORT_AMOUNT_MAX when has_eligible_cost */
    int has_eligible_cost;        /* 1 when eligible_cost_vnd was sent */
    const char *paid_on;          /* YYYY-MM-DD, not after today */
    const char *decision_number;  /* số quyết định hỗ trợ */
    const char *business_plan_id; /* UUID, stored as given (no reference checked) */
    const char *trademark_id;     /* UUID of a trademark support request: kind trademark only */
    const char *note;             /* free text */
};

/* Validates the shape of a body into out, recording every field error. Returns 1 when valid. */
int support_payment_from_json(struct oc_v *v, struct support_payment_input *out);

/*
 * Checks p against the policy in force on its paid_on (policy, NULL when
 * none) and today (YYYY-MM-DD): paid_on not after today, a policy in force,
 * a kind it lists, product_id when the kind is per product, trademark_id with
 * kind trademark and only then, and amount_vnd at most share_percent of
 * eligible_cost_vnd (required when the kind has a share). Sets *kind to the
 * policy's kind. Records every problem; returns 1 when none.
 */
int support_payment_check(struct oc_v *v, const struct support_payment_input *p,
                          const struct support_policy *policy, const char *today,
                          const struct support_kind **kind);

/* One cap a payment must stay under, with what its total already holds. */
struct support_room {
    enum support_per per;       /* what the total is over */
    enum support_period period; /* once, or paid_on's year */
    long long cap_vnd;          /* the cap */
    char kinds[512];            /* the kinds it totals, "{a,b}", or "" for every kind */
    int from_settings;          /* 1: a setting's cap (any policy); 0: the policy's */
    long long paid_vnd;         /* filled by the store: the total before this payment */
};

/* Most rooms a payment may meet: the kind's caps and the two settings. */
#define SUPPORT_ROOMS_MAX (SUPPORT_CAPS_MAX + 2)

/*
 * Checks p against what the database knows of it, subject: an object with
 * "product_of_producer" (false when product_id is not one of the producer's
 * products), "trademark_product" (the product of the trademark request named,
 * absent when none has that id) and "plan" (the business plan named: its
 * producer_id, product_id and status; absent when none has that id). The plan
 * must be the producer's (and the product's, when both name one) and approved
 * (cycle step 4); the trademark request must be for the payment's product.
 * Records every problem; returns 1 when none.
 */
int support_subject_check(struct oc_v *v, const struct support_payment_input *p,
                          const json_t *subject);

/* Fills rooms (SUPPORT_ROOMS_MAX) with the caps kind k of p must stay under; returns how many. */
size_t support_rooms(const struct support_policy *p, const struct support_kind *k,
                     const struct support_settings *s, struct support_room *rooms);

/*
 * Judges amount against every room: one whose paid_vnd + amount exceeds its
 * cap is a field error on amount_vnd, code cap_exceeded, whose message names
 * the cap's per, period and amount, what is already paid and what remains.
 * Returns 1 when every room has space.
 */
int support_rooms_judge(struct oc_v *v, long long amount, const struct support_room *rooms,
                        size_t n);

/* Validates a cancellation body {reason}; *reason borrowed. Returns 1 when valid. */
int support_cancel_from_json(struct oc_v *v, const char **reason);

/*
 * Renders rows (an array of objects) as CSV (RFC 4180, CRLF): a header of
 * columns (NULL-terminated), then one line per row with those members; a
 * missing or null member is an empty field, an object member its "id".
 * Returns a string the caller frees.
 */
char *support_csv(const json_t *rows, const char *const *columns);

#endif
