/*
 * Every SQL statement about councils, their members and conflicts of
 * interest, and rounds (migration 0004). Views are JSON as the API shows them.
 */
#ifndef EVAL_ROUND_STORE_H
#define EVAL_ROUND_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "common/sql.h"
#include "evaluation/council.h"
#include "evaluation/round.h"

struct council_filter {
    const char *level; /* NULL: any */
};

struct round_filter {
    const char *year, *level, *status, *council_id; /* NULL: any */
};

enum oc_err council_store_insert(PGconn *conn, const struct council_input *c, json_t **out);
enum oc_err council_store_get(PGconn *conn, const char *id, json_t **out);
enum oc_err council_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                               int limit, json_t **items, json_t **next);
/* Adds a member; OC_NOT_FOUND without the council, OC_CONFLICT for a second chair. */
enum oc_err council_store_add_member(PGconn *conn, const char *council_id,
                                     const struct member_input *m, json_t **out);
/*
 * Records a conflict and excludes the member's sheets on unfinalised entries
 * of the producer's products. OC_NOT_FOUND without the member in the council,
 * OC_INVALID when the producer is unknown, OC_CONFLICT when already declared.
 */
enum oc_err council_store_add_conflict(PGconn *conn, const char *council_id, const char *member_id,
                                       const struct conflict_input *c, json_t **out);

/*
 * Plans a round. The rule set is the given one or the one in force on
 * starts_on. OC_INVALID with *field and *problem set when the council, its
 * level, or the rule set does not fit; OC_CONFLICT on a duplicate sequence.
 */
enum oc_err round_store_insert(PGconn *conn, const struct round_input *r, json_t **out,
                               const char **field, const char **problem);
enum oc_err round_store_get(PGconn *conn, const char *id, json_t **out);
enum oc_err round_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                             int limit, json_t **items, json_t **next);
/* Locks the round; *status and *version from it (status copied into buf of 16). */
enum oc_err round_store_lock(PGconn *conn, const char *id, char status[16], long long *version);
/* Entries of the round still waiting for a result. */
enum oc_err round_store_open_entries(PGconn *conn, const char *id, long *count);
/* Moves the locked round and records the transition. */
enum oc_err round_store_move(PGconn *conn, const char *id, const char *from,
                             const struct round_move *m);

/*
 * Writes the councils' local policy the views need (whether the secretary
 * scores, OCOP_COUNCIL_SECRETARY_SCORES) into council_policy; at start-up.
 */
enum oc_err round_store_policy(PGconn *conn, int secretary_scores);

#endif
