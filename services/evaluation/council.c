#include "evaluation/council.h"

#include <string.h>

#include "evaluation/rule_set.h"

const char *const council_roles[] = {"chair", "vice_chair", "member", "secretary", NULL};

int council_role_scores(const char *role, int secretary_scores)
{
    return role != NULL && (secretary_scores || strcmp(role, "secretary") != 0);
}

const struct oc_field council_fields[COUNCIL_N] = {
    [COUNCIL_NAME] = {"name", OC_FIELD_TEXT, 3, 255, NULL, OC_FIELD_REQUIRED},
    [COUNCIL_LEVEL] = {"level", OC_FIELD_ENUM, 0, 0, rule_set_levels, OC_FIELD_REQUIRED},
    [COUNCIL_DECISION_NUMBER] = {"decision_number", OC_FIELD_TEXT, 3, 64, NULL, OC_FIELD_REQUIRED},
    [COUNCIL_DECIDED_ON] = {"decided_on", OC_FIELD_DATE, 0, 0, NULL, OC_FIELD_REQUIRED},
    [COUNCIL_TERRITORY] = {"territory", OC_FIELD_DIGITS, 2, 5, NULL, OC_FIELD_OWN},
};

const struct oc_field member_fields[MEMBER_N] = {
    [MEMBER_FULL_NAME] = {"full_name", OC_FIELD_TEXT, 2, 128, NULL, OC_FIELD_REQUIRED},
    [MEMBER_ROLE] = {"role", OC_FIELD_ENUM, 0, 0, council_roles, OC_FIELD_REQUIRED},
    [MEMBER_ORGANISATION] = {"organisation", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_REQUIRED},
    [MEMBER_POSITION] = {"position", OC_FIELD_TEXT, 2, 255, NULL, 0},
};

const struct oc_field conflict_fields[CONFLICT_N] = {
    [CONFLICT_PRODUCER_ID] = {"producer_id", OC_FIELD_UUID, 0, 0, NULL, OC_FIELD_REQUIRED},
    [CONFLICT_REASON] = {"reason", OC_FIELD_TEXT, 3, 2000, NULL, OC_FIELD_REQUIRED},
};

int council_from_json(struct oc_v *v, struct council_input *out)
{
    struct oc_field_value *territory = &out->m[COUNCIL_TERRITORY];
    oc_fields_create(v, council_fields, COUNCIL_N, NULL, out->m);
    territory->s = council_territory_from_json(v, out->m[COUNCIL_LEVEL].s);
    territory->set = territory->s != NULL;
    return oc_v_ok(v);
}

/* The digits of a territory code at each level; 0: the level has no territory. */
static size_t territory_digits(const char *level)
{
    return strcmp(level, "commune") == 0    ? 5
           : strcmp(level, "district") == 0 ? 3
           : strcmp(level, "province") == 0 ? 2
                                            : 0;
}

const char *council_territory_from_json(struct oc_v *v, const char *level)
{
    const json_t *m = json_object_get(v->body, "territory");
    size_t digits = level != NULL ? territory_digits(level) : 0;
    if (level == NULL)
        return NULL; /* the level's own error says it */
    if (digits == 0 && m != NULL && !json_is_null(m)) {
        oc_v_error(v, "territory", "not_allowed", "the central council has no territory");
        return NULL;
    }
    if (digits == 0 || (digits == 2 && json_is_null(m)))
        return NULL; /* central; or a province council of the whole province */
    const char *code = oc_v_digits(v, "territory", digits != 2, digits, digits);
    if (code == NULL && oc_v_ok(v) && digits != 2)
        oc_v_error(v, "territory", "required",
                   "a commune council needs its commune's code (5 digits), a district council "
                   "its district's (3 digits)");
    return code;
}

/* Returns 1 when code is not NULL and equals territory. */
static int same_unit(const char *code, const char *territory)
{
    return code != NULL && strcmp(code, territory) == 0;
}

int council_territory_holds(const char *territory, const char *commune_code,
                            const char *current_commune_code, const char *legacy_district_code)
{
    if (territory == NULL || territory[0] == '\0' || strlen(territory) == 2)
        return 1; /* the whole province */
    if (strlen(territory) == 5)
        return same_unit(commune_code, territory) || same_unit(current_commune_code, territory);
    return same_unit(legacy_district_code, territory);
}

int member_from_json(struct oc_v *v, struct member_input *out)
{
    return oc_fields_create(v, member_fields, MEMBER_N, NULL, out->m);
}

int conflict_from_json(struct oc_v *v, struct conflict_input *out)
{
    return oc_fields_create(v, conflict_fields, CONFLICT_N, NULL, out->m);
}
