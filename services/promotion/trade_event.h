/*
 * Trade-promotion events (xúc tiến thương mại: fairs, exhibitions, B2B
 * matching sessions, online campaigns, conferences), pure C: their members,
 * the statuses they move through and the rules between members.
 *
 * Statuses: planned -> open -> closed, and planned or open -> cancelled;
 * closed and cancelled are final. A new event is planned. Products may join
 * an event while it is planned or open and has not ended.
 */
#ifndef PROMO_TRADE_EVENT_H
#define PROMO_TRADE_EVENT_H

#include "common/fields.h"

extern const char *const trade_event_types[];    /* NULL-terminated */
extern const char *const trade_event_statuses[]; /* NULL-terminated */

/* The members, in this order (also the SQL columns' order). */
enum {
    TRADE_EVENT_TYPE,       /* one of trade_event_types */
    TRADE_EVENT_NAME,       /* 2..255 characters */
    TRADE_EVENT_STARTS_ON,  /* first day */
    TRADE_EVENT_ENDS_ON,    /* last day, not before starts_on */
    TRADE_EVENT_VENUE,      /* where; required unless platform is given */
    TRADE_EVENT_PLATFORM,   /* the online platform; required for an online campaign */
    TRADE_EVENT_COMMUNE,    /* 5-digit commune code of the venue, or unset */
    TRADE_EVENT_ORGANISER,  /* who organises it */
    TRADE_EVENT_BUDGET_VND, /* budget in VND, or unset */
    TRADE_EVENT_STATUS,     /* one of trade_event_statuses */
    TRADE_EVENT_NOTES,      /* free text */
    TRADE_EVENT_N
};
extern const struct oc_field trade_event_fields[TRADE_EVENT_N];

/* Bounds of amounts of money, in VND. */
#define PROMO_VND_MAX 1000000000000000LL

/* Returns 1 when an event may move from status from to status to (from != to). */
int trade_event_transition_ok(const char *from, const char *to);

/* Returns 1 when status is final (closed, cancelled): the event no longer changes. */
int trade_event_final(const char *status);

/*
 * Checks an event (a new one when from is NULL, which must be planned; else
 * the result of a patch of an event in status from): the status move, the
 * order of the dates, a venue or a platform, a platform for an online
 * campaign. Records every problem in v; returns 1 when there is none.
 */
int trade_event_check(struct oc_v *v, const char *from, const struct oc_field_value *te);

#endif
