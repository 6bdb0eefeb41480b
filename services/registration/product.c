#include "registration/product.h"

#include <string.h>

const char *const product_rule_sets[] = {"qd148-2023", "qd1048-2019", NULL};

/* QĐ 148/QĐ-TTg Annex I: the last criteria set of each sector. */
static const struct {
    long long last_set; /* highest criteria set number in the sector */
    const char *sector; /* sector numeral */
} sector_table[] = {
    {13, "I"},  /* food */
    {17, "II"}, /* drinks */
    {20, "III"}, /* herbal products */
    {22, "IV"}, /* handicrafts */
    {25, "V"},  /* flowers, ornamental plants and animals */
    {26, "VI"}, /* community and eco-tourism services */
};

const char *product_sector_of(long long criteria_set)
{
    if (criteria_set < 1)
        return NULL;
    for (size_t i = 0; i < sizeof(sector_table) / sizeof(sector_table[0]); i++)
        if (criteria_set <= sector_table[i].last_set)
            return sector_table[i].sector;
    return NULL;
}

int product_from_json(struct oc_v *v, struct product_new *out)
{
    static const char *const fields[] = {"producer_id",  "name",         "description",
                                         "rule_set",     "criteria_set", "legacy_group",
                                         "commune_code", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->producer_id = oc_v_uuid(v, "producer_id", 1);
    out->name = oc_v_string(v, "name", 1, 2, 255);
    out->description = oc_v_string(v, "description", 0, 1, 4000);
    out->rule_set = oc_v_enum(v, "rule_set", 0, product_rule_sets);
    out->commune_code = oc_v_digits(v, "commune_code", 0, 5, 5);
    if (out->rule_set == NULL && json_object_get(v->body, "rule_set") == NULL)
        out->rule_set = "qd148-2023";
    if (out->rule_set != NULL && strcmp(out->rule_set, "qd148-2023") == 0) {
        if (oc_v_int(v, "criteria_set", 1, 1, 26, &out->criteria_set))
            out->sector = product_sector_of(out->criteria_set);
        if (json_object_get(v->body, "legacy_group") != NULL)
            oc_v_error(v, "legacy_group", "not_allowed", "only products under qd1048-2019 have one");
    } else if (out->rule_set != NULL) {
        out->legacy_group = oc_v_string(v, "legacy_group", 1, 1, 100);
        if (json_object_get(v->body, "criteria_set") != NULL)
            oc_v_error(v, "criteria_set", "not_allowed", "only products under qd148-2023 have one");
    }
    return oc_v_ok(v);
}
