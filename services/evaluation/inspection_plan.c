#include "evaluation/inspection_plan.h"

#include <stdlib.h>
#include <string.h>

#include "evaluation/inspection.h"

const char *const inspection_plan_states[] = {"planned", "done", "missed", "cancelled", NULL};

const struct oc_field inspection_plan_item_fields[INSPECTION_PLAN_ITEM_N] = {
    [INSPECTION_PLAN_ITEM_PRODUCT_ID] = {"product_id", OC_FIELD_UUID, 0, 0, NULL, 0},
    [INSPECTION_PLAN_ITEM_PRODUCER_ID] = {"producer_id", OC_FIELD_UUID, 0, 0, NULL, 0},
    [INSPECTION_PLAN_ITEM_PLANNED_FROM] = {"planned_from", OC_FIELD_DATE, 0, 0, NULL,
                                           OC_FIELD_REQUIRED},
    [INSPECTION_PLAN_ITEM_PLANNED_TO] = {"planned_to", OC_FIELD_DATE, 0, 0, NULL,
                                         OC_FIELD_REQUIRED},
    [INSPECTION_PLAN_ITEM_INSPECTING_BODY] = {"inspecting_body", OC_FIELD_TEXT, 2, 255, NULL,
                                              OC_FIELD_REQUIRED},
    [INSPECTION_PLAN_ITEM_PLACE] = {"place", OC_FIELD_ENUM, 0, 0, inspection_places,
                                    OC_FIELD_REQUIRED},
    [INSPECTION_PLAN_ITEM_KIND] = {"kind", OC_FIELD_ENUM, 0, 0, inspection_kinds,
                                   OC_FIELD_REQUIRED},
    [INSPECTION_PLAN_ITEM_NOTE] = {"note", OC_FIELD_TEXT, 1, 2000, NULL, 0},
};

int inspection_plan_year(const char *text)
{
    if (text == NULL || strlen(text) != 4 || strspn(text, "0123456789") != 4)
        return 0;
    int year = (int)strtol(text, NULL, 10);
    return year >= INSPECTION_PLAN_YEAR_MIN && year <= INSPECTION_PLAN_YEAR_MAX ? year : 0;
}

/* Whether a well-formed date YYYY-MM-DD lies in year. */
static int in_year(const char *date, int year)
{
    return strtol(date, NULL, 10) == year;
}

int inspection_plan_item_from_json(struct oc_v *v, int year, struct inspection_plan_item_input *out)
{
    memset(out, 0, sizeof(*out));
    const struct oc_field_value *m = out->m;
    out->year = year;
    oc_fields_create(v, inspection_plan_item_fields, INSPECTION_PLAN_ITEM_N, NULL, out->m);
    const char *from = m[INSPECTION_PLAN_ITEM_PLANNED_FROM].s;
    const char *to = m[INSPECTION_PLAN_ITEM_PLANNED_TO].s;
    const json_t *body = json_is_object(v->body) ? v->body : NULL;
    int has_product = body != NULL && json_object_get(body, "product_id") != NULL;
    int has_producer = body != NULL && json_object_get(body, "producer_id") != NULL;
    if (body != NULL && has_product && has_producer)
        oc_v_error(v, "producer_id", "not_allowed", "name a product or a producer, not both");
    else if (body != NULL && !has_product && !has_producer)
        oc_v_error(v, "product_id", "required", "name a product or a producer (its facility)");
    if (from != NULL && !in_year(from, year))
        oc_v_error(v, "planned_from", "range", "must be in %d", year);
    if (to != NULL && !in_year(to, year))
        oc_v_error(v, "planned_to", "range", "must be in %d", year);
    if (from != NULL && to != NULL && strcmp(from, to) > 0)
        oc_v_error(v, "planned_to", "order", "must not be before planned_from (%s)", from);
    return oc_v_ok(v);
}

int inspection_plan_cancel_from_json(struct oc_v *v, const char **reason)
{
    static const char *const fields[] = {"reason", NULL};
    oc_v_only(v, fields);
    *reason = oc_v_string(v, "reason", 1, 1, 2000);
    return oc_v_ok(v);
}

long inspection_coverage_tenths(long inspected, long valid)
{
    if (valid <= 0)
        return -1;
    return (inspected * 2000 + valid) / (valid * 2);
}
