/*
 * Every SQL statement about business plans and their history but those the
 * screened records share (cycle_store.h: a move, a noted change).
 */
#ifndef REG_BUSINESS_PLAN_STORE_H
#define REG_BUSINESS_PLAN_STORE_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "common/read.h"
#include "registration/business_plan.h"
#include "registration/scope.h"

/*
 * The status of the idea idea_id in scope into status (16 bytes; "" when
 * there is none in scope).
 */
enum oc_err business_plan_store_idea_status(PGconn *conn, const struct reg_scope *scope,
                                            const char *idea_id, char *status, size_t len);

/* Creates a submitted plan and records it in its history; id gets its id. */
enum oc_err business_plan_store_insert(PGconn *conn, const struct business_plan_input *b,
                                       const char *role, const char *actor, char *id, size_t idlen);

/* A plan's view with its history into *out (caller owns); OC_NOT_FOUND when none in scope. */
enum oc_err business_plan_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                                    json_t **out);

/* A plan's view without history, locked (FOR UPDATE), into *out; OC_NOT_FOUND when none. */
enum oc_err business_plan_store_lock(PGconn *conn, const struct reg_scope *scope, const char *id,
                                     json_t **out);

/* Changes a plan's members at version (unset members unchanged); OC_PRECONDITION if it moved. */
enum oc_err business_plan_store_update(PGconn *conn, const char *id, long long version,
                                       const struct business_plan_body *b);

/* The data of the plan's status_changed event (caller owns): ids, codes, figures; no names. */
enum oc_err business_plan_store_event(PGconn *conn, const char *id, json_t **data);

/* Filters of a plan listing. */
struct business_plan_filter {
    const char *idea_id;    /* UUID */
    const char *product_id; /* UUID (its idea's product) */
    const char *status;     /* status name */
    const char *year;       /* 4 digits (its idea's year) */
    struct reg_scope scope; /* the caller's scope */
};

/* Reads a page of plans, newest first. */
enum oc_err business_plan_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                     int limit, json_t **items, json_t **next);

#endif
