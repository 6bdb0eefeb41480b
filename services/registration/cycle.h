/*
 * The OCOP cycle before the dossier (domain §3, steps 2 and 3), pure C: what
 * ideas and business plans share. Screening moves as a table (who may move
 * which status to which, and whether it must give reasons), a move's body,
 * the checks of an application's links to its idea and plan, and the
 * Vietnamese labels of the product's cycle history. No I/O.
 */
#ifndef REG_CYCLE_H
#define REG_CYCLE_H

#include <stddef.h>

#include <jansson.h>

#include "common/validate.h"

/* Reasons a return gives: 1..CYCLE_REASONS_MAX strings of 3..CYCLE_REASON_LEN characters. */
#define CYCLE_REASONS_MAX 20
#define CYCLE_REASON_LEN  500

/* One move of a screening table. */
struct cycle_rule {
    const char *from;  /* status before */
    const char *to;    /* status after */
    const char *roles; /* comma-separated roles allowed, in the order a caller acts as them */
    int reasons;       /* 1 when the move must give reasons */
};

/*
 * The screening moves every screened record has, as rows of its table: an
 * officer passes a submitted record (to passed: "accepted", "approved") or
 * returns it with reasons, and its producer (or an officer) resubmits it.
 */
/* clang-format off */
#define CYCLE_SCREENING_RULES(passed)                                                              \
    {"submitted", (passed), "commune_officer,province_officer", 0},                                \
    {"submitted", "returned", "commune_officer,province_officer", 1},                              \
    {"returned", "submitted", "producer,commune_officer,province_officer", 0}
/* clang-format on */

/*
 * Checks a move from from to to in table (n rows) by a caller acting under
 * the roles of mask acting (oc_principal()->acting). Returns NULL when it may,
 * and sets *role to the first of the move's roles that acting holds (a static
 * string). Otherwise returns a message, *role NULL, and *forbidden 1 when the
 * move exists but for none of the caller's roles (403), 0 when it does not
 * exist at all (409). *needs_reasons is 1 when the move must give reasons.
 */
const char *cycle_transition_problem(const struct cycle_rule *table, size_t n, const char *from,
                                     const char *to, unsigned acting, const char **role,
                                     int *forbidden, int *needs_reasons);

/*
 * A returned idea or plan is resubmitted (returned -> submitted) only after a
 * change of its content since the return (a PATCH): returns the message of a
 * 409 when the move from from to to needs one and changed (1 when the item
 * changed since its latest return) is 0, else NULL.
 */
const char *cycle_resubmit_problem(const char *from, const char *to, int changed);

/* A validated move request; members borrowed from the body. */
struct cycle_move {
    const char *to;  /* the status wanted */
    json_t *reasons; /* an array of 1..CYCLE_REASONS_MAX strings, or NULL */
};

/*
 * Validates a move body {"to", "reasons"} (to one of statuses, NULL-terminated;
 * any other member unknown). Returns 1 when valid.
 */
int cycle_move_from_json(struct oc_v *v, const char *const *statuses, struct cycle_move *out);

/*
 * Checks the reasons of a move that needs_reasons (1) or must not give them
 * (0): returns NULL when they fit, else a new array of one field error.
 */
json_t *cycle_reasons_problem(int needs_reasons, const json_t *reasons);

/*
 * Validates member field of v's body as an object with sub, the nested
 * validator set up on it (the caller validates its members after this call
 * and then calls cycle_v_nested_end). Returns 1 when the member is present
 * (an error recorded when it is not an object, or is missing and required).
 */
int cycle_v_nested_begin(struct oc_v *v, const char *field, int required, struct oc_v *sub);

/* Copies sub's errors into v as "field.member" and cleans sub. */
void cycle_v_nested_end(struct oc_v *v, const char *field, struct oc_v *sub);

/* What an application's link (an idea or a business plan) refers to, as stored. */
struct cycle_link {
    int found;               /* 1 when the id names one in the caller's scope */
    const char *status;      /* its status */
    const char *product_id;  /* the product it is for (a plan: its idea's); NULL when none */
    const char *producer_id; /* its producer */
    const char *idea_id;     /* a plan: its idea; NULL for an idea */
};

/*
 * Checks the optional idea and business plan of a new application for the
 * product product_id of producer producer_id: each must be found, accepted
 * (an idea) or approved (a plan), and of the same product and producer; a
 * plan given with an idea must be that idea's. idea or plan is NULL when not
 * given. Appends a field error (idea_id, business_plan_id) per problem.
 */
void cycle_link_check(const char *product_id, const char *producer_id, const char *idea_id,
                      const struct cycle_link *idea, const char *plan_id,
                      const struct cycle_link *plan, json_t *errors);

/*
 * The members of members (NULL-terminated) that differ between two views
 * (borrowed): a new object {member: {"from", "to"}}, or NULL when none did.
 */
json_t *cycle_changes(const json_t *before, const json_t *after, const char *const *members);

/*
 * The Vietnamese label of a step of a product's cycle history: step "idea",
 * "business_plan", "application" or "recognition", and kind its status (or,
 * for a recognition, new, upgrade or re_recognition). Never NULL.
 */
const char *cycle_summary(const char *step, const char *kind);

#endif
