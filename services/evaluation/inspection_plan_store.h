/* Every SQL statement about the inspection plan and the coverage indicator. */
#ifndef EVAL_INSPECTION_PLAN_STORE_H
#define EVAL_INSPECTION_PLAN_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "evaluation/inspection_plan.h"

/*
 * What a plan item would name: into *out {"product": known, "certified":
 * has a certificate in force (valid, expiring or suspended), "producer":
 * known} (caller owns).
 */
enum oc_err inspection_plan_store_target(PGconn *conn, const char *product_id,
                                         const char *producer_id, json_t **out);

/* Inserts in and returns its view on today in *view (caller owns). */
enum oc_err inspection_plan_store_insert(PGconn *conn, const struct inspection_plan_item_input *in,
                                         const char *today, json_t **view);

/* Reads and locks one item's view on today into *view (caller owns), or OC_NOT_FOUND. */
enum oc_err inspection_plan_store_lock(PGconn *conn, const char *id, const char *today,
                                       json_t **view);

/* Cancels the item id with reason and returns its new view on today (caller owns). */
enum oc_err inspection_plan_store_cancel(PGconn *conn, const char *id, const char *reason,
                                         const char *actor, const char *today, json_t **view);

/* Filters of a listing. */
struct inspection_plan_filter {
    const char *year;   /* 4 digits: the plan's year */
    const char *status; /* one of inspection_plan_states, or NULL */
    const char *today;  /* YYYY-MM-DD: the day states are read on */
};

/* Reads a page of a year's plan items, newest first. */
enum oc_err inspection_plan_store_list(PGconn *conn, const void *filter,
                                       const struct oc_after *after, int limit, json_t **items,
                                       json_t **next);

/*
 * The coverage of year (4 digits) on today, with the first limit products
 * never inspected: {year, valid_certificates, inspected, never_inspected:
 * {count, items}, planned, done, missed, cancelled} (caller owns; the share
 * is the handler's, see inspection_coverage_tenths).
 */
enum oc_err inspection_plan_store_coverage(PGconn *conn, const char *year, const char *today,
                                           int limit, json_t **out);

#endif
