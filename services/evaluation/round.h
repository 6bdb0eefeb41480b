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
extern const char *const round_scorings[]; /* detailed, parts */

/* A council to set up. Strings borrowed from the body. */
struct council_new {
    const char *name, *level, *decision_number, *decided_on;
    const char *territory; /* GSO code of the unit it acts for, or NULL (whole province, central) */
};

/* A member to add. */
struct member_new {
    const char *full_name, *role, *organisation, *position;
};

/* A declared conflict of interest. */
struct conflict_new {
    const char *producer_id, *reason;
};

/*
 * A round to plan; rule_set NULL: the rule set in force on starts_on.
 * scoring: "detailed" (option by option where the entry's criteria set is
 * detailed, by parts where it is not), "parts" (part totals only, whatever
 * the criteria set), or NULL for "detailed".
 */
struct round_new {
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
/*
 * A council's territory, the administrative unit whose products it evaluates
 * (GSO codes): a commune council names its commune (5 digits, required), a
 * district council of the years before 2025-07-01 its district (3 digits,
 * required), a province council its province (2 digits) or nothing (the whole
 * province); the central council has none. Reads member "territory" of v's
 * body for a council of level (NULL when the level is invalid); returns the
 * code borrowed from the body, or NULL.
 */
const char *council_territory_from_json(struct oc_v *v, const char *level);

/*
 * Returns 1 when a council of territory (NULL or 2 digits: the whole
 * province) acts on a product registered under commune_code, which names
 * current_commune_code today and belonged to legacy_district_code until
 * 2025-06-30 (either NULL when unknown): a commune council on the products of
 * its commune, as registered or as of today; a district council on its
 * district's.
 */
int council_territory_holds(const char *territory, const char *commune_code,
                            const char *current_commune_code, const char *legacy_district_code);

int member_from_json(struct oc_v *v, struct member_new *out);
int conflict_from_json(struct oc_v *v, struct conflict_new *out);
int round_from_json(struct oc_v *v, struct round_new *out);
int round_move_from_json(struct oc_v *v, struct round_move *out);
int entry_from_json(struct oc_v *v, struct entry_new *out);
int result_from_json(struct oc_v *v, struct result_new *out);
int withdrawal_from_json(struct oc_v *v, struct entry_withdrawal *out);

/* Returns 1 when a round may move from status from to status to. */
int round_transition_ok(const char *from, const char *to);

/*
 * Returns 1 when a member of this role scores: every role but the secretary,
 * and the secretary too where secretary_scores is 1 (OCOP_COUNCIL_SECRETARY_SCORES,
 * a council's local policy; default 0).
 */
int council_role_scores(const char *role, int secretary_scores);

/*
 * The sheets needed to finalise an entry: the round's quorum when it has one
 * (1..50), else the smallest number of sheets from more than percent (0..99,
 * OCOP_COUNCIL_QUORUM_PERCENT; default 50, a majority) of the scoring members.
 */
long round_quorum(long long quorum, long scoring_members, int percent);

/* A date member YYYY-MM-DD that exists: returns it, or NULL with an error. */
const char *round_date(struct oc_v *v, const char *field, int required);

#endif
