/* Every SQL statement about the evaluation service's view of products and producers. */
#ifndef EVAL_CANDIDATE_STORE_H
#define EVAL_CANDIDATE_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/contracts.h"
#include "common/err.h"

/*
 * Upserts a producer unless a newer version is already kept, and carries its
 * current name to the views of its products.
 */
enum oc_err candidate_store_producer(PGconn *conn, const struct oc_producer_registered *p);

/* Upserts a product unless a newer version is already kept. event_id is recorded. */
enum oc_err candidate_store_product(PGconn *conn, const struct oc_product_registered *p,
                                    const char *event_id);

/* An application as registration's events describe it; strings borrowed from the data. */
struct candidate_application {
    const char *application_id; /* UUID */
    const char *dossier_code;   /* national dossier code; NULL for a draft never submitted */
    const char *product_id;     /* UUID */
    const char *kind;           /* first_time, upgrade, re_recognition */
    const char *rule_set;       /* rule set of the product */
    const char *status;         /* registry status */
    long long portal_code;      /* portal status code */
    const char *received_on;    /* YYYY-MM-DD or NULL */
    long long version;          /* registration's version */
};

/* Parses an application event's data; OC_INVALID with the reason when it breaks the contract. */
enum oc_err candidate_application_parse(json_t *data, struct candidate_application *out, char *err,
                                        size_t errlen);

/* Upserts an application unless a newer version is kept. */
enum oc_err candidate_store_application(PGconn *conn, const struct candidate_application *a,
                                        const char *event_id);

/* Reads one application's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err candidate_store_application_get(PGconn *conn, const char *id, json_t **out);

/* Reads one product's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err candidate_store_get(PGconn *conn, const char *id, json_t **out);

#endif
