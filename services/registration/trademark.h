/*
 * Trademark support rules (hỗ trợ xây dựng nhãn hiệu, step 4 of the OCOP
 * cycle), pure C: the kinds of mark, the statuses a support request moves
 * through, what each status requires, and the order of its dates. No I/O.
 *
 * Statuses: requested -> filed -> granted | refused, and requested -> refused
 * (the request is turned down before filing). granted and refused are final;
 * there is no way back.
 */
#ifndef REG_TRADEMARK_H
#define REG_TRADEMARK_H

#include "common/fields.h"

/* Kinds of mark (nhãn hiệu thông thường, tập thể, chứng nhận), NULL-terminated. */
extern const char *const trademark_kinds[];

/* Statuses as sent on the wire, NULL-terminated, in the order of the cycle. */
extern const char *const trademark_statuses[];

/* The office a request is filed with when none is given. */
extern const char trademark_default_office[];

/* Bounds of the support amount, in VND. */
#define TRADEMARK_SUPPORT_MAX 1000000000000LL

/* The members, in this order (also the SQL parameters' order: see trademark_store.c). */
enum {
    TRADEMARK_PRODUCT_ID,         /* UUID of an existing product; fixed */
    TRADEMARK_KIND,               /* one of trademark_kinds */
    TRADEMARK_MARK_NAME,          /* the mark, as filed */
    TRADEMARK_OFFICE,             /* where it is filed; trademark_default_office when not given */
    TRADEMARK_STATUS,             /* one of trademark_statuses; "requested" when new */
    TRADEMARK_REQUESTED_ON,       /* YYYY-MM-DD, always set */
    TRADEMARK_FILING_NUMBER,      /* số đơn; set once filed */
    TRADEMARK_FILED_ON,           /* YYYY-MM-DD; set once filed */
    TRADEMARK_DECIDED_ON,         /* YYYY-MM-DD of the grant or refusal */
    TRADEMARK_CERTIFICATE_NUMBER, /* số văn bằng; only when granted */
    TRADEMARK_NOTES,              /* free text */
    TRADEMARK_SUPPORT_AMOUNT_VND, /* 0..TRADEMARK_SUPPORT_MAX */
    TRADEMARK_N
};
extern const struct oc_field trademark_fields[TRADEMARK_N];

/* Returns 1 when a record may move from status from to status to (from != to). */
int trademark_transition_ok(const char *from, const char *to);

/*
 * Validates a POST body into out[TRADEMARK_N] (strings borrowed from the
 * body), recording every field error in v, then checks the new record with
 * trademark_check. Returns 1 when valid.
 */
int trademark_from_json(struct oc_v *v, struct oc_field_value *out);

/* Validates a PATCH body into out[TRADEMARK_N], recording every field error. Returns 1 when valid,
 * not empty. */
int trademark_patch_from_json(struct oc_v *v, struct oc_field_value *out);

/*
 * Checks tm against the rules, coming from status from (NULL for a new
 * record, which must be "requested"): the transition, the members the status
 * requires and forbids, and the order of the dates. Records every problem in
 * v and returns 1 when there is none.
 */
int trademark_check(struct oc_v *v, const char *from, const struct oc_field_value *tm);

#endif
