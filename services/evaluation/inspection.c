#include "evaluation/inspection.h"

#include <stdio.h>
#include <string.h>

#include "evaluation/certificate.h"

const char *const inspection_kinds[] = {"periodic", "surprise", NULL};
const char *const inspection_places[] = {"facility", "market", NULL};
const char *const inspection_categories[] = {
    "raw_materials",        "production_conditions", "food_safety",
    "packaging_and_labels", "barcode_traceability",  "intellectual_property",
    "environment",          "ocop_mark_use",         NULL};
const char *const inspection_results[] = {"pass", "fail", NULL};
const char *const inspection_outcomes[] = {"compliant",  "guidance",   "fine", "recall",
                                           "suspension", "revocation", NULL};
const char *const inspection_severity[] = {"revocation", "suspension", "recall", "fine",
                                           "guidance",   "compliant",  NULL};
const char *const inspection_follow_up_states[] = {"due", "overdue", "closed", NULL};

/* What an outcome asks of a member. */
enum presence {
    ANY,      /* may be set or absent */
    REQUIRED, /* must be set */
    FORBIDDEN /* must be absent */
};

/* The members whose presence depends on the outcome, in the columns of outcome_rules. */
static const char *const outcome_fields[] = {"fix_deadline",         "fine_amount_vnd",
                                             "fine_decision_number", "recall_notice",
                                             "decision_number",      "grounds"};
#define N_OUTCOME_FIELDS (sizeof(outcome_fields) / sizeof(outcome_fields[0]))

static const struct {
    const char *outcome;                    /* one of inspection_outcomes */
    enum presence fields[N_OUTCOME_FIELDS]; /* by outcome_fields */
} outcome_rules[] = {
    {"compliant", {FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN}},
    {"guidance", {REQUIRED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN}},
    {"fine", {ANY, REQUIRED, REQUIRED, FORBIDDEN, FORBIDDEN, FORBIDDEN}},
    {"recall", {ANY, FORBIDDEN, FORBIDDEN, REQUIRED, FORBIDDEN, FORBIDDEN}},
    {"suspension", {ANY, FORBIDDEN, FORBIDDEN, FORBIDDEN, REQUIRED, REQUIRED}},
    {"revocation", {FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REQUIRED, REQUIRED}},
};

/* Copies the errors of an element's validation into v, named "<array>[i].<field>". */
static void element_errors(struct oc_v *v, const char *array, size_t i, const struct oc_v *sub)
{
    char field[96];
    for (size_t k = 0; k < json_array_size(sub->errors); k++) {
        const json_t *e = json_array_get(sub->errors, k);
        const char *name = json_string_value(json_object_get(e, "field"));
        if (name == NULL || name[0] == '\0')
            snprintf(field, sizeof(field), "%s[%zu]", array, i);
        else
            snprintf(field, sizeof(field), "%s[%zu].%s", array, i, name);
        oc_v_error(v, field, json_string_value(json_object_get(e, "code")), "%s",
                   json_string_value(json_object_get(e, "message")));
    }
}

/* The array member field when present: NULL (with an error when malformed or required). */
static const json_t *array_member(struct oc_v *v, const char *field, int required, size_t min,
                                  size_t max)
{
    const json_t *a = json_is_object(v->body) ? json_object_get(v->body, field) : NULL;
    if (a == NULL) {
        if (required)
            oc_v_error(v, field, "required", "this field is required");
        return NULL;
    }
    if (!json_is_array(a)) {
        oc_v_error(v, field, "type", "must be an array");
        return NULL;
    }
    if (json_array_size(a) < min || json_array_size(a) > max) {
        oc_v_error(v, field, "size", "must hold %zu to %zu entries", min, max);
        return NULL;
    }
    return a;
}

static void findings_parse(struct oc_v *v, struct inspection_input *out)
{
    static const char *const fields[] = {"category", "result", "note", NULL};
    const json_t *a = array_member(v, "findings", 1, 1, INSPECTION_FINDINGS_MAX);
    out->findings_json = a;
    for (size_t i = 0; a != NULL && i < json_array_size(a); i++) {
        struct oc_v sub;
        struct inspection_finding *f = &out->findings[out->nfindings];
        oc_v_init(&sub, json_array_get(a, i));
        oc_v_only(&sub, fields);
        f->category = oc_v_enum(&sub, "category", 1, inspection_categories);
        const char *result = oc_v_enum(&sub, "result", 1, inspection_results);
        f->failed = result != NULL && strcmp(result, "fail") == 0;
        f->note = oc_v_string(&sub, "note", 0, 1, 2000);
        for (size_t k = 0; f->category != NULL && k < i; k++) {
            const char *seen = json_string_value(json_object_get(json_array_get(a, k), "category"));
            if (seen != NULL && strcmp(seen, f->category) == 0)
                oc_v_error(&sub, "category", "duplicate", "%s is already a finding", f->category);
        }
        element_errors(v, "findings", i, &sub);
        if (oc_v_ok(&sub))
            out->nfindings++;
        oc_v_clean(&sub);
    }
}

/* A lab value: a number, or a text such as "không phát hiện" (not detected). */
static void lab_value(struct oc_v *v)
{
    const json_t *value = json_object_get(v->body, "value");
    if (value == NULL)
        oc_v_error(v, "value", "required", "this field is required");
    else if (json_is_string(value))
        oc_v_string(v, "value", 1, 1, 64);
    else if (!json_is_number(value))
        oc_v_error(v, "value", "type", "must be a number or a string");
}

static void lab_parse(struct oc_v *v, struct inspection_input *out)
{
    static const char *const fields[] = {"indicator", "value", "unit", "limit", "passed", NULL};
    const json_t *a = array_member(v, "lab_results", 0, 0, INSPECTION_LAB_MAX);
    out->lab_json = a;
    for (size_t i = 0; a != NULL && i < json_array_size(a); i++) {
        struct oc_v sub;
        struct inspection_lab *l = &out->lab[out->nlab];
        oc_v_init(&sub, json_array_get(a, i));
        oc_v_only(&sub, fields);
        l->indicator = oc_v_string(&sub, "indicator", 1, 1, 200);
        lab_value(&sub);
        oc_v_string(&sub, "unit", 0, 1, 32);
        oc_v_string(&sub, "limit", 0, 1, 64);
        const json_t *passed =
            json_is_object(sub.body) ? json_object_get(sub.body, "passed") : NULL;
        if (json_is_object(sub.body) && passed == NULL)
            oc_v_error(&sub, "passed", "required", "this field is required");
        else if (json_is_object(sub.body) && !json_is_boolean(passed))
            oc_v_error(&sub, "passed", "type", "must be true or false");
        l->failed = json_is_false(passed);
        element_errors(v, "lab_results", i, &sub);
        if (oc_v_ok(&sub))
            out->nlab++;
        oc_v_clean(&sub);
    }
}

size_t inspection_failed_findings(const struct inspection_input *in)
{
    size_t n = 0;
    for (size_t i = 0; i < in->nfindings; i++)
        n += (size_t)in->findings[i].failed;
    return n;
}

size_t inspection_failed_lab(const struct inspection_input *in)
{
    size_t n = 0;
    for (size_t i = 0; i < in->nlab; i++)
        n += (size_t)in->lab[i].failed;
    return n;
}

const char *inspection_certificate_effect(const char *outcome)
{
    if (strcmp(outcome, "suspension") == 0)
        return "suspended";
    if (strcmp(outcome, "revocation") == 0)
        return "revoked";
    return NULL;
}

/* Whether member i of outcome_fields is set in in. */
static int outcome_member_set(const struct inspection_input *in, size_t i)
{
    const void *members[N_OUTCOME_FIELDS] = {
        in->fix_deadline,         in->has_fine ? (const void *)in : NULL,
        in->fine_decision_number, in->recall_notice,
        in->decision_number,      in->grounds};
    return members[i] != NULL;
}

/* The rule row of outcome. */
static size_t outcome_rule(const char *outcome)
{
    size_t r = 0;
    while (strcmp(outcome_rules[r].outcome, outcome) != 0)
        r++;
    return r;
}

/*
 * The members the outcomes need and refuse: a member is required when one
 * outcome of the set requires it, else refused when one refuses it.
 */
static void check_presence(struct oc_v *v, const struct inspection_input *in)
{
    for (size_t f = 0; f < N_OUTCOME_FIELDS; f++) {
        const char *requires = NULL, *refuses = NULL;
        for (size_t o = 0; o < in->noutcomes; o++) {
            enum presence p = outcome_rules[outcome_rule(in->outcomes[o])].fields[f];
            if (p == REQUIRED && requires == NULL)
            requires = in->outcomes[o];
            else if (p == FORBIDDEN && refuses == NULL) refuses = in->outcomes[o];
        }
        int set = outcome_member_set(in, f);
        if (requires != NULL && !set)
            oc_v_error(v, outcome_fields[f], "required", "is required when the outcome is %s",
                       requires);
        else if (requires == NULL && refuses != NULL && set)
            oc_v_error(v, outcome_fields[f], "not_allowed", "is not allowed when the outcome is %s",
                       refuses);
    }
    if (in->decided_on != NULL && in->decision_number == NULL)
        oc_v_error(v, "decided_on", "not_allowed", "goes with decision_number");
    if (in->reason != NULL && in->grounds == NULL)
        oc_v_error(v, "reason", "not_allowed", "goes with grounds");
    if (in->grounds != NULL && strcmp(in->grounds, "other") == 0 && in->reason == NULL)
        oc_v_error(v, "reason", "required", "is required when the grounds are other");
}

int inspection_outcome_check(struct oc_v *v, const struct inspection_input *in)
{
    size_t failed = inspection_failed_findings(in) + inspection_failed_lab(in);
    check_presence(v, in);
    if (strcmp(in->outcome, "compliant") == 0 && failed > 0)
        oc_v_error(v, "outcome", "inconsistent",
                   "an inspection with %zu failed findings or lab results is not compliant",
                   failed);
    else if (strcmp(in->outcome, "compliant") != 0 && failed == 0)
        oc_v_error(v, "outcome", "inconsistent",
                   "a %s needs at least one failed finding or lab result; every one passed",
                   in->outcome);
    if (in->fix_deadline != NULL && strcmp(in->fix_deadline, in->inspected_on) <= 0)
        oc_v_error(v, "fix_deadline", "order", "must be after inspected_on (%s)", in->inspected_on);
    if (in->decided_on != NULL && strcmp(in->decided_on, in->inspected_on) < 0)
        oc_v_error(v, "decided_on", "order", "must not be before inspected_on (%s)",
                   in->inspected_on);
    return oc_v_ok(v);
}

/* The rank of outcome in inspection_severity: 0 for the most severe. */
static size_t severity_rank(const char *outcome)
{
    size_t r = 0;
    while (inspection_severity[r] != NULL && strcmp(inspection_severity[r], outcome) != 0)
        r++;
    return r;
}

/* Whether the set holds outcome. */
int inspection_has(const struct inspection_input *in, const char *outcome)
{
    for (size_t i = 0; i < in->noutcomes; i++)
        if (strcmp(in->outcomes[i], outcome) == 0)
            return 1;
    return 0;
}

/* Sorts the set most severe first (insertion sort of at most 6). */
static void outcomes_sort(struct inspection_input *out)
{
    for (size_t i = 1; i < out->noutcomes; i++)
        for (size_t k = i;
             k > 0 && severity_rank(out->outcomes[k]) < severity_rank(out->outcomes[k - 1]); k--) {
            const char *t = out->outcomes[k];
            out->outcomes[k] = out->outcomes[k - 1];
            out->outcomes[k - 1] = t;
        }
}

/* The set's own rules: compliant stands alone; suspension and revocation exclude each other. */
static void outcomes_combination(struct oc_v *v, const struct inspection_input *out)
{
    if (out->noutcomes > 1 && inspection_has(out, "compliant"))
        oc_v_error(v, "outcomes", "not_allowed",
                   "compliant cannot be combined with another outcome");
    if (inspection_has(out, "suspension") && inspection_has(out, "revocation"))
        oc_v_error(v, "outcomes", "not_allowed",
                   "suspension and revocation cannot be combined: choose one");
}

/*
 * outcome (one) and outcomes (a set of unique outcomes): one of them is
 * required; when both are sent, outcome must be the most severe of the set.
 * Leaves the set most severe first in out->outcomes and its head in
 * out->outcome.
 */
static void outcomes_parse(struct oc_v *v, struct inspection_input *out)
{
    int has_set = json_is_object(v->body) && json_object_get(v->body, "outcomes") != NULL;
    const char *one = oc_v_enum(v, "outcome", !has_set, inspection_outcomes);
    const json_t *a = array_member(v, "outcomes", 0, 1, INSPECTION_OUTCOMES_MAX);
    size_t bad = 0;
    for (size_t i = 0; a != NULL && i < json_array_size(a); i++) {
        const char *o = json_string_value(json_array_get(a, i));
        char field[32];
        snprintf(field, sizeof(field), "outcomes[%zu]", i);
        if (o == NULL) {
            oc_v_error(v, field, "type", "must be a string");
        } else if (severity_rank(o) == INSPECTION_OUTCOMES_MAX) {
            oc_v_error(v, field, "enum",
                       "must be one of compliant, guidance, fine, recall, "
                       "suspension, revocation");
        } else if (inspection_has(out, o)) {
            oc_v_error(v, field, "duplicate", "%s is already an outcome", o);
        } else {
            out->outcomes[out->noutcomes++] = o;
            continue;
        }
        bad++;
    }
    if (a == NULL && one != NULL)
        out->outcomes[out->noutcomes++] = one;
    if (out->noutcomes == 0 || bad > 0)
        return;
    outcomes_sort(out);
    outcomes_combination(v, out);
    out->outcome = out->outcomes[0];
    if (one != NULL && strcmp(one, out->outcome) != 0)
        oc_v_error(v, "outcome", "inconsistent", "must be the most severe of outcomes (%s)",
                   out->outcome);
}

const char *inspection_follow_up_status(const char *due_on, int closed, const char *today)
{
    if (due_on == NULL)
        return NULL;
    if (closed)
        return "closed";
    return strcmp(today, due_on) > 0 ? "overdue" : "due";
}

/* Checks dates against today once they are well-formed. */
static void check_today(struct oc_v *v, const struct inspection_input *in, const char *today)
{
    if (in->inspected_on != NULL && strcmp(in->inspected_on, today) > 0)
        oc_v_error(v, "inspected_on", "future", "must not be after today (%s)", today);
    if (in->decided_on != NULL && strcmp(in->decided_on, today) > 0)
        oc_v_error(v, "decided_on", "future", "must not be after today (%s)", today);
}

int inspection_from_json(struct oc_v *v, const char *today, struct inspection_input *out)
{
    static const char *const fields[] = {"product_id",
                                         "certificate_id",
                                         "kind",
                                         "place",
                                         "inspecting_body",
                                         "inspected_on",
                                         "findings",
                                         "lab_results",
                                         "outcome",
                                         "outcomes",
                                         "follows_up",
                                         "fix_deadline",
                                         "fine_amount_vnd",
                                         "fine_decision_number",
                                         "recall_notice",
                                         "decision_number",
                                         "decided_on",
                                         "grounds",
                                         "reason",
                                         "notes",
                                         NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->product_id = oc_v_uuid(v, "product_id", 1);
    out->certificate_id = oc_v_uuid(v, "certificate_id", 0);
    out->kind = oc_v_enum(v, "kind", 1, inspection_kinds);
    out->place = oc_v_enum(v, "place", 1, inspection_places);
    out->body = oc_v_string(v, "inspecting_body", 1, 2, 255);
    out->inspected_on = certificate_date_member(v, "inspected_on", 1);
    findings_parse(v, out);
    lab_parse(v, out);
    outcomes_parse(v, out);
    out->follows_up = oc_v_uuid(v, "follows_up", 0);
    out->fix_deadline = certificate_date_member(v, "fix_deadline", 0);
    out->has_fine =
        oc_v_int(v, "fine_amount_vnd", 0, 1, INSPECTION_FINE_MAX, &out->fine_amount_vnd);
    out->fine_decision_number = oc_v_string(v, "fine_decision_number", 0, 1, 100);
    out->recall_notice = oc_v_string(v, "recall_notice", 0, 1, 4000);
    out->decision_number = oc_v_string(v, "decision_number", 0, 1, 100);
    out->decided_on = certificate_date_member(v, "decided_on", 0);
    out->grounds = oc_v_enum(v, "grounds", 0, certificate_grounds);
    out->reason = oc_v_string(v, "reason", 0, 1, 2000);
    out->notes = oc_v_string(v, "notes", 0, 1, 4000);
    if (!oc_v_ok(v))
        return 0;
    check_today(v, out, today);
    return inspection_outcome_check(v, out);
}
