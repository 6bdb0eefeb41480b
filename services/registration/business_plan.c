#include "registration/business_plan.h"

#include <string.h>

const char *const business_plan_statuses[] = {"submitted", "approved", "returned", NULL};

const struct cycle_rule business_plan_rules[] = {CYCLE_SCREENING_RULES("approved")};
const size_t business_plan_rule_count =
    sizeof(business_plan_rules) / sizeof(business_plan_rules[0]);

const char *const business_plan_key_members[] = {
    "document", "investment_vnd", "capacity", "expected_revenue_vnd", "labour", NULL};

/* document: {title, url | document_id}, exactly one reference. */
static int document_member(struct oc_v *v, int required, struct business_plan_body *b)
{
    static const char *const fields[] = {"title", "url", "document_id", NULL};
    struct oc_v sub;
    if (!cycle_v_nested_begin(v, "document", required, &sub))
        return 0;
    oc_v_only(&sub, fields);
    b->document_title = oc_v_string(&sub, "title", 1, 2, 255);
    b->document_url = oc_v_string(&sub, "url", 0, 12, 2000);
    b->document_id = oc_v_uuid(&sub, "document_id", 0);
    if (b->document_url != NULL && (strncmp(b->document_url, "https://", 8) != 0 ||
                                    strpbrk(b->document_url, " \"<>\\") != NULL))
        oc_v_error(&sub, "url", "format", "must be an https URL");
    int refs = (json_object_get(sub.body, "url") != NULL) +
               (json_object_get(sub.body, "document_id") != NULL);
    if (refs == 0)
        oc_v_error(&sub, "url", "required", "give the document as an https url or a document_id");
    else if (refs == 2)
        oc_v_error(&sub, "document_id", "not_allowed",
                   "give the document either as an https url or as a document_id, not both");
    cycle_v_nested_end(v, "document", &sub);
    return 1;
}

/* capacity: {value > 0, unit}. */
static int capacity_member(struct oc_v *v, int required, struct business_plan_body *b)
{
    static const char *const fields[] = {"value", "unit", NULL};
    struct oc_v sub;
    if (!cycle_v_nested_begin(v, "capacity", required, &sub))
        return 0;
    oc_v_only(&sub, fields);
    json_t *value = json_object_get(sub.body, "value");
    if (value == NULL)
        oc_v_error(&sub, "value", "required", "is required");
    else if (!json_is_number(value))
        oc_v_error(&sub, "value", "type", "must be a number");
    else if (json_number_value(value) <= 0 || json_number_value(value) > BUSINESS_PLAN_CAPACITY_MAX)
        oc_v_error(&sub, "value", "range", "must be more than 0 and at most 10^12");
    else
        b->capacity_value = json_number_value(value);
    b->capacity_unit = oc_v_string(&sub, "unit", 1, 1, 50);
    cycle_v_nested_end(v, "capacity", &sub);
    return 1;
}

/* The members a new plan and a change share; required on creation. */
static void body_members(struct oc_v *v, int create, struct business_plan_body *b)
{
    b->has_document = document_member(v, create, b);
    b->has_investment =
        oc_v_int(v, "investment_vnd", create, 0, BUSINESS_PLAN_VND_MAX, &b->investment_vnd);
    b->has_capacity = capacity_member(v, create, b);
    b->has_revenue = oc_v_int(v, "expected_revenue_vnd", create, 0, BUSINESS_PLAN_VND_MAX,
                              &b->expected_revenue_vnd);
    b->has_labour = oc_v_int(v, "labour", create, 0, BUSINESS_PLAN_LABOUR_MAX, &b->labour);
}

int business_plan_from_json(struct oc_v *v, struct business_plan_input *out)
{
    static const char *const fields[] = {
        "idea_id", "document", "investment_vnd", "capacity", "expected_revenue_vnd",
        "labour",  NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->idea_id = oc_v_uuid(v, "idea_id", 1);
    body_members(v, 1, &out->set);
    return oc_v_ok(v);
}

int business_plan_patch_from_json(struct oc_v *v, struct business_plan_body *out)
{
    static const char *const fields[] = {
        "document", "investment_vnd", "capacity", "expected_revenue_vnd", "labour", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    body_members(v, 0, out);
    if (oc_v_ok(v) && json_object_size(v->body) == 0)
        oc_v_error(v, "", "empty", "the patch changes nothing");
    return oc_v_ok(v);
}

json_t *business_plan_changes(const json_t *before, const json_t *after)
{
    return cycle_changes(before, after, business_plan_key_members);
}
