#include "evaluation/inspection_plan.h"

#include <stdlib.h>
#include <string.h>

#include "evaluation/certificate.h"
#include "evaluation/inspection.h"

const char *const inspection_plan_states[] = {"planned", "done", "missed", "cancelled", NULL};

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

int inspection_plan_item_from_json(struct oc_v *v, int year, struct inspection_plan_item_new *out)
{
    static const char *const fields[] = {
        "product_id", "producer_id", "planned_from", "planned_to", "inspecting_body",
        "place",      "kind",        "note",         NULL};
    memset(out, 0, sizeof(*out));
    out->year = year;
    oc_v_only(v, fields);
    out->product_id = oc_v_uuid(v, "product_id", 0);
    out->producer_id = oc_v_uuid(v, "producer_id", 0);
    out->planned_from = certificate_date_member(v, "planned_from", 1);
    out->planned_to = certificate_date_member(v, "planned_to", 1);
    out->body = oc_v_string(v, "inspecting_body", 1, 2, 255);
    out->place = oc_v_enum(v, "place", 1, inspection_places);
    out->kind = oc_v_enum(v, "kind", 1, inspection_kinds);
    out->note = oc_v_string(v, "note", 0, 1, 2000);
    const json_t *body = json_is_object(v->body) ? v->body : NULL;
    int has_product = body != NULL && json_object_get(body, "product_id") != NULL;
    int has_producer = body != NULL && json_object_get(body, "producer_id") != NULL;
    if (body != NULL && has_product && has_producer)
        oc_v_error(v, "producer_id", "not_allowed", "name a product or a producer, not both");
    else if (body != NULL && !has_product && !has_producer)
        oc_v_error(v, "product_id", "required", "name a product or a producer (its facility)");
    if (out->planned_from != NULL && !in_year(out->planned_from, year))
        oc_v_error(v, "planned_from", "range", "must be in %d", year);
    if (out->planned_to != NULL && !in_year(out->planned_to, year))
        oc_v_error(v, "planned_to", "range", "must be in %d", year);
    if (out->planned_from != NULL && out->planned_to != NULL &&
        strcmp(out->planned_from, out->planned_to) > 0)
        oc_v_error(v, "planned_to", "order", "must not be before planned_from (%s)",
                   out->planned_from);
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
