/* Every SQL statement about certificates, their status history and their expiry notices. */
#ifndef EVAL_CERTIFICATE_STORE_H
#define EVAL_CERTIFICATE_STORE_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "evaluation/certificate.h"

/*
 * Locks the product's row in the evaluation's view (grants of one product
 * run one after the other) and copies its code. OC_NOT_FOUND when unknown.
 */
enum oc_err certificate_store_product_lock(PGconn *conn, const char *product_id, char *code,
                                           size_t codelen);

/* What the rule sets say about a recognition. */
struct certificate_rule {
    int confirmed;  /* 1 when the rule set is confirmed (not a reported, unverified decision) */
    int in_force;   /* 1 when it was in force on the day asked about */
    int recognises; /* 1 when the level recognises the stars under it */
    long months;    /* certificate_validity_months */
    char from[11];  /* valid_from, "" when none */
    char to[11];    /* valid_to, "" when open */
};

/* Reads rule set id as it applies to stars at level on day on. OC_NOT_FOUND when unknown. */
enum oc_err certificate_store_rule(PGconn *conn, const char *id, long long stars, const char *level,
                                   const char *on, struct certificate_rule *out);

/* A product's current certificate, locked until the end of the transaction. */
struct certificate_current {
    int found;   /* 0 when the product has none */
    char id[37]; /* UUID */
    char number[CERTIFICATE_NUMBER_BYTES];
    char issued_on[11];
    char status[16];
};

enum oc_err certificate_store_current(PGconn *conn, const char *product_id,
                                      struct certificate_current *out);

/* Takes the next number of year's sequence into *seq (no gaps: the row stays locked). */
enum oc_err certificate_store_next_number(PGconn *conn, int year, long *seq);

/* A certificate to insert. */
struct certificate_row {
    const struct certificate_fields *fields; /* the recognition */
    const char *number;                      /* formatted or printed number */
    const char *expires_on;                  /* YYYY-MM-DD */
    const char *status;                      /* "valid" or, recorded after its end, "expired" */
    int year;                                /* sequence year (of issued_on) */
    long seq;                                /* sequence number; 0 for a printed number */
};

/*
 * Inserts r and returns its view in *view (caller owns). OC_CONFLICT when
 * the product already has a certificate of this decision number (or the
 * number is taken): oc_db_last_constraint() names the constraint.
 */
enum oc_err certificate_store_insert(PGconn *conn, const struct certificate_row *r, json_t **view);

/* Records a status change (from NULL for the first status) on the clock's day today. */
enum oc_err certificate_store_history(PGconn *conn, const char *id, const char *from,
                                      const char *to, const char *today,
                                      const struct certificate_why *why);

/*
 * Sets certificate id's status (to may equal the current one to only mark a
 * change, e.g. a notice), increments its version and returns its view.
 */
enum oc_err certificate_store_set_status(PGconn *conn, const char *id, const char *to,
                                         json_t **view);

/* Reads a certificate's view and locks it until the end of the transaction, or OC_NOT_FOUND. */
enum oc_err certificate_store_lock(PGconn *conn, const char *id, json_t **view);

/* Reads a certificate's full view (history and notices) into *out (caller owns). */
enum oc_err certificate_store_get(PGconn *conn, const char *id, json_t **out);

/* Sets *sent to 1 when an expiry notice of certificate id was sent. */
enum oc_err certificate_store_notice_sent(PGconn *conn, const char *id, int *sent);

/* Filters of a listing; NULL members do not filter. */
struct certificate_filter {
    const char *product_id; /* UUID */
    const char *status;     /* one of certificate_statuses */
    const char *stars;      /* "3", "4" or "5" */
    const char *number;     /* the exact number */
};

/* Reads a page of certificates, newest first. */
enum oc_err certificate_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                   int limit, json_t **items, json_t **next);

/* ---- the scheduler -------------------------------------------------------------------------- */

/* One certificate a scheduler batch claimed. */
struct certificate_due {
    char id[37];         /* certificates.id */
    char expires_on[11]; /* YYYY-MM-DD */
    int handled;         /* the smallest notice offset handled, 0 when none (notices only) */
    char status[16];     /* "valid" or "expiring" (notices only; "" for expiries) */
};

/*
 * Locks (FOR UPDATE SKIP LOCKED: rows another instance holds are left to it)
 * up to limit certificates in force whose expires_on is before today, into
 * due (room for limit) and their number into *n.
 */
enum oc_err certificate_store_due_expiries(PGconn *conn, const char *today, int limit,
                                           struct certificate_due *due, int *n);

/*
 * Locks as above up to limit valid or expiring certificates for which a
 * notice of offsets (a PostgreSQL int[] literal, e.g. "{180,90,30}") is due
 * on today and not handled yet.
 */
enum oc_err certificate_store_due_notices(PGconn *conn, const char *today, const char *offsets,
                                          int limit, struct certificate_due *due, int *n);

/*
 * Records notice offset of certificate id (sent, or skipped) unless it is
 * recorded already; *inserted tells which.
 */
enum oc_err certificate_store_notice_add(PGconn *conn, const char *id, int offset,
                                         const char *due_on, int sent, const char *today,
                                         int *inserted);

/* SAVEPOINT, ROLLBACK TO and RELEASE it, around one certificate of a batch (scheduler, import). */
enum oc_err certificate_store_savepoint(PGconn *conn);
void certificate_store_rollback_to_savepoint(PGconn *conn);
enum oc_err certificate_store_release_savepoint(PGconn *conn);

/* The certificate numbered number (its view, caller owns), or OC_NOT_FOUND. */
enum oc_err certificate_store_by_number(PGconn *conn, const char *number, json_t **view);

/* The product's certificate of decision_number (its view, caller owns), or OC_NOT_FOUND. */
enum oc_err certificate_store_by_decision(PGconn *conn, const char *product_id,
                                          const char *decision_number, json_t **view);

/* The id of the product whose code is code (into id, 37 bytes), or OC_NOT_FOUND. */
enum oc_err certificate_store_product_by_code(PGconn *conn, const char *code, char *id,
                                              size_t idlen);

#endif
