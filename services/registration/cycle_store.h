/*
 * SQL about the cycle as a whole: what an application's idea and business
 * plan are, a product's cycle history, one time-ordered list built from one
 * SQL fragment per source (ideas, business plans, applications,
 * recognitions; a new source is one more fragment in cycle_store.c), and the
 * statements the screened records (an idea, a business plan) share: a move,
 * a noted change and whether it changed since its latest return, one
 * constant statement per record kind, chosen by enum cycle_record.
 */
#ifndef REG_CYCLE_STORE_H
#define REG_CYCLE_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "registration/scope.h"

/*
 * What a new application's links name, into *out (caller owns):
 * {"producer_id": the product's producer or null when the product is not in
 * scope, "idea": {status, product_id, producer_id} or null, "plan": {status,
 * product_id, producer_id, idea_id} or null}; idea_id and plan_id may be NULL.
 */
enum oc_err cycle_store_links(PGconn *conn, const struct reg_scope *scope, const char *product_id,
                              const char *idea_id, const char *plan_id, json_t **out);

/*
 * The cycle history of a product in scope into *out (caller owns):
 * {"product_id", "items": [{on, at, step, kind, id, detail}]} in time order.
 * OC_NOT_FOUND when the product is not in scope.
 */
enum oc_err cycle_store_history(PGconn *conn, const struct reg_scope *scope, const char *id,
                                json_t **out);

/* The cycle's screened records: which table set a shared statement is about. */
enum cycle_record {
    CYCLE_IDEA,         /* ideas and idea_history */
    CYCLE_BUSINESS_PLAN /* business_plans and business_plan_history */
};

/* A recorded move or change of a screened record. */
struct cycle_change {
    const char *id;    /* the record's id */
    const char *from;  /* moved: status before; NULL for a change */
    const char *to;    /* moved: status after; NULL for a change */
    const char *day;   /* moved: today (YYYY-MM-DD), the day of a return, acceptance or approval */
    json_t *reasons;   /* moved to returned: the reasons (borrowed), else NULL */
    json_t *changes;   /* changed: {member: {from, to}} (borrowed), else NULL */
    const char *role;  /* the role the caller acts as */
    const char *actor; /* the token's subject */
};

/*
 * Moves record c->id of kind r to c->to and appends the move to its history;
 * bumps the version and stamps c->day as the day of a return or acceptance
 * (an idea) or of an approval (a business plan).
 */
enum oc_err cycle_store_move(PGconn *conn, enum cycle_record r, const struct cycle_change *c);

/* Appends a change (c->changes) to the history of record c->id of kind r. */
enum oc_err cycle_store_note_change(PGconn *conn, enum cycle_record r,
                                    const struct cycle_change *c);

/* *changed gets 1 when record id of kind r was changed (a PATCH) since its latest return. */
enum oc_err cycle_store_changed_since_return(PGconn *conn, enum cycle_record r, const char *id,
                                             int *changed);

#endif
