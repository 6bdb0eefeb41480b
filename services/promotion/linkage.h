/*
 * Market linkages (liên kết tiêu thụ), pure C: a product linked with a
 * partner through a channel under an agreement; its members, the statuses it
 * moves through and the rules between them.
 *
 * Statuses: proposed -> signed -> active; signed or active -> suspended;
 * suspended -> active; any of them -> ended, which is final. A move to
 * suspended or ended says why. A linkage is created proposed; moves to
 * signed or active need the product to be promotable (checked by the caller)
 * and the agreement's first day.
 */
#ifndef PROMO_LINKAGE_H
#define PROMO_LINKAGE_H

#include "common/fields.h"

extern const char *const linkage_partner_kinds[]; /* NULL-terminated */
extern const char *const linkage_channels[];      /* NULL-terminated */
extern const char *const linkage_statuses[];      /* NULL-terminated */

/* The members, in this order (also the SQL columns' order). */
enum {
    LINKAGE_PRODUCT_ID,   /* the product (UUID), fixed */
    LINKAGE_PARTNER_KIND, /* one of linkage_partner_kinds */
    LINKAGE_PARTNER_NAME, /* the partner's name */
    LINKAGE_TAX_CODE,     /* the partner's tax code: 10 digits, or 10 + "-" + 3 for a branch */
    LINKAGE_CHANNEL,      /* one of linkage_channels */
    LINKAGE_VOLUME,       /* agreement: quantity (> 0), with unit */
    LINKAGE_UNIT,         /* agreement: unit of volume (kg, tấn, chai, hộp...) */
    LINKAGE_VALUE_VND,    /* agreement: value, VND */
    LINKAGE_STARTS_ON,    /* agreement: first day */
    LINKAGE_ENDS_ON,      /* agreement: last day, not before starts_on */
    LINKAGE_STATUS,       /* one of linkage_statuses; changed only by a transition */
    LINKAGE_NOTES,        /* free text */
    LINKAGE_N
};
extern const struct oc_field linkage_fields[LINKAGE_N];

/* Returns 1 when s is a Vietnamese tax code: 10 digits, optionally "-" and a 3-digit branch. */
int linkage_tax_code_ok(const char *s);

/* Returns 1 when a linkage may move from status from to status to (from != to). */
int linkage_transition_ok(const char *from, const char *to);

/* Returns 1 when a move to status to needs a reason (suspended, ended). */
int linkage_needs_reason(const char *to);

/* Returns 1 when a linkage in status counts as active for its partner (signed, active). */
int linkage_in_force(const char *status);

/*
 * Checks a linkage's members (a new one, or the result of a patch): the tax
 * code, volume and unit together, the order of the agreement's dates, and
 * for a signed or active linkage the agreement's first day. Records every
 * problem in v; returns 1 when there is none.
 */
int linkage_check(struct oc_v *v, const struct oc_field_value *lk);

/*
 * A validated transition request; strings borrowed from the body. Who moves
 * it is not in the body: it is the caller's token subject (oc_principal_actor).
 */
struct linkage_move {
    const char *to;     /* one of linkage_statuses */
    const char *reason; /* why, 3..2000 characters, or NULL */
};

/* Validates a transition body {to, reason}: any other member is "unknown". Returns 1 when valid. */
int linkage_move_from_json(struct oc_v *v, struct linkage_move *out);

/*
 * Checks a move of a linkage in status from: NULL when allowed, else a
 * sentence saying why not (*field_error is 1 when it is a problem of the
 * request, a missing reason, rather than of the linkage's state).
 */
const char *linkage_move_problem(const char *from, const struct linkage_move *move,
                                 int *field_error);

#endif
