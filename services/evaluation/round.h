/*
 * Councils, rounds and entries, pure C: what a request may say and how a
 * round moves (domain §1-3). No I/O.
 *
 * A round moves planned -> open -> scoring -> closed; planned or open ->
 * cancelled. Entries are added while planned or open; sheets are sent and
 * results finalised while scoring; a round closes when no entry is left
 * unfinalised. closed and cancelled are final.
 */
#ifndef EVAL_ROUND_H
#define EVAL_ROUND_H

#include "common/validate.h"

extern const char *const round_statuses[]; /* NULL-terminated */
extern const char *const council_roles[];  /* chair, vice_chair, member, secretary */

/* A council to set up. Strings borrowed from the body. */
struct council_new {
    const char *name, *level, *decision_number, *decided_on;
};

/* A member to add. */
struct member_new {
    const char *full_name, *role, *organisation, *position;
};

/* A declared conflict of interest. */
struct conflict_new {
    const char *producer_id, *reason;
};

/* A round to plan; rule_set NULL: the rule set in force on starts_on. */
struct round_new {
    long long year, sequence, quorum; /* quorum 0: a majority of the scoring members */
    const char *level, *name, *council_id, *rule_set, *starts_on, *ends_on;
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

/* An application to enter into a round. */
struct entry_new {
    const char *application_id;
    const char *actor; /* the token's subject, set by the handler */
};

/* The decision that finalises an entry; precheck only where the level only checks dossiers. */
struct result_new {
    const char *decision_number, *decided_on;
    const char *precheck; /* "passed" or "failed", or NULL */
    const char *reason;   /* why a pre-check failed */
    const char *actor;    /* the token's subject, set by the handler */
    /* The number the decision gives the certificate, or NULL for the pattern's; required for a
     * central recognition, which the provincial pattern never numbers (certificate.h). */
    const char *certificate_number;
};

/* Why an entry is withdrawn. */
struct entry_withdrawal {
    const char *reason;
    const char *actor; /* the token's subject, set by the handler */
};

int council_from_json(struct oc_v *v, struct council_new *out);
int member_from_json(struct oc_v *v, struct member_new *out);
int conflict_from_json(struct oc_v *v, struct conflict_new *out);
int round_from_json(struct oc_v *v, struct round_new *out);
int round_move_from_json(struct oc_v *v, struct round_move *out);
int entry_from_json(struct oc_v *v, struct entry_new *out);
int result_from_json(struct oc_v *v, struct result_new *out);
int withdrawal_from_json(struct oc_v *v, struct entry_withdrawal *out);

/* Returns 1 when a round may move from status from to status to. */
int round_transition_ok(const char *from, const char *to);

/* Returns 1 when a member of this role scores (every role but the secretary). */
int council_role_scores(const char *role);

/* The quorum of a round: quorum when set (> 0), else a majority of scoring members. */
long round_quorum(long long quorum, long scoring_members);

/* A date member YYYY-MM-DD that exists: returns it, or NULL with an error. */
const char *round_date(struct oc_v *v, const char *field, int required);

#endif
