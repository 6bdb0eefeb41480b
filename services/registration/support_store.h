/* Every SQL statement about the support ledger (support_payments, migration 0015). */
#ifndef REG_SUPPORT_STORE_H
#define REG_SUPPORT_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "registration/support.h"

/*
 * Locks producer p->producer_id's row until the end of the transaction (so
 * that two payments for one producer, or its products, are judged one after
 * the other) and reads what the rules need about the payment into *out
 * (caller owns): {"producer_type", "commune_code" (the producer's commune
 * resolved to the unit in force on paid_on), "product_of_producer" (null
 * without product_id, false when the product is not the producer's or does
 * not exist), "trademark_product" (the product of trademark_id, null when
 * none or unknown)}. OC_NOT_FOUND when there is no such producer.
 */
enum oc_err support_store_lock_subject(PGconn *conn, const struct support_payment_input *p,
                                       json_t **out);

/*
 * Serialises every payment of year (4 digits) until the end of the
 * transaction (an advisory lock): taken when a commune or province cap
 * applies, which totals over more than one producer.
 */
enum oc_err support_store_lock_year(PGconn *conn, const char *year);

/*
 * The total of the paid payments room r counts for payment p of policy
 * policy_id in commune commune, into *paid (VND).
 */
enum oc_err support_store_paid(PGconn *conn, const struct support_room *r,
                               const struct support_payment_input *p, const char *policy_id,
                               const char *commune, long long *paid);

/* What an insert records besides the body. */
struct support_record {
    const char *policy_id;    /* the policy in force on paid_on */
    int policy_confirmed;     /* its provenance.confirmed */
    const char *commune_code; /* support_store_lock_subject's commune_code */
    const char *recorded_by;  /* the caller's subject */
};

/* Inserts p and returns its view in *out (caller owns). */
enum oc_err support_store_insert(PGconn *conn, const struct support_payment_input *p,
                                 const struct support_record *rec, json_t **out);

/* Reads one payment's view into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err support_store_get(PGconn *conn, const char *id, json_t **out);

/* As support_store_get, and locks the row until the end of the transaction. */
enum oc_err support_store_lock(PGconn *conn, const char *id, json_t **out);

/* Cancels payment id (locked, paid) with reason by subject by; the new view into *out. */
enum oc_err support_store_cancel(PGconn *conn, const char *id, const char *reason, const char *by,
                                 json_t **out);

/* Filters of a listing; NULL members do not filter. */
struct support_filter {
    const char *year;        /* 4 digits: paid_on's year */
    const char *kind;        /* a kind */
    const char *producer_id; /* UUID */
    const char *product_id;  /* UUID */
    const char *commune;     /* 5 digits: the commune recorded with the payment */
    const char *status;      /* paid or cancelled */
};

/* Reads a page of payments, newest first (oc_list_fn). */
enum oc_err support_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                               int limit, json_t **items, json_t **next);

/* Most rows one CSV export holds. */
#define SUPPORT_EXPORT_MAX 100000

/* Reads every payment f matches (at most SUPPORT_EXPORT_MAX), by paid_on, as flat rows. */
enum oc_err support_store_rows(PGconn *conn, const struct support_filter *f, json_t **rows);

/*
 * The paid payments of year grouped by by (one of support_totals_by):
 * {"year", "by", "count", "total_vnd", "items": [{"key", "name",
 * "producer_type", "count", "amount_vnd"}]} into *out (caller owns).
 */
enum oc_err support_store_totals(PGconn *conn, const char *year, const char *by, json_t **out);

#endif
