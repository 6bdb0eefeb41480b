/*
 * The support ledger's rules: the policy files and their versions, the share
 * of the eligible cost, the caps at their boundary (exactly at the cap passes,
 * one VND over is refused), the settings, the checks of a payment, and the CSV.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/validate.h"
#include "registration/support.h"
#include "registration/support_policy.h"
#include "registration/support_policy_load.h"
#include "unit/test.h"
#include "unit/test_errors.h"

#define PRODUCER_ID "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"
#define PRODUCT_ID  "2c4d6e8f-0a1b-4e5f-9b6a-8d2b7f4e1a3c"

/* A small policy: equipment 50% up to 300M per facility, a shared 10M cap per product. */
#define POLICY_HEAD                                                                                \
    "{\"id\":\"%s\",\"title\":\"T\",\"basis\":\"B\",\"valid_from\":\"%s\",\"valid_to\":%s,"        \
    "\"provenance\":{\"source\":\"S\",\"confirmed\":false,\"note\":\"\"},\"kinds\":[%s]}"
#define KINDS_OK                                                                                   \
    "{\"kind\":\"equipment\",\"title\":\"Máy\",\"subject\":\"facility\",\"share_percent\":50,"    \
    "\"caps\":[{\"per\":\"facility\",\"amount_vnd\":300000000,\"period\":\"once\"}]},"             \
    "{\"kind\":\"packaging_label_design\",\"title\":\"Bao bì\",\"subject\":\"product\","          \
    "\"share_percent\":100,\"caps\":[{\"per\":\"product\",\"amount_vnd\":10000000,"                \
    "\"period\":\"once\",\"group\":\"pls\"}]},"                                                    \
    "{\"kind\":\"product_story\",\"title\":\"Câu chuyện\",\"subject\":\"product\","             \
    "\"share_percent\":100,\"caps\":[{\"per\":\"product\",\"amount_vnd\":10000000,"                \
    "\"period\":\"once\",\"group\":\"pls\"}]},"                                                    \
    "{\"kind\":\"trademark\",\"title\":\"Nhãn hiệu\",\"subject\":\"product\","                  \
    "\"share_percent\":null,\"caps\":[]}"

/* Parses a policy built from the parts; returns 1 when it is accepted. */
static int policy_of(struct support_policy *p, const char *id, const char *from, const char *to,
                     const char *kinds, char *err, size_t errlen)
{
    char text[4096];
    snprintf(text, sizeof(text), POLICY_HEAD, id, from, to, kinds);
    json_t *doc = json_loads(text, 0, NULL);
    if (doc == NULL) {
        snprintf(err, errlen, "not JSON");
        return 0;
    }
    return support_policy_parse(doc, p, err, errlen);
}

static void test_files(void)
{
    struct support_policy_set set;
    char err[512] = "";
    const char *schemas = getenv("OCOP_TEST_SCHEMA_DIR");
    int ok = support_policy_load(&set, schemas ? schemas : OCOP_TEST_DEFAULT_SCHEMA_DIR,
                                 SUPPORT_POLICY_DIR_DEFAULT, err, sizeof(err));
    CHECK_INT_EQ(ok, 1);
    if (!ok)
        fprintf(stderr, "    %s\n", err);
    const struct support_policy *p = support_policy_find(&set, "nq03-2021-tra-vinh");
    CHECK(p != NULL);
    if (p == NULL)
        return;
    CHECK_INT_EQ(p->confirmed, 0); /* domain.md §8: the basis is UNCONFIRMED */
    CHECK(support_policy_in_force(&set, "2021-03-19") == p);
    CHECK(support_policy_in_force(&set, "2021-03-18") == NULL);
    static const char *const kinds[] = {"consulting",        "packaging_label_design",
                                        "product_story",     "lab_tests",
                                        "standards",         "trademark",
                                        "equipment",         "ocop_shop",
                                        "star_upgrade_4",    "star_upgrade_5",
                                        "straight_to_5_star"};
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        CHECK(support_policy_kind(p, kinds[i]) != NULL);
        if (support_policy_kind(p, kinds[i]) == NULL)
            fprintf(stderr, "    kind %s\n", kinds[i]);
    }
    /* The amounts domain.md reports, as data. */
    static const struct {
        const char *kind;
        int share;
        enum support_per per;
        long long cap;
    } amounts[] = {
        {"equipment", 50, SUPPORT_PER_FACILITY, 300000000},
        {"packaging_label_design", 100, SUPPORT_PER_PRODUCT, 10000000},
        {"product_story", 100, SUPPORT_PER_PRODUCT, 10000000},
        {"ocop_shop", -1, SUPPORT_PER_FACILITY, 50000000},
        {"star_upgrade_4", -1, SUPPORT_PER_PRODUCT, 5000000},
        {"star_upgrade_5", -1, SUPPORT_PER_PRODUCT, 10000000},
        {"straight_to_5_star", -1, SUPPORT_PER_PRODUCT, 20000000},
    };
    for (size_t i = 0; i < sizeof(amounts) / sizeof(amounts[0]); i++) {
        const struct support_kind *k = support_policy_kind(p, amounts[i].kind);
        CHECK(k != NULL && k->ncaps == 1);
        if (k == NULL || k->ncaps != 1)
            continue;
        CHECK_INT_EQ(k->share_percent, amounts[i].share);
        CHECK_INT_EQ(k->caps[0].per, amounts[i].per);
        CHECK_INT_EQ(k->caps[0].amount_vnd, amounts[i].cap);
    }
    /* Kinds without a sourced amount carry no cap. */
    CHECK_INT_EQ(support_policy_kind(p, "consulting")->ncaps, 0);
    CHECK_INT_EQ(support_policy_kind(p, "trademark")->ncaps, 0);
    char buf[256];
    const struct support_kind *story = support_policy_kind(p, "product_story");
    CHECK_STR_EQ(support_policy_cap_kinds(p, story, &story->caps[0], buf, sizeof(buf)),
                 "{packaging_label_design,product_story}");
    support_policy_set_clean(&set);
}

static void test_parse(void)
{
    static const struct {
        const char *why;
        const char *id;
        const char *from;
        const char *to;
        const char *kinds;
        int ok;
    } cases[] = {
        {"a good one", "p-2021", "2021-03-19", "null", KINDS_OK, 1},
        {"closed", "p-2021", "2021-03-19", "\"2021-03-19\"", KINDS_OK, 1},
        {"ends before it starts", "p-2021", "2021-03-19", "\"2021-03-18\"", KINDS_OK, 0},
        {"no such day", "p-2021", "2021-02-29", "null", KINDS_OK, 0},
        {"bad id", "P 2021", "2021-03-19", "null", KINDS_OK, 0},
        {"no kinds", "p-2021", "2021-03-19", "null", "", 0},
        {"kind twice", "p-2021", "2021-03-19", "null", KINDS_OK "," KINDS_OK, 0},
        {"share 101", "p-2021", "2021-03-19", "null",
         "{\"kind\":\"x1\",\"title\":\"X\",\"subject\":\"product\",\"share_percent\":101,"
         "\"caps\":[]}",
         0},
        {"share 0", "p-2021", "2021-03-19", "null",
         "{\"kind\":\"x1\",\"title\":\"X\",\"subject\":\"product\",\"share_percent\":0,"
         "\"caps\":[]}",
         0},
        {"per district", "p-2021", "2021-03-19", "null",
         "{\"kind\":\"x1\",\"title\":\"X\",\"subject\":\"product\",\"share_percent\":null,"
         "\"caps\":[{\"per\":\"district\",\"amount_vnd\":1,\"period\":\"once\"}]}",
         0},
        {"cap 0", "p-2021", "2021-03-19", "null",
         "{\"kind\":\"x1\",\"title\":\"X\",\"subject\":\"product\",\"share_percent\":null,"
         "\"caps\":[{\"per\":\"product\",\"amount_vnd\":0,\"period\":\"once\"}]}",
         0},
        {"no subject", "p-2021", "2021-03-19", "null",
         "{\"kind\":\"x1\",\"title\":\"X\",\"share_percent\":null,\"caps\":[]}", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct support_policy p;
        char err[512] = "";
        int got = policy_of(&p, cases[i].id, cases[i].from, cases[i].to, cases[i].kinds, err,
                            sizeof(err));
        CHECK_INT_EQ(got, cases[i].ok);
        if (got != cases[i].ok)
            fprintf(stderr, "    %s: %s\n", cases[i].why, err);
        if (got)
            json_decref(p.doc);
    }
}

static void test_versions(void)
{
    struct support_policy_set set;
    struct support_policy a, b, c, d;
    char err[512];
    memset(&set, 0, sizeof(set));
    CHECK(policy_of(&b, "new-2024", "2024-01-01", "null", KINDS_OK, err, sizeof(err)));
    CHECK(policy_of(&a, "old-2021", "2021-03-19", "\"2023-12-31\"", KINDS_OK, err, sizeof(err)));
    CHECK(policy_of(&c, "clash-2023", "2023-12-31", "\"2023-12-31\"", KINDS_OK, err, sizeof(err)));
    CHECK(policy_of(&d, "new-2024", "2019-01-01", "\"2019-12-31\"", KINDS_OK, err, sizeof(err)));
    CHECK_INT_EQ(support_policy_set_add(&set, &b, err, sizeof(err)), 1);
    CHECK_INT_EQ(support_policy_set_add(&set, &a, err, sizeof(err)), 1);
    CHECK_INT_EQ(support_policy_set_add(&set, &c, err, sizeof(err)), 0); /* overlaps old-2021 */
    CHECK_INT_EQ(support_policy_set_add(&set, &d, err, sizeof(err)), 0); /* id taken */
    CHECK_STR_EQ(set.policies[0].id, "old-2021");
    static const struct {
        const char *day;
        const char *id;
    } days[] = {{"2021-03-18", NULL},
                {"2021-03-19", "old-2021"},
                {"2023-12-31", "old-2021"},
                {"2024-01-01", "new-2024"},
                {"2099-01-01", "new-2024"}};
    for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
        const struct support_policy *p = support_policy_in_force(&set, days[i].day);
        CHECK_STR_EQ(p ? p->id : NULL, days[i].id);
    }
    support_policy_set_clean(&set);
}

/* A payment body's checks against p, with today 2026-12-06; returns the error fields. */
static const char *check_payment(const struct support_policy *p, const char *kind, long long amount,
                                 long long eligible, const char *paid_on, const char *product,
                                 const char *trademark, char *codes, size_t len)
{
    struct support_payment_input pay = {PRODUCER_ID, product,      kind,    amount,
                                        eligible,    eligible > 0, paid_on, "QĐ 1/QĐ-UBND",
                                        NULL,        trademark,    NULL};
    const struct support_kind *k = NULL;
    struct oc_v v;
    json_t *body = json_object();
    oc_v_init(&v, body);
    support_payment_check(&v, &pay, p, "2026-12-06", &k);
    static char fields[256];
    snprintf(fields, sizeof(fields), "%s", error_fields(&v));
    codes[0] = '\0';
    for (size_t i = 0, pos = 0; i < json_array_size(v.errors) && pos < len; i++)
        pos += (size_t)snprintf(
            codes + pos, len - pos, "%s%s", i ? "," : "",
            json_string_value(json_object_get(json_array_get(v.errors, i), "code")));
    oc_v_clean(&v);
    json_decref(body);
    return fields;
}

static void test_payment_checks(void)
{
    struct support_policy p;
    char err[512], codes[256];
    CHECK(policy_of(&p, "p-2021", "2021-03-19", "null", KINDS_OK, err, sizeof(err)));
    static const struct {
        const char *why;
        const char *kind;
        long long amount, eligible;
        const char *paid_on, *product, *trademark;
        const char *fields, *codes;
    } cases[] = {
        /* share: equipment pays at most 50% of the eligible cost */
        {"half of the cost", "equipment", 100000000, 200000000, "2026-01-05", NULL, NULL, "", ""},
        {"1 VND over half", "equipment", 100000001, 200000000, "2026-01-05", NULL, NULL,
         "amount_vnd", "share_exceeded"},
        {"odd cost: 50% of 3 is 1.5", "equipment", 1, 3, "2026-01-05", NULL, NULL, "", ""},
        {"odd cost: 2 of 3 is over", "equipment", 2, 3, "2026-01-05", NULL, NULL, "amount_vnd",
         "share_exceeded"},
        {"no eligible cost with a share", "equipment", 1, 0, "2026-01-05", NULL, NULL,
         "eligible_cost_vnd", "required"},
        {"100%: all of it", "packaging_label_design", 8000000, 8000000, "2026-01-05", PRODUCT_ID,
         NULL, "", ""},
        {"no share: the cost given bounds it", "trademark", 5, 4, "2026-01-05", PRODUCT_ID,
         PRODUCER_ID, "amount_vnd", "range"},
        {"no share: at the cost", "trademark", 4, 4, "2026-01-05", PRODUCT_ID, PRODUCER_ID, "", ""},
        /* days */
        {"paid today", "equipment", 1, 2, "2026-12-06", NULL, NULL, "", ""},
        {"paid tomorrow", "equipment", 1, 2, "2026-12-07", NULL, NULL, "paid_on", "range"},
        {"before the policy", "equipment", 1, 2, "2021-03-18", NULL, NULL, "paid_on",
         "not_in_force"},
        /* kinds and what they need */
        {"unknown kind", "bribe", 1, 0, "2026-01-05", NULL, NULL, "kind", "enum"},
        {"per product without one", "product_story", 1, 1, "2026-01-05", NULL, NULL, "product_id",
         "required"},
        {"trademark without the request", "trademark", 1, 0, "2026-01-05", PRODUCT_ID, NULL,
         "trademark_id", "required"},
        {"trademark with it", "trademark", 1, 0, "2026-01-05", PRODUCT_ID, PRODUCER_ID, "", ""},
        {"a trademark on another kind", "product_story", 1, 1, "2026-01-05", PRODUCT_ID,
         PRODUCER_ID, "trademark_id", "not_allowed"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int in_force = strcmp(cases[i].paid_on, "2021-03-19") >= 0;
        const char *fields = check_payment(in_force ? &p : NULL, cases[i].kind, cases[i].amount,
                                           cases[i].eligible, cases[i].paid_on, cases[i].product,
                                           cases[i].trademark, codes, sizeof(codes));
        CHECK_STR_EQ(fields, cases[i].fields);
        CHECK_STR_EQ(codes, cases[i].codes);
        if (strcmp(fields, cases[i].fields) != 0 || strcmp(codes, cases[i].codes) != 0)
            fprintf(stderr, "    case: %s\n", cases[i].why);
    }
    json_decref(p.doc);
}

/* What the database knows of a payment: its plan, product and trademark request. */
static void test_subject_checks(void)
{
#define OTHER_ID "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    static const struct {
        const char *why;
        const char *subject;          /* JSON */
        const char *plan, *trademark; /* the payment's business_plan_id and trademark_id */
        const char *want;             /* field:code, space-separated */
    } cases[] = {
        {"nothing named", "{}", NULL, NULL, ""},
        {"approved plan of the producer and product",
         "{\"plan\": {\"producer_id\": \"" PRODUCER_ID "\", \"product_id\": \"" PRODUCT_ID
         "\", \"status\": \"approved\"}}",
         OTHER_ID, NULL, ""},
        {"a plan without a product fits any product",
         "{\"plan\": {\"producer_id\": \"" PRODUCER_ID "\", \"status\": \"approved\"}}", OTHER_ID,
         NULL, ""},
        {"no such plan", "{}", OTHER_ID, NULL, "business_plan_id:not_found"},
        {"another producer's plan",
         "{\"plan\": {\"producer_id\": \"" OTHER_ID "\", \"status\": \"approved\"}}", OTHER_ID,
         NULL, "business_plan_id:mismatch"},
        {"another product's plan",
         "{\"plan\": {\"producer_id\": \"" PRODUCER_ID "\", \"product_id\": \"" OTHER_ID
         "\", \"status\": \"approved\"}}",
         OTHER_ID, NULL, "business_plan_id:mismatch"},
        {"a plan still submitted",
         "{\"plan\": {\"producer_id\": \"" PRODUCER_ID "\", \"status\": \"submitted\"}}", OTHER_ID,
         NULL, "business_plan_id:status"},
        {"a product of another producer", "{\"product_of_producer\": false}", NULL, NULL,
         "product_id:not_found"},
        {"the trademark request of the product", "{\"trademark_product\": \"" PRODUCT_ID "\"}",
         NULL, OTHER_ID, ""},
        {"no such trademark request", "{}", NULL, OTHER_ID, "trademark_id:not_found"},
        {"another product's trademark request", "{\"trademark_product\": \"" OTHER_ID "\"}", NULL,
         OTHER_ID, "trademark_id:mismatch"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct support_payment_input pay = {
            PRODUCER_ID, PRODUCT_ID,    "trademark",        1,   1, 1, "2026-01-05",
            "1/QĐ-UBND", cases[i].plan, cases[i].trademark, NULL};
        json_t *subject = json_loads(cases[i].subject, 0, NULL);
        json_t *body = json_object();
        struct oc_v v;
        char got[256] = "";
        oc_v_init(&v, body);
        int ok = support_subject_check(&v, &pay, subject);
        for (size_t k = 0, pos = 0; k < json_array_size(v.errors) && pos < sizeof(got); k++) {
            const json_t *e = json_array_get(v.errors, k);
            pos += (size_t)snprintf(got + pos, sizeof(got) - pos, "%s%s:%s", k ? " " : "",
                                    json_string_value(json_object_get(e, "field")),
                                    json_string_value(json_object_get(e, "code")));
        }
        CHECK_STR_EQ(got, cases[i].want);
        CHECK_INT_EQ(ok, cases[i].want[0] == '\0');
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "    case: %s\n", cases[i].why);
        oc_v_clean(&v);
        json_decref(body);
        json_decref(subject);
    }
#undef OTHER_ID
}

static void test_caps(void)
{
    struct support_policy p;
    struct support_room rooms[SUPPORT_ROOMS_MAX];
    struct support_settings none = {0, 0}, both = {500000000, 2000000000};
    char err[512];
    CHECK(policy_of(&p, "p-2021", "2021-03-19", "null", KINDS_OK, err, sizeof(err)));
    const struct support_kind *story = support_policy_kind(&p, "product_story");
    const struct support_kind *tm = support_policy_kind(&p, "trademark");
    CHECK_INT_EQ(support_rooms(&p, story, &none, rooms), 1);
    CHECK_STR_EQ(rooms[0].kinds, "{packaging_label_design,product_story}");
    CHECK_INT_EQ(support_rooms(&p, tm, &none, rooms), 0);
    CHECK_INT_EQ(support_rooms(&p, tm, &both, rooms), 2);
    CHECK_INT_EQ(rooms[0].per, SUPPORT_PER_COMMUNE);
    CHECK_INT_EQ(rooms[1].per, SUPPORT_PER_YEAR);
    CHECK_INT_EQ(rooms[1].from_settings, 1);
    CHECK_INT_EQ(support_rooms(&p, story, &both, rooms), 3);

    /* 10M per product, 4M already paid: 6M passes (exactly at the cap), 6M + 1 VND does not. */
    static const struct {
        long long paid, amount;
        int ok;
    } cases[] = {
        {4000000, 6000000, 1}, {4000000, 6000001, 0}, {0, 10000000, 1},
        {0, 10000001, 0},      {10000000, 1, 0},      {9999999, 1, 1},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct oc_v v;
        json_t *body = json_object();
        support_rooms(&p, story, &none, rooms);
        rooms[0].paid_vnd = cases[i].paid;
        oc_v_init(&v, body);
        int got = support_rooms_judge(&v, cases[i].amount, rooms, 1);
        CHECK_INT_EQ(got, cases[i].ok);
        if (got != cases[i].ok)
            fprintf(stderr, "    paid %lld, amount %lld\n", cases[i].paid, cases[i].amount);
        if (!got) {
            json_t *e = json_array_get(v.errors, 0);
            CHECK_STR_EQ(json_string_value(json_object_get(e, "field")), "amount_vnd");
            CHECK_STR_EQ(json_string_value(json_object_get(e, "code")), "cap_exceeded");
            const char *msg = json_string_value(json_object_get(e, "message"));
            char remaining[64];
            snprintf(remaining, sizeof(remaining), "%lld VND remaining", 10000000 - cases[i].paid);
            CHECK(msg != NULL && strstr(msg, "cap per product of 10000000 VND") != NULL);
            CHECK(msg != NULL && strstr(msg, remaining) != NULL);
        }
        oc_v_clean(&v);
        json_decref(body);
    }
    /* The province-wide caps a year, at their boundary too. */
    support_rooms(&p, tm, &both, rooms);
    rooms[0].paid_vnd = 499999999;
    rooms[1].paid_vnd = 0;
    struct oc_v v;
    json_t *body = json_object();
    oc_v_init(&v, body);
    CHECK_INT_EQ(support_rooms_judge(&v, 1, rooms, 2), 1);
    CHECK_INT_EQ(support_rooms_judge(&v, 2, rooms, 2), 0);
    CHECK_STR_EQ(error_fields(&v), "amount_vnd");
    oc_v_clean(&v);
    json_decref(body);
    json_decref(p.doc);
}

static void test_settings(void)
{
    static const struct {
        const char *commune, *year;
        int ok;
        long long c, y;
    } cases[] = {
        {NULL, NULL, 1, 0, 0},
        {"", "0", 1, 0, 0},
        {"500000000", "1000000000000", 1, 500000000, 1000000000000LL},
        {"1000000000001", NULL, 0, 0, 0},
        {NULL, "-1", 0, 0, 0},
        {"5e8", NULL, 0, 0, 0},
        {" 5", NULL, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct support_settings s;
        char err[256] = "";
        int got = support_settings_parse(cases[i].commune, cases[i].year, &s, err, sizeof(err));
        CHECK_INT_EQ(got, cases[i].ok);
        if (got && cases[i].ok) {
            CHECK_INT_EQ(s.commune_year_cap_vnd, cases[i].c);
            CHECK_INT_EQ(s.year_cap_vnd, cases[i].y);
        }
        if (!got)
            CHECK(strstr(err, "OCOP_SUPPORT_") != NULL);
    }
}

static void test_body(void)
{
    struct oc_v v;
    struct support_payment_input p;
    json_t *body = json_loads("{\"producer_id\":\"x\",\"kind\":\"equipment\",\"amount_vnd\":0,"
                              "\"eligible_cost_vnd\":\"5\",\"paid_on\":\"2026-02-30\","
                              "\"decision_number\":\"\",\"colour\":1}",
                              0, NULL);
    oc_v_init(&v, body);
    CHECK_INT_EQ(support_payment_from_json(&v, &p), 0);
    CHECK_STR_EQ(error_fields(&v),
                 "amount_vnd,colour,decision_number,eligible_cost_vnd,paid_on,producer_id");
    oc_v_clean(&v);
    json_decref(body);
    const char *reason = NULL;
    body = json_loads("{\"reason\":\"Nhầm số tiền\"}", 0, NULL);
    oc_v_init(&v, body);
    CHECK_INT_EQ(support_cancel_from_json(&v, &reason), 1);
    CHECK_STR_EQ(reason, "Nhầm số tiền");
    oc_v_clean(&v);
    json_decref(body);
}

static void test_csv(void)
{
    static const char *const columns[] = {"key", "name", "count", NULL};
    json_t *rows = json_loads("[{\"key\":\"a\",\"name\":\"Hợp tác xã \\\"Dừa\\\", Cầu Kè\","
                              "\"count\":2},{\"key\":{\"id\":\"k\"},\"name\":null}]",
                              0, NULL);
    char *text = support_csv(rows, columns);
    CHECK_STR_EQ(text, "key,name,count\r\na,\"Hợp tác xã \"\"Dừa\"\", Cầu Kè\",2\r\nk,,\r\n");
    free(text);
    json_decref(rows);
}

int main(void)
{
    test_files();
    test_parse();
    test_versions();
    test_payment_checks();
    test_subject_checks();
    test_caps();
    test_settings();
    test_body();
    test_csv();
    TEST_DONE();
}
