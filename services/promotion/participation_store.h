/* Every SQL statement about participations of products in trade-promotion events. */
#ifndef PROMO_PARTICIPATION_STORE_H
#define PROMO_PARTICIPATION_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "common/fields.h"
#include "promotion/resource_store.h"

/*
 * Its statements (resource_store.h): insert a registered participation
 * (event and product exist; OC_CONFLICT when the product already takes part
 * in the event), get, lock to change (no shared lock), and update the
 * changeable members (the row locked), which returns the new view.
 */
extern const struct resource_sql participation_sql;

/* Reads one participation's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err participation_store_get(PGconn *conn, const char *id, json_t **out);

/* Which participations a withdrawal takes; NULL members do not restrict. */
struct participation_scope {
    const char *product_id;     /* of this product */
    const char *event_id;       /* in this event */
    const char *ending_from;    /* in events whose last day is this day or later */
    const char *reason;         /* why (required) */
    const char *cause_event_id; /* the consumed event that causes it, or NULL */
};

/*
 * Withdraws every participation of scope that is not withdrawn, recording the
 * reason and cause; *out (caller owns) is the JSON array of
 * {"id", "from_status"} of those it withdrew.
 */
enum oc_err participation_store_withdraw(PGconn *conn, const struct participation_scope *scope,
                                         json_t **out);

/* Filters of a listing; NULL members do not filter. */
struct participation_filter {
    const char *event_id;   /* UUID */
    const char *product_id; /* UUID */
    const char *status;     /* one of participation_statuses */
};

/* Reads a page of participations (oc_list_fn), newest first. */
enum oc_err participation_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                     int limit, json_t **items, json_t **next);

#endif
