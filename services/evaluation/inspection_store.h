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
enum oc_err inspection_store_insert(PGconn *conn, const struct inspection_input *in,
                                    const char *certificate_id, const char *status_before,
                                    const char *status_after, json_t **view);

/* Reads one inspection's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err inspection_store_get(PGconn *conn, const char *id, json_t **out);

/* Filters of a listing; NULL members do not filter. */
struct inspection_filter {
    const char *product_id; /* UUID */
    const char *outcome;    /* one of inspection_outcomes */
    const char *year;       /* 4 digits: the year of inspected_on */
    const char *follow_up;  /* one of inspection_follow_up_states */
    const char *today;      /* YYYY-MM-DD: the day the follow-up states are read on */
};

/* Reads a page of inspections, newest recorded first. */
enum oc_err inspection_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                  int limit, json_t **items, json_t **next);

/* Reads and locks the inspection id for a follow-up: {product_id, inspected_on, due_on, closed_by}.
 */
enum oc_err inspection_store_followed_lock(PGconn *conn, const char *id, json_t **out);

/* Closes the follow-up of id by the inspection closed_by of closed_on. */
enum oc_err inspection_store_followed_close(PGconn *conn, const char *id, const char *closed_by,
                                            const char *closed_on);

/*
 * Claims (FOR UPDATE SKIP LOCKED) up to limit open follow-ups whose due_on is
 * before today and that were not found overdue yet, marks them overdue on
 * today, and returns their views as an array in *views (caller owns).
 */
enum oc_err inspection_store_overdue_claim(PGconn *conn, const char *today, int limit,
                                           json_t **views);

#endif
