/* Every SQL statement about trade-promotion events. */
#ifndef PROMO_TRADE_EVENT_STORE_H
#define PROMO_TRADE_EVENT_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "common/fields.h"
#include "promotion/resource_store.h"

/*
 * Its statements (resource_store.h): insert, get, lock exclusive to change it
 * or shared to rely on it (a participation), and update every member (the row
 * locked), which returns no view.
 */
extern const struct resource_sql trade_event_sql;

/* Reads one event's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err trade_event_store_get(PGconn *conn, const char *id, json_t **out);

/* The ids (JSON array of strings, caller owns) of the products taking part (not withdrawn). */
enum oc_err trade_event_store_entrants(PGconn *conn, const char *id, json_t **out);

/* Filters of a listing; NULL members do not filter. */
struct trade_event_filter {
    const char *type;   /* one of trade_event_types */
    const char *status; /* one of trade_event_statuses */
    const char *from;   /* events ending on or after this day */
    const char *to;     /* events beginning on or before this day */
};

/* Reads a page of events (oc_list_fn), latest first day first. */
enum oc_err trade_event_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                   int limit, json_t **items, json_t **next);

#endif
