/*
 * Every SQL statement about entries, score sheets and results (migration
 * 0004). Views are JSON as the API shows them.
 */
#ifndef EVAL_ENTRY_STORE_H
#define EVAL_ENTRY_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "evaluation/entry.h"
#include "evaluation/result.h"
#include "evaluation/round.h"

/* An entry locked for a change, with what the rules need to know. */
struct entry_row {
    char id[40], round_id[40], status[16], round_status[16], level[16];
    char rule_set[48], criteria_set[64], council_id[40], product_id[40], producer_id[40];
    char starts_on[11]; /* the round's first day */
    char scoring[16];   /* the round's "detailed" or "parts" (round.h) */
    char application_id[40];
    long long version, quorum; /* quorum 0: a majority */
    long scoring_members;      /* members who score (council_policy: with the secretary or not) */
};

/* Why an application cannot be entered; set with OC_INVALID or OC_CONFLICT. */
struct entry_refusal {
    const char *field; /* the body member at fault, or NULL */
    char problem[256];
};

/*
 * Enters an application into a round (locked by the caller, planned or open):
 * the application must be known and accepted, not waiting in another round;
 * the criteria set follows from the product and the round's rule set; at a
 * level that only takes forwarded products, a forwarding entry must exist.
 */
enum oc_err entry_store_insert(PGconn *conn, const char *round_id, const struct entry_input *e,
                               json_t **out, struct entry_refusal *why);
enum oc_err entry_store_get(PGconn *conn, const char *id, json_t **out);
enum oc_err entry_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                             int limit, json_t **items, json_t **next);
/* Locks the entry and its round. */
enum oc_err entry_store_lock(PGconn *conn, const char *id, struct entry_row *row);

/*
 * What a sheet or result is checked against, in the shape of the rule set's and
 * criteria set's views but only the members scoring needs (caller owns;
 * criteria NULL for parts only).
 */
enum oc_err entry_store_rules(PGconn *conn, const struct entry_row *row, json_t **rule_set,
                              json_t **criteria);

/*
 * The member as the round's council knows it: *role ("" when not a member)
 * and *conflict (1 when a conflict with the entry's producer is declared).
 */
enum oc_err entry_store_member(PGconn *conn, const struct entry_row *row, const char *member_id,
                               char role[16], int *conflict, long long *sheet_version);

/* Writes the member's sheet (insert or replace); *out is the sheet's view. */
enum oc_err entry_store_put_sheet(PGconn *conn, const char *entry_id, const char *member_id,
                                  const json_t *lines, const json_t *parts, long total,
                                  const char *comment, json_t **out);
/* The entry's sheets: {"items": [...]} with every sheet, excluded ones too. */
enum oc_err entry_store_sheets(PGconn *conn, const char *entry_id, json_t **out);

/* The submitted sheets' totals and lines as a JSON array of {"member_id","total","lines"}. */
enum oc_err entry_store_counted_sheets(PGconn *conn, const char *entry_id, json_t **out);

/* Records the result of the locked entry; the certificate is linked afterwards. */
enum oc_err entry_store_finalise(PGconn *conn, const struct entry_row *row, const struct result *r,
                                 const json_t *detail, const struct result_input *d,
                                 const json_t *evidence);
/* Withdraws the locked entry (no result yet). */
enum oc_err entry_store_withdraw(PGconn *conn, const char *entry_id,
                                 const struct entry_withdrawal *w);
/*
 * Withdraws the application's entries still waiting for a result, because the
 * registry ended the application (status and the causing event's id say why).
 */
enum oc_err entry_store_application_ended(PGconn *conn, const char *application_id,
                                          const char *status, const char *event_id);
enum oc_err entry_store_link_certificate(PGconn *conn, const char *entry_id,
                                         const char *certificate_id);

#endif
