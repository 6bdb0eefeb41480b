/*
 * Rounds, pure C: what a request may say and how a round moves (domain
 * §1-3); councils are council.h's, entries entry.h's. No I/O.
 *
 * A round moves planned -> open -> scoring -> closed; planned or open ->
 * cancelled. Entries are added while planned or open; sheets are sent and
 * results finalised while scoring; a round closes when no entry is left
 * unfinalised. closed and cancelled are final.
 */
#ifndef EVAL_ROUND_H
#define EVAL_ROUND_H

#include <stddef.h>

#include "common/validate.h"

extern const char *const round_statuses[]; /* NULL-terminated */
extern const char *const round_scorings[]; /* detailed, parts */

/*
 * A round to plan; rule_set NULL: the rule set in force on starts_on.
 * scoring: "detailed" (option by option where the entry's criteria set is
 * detailed, by parts where it is not), "parts" (part totals only, whatever
 * the criteria set), or NULL for "detailed".
 */
struct round_input {
    long long year, sequence, quorum; /* quorum 0: the default quorum (round_quorum) */
    const char *level, *name, *council_id, *rule_set, *starts_on, *ends_on;
    const char *scoring;
};

/*
 * The bodies below carry no actor: the actor of a change is the caller's
 * token subject, which the HTTP layer sets in actor after validation (a body
 * sending "actor" is refused as unknown).
 */

/* A move of a round. */
struct round_move {
    const char *to, *reason;
    const char *actor; /* the token's subject, set by the handler */
};

int round_from_json(struct oc_v *v, struct round_input *out);
int round_move_from_json(struct oc_v *v, struct round_move *out);
/* Returns 1 when a round may move from status from to status to. */
int round_transition_ok(const char *from, const char *to);

/*
 * Whether a round in status takes new entries: while it is planned or open.
 * Returns 1, or 0 with why (the problem's detail, len bytes) filled.
 */
int round_takes_entries(const char *status, char *why, size_t len);

/* Whether a move to status to waits until no entry awaits its result: closing does. */
int round_move_waits_for_entries(const char *to);

/*
 * The sheets needed to finalise an entry: the round's quorum when it has one
 * (1..50), else the smallest number of sheets from more than percent (0..99,
 * OCOP_COUNCIL_QUORUM_PERCENT; default 50, a majority) of the scoring members.
 */
long round_quorum(long long quorum, long scoring_members, int percent);

#endif
