#include "registration/cycle.h"

#include <stdio.h>
#include <string.h>

#include "registration/application.h"

/* The first role of roles (comma-separated, in order) that acting holds, or NULL. */
const char *cycle_transition_problem(const struct cycle_rule *table, size_t n, const char *from,
                                     const char *to, unsigned acting, const char **role,
                                     int *forbidden, int *needs_reasons)
{
    *role = NULL;
    *forbidden = 0;
    *needs_reasons = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(table[i].from, from) != 0 || strcmp(table[i].to, to) != 0)
            continue;
        *needs_reasons = table[i].reasons;
        *role = application_first_role(table[i].roles, acting);
        if (*role != NULL)
            return NULL;
        *forbidden = 1;
        return "this role may not make this move";
    }
    return "it cannot move between these states";
}

const char *cycle_resubmit_problem(const char *from, const char *to, int changed)
{
    if (strcmp(from, "returned") == 0 && strcmp(to, "submitted") == 0 && !changed)
        return "change it (PATCH) as its return asks before resubmitting it";
    return NULL;
}

/* Checks reasons: an array of 1..CYCLE_REASONS_MAX strings of 3..CYCLE_REASON_LEN characters. */
static json_t *reasons_member(struct oc_v *v)
{
    json_t *reasons = json_object_get(v->body, "reasons");
    if (reasons == NULL)
        return NULL;
    if (!json_is_array(reasons)) {
        oc_v_error(v, "reasons", "type", "must be an array of strings");
        return NULL;
    }
    size_t n = json_array_size(reasons), i;
    if (n < 1 || n > CYCLE_REASONS_MAX) {
        oc_v_error(v, "reasons", "range", "must hold 1 to %d reasons", CYCLE_REASONS_MAX);
        return NULL;
    }
    json_t *item;
    json_array_foreach(reasons, i, item)
    {
        const char *s = json_string_value(item);
        size_t len = s != NULL ? oc_utf8_len(s) : 0;
        if (s == NULL || len < 3 || len > CYCLE_REASON_LEN || strpbrk(s, "\r\n\t") != NULL ||
            s[0] == ' ' || s[strlen(s) - 1] == ' ') {
            oc_v_error(v, "reasons", "format",
                       "reason %zu must be a string of 3 to %d characters on one line", i + 1,
                       CYCLE_REASON_LEN);
            return NULL;
        }
    }
    return reasons;
}

int cycle_move_from_json(struct oc_v *v, const char *const *statuses, struct cycle_move *out)
{
    static const char *const fields[] = {"to", "reasons", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->to = oc_v_enum(v, "to", 1, statuses);
    if (json_is_object(v->body))
        out->reasons = reasons_member(v);
    return oc_v_ok(v);
}

json_t *cycle_reasons_problem(int needs_reasons, const json_t *reasons)
{
    if (needs_reasons && reasons == NULL)
        return json_pack("[{s:s,s:s,s:s}]", "field", "reasons", "code", "required", "message",
                         "a return must say why");
    if (!needs_reasons && reasons != NULL)
        return json_pack("[{s:s,s:s,s:s}]", "field", "reasons", "code", "not_allowed", "message",
                         "only a return gives reasons");
    return NULL;
}

int cycle_v_nested_begin(struct oc_v *v, const char *field, int required, struct oc_v *sub)
{
    json_t *member = json_is_object(v->body) ? json_object_get(v->body, field) : NULL;
    memset(sub, 0, sizeof(*sub));
    if (member == NULL) {
        if (required && json_is_object(v->body))
            oc_v_error(v, field, "required", "is required");
        return 0;
    }
    if (!json_is_object(member)) {
        oc_v_error(v, field, "type", "must be an object");
        return 0;
    }
    sub->body = member;
    sub->errors = json_array();
    return 1;
}

void cycle_v_nested_end(struct oc_v *v, const char *field, struct oc_v *sub)
{
    size_t i;
    json_t *e;
    json_array_foreach(sub->errors, i, e)
    {
        const char *member = json_string_value(json_object_get(e, "field"));
        char name[128];
        snprintf(name, sizeof(name), "%s.%s", field, member != NULL ? member : "");
        json_t *copy = json_deep_copy(e);
        json_object_set_new(copy, "field", json_string(name));
        json_array_append_new(v->errors, copy);
    }
    oc_v_clean(sub);
}

/* Appends one field error. */
static void link_error(json_t *errors, const char *field, const char *code, const char *message)
{
    json_array_append_new(
        errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", code, "message", message));
}

/* 1 when a and b are both set and equal. */
static int same(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

void cycle_link_check(const char *product_id, const char *producer_id, const char *idea_id,
                      const struct cycle_link *idea, const char *plan_id,
                      const struct cycle_link *plan, json_t *errors)
{
    if (idea != NULL && !idea->found)
        link_error(errors, "idea_id", "not_found", "no idea has this id");
    else if (idea != NULL && strcmp(idea->status, "accepted") != 0)
        link_error(errors, "idea_id", "status", "the idea must be accepted");
    else if (idea != NULL &&
             (!same(idea->product_id, product_id) || !same(idea->producer_id, producer_id)))
        link_error(errors, "idea_id", "mismatch",
                   "the idea is for another product or producer (link a new product's idea to "
                   "the product with PATCH /v1/ideas/{id} first)");
    if (plan != NULL && !plan->found)
        link_error(errors, "business_plan_id", "not_found", "no business plan has this id");
    else if (plan != NULL && strcmp(plan->status, "approved") != 0)
        link_error(errors, "business_plan_id", "status", "the business plan must be approved");
    else if (plan != NULL &&
             (!same(plan->product_id, product_id) || !same(plan->producer_id, producer_id)))
        link_error(errors, "business_plan_id", "mismatch",
                   "the business plan's idea is for another product or producer");
    else if (plan != NULL && idea_id != NULL && plan_id != NULL && !same(plan->idea_id, idea_id))
        link_error(errors, "business_plan_id", "mismatch",
                   "the business plan is not for the idea given");
}

json_t *cycle_changes(const json_t *before, const json_t *after, const char *const *members)
{
    json_t *changes = json_object();
    for (const char *const *m = members; *m; m++) {
        json_t *from = json_object_get(before, *m), *to = json_object_get(after, *m);
        if (from == NULL)
            from = json_null();
        if (to == NULL)
            to = json_null();
        if (json_equal(from, to))
            continue;
        json_object_set_new(changes, *m, json_pack("{s:O,s:O}", "from", from, "to", to));
    }
    if (json_object_size(changes) == 0) {
        json_decref(changes);
        return NULL;
    }
    return changes;
}

/* Labels of the cycle history's steps (Vietnamese, as officers read them). */
static const struct {
    const char *step;  /* idea, business_plan, recognition (application, support: below) */
    const char *kind;  /* status or kind */
    const char *label; /* the summary */
} summaries[] = {
    {"idea", "submitted", "Đăng ký ý tưởng sản phẩm"},
    {"idea", "resubmitted", "Đăng ký lại ý tưởng sản phẩm"},
    {"idea", "accepted", "Ý tưởng sản phẩm được chấp nhận"},
    {"idea", "returned", "Ý tưởng sản phẩm bị trả lại"},
    {"business_plan", "submitted", "Nộp phương án sản xuất kinh doanh"},
    {"business_plan", "resubmitted", "Nộp lại phương án sản xuất kinh doanh"},
    {"business_plan", "approved", "Phương án sản xuất kinh doanh được phê duyệt"},
    {"business_plan", "returned", "Phương án sản xuất kinh doanh bị trả lại"},
    {"recognition", "new", "Công nhận sản phẩm OCOP"},
    {"recognition", "upgrade", "Nâng hạng sao sản phẩm OCOP"},
    {"recognition", "re_recognition", "Công nhận lại sản phẩm OCOP"},
};

const char *cycle_summary(const char *step, const char *kind)
{
    for (size_t i = 0; i < sizeof(summaries) / sizeof(summaries[0]); i++)
        if (strcmp(summaries[i].step, step) == 0 && strcmp(summaries[i].kind, kind) == 0)
            return summaries[i].label;
    if (strcmp(step, "support") == 0)
        return "Nhận hỗ trợ thực hiện phương án"; /* the kind is the policy's, in kind */
    if (strcmp(step, "application") == 0) {
        const struct application_status *st = application_status_find(kind);
        if (st != NULL)
            return st->label;
    }
    return "Bước của chu trình OCOP";
}
