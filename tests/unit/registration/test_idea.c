/*
 * Product ideas and what the cycle shares (idea.h, cycle.h): registration
 * and change bodies, the screening moves and who makes them, the reasons of
 * a return, the resubmission window at its boundary, an application's links
 * to its idea and plan, and the history's labels. One row per boundary.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "common/auth.h"
#include "common/validate.h"
#include "registration/cycle.h"
#include "registration/idea.h"
#include "unit/test.h"
#include "unit/test_errors.h"

#define PRODUCER "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"
#define PRODUCT  "7b1e9c42-5d3a-4f8e-b2c6-0a9d8e7f6c51"
#define OTHER    "0f0e0d0c-0b0a-4908-8706-050403020100"

/* Each body and the fields its errors name ("" when valid). */
static void test_bodies(void)
{
    static const struct {
        const char *body;   /* JSON */
        const char *fields; /* expected error fields, sorted */
    } cases[] = {
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"new_product\",\"name\":\"Trà mãng cầu\","
         "\"year\":2026}",
         ""},
        /* form 2 needs its product; form 1 may name one */
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"existing_product\",\"name\":\"Mật hoa dừa\","
         "\"year\":2026}",
         "product_id"},
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"existing_product\",\"product_id\":\"" PRODUCT
         "\",\"name\":\"Mật hoa dừa\",\"year\":2026,\"sector\":\"I\"}",
         ""},
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"new_product\",\"product_id\":\"" PRODUCT
         "\",\"name\":\"Mật hoa dừa\",\"year\":2026}",
         ""},
        /* years at their bounds */
        {"{\"producer_id\":\"" PRODUCER
         "\",\"form\":\"new_product\",\"name\":\"Ab\",\"year\":2000}",
         ""},
        {"{\"producer_id\":\"" PRODUCER
         "\",\"form\":\"new_product\",\"name\":\"Ab\",\"year\":1999}",
         "year"},
        {"{\"producer_id\":\"" PRODUCER
         "\",\"form\":\"new_product\",\"name\":\"Ab\",\"year\":2101}",
         "year"},
        /* name 2..255 characters; a sector of QĐ 148 only; no form 3; nothing unknown */
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"new_product\",\"name\":\"A\",\"year\":2026}",
         "name"},
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"new_product\",\"name\":\"Ab\",\"year\":2026,"
         "\"sector\":\"VII\"}",
         "sector"},
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"upgrade\",\"name\":\"Ab\",\"year\":2026}",
         "form"},
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"new_product\",\"name\":\"Ab\",\"year\":2026,"
         "\"status\":\"accepted\"}",
         "status"},
        {"{}", "form,name,producer_id,year"},
        /* the product group (criteria set 1..26) and its sector agree */
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"new_product\",\"name\":\"Ab\",\"year\":2026,"
         "\"criteria_set\":12,\"sector\":\"I\"}",
         ""},
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"new_product\",\"name\":\"Ab\",\"year\":2026,"
         "\"criteria_set\":14,\"sector\":\"I\"}",
         "sector"},
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"new_product\",\"name\":\"Ab\",\"year\":2026,"
         "\"criteria_set\":27}",
         "criteria_set"},
        {"{\"producer_id\":\"" PRODUCER "\",\"form\":\"new_product\",\"name\":\"Ab\",\"year\":2026,"
         "\"criteria_set\":0}",
         "criteria_set"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct oc_v v;
        struct idea_input idea;
        json_t *body = json_loads(cases[i].body, 0, NULL);
        oc_v_init(&v, body);
        idea_from_json(&v, &idea);
        CHECK_STR_EQ(error_fields(&v), cases[i].fields);
        oc_v_clean(&v);
        json_decref(body);
    }
}

/* Patches: what they may change, and in which status. */
static void test_patches(void)
{
    static const struct {
        const char *body;    /* JSON */
        const char *fields;  /* expected error fields */
        const char *status;  /* the idea's status */
        const char *product; /* the idea's product, or NULL */
        int conflict;        /* 1 when idea_patch_problem refuses it */
    } cases[] = {
        {"{\"name\":\"Trà mãng cầu túi lọc\"}", "", "returned", NULL, 0},
        {"{\"description\":null,\"sector\":null}", "", "submitted", NULL, 0},
        {"{}", "", "submitted", NULL, 0}, /* empty: field "" */
        {"{\"product_id\":\"" PRODUCT "\"}", "", "accepted", NULL, 0},
        {"{\"product_id\":\"" PRODUCT "\"}", "", "accepted", PRODUCT, 0},
        {"{\"product_id\":\"" OTHER "\"}", "", "accepted", PRODUCT, 1},
        {"{\"name\":\"Tên khác\"}", "", "accepted", NULL, 1},
        {"{\"form\":\"new_product\"}", "form", "submitted", NULL, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct oc_v v;
        struct idea_patch p;
        json_t *body = json_loads(cases[i].body, 0, NULL);
        oc_v_init(&v, body);
        int ok = idea_patch_from_json(&v, &p);
        if (strcmp(cases[i].body, "{}") == 0)
            CHECK_STR_EQ(error_code(&v, ""), "empty");
        else
            CHECK_STR_EQ(error_fields(&v), cases[i].fields);
        if (ok)
            CHECK_INT_EQ(idea_patch_problem(cases[i].status, cases[i].product, &p) != NULL,
                         cases[i].conflict);
        oc_v_clean(&v);
        json_decref(body);
    }
}

/* The classification after a change: the group brings its sector; another sector drops it. */
static void test_classification(void)
{
    static const struct {
        long long before_set;      /* stored group, 0 none */
        const char *before_sector; /* stored sector, NULL none */
        const char *body;          /* the patch */
        long long set;             /* group after */
        const char *sector;        /* sector after */
    } cases[] = {
        {0, NULL, "{\"criteria_set\":26}", 26, "VI"},
        {12, "I", "{\"name\":\"Trà túi lọc\"}", 12, "I"},
        {12, "I", "{\"sector\":\"I\"}", 12, "I"},
        {12, "I", "{\"sector\":\"II\"}", 0, "II"},
        {12, "I", "{\"sector\":null}", 0, NULL},
        {0, "II", "{\"criteria_set\":14}", 14, "II"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct oc_v v;
        struct idea_patch p;
        long long set = -1;
        const char *sector = "?";
        json_t *body = json_loads(cases[i].body, 0, NULL);
        oc_v_init(&v, body);
        CHECK_INT_EQ(idea_patch_from_json(&v, &p), 1);
        idea_classification(cases[i].before_set, cases[i].before_sector, &p, &set, &sector);
        CHECK_INT_EQ(set, cases[i].set);
        CHECK_STR_EQ(sector, cases[i].sector);
        oc_v_clean(&v);
        json_decref(body);
    }
    struct oc_v v;
    struct idea_patch p;
    json_t *body = json_loads("{\"sector\":null,\"criteria_set\":3}", 0, NULL);
    oc_v_init(&v, body);
    CHECK_INT_EQ(idea_patch_from_json(&v, &p), 0);
    CHECK_STR_EQ(error_code(&v, "criteria_set"), "not_allowed");
    oc_v_clean(&v);
    json_decref(body);
}

/* Who makes which move: 0 allowed (as role), 1 forbidden (403), 2 no such move (409). */
static void test_moves(void)
{
    static const struct {
        const char *from, *to;
        unsigned acting;
        int outcome;
        const char *role;
        int reasons;
    } cases[] = {
        {"submitted", "accepted", OC_ROLE_COMMUNE_OFFICER, 0, "commune_officer", 0},
        {"submitted", "accepted", OC_ROLE_PROVINCE_OFFICER, 0, "province_officer", 0},
        {"submitted", "accepted", OC_ROLE_PRODUCER, 1, NULL, 0},
        {"submitted", "returned", OC_ROLE_COMMUNE_OFFICER, 0, "commune_officer", 1},
        {"submitted", "returned", OC_ROLE_PORTAL, 1, NULL, 1},
        {"returned", "submitted", OC_ROLE_PRODUCER, 0, "producer", 0},
        {"returned", "submitted", OC_ROLE_PRODUCER | OC_ROLE_COMMUNE_OFFICER, 0, "producer", 0},
        {"returned", "submitted", OC_ROLE_COMMUNE_OFFICER, 0, "commune_officer", 0},
        {"returned", "accepted", OC_ROLE_COMMUNE_OFFICER, 2, NULL, 0},
        /* accepted is final */
        {"accepted", "returned", OC_ROLE_PROVINCE_OFFICER, 2, NULL, 0},
        {"accepted", "submitted", OC_ROLE_PRODUCER, 2, NULL, 0},
        {"submitted", "submitted", OC_ROLE_PRODUCER, 2, NULL, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *role = NULL;
        int forbidden = -1, reasons = -1;
        const char *problem =
            cycle_transition_problem(idea_rules, idea_rule_count, cases[i].from, cases[i].to,
                                     cases[i].acting, &role, &forbidden, &reasons);
        int outcome = problem == NULL ? 0 : forbidden ? 1 : 2;
        CHECK_INT_EQ(outcome, cases[i].outcome);
        CHECK_STR_EQ(role, cases[i].role);
        if (outcome != 2)
            CHECK_INT_EQ(reasons, cases[i].reasons);
        if (outcome != cases[i].outcome)
            fprintf(stderr, "    %s -> %s\n", cases[i].from, cases[i].to);
    }
}

/* Move bodies: reasons 1..20 strings of 3..500 characters. */
static void test_move_bodies(void)
{
    char twenty[2048] = "[", many[2048] = "[", long_reason[1200];
    for (int i = 0; i < 20; i++)
        strcat(twenty, i ? ",\"Thiếu\"" : "\"Thiếu\"");
    for (int i = 0; i < 21; i++)
        strcat(many, i ? ",\"Thiếu\"" : "\"Thiếu\"");
    strcat(twenty, "]");
    strcat(many, "]");
    memset(long_reason, 'a', 501);
    long_reason[501] = '\0';
    struct {
        json_t *body;
        const char *fields;
    } cases[] = {
        {json_pack("{s:s}", "to", "accepted"), ""},
        {json_pack("{s:s,s:[s]}", "to", "returned", "reasons", "Chưa rõ nguồn nguyên liệu"), ""},
        {json_pack("{s:s,s:o}", "to", "returned", "reasons", json_loads(twenty, 0, NULL)), ""},
        {json_pack("{s:s,s:o}", "to", "returned", "reasons", json_loads(many, 0, NULL)), "reasons"},
        {json_pack("{s:s,s:[]}", "to", "returned", "reasons"), "reasons"},
        {json_pack("{s:s,s:[s]}", "to", "returned", "reasons", "ab"), "reasons"},
        {json_pack("{s:s,s:[s]}", "to", "returned", "reasons", "abc"), ""},
        {json_pack("{s:s,s:[s]}", "to", "returned", "reasons", long_reason), "reasons"},
        {json_pack("{s:s,s:s}", "to", "returned", "reasons", "một lý do"), "reasons"},
        {json_pack("{s:s}", "to", "rejected"), "to"},
        {json_pack("{s:s,s:s}", "to", "accepted", "role", "producer"), "role"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct oc_v v;
        struct cycle_move m;
        oc_v_init(&v, cases[i].body);
        cycle_move_from_json(&v, idea_statuses, &m);
        CHECK_STR_EQ(error_fields(&v), cases[i].fields);
        oc_v_clean(&v);
        json_decref(cases[i].body);
    }
    json_t *reasons = json_pack("[s]", "Thiếu mô tả");
    json_t *e = cycle_reasons_problem(1, NULL);
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(e, 0), "code")), "required");
    json_decref(e);
    e = cycle_reasons_problem(0, reasons);
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(e, 0), "code")), "not_allowed");
    json_decref(e);
    CHECK(cycle_reasons_problem(1, reasons) == NULL);
    CHECK(cycle_reasons_problem(0, NULL) == NULL);
    json_decref(reasons);
}

/* The window: resubmitted up to and including the Nth day after the return. */
static void test_window(void)
{
    static const struct {
        long returned, today, days;
        int open;
    } cases[] = {
        {20000, 20000, 30, 1}, {20000, 20030, 30, 1}, {20000, 20031, 30, 0},
        {20000, 20000, 0, 1},  {20000, 20001, 0, 0},  {20000, 23650, 3650, 1},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        CHECK_INT_EQ(idea_resubmit_open(cases[i].returned, cases[i].today, cases[i].days),
                     cases[i].open);
}

/* A returned item is resubmitted only after a change since its return. */
static void test_resubmit_needs_change(void)
{
    static const struct {
        const char *from, *to;
        int changed, refused;
    } cases[] = {
        {"returned", "submitted", 0, 1},
        {"returned", "submitted", 1, 0},
        {"submitted", "accepted", 0, 0},
        {"submitted", "returned", 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        CHECK_INT_EQ(cycle_resubmit_problem(cases[i].from, cases[i].to, cases[i].changed) != NULL,
                     cases[i].refused);
}

/* An application's links: the code of each field's error, "" when none. */
static void test_links(void)
{
    static const struct cycle_link accepted = {1, "accepted", PRODUCT, PRODUCER, NULL};
    static const struct cycle_link approved = {1, "approved", PRODUCT, PRODUCER, "idea-1"};
    static const struct cycle_link missing = {0, "", NULL, NULL, NULL};
    static const struct cycle_link submitted = {1, "submitted", PRODUCT, PRODUCER, NULL};
    static const struct cycle_link returned = {1, "returned", PRODUCT, PRODUCER, "idea-1"};
    static const struct cycle_link unlinked = {1, "accepted", NULL, PRODUCER, NULL};
    static const struct cycle_link other_product = {1, "accepted", OTHER, PRODUCER, NULL};
    static const struct cycle_link other_producer = {1, "approved", PRODUCT, OTHER, "idea-1"};
    static const struct {
        const struct cycle_link *idea, *plan;
        const char *idea_id;
        const char *expect; /* "idea_id:code,business_plan_id:code" */
    } cases[] = {
        {&accepted, &approved, "idea-1", ""},
        {&accepted, NULL, "idea-1", ""},
        {NULL, &approved, NULL, ""},
        {&missing, NULL, "idea-1", "idea_id:not_found"},
        {&submitted, NULL, "idea-1", "idea_id:status"},
        {&unlinked, NULL, "idea-1", "idea_id:mismatch"},
        {&other_product, NULL, "idea-1", "idea_id:mismatch"},
        {NULL, &missing, NULL, "business_plan_id:not_found"},
        {NULL, &returned, NULL, "business_plan_id:status"},
        {NULL, &other_producer, NULL, "business_plan_id:mismatch"},
        {&accepted, &approved, "idea-2", "business_plan_id:mismatch"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *errors = json_array();
        char got[200] = "";
        size_t k, pos = 0;
        json_t *e;
        cycle_link_check(PRODUCT, PRODUCER, cases[i].idea ? cases[i].idea_id : NULL, cases[i].idea,
                         cases[i].plan ? "plan-1" : NULL, cases[i].plan, errors);
        json_array_foreach(errors, k, e)
        {
            pos += (size_t)snprintf(got + pos, sizeof(got) - pos, "%s%s:%s", k ? "," : "",
                                    json_string_value(json_object_get(e, "field")),
                                    json_string_value(json_object_get(e, "code")));
        }
        CHECK_STR_EQ(got, cases[i].expect);
        json_decref(errors);
    }
}

static void test_summaries(void)
{
    CHECK_STR_EQ(cycle_summary("idea", "submitted"), "Đăng ký ý tưởng sản phẩm");
    CHECK_STR_EQ(cycle_summary("idea", "resubmitted"), "Đăng ký lại ý tưởng sản phẩm");
    CHECK_STR_EQ(cycle_summary("business_plan", "approved"),
                 "Phương án sản xuất kinh doanh được phê duyệt");
    CHECK_STR_EQ(cycle_summary("application", "new"), "Mới đăng ký");
    CHECK_STR_EQ(cycle_summary("recognition", "upgrade"), "Nâng hạng sao sản phẩm OCOP");
    CHECK_STR_EQ(cycle_summary("support", "packaging_label_design"),
                 "Nhận hỗ trợ thực hiện phương án");
    CHECK_STR_EQ(cycle_summary("inspection", "guidance"), "Bước của chu trình OCOP");
}

int main(void)
{
    test_bodies();
    test_patches();
    test_classification();
    test_moves();
    test_move_bodies();
    test_window();
    test_resubmit_needs_change();
    test_links();
    test_summaries();
    TEST_DONE();
}
