/*
 * Every SQL statement about product ideas and their history but those the
 * screened records share (cycle_store.h: a move, a noted change).
 */
#ifndef REG_IDEA_STORE_H
#define REG_IDEA_STORE_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "common/read.h"
#include "registration/idea.h"
#include "registration/scope.h"

/*
 * Checks what a registration or a link names: *producer_ok 1 when producer_id
 * is a producer in scope, *product_ok 1 when product_id (may be NULL: then 1)
 * is a product of that producer.
 */
enum oc_err idea_store_refs(PGconn *conn, const struct reg_scope *scope, const char *producer_id,
                            const char *product_id, int *producer_ok, int *product_ok);

/* Registers an idea as submitted and records it in its history; id gets its id. */
enum oc_err idea_store_insert(PGconn *conn, const struct idea_input *i, const char *role,
                              const char *actor, char *id, size_t idlen);

/* An idea's view with its history into *out (caller owns); OC_NOT_FOUND when none in scope. */
enum oc_err idea_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                           json_t **out);

/* The state of an idea, locked for the rest of the transaction. */
struct idea_row {
    char status[16];        /* current status */
    long long version;      /* current version */
    char producer_id[40];   /* its producer */
    char product_id[40];    /* its product, "" when none */
    char returned_on[11];   /* YYYY-MM-DD of the latest return, "" when never returned */
    char sector[8];         /* QĐ 148 sector, "" when none */
    long long criteria_set; /* QĐ 148 product group, 0 when none */
};

/* Locks and reads an idea (FOR UPDATE). OC_NOT_FOUND when there is none in scope. */
enum oc_err idea_store_lock(PGconn *conn, const struct reg_scope *scope, const char *id,
                            struct idea_row *row);

/*
 * Changes an idea's content at version: p's name, description and product,
 * and its classification to criteria_set (0: none) and sector (NULL: none).
 * OC_PRECONDITION if it moved.
 */
enum oc_err idea_store_update(PGconn *conn, const char *id, long long version,
                              const struct idea_patch *p, long long criteria_set,
                              const char *sector);

/* The data of the idea's status_changed event (caller owns): ids, codes, status; no names. */
enum oc_err idea_store_event(PGconn *conn, const char *id, json_t **data);

/* Filters of an idea listing. */
struct idea_filter {
    const char *status;      /* status name */
    const char *year;        /* 4 digits */
    const char *commune;     /* the producer's current commune code */
    const char *producer_id; /* UUID */
    const char *product_id;  /* UUID */
    struct reg_scope scope;  /* the caller's scope */
};

/* Reads a page of ideas, newest first. */
enum oc_err idea_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                            int limit, json_t **items, json_t **next);

#endif
