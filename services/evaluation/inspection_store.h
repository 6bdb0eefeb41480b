/* Every SQL statement about inspections. */
#ifndef EVAL_INSPECTION_STORE_H
#define EVAL_INSPECTION_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "evaluation/inspection.h"

/*
 * Inserts in for certificate_id, whose status was status_before and becomes
 * status_after, and returns its view in *view (caller owns).
 */
enum oc_err inspection_store_insert(PGconn *conn, const struct inspection_new *in,
                                    const char *certificate_id, const char *status_before,
                                    const char *status_after, json_t **view);

/* Reads one inspection's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err inspection_store_get(PGconn *conn, const char *id, json_t **out);

/* Filters of a listing; NULL members do not filter. */
struct inspection_filter {
    const char *product_id; /* UUID */
    const char *outcome;    /* one of inspection_outcomes */
    const char *year;       /* 4 digits: the year of inspected_on */
};

/* Reads a page of inspections, newest recorded first. */
enum oc_err inspection_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                  int limit, json_t **items, json_t **next);

#endif
