/*
 * One flow for the create, read, lock and update statements of promotion's
 * member-table resources (trade events, participations, linkages, points of
 * sale). Each store declares its constant statements once, as a struct
 * resource_sql, and these functions bind a record's members (common/fields.h)
 * to them; the SQL text stays constant in the store that owns it.
 */
#ifndef PROMO_RESOURCE_STORE_H
#define PROMO_RESOURCE_STORE_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "common/fields.h"

/* The most members a resource's statement binds. */
#define RESOURCE_MEMBERS_MAX 16

/* Ends a member list. */
#define RESOURCE_END (-1)

/* A resource's constant statements and the members each binds. */
struct resource_sql {
    const struct oc_field *fields; /* the member table */
    size_t n;                      /* its length, at most RESOURCE_MEMBERS_MAX */
    const char *insert;            /* the members as $1...; returns the view */
    const int *insert_members;     /* member indexes in $ order, to RESOURCE_END; NULL: all */
    const char *get;               /* $1 the id; the view */
    const char *lock;              /* as get, locked to change it (FOR UPDATE) */
    const char *share;             /* as get, locked to rely on it (FOR SHARE), or NULL */
    const char *update;            /* $1 the id, the members as $2...; the view, or no row */
    const int *update_members;     /* as insert_members, for update */
};

/* Runs r->insert with values' members; the view in *out (caller owns). */
enum oc_err resource_store_insert(PGconn *conn, const struct resource_sql *r,
                                  const struct oc_field_value *values, json_t **out);

/* Reads one view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err resource_store_get(PGconn *conn, const struct resource_sql *r, const char *id,
                               json_t **out);

/* As resource_store_get, and locks the row: exclusive (r->lock) or shared (r->share). */
enum oc_err resource_store_lock(PGconn *conn, const struct resource_sql *r, const char *id,
                                int exclusive, json_t **out);

/*
 * Runs r->update for id with values' members; the view in *out (caller owns)
 * when out is not NULL (r->update then returns it).
 */
enum oc_err resource_store_update(PGconn *conn, const struct resource_sql *r, const char *id,
                                  const struct oc_field_value *values, json_t **out);

#endif
