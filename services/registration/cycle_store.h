/*
 * SQL about the cycle as a whole: what an application's idea and business
 * plan are, and a product's cycle history, one time-ordered list built from
 * one SQL fragment per source (ideas, business plans, applications,
 * recognitions; a new source is one more fragment in cycle_store.c).
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

/*
 * *changed gets 1 when the idea (plan: business plan) id was changed (a
 * PATCH) since its latest return, else 0.
 */
enum oc_err cycle_store_changed_since_return(PGconn *conn, int plan, const char *id, int *changed);

#endif
