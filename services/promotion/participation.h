/*
 * Participations: a product taking part in a trade-promotion event, pure C:
 * its members (booth, support paid, outcome), its statuses and their rules.
 *
 * Statuses: registered -> attended (once the event has begun) and
 * registered -> withdrawn (with a reason); attended and withdrawn are final
 * for people (a reaction to a lost certificate also withdraws an attended
 * participation in an event that has not ended). The outcome (sales,
 * contracts) is recorded once the product attended.
 */
#ifndef PROMO_PARTICIPATION_H
#define PROMO_PARTICIPATION_H

#include "common/fields.h"

extern const char *const participation_statuses[]; /* NULL-terminated */

/* The members, in this order (also the SQL columns' order). */
enum {
    PARTICIPATION_EVENT_ID,      /* the trade-promotion event (UUID), fixed */
    PARTICIPATION_PRODUCT_ID,    /* the product (UUID), fixed */
    PARTICIPATION_BOOTH,         /* booth number or name */
    PARTICIPATION_SUPPORT_VND,   /* support paid to the producer for it, VND */
    PARTICIPATION_SALES_VND,     /* outcome: sales at the event, VND */
    PARTICIPATION_CONTRACTS,     /* outcome: contracts signed */
    PARTICIPATION_CONTRACTS_VND, /* outcome: value of the contracts signed, VND */
    PARTICIPATION_STATUS,        /* one of participation_statuses */
    PARTICIPATION_STATUS_REASON, /* why the status changed (required to withdraw) */
    PARTICIPATION_N
};
extern const struct oc_field participation_fields[PARTICIPATION_N];

/*
 * Checks a participation (a new one when from is NULL; else the result of a
 * patch of one in status from): the status move (attended needs the event to
 * have begun: starts_on <= today; withdrawn needs a reason), then the
 * outcome members only once attended. event_starts_on and today are only
 * read when from is not NULL. Records every problem in v; returns 1 when
 * there is none.
 */
int participation_check(struct oc_v *v, const char *from, const struct oc_field_value *pa,
                        const char *event_starts_on, const char *today);

#endif
