/* Every SQL statement about producers. */
#ifndef REG_PRODUCER_STORE_H
#define REG_PRODUCER_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "registration/producer.h"
#include "registration/scope.h"

/*
 * Inserts p and returns its JSON view in *out (caller owns). OC_CONFLICT when
 * the identifier is already registered.
 */
enum oc_err producer_store_insert(PGconn *conn, const struct oc_field_value *p, json_t **out);

/*
 * Reads one producer's JSON view into *out (caller owns), or OC_NOT_FOUND
 * when there is none in scope.
 */
enum oc_err producer_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                               json_t **out);

/*
 * Applies patch to producer id if its version is still version; returns the
 * new view in *out. OC_NOT_FOUND when there is no such producer in scope,
 * OC_PRECONDITION when its version moved on.
 */
enum oc_err producer_store_update(PGconn *conn, const struct reg_scope *scope, const char *id,
                                  long long version, const struct oc_field_value *patch,
                                  json_t **out);

/*
 * What a producer's commune code says: whether it names a commune, past or
 * present; whether a producer recorded under it lies in the caller's scope
 * (its commune is today the scope's commune; always for a scope without a
 * commune rule); and which commune it names on the day asked.
 */
struct commune_facts {
    int known;    /* code names a commune, past or present */
    int in_scope; /* a producer recorded under code lies in the caller's scope */
    char then[8]; /* the commune code names on the day asked ("" when none): code itself
                   * when it is a commune in force that day */
    int future;   /* the day asked is after today */
};

/* The facts about commune code on day on (YYYY-MM-DD; NULL: today) for a caller of scope. */
enum oc_err producer_store_commune(PGconn *conn, const struct reg_scope *scope, const char *code,
                                   const char *on, struct commune_facts *f);

/* Filters of a producer listing; NULL members do not filter. */
struct producer_filter {
    const char *type;            /* producer type */
    const char *commune_code;    /* 5 digits, as recorded */
    const char *legacy_district; /* 3 digits: communes of that district before 1 July 2025 */
    const char *q;               /* name words, with or without diacritics */
    struct reg_scope scope;      /* the caller's scope */
};

/* Reads a page of producers, newest first; *next as in product_store_list. */
enum oc_err producer_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                int limit, json_t **items, json_t **next);

#endif
