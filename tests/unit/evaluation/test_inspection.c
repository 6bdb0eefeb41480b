/* Inspection rules: the members of an inspection and how its outcome agrees with its findings. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "common/validate.h"
#include "evaluation/inspection.h"
#include "unit/test.h"
#include "unit/test_errors.h"

#define PRODUCT_ID "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"
#define TODAY      "2025-09-15"

/* A valid compliant body at the facility (caller owns); tests change it. */
static json_t *base(void)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:[{s:s,s:s},{s:s,s:s,s:s}],s:[{s:s,s:f,s:s,s:s,s:b}],"
                     "s:s}",
                     "product_id", PRODUCT_ID, "kind", "periodic", "place", "facility",
                     "inspecting_body", "Sở Nông nghiệp và Môi trường", "inspected_on",
                     "2025-09-10", "findings", "category", "food_safety", "result", "pass",
                     "category", "packaging_and_labels", "result", "pass", "note", "đúng mẫu",
                     "lab_results", "indicator", "Coliforms", "value", 3.0, "unit", "CFU/g",
                     "limit", "≤ 10", "passed", 1, "outcome", "compliant");
}

/* Validates body; returns 1 when valid and leaves the errors in *v (caller cleans). */
static int validate(struct oc_v *v, json_t *body, struct inspection_input *in)
{
    oc_v_init(v, body);
    return inspection_from_json(v, TODAY, in);
}

/* Marks finding i failed. */
static void fail_finding(json_t *body, size_t i)
{
    json_object_set_new(json_array_get(json_object_get(body, "findings"), i), "result",
                        json_string("fail"));
}

static void test_compliant(void)
{
    struct oc_v v;
    struct inspection_input in;
    json_t *body = base();
    CHECK(validate(&v, body, &in));
    CHECK(in.nfindings == 2 && in.nlab == 1 && in.certificate_id == NULL);
    CHECK_INT_EQ(inspection_failed_findings(&in) + inspection_failed_lab(&in), 0);
    CHECK(inspection_certificate_effect("compliant") == NULL);
    CHECK(in.actor == NULL); /* the handler sets the caller's subject */
    oc_v_clean(&v);
    /* the actor is the token's subject: a body naming one is refused */
    json_object_set_new(body, "actor", json_string("Lê Văn Cường"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_fields(&v), "actor");
    CHECK_STR_EQ(error_code(&v, "actor"), "unknown");
    oc_v_clean(&v);
    json_object_del(body, "actor");
    /* compliant with a failed finding is refused */
    fail_finding(body, 1);
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_fields(&v), "outcome");
    CHECK_STR_EQ(error_code(&v, "outcome"), "inconsistent");
    oc_v_clean(&v);
    /* ... and with a failed lab result */
    fail_finding(body, 1);
    json_object_set_new(json_array_get(json_object_get(body, "findings"), 1), "result",
                        json_string("pass"));
    json_object_set_new(json_array_get(json_object_get(body, "lab_results"), 0), "passed",
                        json_false());
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_code(&v, "outcome"), "inconsistent");
    oc_v_clean(&v);
    /* compliant refuses the members of other outcomes */
    json_object_set_new(json_array_get(json_object_get(body, "lab_results"), 0), "passed",
                        json_true());
    json_object_set_new(body, "fix_deadline", json_string("2025-10-10"));
    json_object_set_new(body, "grounds", json_string("food_safety_failure"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_fields(&v), "fix_deadline,grounds");
    CHECK_STR_EQ(error_code(&v, "grounds"), "not_allowed");
    oc_v_clean(&v);
    json_decref(body);
}

static void test_outcomes(void)
{
    struct oc_v v;
    struct inspection_input in;
    json_t *body = base();
    fail_finding(body, 1);
    /* guidance needs a fix deadline after the inspection */
    json_object_set_new(body, "outcome", json_string("guidance"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_fields(&v), "fix_deadline");
    CHECK_STR_EQ(error_code(&v, "fix_deadline"), "required");
    oc_v_clean(&v);
    json_object_set_new(body, "fix_deadline", json_string("2025-09-10"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_code(&v, "fix_deadline"), "order");
    oc_v_clean(&v);
    json_object_set_new(body, "fix_deadline", json_string("2025-10-10"));
    CHECK(validate(&v, body, &in));
    oc_v_clean(&v);
    /* fine: amount and decision; the deadline may stay */
    json_object_set_new(body, "outcome", json_string("fine"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_fields(&v), "fine_amount_vnd,fine_decision_number");
    oc_v_clean(&v);
    json_object_set_new(body, "fine_amount_vnd", json_integer(15000000));
    json_object_set_new(body, "fine_decision_number", json_string("45/QĐ-XPHC"));
    CHECK(validate(&v, body, &in));
    CHECK(in.has_fine && in.fine_amount_vnd == 15000000);
    oc_v_clean(&v);
    json_object_set_new(body, "fine_amount_vnd", json_integer(0));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_code(&v, "fine_amount_vnd"), "range");
    oc_v_clean(&v);
    /* recall: the notice, and no fine */
    json_object_set_new(body, "fine_amount_vnd", json_integer(15000000));
    json_object_set_new(body, "outcome", json_string("recall"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_fields(&v), "fine_amount_vnd,fine_decision_number,recall_notice");
    oc_v_clean(&v);
    json_object_del(body, "fine_amount_vnd");
    json_object_del(body, "fine_decision_number");
    json_object_set_new(body, "recall_notice", json_string("Thu hồi lô 2025-08"));
    CHECK(validate(&v, body, &in));
    oc_v_clean(&v);
    json_decref(body);
}

static void test_certificate_outcomes(void)
{
    struct oc_v v;
    struct inspection_input in;
    json_t *body = base();
    fail_finding(body, 0);
    json_object_set_new(body, "outcome", json_string("revocation"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_fields(&v), "decision_number,grounds");
    oc_v_clean(&v);
    json_object_set_new(body, "decision_number", json_string("99/QĐ-UBND"));
    json_object_set_new(body, "grounds", json_string("other"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_fields(&v), "reason");
    oc_v_clean(&v);
    json_object_set_new(body, "grounds", json_string("food_safety_failure"));
    json_object_set_new(body, "decided_on", json_string("2025-09-09"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_code(&v, "decided_on"), "order");
    oc_v_clean(&v);
    json_object_set_new(body, "decided_on", json_string("2025-09-16"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_code(&v, "decided_on"), "future");
    oc_v_clean(&v);
    json_object_set_new(body, "decided_on", json_string("2025-09-12"));
    CHECK(validate(&v, body, &in));
    CHECK_STR_EQ(inspection_certificate_effect(in.outcome), "revoked");
    oc_v_clean(&v);
    /* a revocation has no fix deadline; a suspension may */
    json_object_set_new(body, "fix_deadline", json_string("2025-12-01"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_fields(&v), "fix_deadline");
    oc_v_clean(&v);
    json_object_set_new(body, "outcome", json_string("suspension"));
    CHECK(validate(&v, body, &in));
    CHECK_STR_EQ(inspection_certificate_effect(in.outcome), "suspended");
    oc_v_clean(&v);
    /* a suspension needs a failure too */
    fail_finding(body, 0);
    json_object_set_new(json_array_get(json_object_get(body, "findings"), 0), "result",
                        json_string("pass"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_code(&v, "outcome"), "inconsistent");
    oc_v_clean(&v);
    json_decref(body);
}

static void test_members(void)
{
    struct oc_v v;
    struct inspection_input in;
    json_t *body = json_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:[{s:s,s:s},{s:s},{s:s,s:s,s:i},{s:s,s:s}],"
        "s:[{s:s,s:b},{s:s,s:i,s:s}],s:s,s:s}",
        "product_id", "x", "certificate_id", "y", "kind", "annual", "place", "online",
        "inspecting_body", "", "inspected_on", "2025-09-16", "findings", "category", "taste",
        "result", "pass", "result", "fail", "category", "environment", "result", "pass", "colour",
        1, "category", "environment", "result", "maybe", "lab_results", "value", "x", "passed", 1,
        "indicator", "Pb", "value", 1, "passed", "yes", "outcome", "closed", "extra", "1");
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_fields(&v),
                 "certificate_id,extra,findings[0].category,findings[1].category,"
                 "findings[2].colour,findings[3].category,findings[3].result,inspecting_body,"
                 "kind,lab_results[0].indicator,lab_results[1].passed,outcome,place,product_id");
    CHECK_STR_EQ(error_code(&v, "findings[3].category"), "duplicate");
    CHECK_STR_EQ(error_code(&v, "lab_results[1].passed"), "type");
    oc_v_clean(&v);
    json_decref(body);
    /* inspected_on in the future, findings empty, lab results not an array */
    body = base();
    json_object_set_new(body, "inspected_on", json_string("2025-09-16"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_code(&v, "inspected_on"), "future");
    oc_v_clean(&v);
    json_object_set_new(body, "inspected_on", json_string("2025-09-15"));
    json_object_set_new(body, "findings", json_array());
    json_object_set_new(body, "lab_results", json_string("none"));
    CHECK(!validate(&v, body, &in));
    CHECK_STR_EQ(error_fields(&v), "findings,lab_results");
    CHECK_STR_EQ(error_code(&v, "findings"), "size");
    oc_v_clean(&v);
    /* a lab value may be text, such as "not detected"; lab results are optional */
    json_decref(body);
    body = base();
    json_object_set_new(json_array_get(json_object_get(body, "lab_results"), 0), "value",
                        json_string("không phát hiện"));
    CHECK(validate(&v, body, &in));
    oc_v_clean(&v);
    json_object_del(body, "lab_results");
    CHECK(validate(&v, body, &in));
    CHECK(in.nlab == 0 && in.lab_json == NULL);
    oc_v_clean(&v);
    json_decref(body);
}

/* One case of a set of outcomes: the members added to a body with a failed finding. */
static const struct {
    const char *name;    /* what the case shows */
    const char *members; /* JSON object merged into the body (outcome removed first) */
    const char *errors;  /* the fields in error, "" when valid */
    const char *code;    /* the code of the first field in error, or the resulting outcome */
} outcome_sets[] = {
    {"fine, recall and guidance together: the most severe is the outcome",
     "{\"outcomes\":[\"guidance\",\"fine\",\"recall\"],\"fix_deadline\":\"2025-10-10\","
     "\"fine_amount_vnd\":5000000,\"fine_decision_number\":\"45/QĐ-XPHC\","
     "\"recall_notice\":\"Thu hồi lô 08\"}",
     "", "recall"},
    {"each outcome of the set needs its own members",
     "{\"outcomes\":[\"fine\",\"recall\",\"guidance\"]}",
     "fine_amount_vnd,fine_decision_number,fix_deadline,recall_notice", "required"},
    {"a member no outcome of the set allows is refused",
     "{\"outcomes\":[\"fine\"],\"fine_amount_vnd\":1,\"fine_decision_number\":\"1/QĐ\","
     "\"recall_notice\":\"x\"}",
     "recall_notice", "not_allowed"},
    {"a set of one is the single outcome", "{\"outcomes\":[\"recall\"],\"recall_notice\":\"x\"}",
     "", "recall"},
    {"the single outcome member still works", "{\"outcome\":\"recall\",\"recall_notice\":\"x\"}",
     "", "recall"},
    {"outcome with outcomes must be the most severe",
     "{\"outcome\":\"fine\",\"outcomes\":[\"fine\",\"recall\"],\"fine_amount_vnd\":1,"
     "\"fine_decision_number\":\"1/QĐ\",\"recall_notice\":\"x\"}",
     "outcome", "inconsistent"},
    {"outcome equal to the most severe is accepted",
     "{\"outcome\":\"recall\",\"outcomes\":[\"fine\",\"recall\"],\"fine_amount_vnd\":1,"
     "\"fine_decision_number\":\"1/QĐ\",\"recall_notice\":\"x\"}",
     "", "recall"},
    {"compliant cannot be combined",
     "{\"outcomes\":[\"compliant\",\"guidance\"],\"fix_deadline\":\"2025-10-10\"}", "outcomes",
     "not_allowed"},
    {"suspension and revocation not together",
     "{\"outcomes\":[\"suspension\",\"revocation\"],\"decision_number\":\"9/QĐ\","
     "\"grounds\":\"food_safety_failure\"}",
     "outcomes", "not_allowed"},
    {"suspension with a fine: suspension is the outcome",
     "{\"outcomes\":[\"fine\",\"suspension\"],\"decision_number\":\"9/QĐ\","
     "\"grounds\":\"food_safety_failure\",\"fine_amount_vnd\":1,\"fine_decision_number\":\"1/QĐ\"}",
     "", "suspension"},
    {"revocation with guidance: guidance's deadline is allowed",
     "{\"outcomes\":[\"guidance\",\"revocation\"],\"decision_number\":\"9/QĐ\","
     "\"grounds\":\"food_safety_failure\",\"fix_deadline\":\"2025-10-10\"}",
     "", "revocation"},
    {"revocation with a fine still refuses a deadline",
     "{\"outcomes\":[\"fine\",\"revocation\"],\"decision_number\":\"9/QĐ\","
     "\"grounds\":\"food_safety_failure\",\"fine_amount_vnd\":1,\"fine_decision_number\":\"1/QĐ\","
     "\"fix_deadline\":\"2025-10-10\"}",
     "fix_deadline", "not_allowed"},
    {"an outcome twice", "{\"outcomes\":[\"recall\",\"recall\"],\"recall_notice\":\"x\"}",
     "outcomes[1]", "duplicate"},
    {"an unknown outcome and a number", "{\"outcomes\":[\"closed\",1]}", "outcomes[0],outcomes[1]",
     "enum"},
    {"an empty set", "{\"outcomes\":[]}", "outcomes", "size"},
    {"neither outcome nor outcomes", "{}", "outcome", "required"},
    {"follows_up must be a UUID",
     "{\"outcome\":\"recall\",\"recall_notice\":\"x\","
     "\"follows_up\":\"abc\"}",
     "follows_up", "too_short"},
};

/* The first of the fields in error, in sorted order. */
static const char *first_field(const struct oc_v *v)
{
    static char out[64];
    snprintf(out, sizeof(out), "%s", error_fields(v));
    out[strcspn(out, ",")] = '\0';
    return out;
}

static void test_outcome_sets(void)
{
    for (size_t c = 0; c < sizeof(outcome_sets) / sizeof(outcome_sets[0]); c++) {
        struct oc_v v;
        struct inspection_input in;
        json_t *body = base();
        json_t *members = json_loads(outcome_sets[c].members, 0, NULL);
        fail_finding(body, 0);
        json_object_del(body, "outcome");
        json_object_update(body, members);
        int ok = validate(&v, body, &in);
        printf("# %s\n", outcome_sets[c].name);
        CHECK_STR_EQ(error_fields(&v), outcome_sets[c].errors);
        if (ok)
            CHECK_STR_EQ(in.outcome, outcome_sets[c].code);
        else
            CHECK_STR_EQ(error_code(&v, first_field(&v)), outcome_sets[c].code);
        oc_v_clean(&v);
        json_decref(members);
        json_decref(body);
    }
}

/* The follow-up's state at its boundary: due through due_on, overdue the day after. */
static void test_follow_up_status(void)
{
    static const struct {
        const char *due_on; /* the fix deadline, or NULL */
        int closed;         /* closed by a later inspection */
        const char *today;  /* the day it is read on */
        const char *status; /* expected, or NULL */
    } cases[] = {
        {"2025-10-31", 0, "2025-09-15", "due"},
        {"2025-10-31", 0, "2025-10-31", "due"},
        {"2025-10-31", 0, "2025-11-01", "overdue"},
        {"2025-12-31", 0, "2026-01-01", "overdue"},
        {"2025-10-31", 1, "2025-11-01", "closed"},
        {"2025-10-31", 1, "2025-10-01", "closed"},
        {NULL, 0, "2025-11-01", NULL},
    };
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        const char *got =
            inspection_follow_up_status(cases[c].due_on, cases[c].closed, cases[c].today);
        CHECK_STR_EQ(got ? got : "(none)", cases[c].status ? cases[c].status : "(none)");
    }
}

int main(void)
{
    test_compliant();
    test_outcomes();
    test_certificate_outcomes();
    test_members();
    test_outcome_sets();
    test_follow_up_status();
    TEST_DONE();
}
