#include "evaluation/council.h"

#include <string.h>

#include "evaluation/round.h"
#include "evaluation/rule_set.h"

const char *const council_roles[] = {"chair", "vice_chair", "member", "secretary", NULL};

int council_role_scores(const char *role, int secretary_scores)
{
    return role != NULL && (secretary_scores || strcmp(role, "secretary") != 0);
}

int council_from_json(struct oc_v *v, struct council_input *out)
{
    static const char *const fields[] = {"name",       "level",     "decision_number",
                                         "decided_on", "territory", NULL};
    oc_v_only(v, fields);
    out->name = oc_v_string(v, "name", 1, 3, 255);
    out->level = oc_v_enum(v, "level", 1, rule_set_levels);
    out->decision_number = oc_v_string(v, "decision_number", 1, 3, 64);
    out->decided_on = round_date(v, "decided_on", 1);
    out->territory = council_territory_from_json(v, out->level);
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
    static const char *const fields[] = {"full_name", "role", "organisation", "position", NULL};
    oc_v_only(v, fields);
    out->full_name = oc_v_string(v, "full_name", 1, 2, 128);
    out->role = oc_v_enum(v, "role", 1, council_roles);
    out->organisation = oc_v_string(v, "organisation", 1, 2, 255);
    out->position = oc_v_string(v, "position", 0, 2, 255);
    return oc_v_ok(v);
}

int conflict_from_json(struct oc_v *v, struct conflict_input *out)
{
    static const char *const fields[] = {"producer_id", "reason", NULL};
    oc_v_only(v, fields);
    out->producer_id = oc_v_uuid(v, "producer_id", 1);
    out->reason = oc_v_string(v, "reason", 1, 3, 2000);
    return oc_v_ok(v);
}
