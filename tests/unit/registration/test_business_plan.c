/*
 * Business plans (business_plan.h): the body at each bound (document by an
 * https URL or a document id, never both; figures and capacity), the change
 * body, the screening moves, and the key figures a change records.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "common/auth.h"
#include "common/validate.h"
#include "registration/business_plan.h"
#include "unit/test.h"
#include "unit/test_errors.h"

#define IDEA "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"
#define DOC                                                                                        \
    "\"document\":{\"title\":\"Phương án SXKD mật hoa "                                       \
    "dừa\",\"url\":\"https://vb.travinh.gov.vn/pa/12.pdf\"}"
#define FIG                                                                                        \
    "\"investment_vnd\":850000000,\"capacity\":{\"value\":12.5,\"unit\":\"tấn/"                  \
    "năm\"},\"expected_revenue_vnd\":1200000000,\"labour\":14"

static void test_bodies(void)
{
    static const struct {
        const char *body;
        const char *fields;
    } cases[] = {
        {"{\"idea_id\":\"" IDEA "\"," DOC "," FIG "}", ""},
        {"{\"idea_id\":\"" IDEA "\",\"document\":{\"title\":\"PA\",\"document_id\":\"" IDEA
         "\"}," FIG "}",
         ""},
        /* the reference: https only, exactly one of url and document_id */
        {"{\"idea_id\":\"" IDEA
         "\",\"document\":{\"title\":\"PA\",\"url\":\"http://a.vn/x.pdf\"}," FIG "}",
         "document.url"},
        {"{\"idea_id\":\"" IDEA "\",\"document\":{\"title\":\"PA\"}," FIG "}", "document.url"},
        {"{\"idea_id\":\"" IDEA "\",\"document\":{\"title\":\"PA\",\"url\":\"https://a.vn/x.pdf\","
         "\"document_id\":\"" IDEA "\"}," FIG "}",
         "document.document_id"},
        {"{\"idea_id\":\"" IDEA "\",\"document\":\"https://a.vn/x.pdf\"," FIG "}", "document"},
        {"{\"idea_id\":\"" IDEA "\",\"document\":{\"url\":\"https://a.vn/x.pdf\"}," FIG "}",
         "document.title"},
        /* figures at their bounds */
        {"{\"idea_id\":\"" IDEA "\"," DOC ",\"investment_vnd\":0,\"capacity\":{\"value\":0.001,"
         "\"unit\":\"kg\"},\"expected_revenue_vnd\":0,\"labour\":0}",
         ""},
        {"{\"idea_id\":\"" IDEA "\"," DOC ",\"investment_vnd\":-1,\"capacity\":{\"value\":0,"
         "\"unit\":\"kg\"},\"expected_revenue_vnd\":1000000000000001,\"labour\":100001}",
         "capacity.value,expected_revenue_vnd,investment_vnd,labour"},
        {"{\"idea_id\":\"" IDEA "\"," DOC ",\"investment_vnd\":1000000000000000,\"capacity\":"
         "{\"value\":\"12\",\"unit\":\"\"},\"expected_revenue_vnd\":1,\"labour\":100000}",
         "capacity.unit,capacity.value"},
        {"{\"idea_id\":\"" IDEA "\"," DOC ",\"investment_vnd\":1,\"capacity\":{\"value\":1,"
         "\"unit\":\"kg\",\"per\":\"day\"},\"expected_revenue_vnd\":1,\"labour\":1}",
         "capacity.per"},
        {"{}", "capacity,document,expected_revenue_vnd,idea_id,investment_vnd,labour"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct oc_v v;
        struct business_plan_input b;
        json_t *body = json_loads(cases[i].body, 0, NULL);
        CHECK(body != NULL);
        oc_v_init(&v, body);
        business_plan_from_json(&v, &b);
        CHECK_STR_EQ(error_fields(&v), cases[i].fields);
        if (strcmp(error_fields(&v), cases[i].fields) != 0)
            fprintf(stderr, "    case %zu\n", i);
        oc_v_clean(&v);
        json_decref(body);
    }
}

static void test_patches(void)
{
    static const struct {
        const char *body;
        const char *fields;
        int investment, capacity, document;
    } cases[] = {
        {"{\"investment_vnd\":900000000}", "", 1, 0, 0},
        {"{\"capacity\":{\"value\":15,\"unit\":\"tấn/năm\"}}", "", 0, 1, 0},
        {"{" DOC "}", "", 0, 0, 1},
        {"{\"idea_id\":\"" IDEA "\"}", "idea_id", 0, 0, 0},
        {"{\"status\":\"approved\"}", "status", 0, 0, 0},
        {"{}", "", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct oc_v v;
        struct business_plan_body b;
        json_t *body = json_loads(cases[i].body, 0, NULL);
        oc_v_init(&v, body);
        business_plan_patch_from_json(&v, &b);
        if (strcmp(cases[i].body, "{}") == 0) {
            CHECK_STR_EQ(error_code(&v, ""), "empty");
        } else {
            CHECK_STR_EQ(error_fields(&v), cases[i].fields);
            CHECK_INT_EQ(b.has_investment, cases[i].investment);
            CHECK_INT_EQ(b.has_capacity, cases[i].capacity);
            CHECK_INT_EQ(b.has_document, cases[i].document);
        }
        oc_v_clean(&v);
        json_decref(body);
    }
}

static void test_moves(void)
{
    static const struct {
        const char *from, *to;
        unsigned acting;
        int outcome; /* 0 allowed, 1 forbidden, 2 no such move */
        int reasons;
    } cases[] = {
        {"submitted", "approved", OC_ROLE_COMMUNE_OFFICER, 0, 0},
        {"submitted", "approved", OC_ROLE_PRODUCER, 1, 0},
        {"submitted", "returned", OC_ROLE_PROVINCE_OFFICER, 0, 1},
        {"returned", "submitted", OC_ROLE_PRODUCER, 0, 0},
        {"returned", "approved", OC_ROLE_PROVINCE_OFFICER, 2, 0},
        {"approved", "returned", OC_ROLE_PROVINCE_OFFICER, 2, 0},
        {"approved", "submitted", OC_ROLE_PRODUCER, 2, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *role = NULL;
        int forbidden = 0, reasons = 0;
        const char *problem =
            cycle_transition_problem(business_plan_rules, business_plan_rule_count, cases[i].from,
                                     cases[i].to, cases[i].acting, &role, &forbidden, &reasons);
        CHECK_INT_EQ(problem == NULL ? 0 : forbidden ? 1 : 2, cases[i].outcome);
        if (problem == NULL)
            CHECK_INT_EQ(reasons, cases[i].reasons);
    }
}

/* The key figures a change records: only those that differ, with before and after. */
static void test_changes(void)
{
    json_t *before = json_loads("{\"investment_vnd\":850000000,\"capacity\":{\"value\":12.5,"
                                "\"unit\":\"tấn/năm\"},\"labour\":14,\"status\":\"returned\","
                                "\"version\":3}",
                                0, NULL);
    json_t *after = json_loads("{\"investment_vnd\":900000000,\"capacity\":{\"value\":12.5,"
                               "\"unit\":\"tấn/năm\"},\"labour\":14,\"status\":\"returned\","
                               "\"version\":4}",
                               0, NULL);
    json_t *changes = business_plan_changes(before, after);
    CHECK_INT_EQ(json_object_size(changes), 1);
    CHECK_INT_EQ(
        json_integer_value(json_object_get(json_object_get(changes, "investment_vnd"), "from")),
        850000000);
    CHECK_INT_EQ(
        json_integer_value(json_object_get(json_object_get(changes, "investment_vnd"), "to")),
        900000000);
    json_decref(changes);
    CHECK(business_plan_changes(before, before) == NULL);
    json_decref(before);
    json_decref(after);
}

int main(void)
{
    test_bodies();
    test_patches();
    test_moves();
    test_changes();
    TEST_DONE();
}
