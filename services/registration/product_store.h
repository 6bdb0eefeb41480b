/* Every SQL statement about products. */
#ifndef REG_PRODUCT_STORE_H
#define REG_PRODUCT_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "registration/product.h"
#include "registration/scope.h"

/*
 * Inserts p with a new product code made from pattern (valid, see product.h)
 * and returns its JSON view in *out and the "product registered" event data
 * in *event (both owned by the caller). OC_NOT_FOUND when the producer does
 * not exist in scope, OC_INVALID when the commune code names no commune.
 */
enum oc_err product_store_insert(PGconn *conn, const struct reg_scope *scope,
                                 const struct product_input *p, const char *pattern, json_t **out,
                                 json_t **event);

/*
 * Reclassifies product id at version into c's criteria set and sector,
 * appending the change to its history (from, to, why, who); the view and the
 * event data as product_store_insert. OC_NOT_FOUND (none in scope) or
 * OC_PRECONDITION (version moved on).
 */
enum oc_err product_store_classify(PGconn *conn, const struct reg_scope *scope, const char *id,
                                   long long version, const struct product_classification *c,
                                   json_t **out, json_t **event);

/* A product's reclassifications, oldest first, as {"items": [...]}; OC_NOT_FOUND outside scope. */
enum oc_err product_store_classifications(PGconn *conn, const struct reg_scope *scope,
                                          const char *id, json_t **out);

/*
 * Applies patch to product id at version; returns the view and the event data
 * as product_store_insert. OC_NOT_FOUND (none in scope) or OC_PRECONDITION
 * (version moved on).
 */
enum oc_err product_store_update(PGconn *conn, const struct reg_scope *scope, const char *id,
                                 long long version, const struct product_patch *patch, json_t **out,
                                 json_t **event);

/*
 * What another service said about a product, from one event. kind is
 * "certificate", "inspection" or "linkage"; data the event's data (borrowed);
 * at its ce_time. A part is only replaced by a newer event. For a certificate,
 * status (valid, expiring, suspended, revoked, expired, superseded) sets the
 * product's star level and cycle status; a status change of another
 * certificate than the one shown is ignored. Sets *found to 0 when no product
 * has this id.
 */
struct product_fact {
    const char *product_id; /* the product */
    const char *kind;       /* certificate, inspection, linkage */
    const json_t *data;     /* the event's data */
    const char *at;         /* the event's ce_time */
    int issued;             /* certificate: 1 for a new certificate, 0 for a status change */
};

enum oc_err product_store_fact(PGconn *conn, const struct product_fact *f, int *found);

/* Moves a product's cycle status as its application moves (applied, evaluated, ...). */
enum oc_err product_store_cycle(PGconn *conn, const char *application_id, const char *status);

/*
 * Marks the product of an application potential 5 stars since the date since
 * (YYYY-MM-DD) with the province's score ("dd.dd") and entry; since NULL
 * clears the mark (the central council decided).
 */
enum oc_err product_store_potential(PGconn *conn, const char *application_id, const char *since,
                                    const char *score, const char *entry_id);

/* Reads one product's JSON view into *out (caller owns), or OC_NOT_FOUND (none in scope). */
enum oc_err product_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                              json_t **out);

/* Filters of a product listing; NULL members do not filter. */
struct product_filter {
    const char *producer_id;  /* UUID */
    const char *commune_code; /* 5 digits */
    struct reg_scope scope;   /* the caller's scope */
};

/*
 * Reads up to limit products, newest first, into the array *items; *next gets
 * the cursor object {"t", "id"} of the next page, or NULL on the last page
 * (both owned by the caller).
 */
enum oc_err product_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                               int limit, json_t **items, json_t **next);

#endif
