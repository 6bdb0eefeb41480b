/* Every SQL statement about market findings. */
#ifndef EVAL_MARKET_FINDING_STORE_H
#define EVAL_MARKET_FINDING_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "evaluation/market_finding.h"

/* Into *out {"known": the product exists, "certified": it has a certificate in force}. */
enum oc_err market_finding_store_product(PGconn *conn, const char *product_id, json_t **out);

/* Inserts in and returns its view in *view (caller owns). */
enum oc_err market_finding_store_insert(PGconn *conn, const struct market_finding_input *in,
                                        json_t **view);

/* Reads one finding's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err market_finding_store_get(PGconn *conn, const char *id, json_t **out);

/* Filters of a listing; NULL members do not filter. */
struct market_finding_filter {
    const char *year;       /* 4 digits: the year of found_on */
    const char *product_id; /* UUID */
};

/* Reads a page of findings, newest recorded first. */
enum oc_err market_finding_store_list(PGconn *conn, const void *filter,
                                      const struct oc_after *after, int limit, json_t **items,
                                      json_t **next);

#endif
