#include "registration/idea.h"

#include <string.h>

#include "registration/product.h"

const char *const idea_forms[] = {"new_product", "existing_product", NULL};
const char *const idea_statuses[] = {"submitted", "accepted", "returned", NULL};

/* QĐ 148 sectors (domain §9). */
static const char *const sectors[] = {"I", "II", "III", "IV", "V", "VI", NULL};

const struct cycle_rule idea_rules[] = {CYCLE_SCREENING_RULES("accepted")};
const size_t idea_rule_count = sizeof(idea_rules) / sizeof(idea_rules[0]);

/*
 * criteria_set (the QĐ 148 product group, 1..26) into *set; *sector, when
 * sent, must be the group's (code mismatch), and becomes it when not sent.
 */
static void group_member(struct oc_v *v, long long *set, const char **sector)
{
    if (!oc_v_int(v, "criteria_set", 0, 1, 26, set))
        return;
    const char *of = product_sector_of(*set);
    if (*sector != NULL && strcmp(*sector, of) != 0)
        oc_v_error(v, "sector", "mismatch", "criteria set %lld lies in sector %s", *set, of);
    else
        *sector = of;
}

int idea_from_json(struct oc_v *v, struct idea_input *out)
{
    static const char *const fields[] = {"producer_id",  "form",        "product_id",
                                         "name",         "description", "sector",
                                         "criteria_set", "year",        NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->producer_id = oc_v_uuid(v, "producer_id", 1);
    out->form = oc_v_enum(v, "form", 1, idea_forms);
    int existing = out->form != NULL && strcmp(out->form, "existing_product") == 0;
    out->product_id = oc_v_uuid(v, "product_id", existing);
    out->name = oc_v_string(v, "name", 1, 2, 255);
    out->description = oc_v_string(v, "description", 0, 1, 4000);
    out->sector = oc_v_enum(v, "sector", 0, sectors);
    group_member(v, &out->criteria_set, &out->sector);
    oc_v_int(v, "year", 1, IDEA_YEAR_MIN, IDEA_YEAR_MAX, &out->year);
    return oc_v_ok(v);
}

int idea_patch_from_json(struct oc_v *v, struct idea_patch *out)
{
    static const char *const fields[] = {"name",       "description",  "sector",
                                         "product_id", "criteria_set", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    product_naming_from_json(v, &out->name, &out->description, &out->clear_description);
    out->clear_sector = json_is_null(json_object_get(v->body, "sector"));
    if (!out->clear_sector)
        out->sector = oc_v_enum(v, "sector", 0, sectors);
    if (out->clear_sector && json_object_get(v->body, "criteria_set") != NULL)
        oc_v_error(v, "criteria_set", "not_allowed", "a product group lies in a sector");
    else
        group_member(v, &out->criteria_set, &out->sector);
    out->product_id = oc_v_uuid(v, "product_id", 0);
    if (oc_v_ok(v) && json_object_size(v->body) == 0)
        oc_v_error(v, "", "empty", "the patch changes nothing");
    return oc_v_ok(v);
}

const char *idea_patch_problem(const char *status, const char *product_id,
                               const struct idea_patch *p)
{
    int content = p->name != NULL || p->description != NULL || p->sector != NULL ||
                  p->criteria_set != 0 || p->clear_description || p->clear_sector;
    if (p->product_id != NULL && product_id != NULL && strcmp(p->product_id, product_id) != 0)
        return "the idea is linked to its product already";
    if (strcmp(status, "accepted") == 0 && content)
        return "an accepted idea is final: only a product may be linked to it";
    return NULL;
}

void idea_classification(long long before_set, const char *before_sector,
                         const struct idea_patch *p, long long *set, const char **sector)
{
    *set = before_set;
    *sector = before_sector;
    if (p->clear_sector) {
        *set = 0;
        *sector = NULL;
    } else if (p->criteria_set != 0) {
        *set = p->criteria_set;
        *sector = product_sector_of(p->criteria_set);
    } else if (p->sector != NULL) {
        *sector = p->sector;
        if (before_set != 0 && strcmp(product_sector_of(before_set), p->sector) != 0)
            *set = 0;
    }
}

int idea_resubmit_open(long returned, long today, long days)
{
    return today <= returned + days;
}
