/* Every SQL statement about market linkages and their transitions. */
#ifndef PROMO_LINKAGE_STORE_H
#define PROMO_LINKAGE_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "common/fields.h"
#include "promotion/resource_store.h"

/*
 * Its statements (resource_store.h): insert a proposed linkage (the product
 * exists), get (with its transitions), lock to change (no shared lock), and
 * update the changeable members (the row locked), which returns no view.
 */
extern const struct resource_sql linkage_sql;

/* Reads one linkage's view (with its transitions) into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err linkage_store_get(PGconn *conn, const char *id, json_t **out);

/* One move of a linkage's status (or its creation, from NULL). */
struct linkage_step {
    const char *id;             /* the linkage */
    const char *from;           /* status before, NULL at creation */
    const char *to;             /* status after */
    const char *actor;          /* who: the caller's token subject (oc_principal_actor) */
    const char *reason;         /* why, or NULL */
    const char *cause_event_id; /* the consumed event behind it, or NULL */
};

/*
 * Records a move: sets the status (unless it is the creation), increments
 * the version and adds the transition.
 */
enum oc_err linkage_store_move(PGconn *conn, const struct linkage_step *step);

/*
 * Suspends every signed or active linkage of product_id, each with a
 * transition by actor "promotion" with reason and cause; *out (caller owns)
 * is the JSON array of {"id", "from_status"} it suspended.
 */
enum oc_err linkage_store_suspend(PGconn *conn, const char *product_id, const char *reason,
                                  const char *cause_event_id, json_t **out);

/* Filters of a listing; NULL members do not filter. */
struct linkage_filter {
    const char *product_id;   /* UUID */
    const char *status;       /* one of linkage_statuses */
    const char *partner_kind; /* one of linkage_partner_kinds */
    const char *channel;      /* one of linkage_channels */
};

/* Reads a page of linkages (oc_list_fn), newest first. */
enum oc_err linkage_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                               int limit, json_t **items, json_t **next);

#endif
