/*
 * Councils, pure C: what a request may say of a council, its members and
 * their conflicts of interest, the territory a council acts for, and who
 * scores. No I/O.
 */
#ifndef EVAL_COUNCIL_H
#define EVAL_COUNCIL_H

#include "common/fields.h"
#include "common/validate.h"

extern const char *const council_roles[]; /* chair, vice_chair, member, secretary */

/* A council to set up. Strings borrowed from the body. */
enum council_field {
    COUNCIL_NAME,
    COUNCIL_LEVEL,
    COUNCIL_DECISION_NUMBER,
    COUNCIL_DECIDED_ON,
    COUNCIL_TERRITORY, /* GSO code of the unit it acts for, or unset (whole province, central) */
    COUNCIL_N
};
extern const struct oc_field council_fields[COUNCIL_N];
struct council_input {
    struct oc_field_value m[COUNCIL_N]; /* the members of council_fields */
};

/* A member to add. */
enum member_field { MEMBER_FULL_NAME, MEMBER_ROLE, MEMBER_ORGANISATION, MEMBER_POSITION, MEMBER_N };
extern const struct oc_field member_fields[MEMBER_N];
struct member_input {
    struct oc_field_value m[MEMBER_N]; /* the members of member_fields */
};

/* A declared conflict of interest. */
enum conflict_field { CONFLICT_PRODUCER_ID, CONFLICT_REASON, CONFLICT_N };
extern const struct oc_field conflict_fields[CONFLICT_N];
struct conflict_input {
    struct oc_field_value m[CONFLICT_N]; /* the members of conflict_fields */
};

int council_from_json(struct oc_v *v, struct council_input *out);
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

int member_from_json(struct oc_v *v, struct member_input *out);
int conflict_from_json(struct oc_v *v, struct conflict_input *out);

/*
 * Returns 1 when a member of this role scores: every role but the secretary,
 * and the secretary too where secretary_scores is 1 (OCOP_COUNCIL_SECRETARY_SCORES,
 * a council's local policy; default 0).
 */
int council_role_scores(const char *role, int secretary_scores);

#endif
