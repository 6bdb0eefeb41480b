/* Product rules: QĐ 148 sectors, rule sets and the shape of a new product. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "common/validate.h"
#include "registration/product.h"
#include "unit/test.h"

#define PRODUCER_ID "7d3c0e9a-1f43-4e51-9a7e-2b1c5d8f0a11"

static const char *err_at(const struct oc_v *v, size_t i, const char *member)
{
    return json_string_value(json_object_get(json_array_get(v->errors, i), member));
}

static void test_sectors(void)
{
    static const struct {
        long long set;
        const char *sector;
    } cases[] = {
        {-1, NULL}, {0, NULL},   {1, "I"},    {13, "I"},  {14, "II"},
        {17, "II"}, {18, "III"}, {20, "III"}, {21, "IV"}, {22, "IV"},
        {23, "V"},  {25, "V"},   {26, "VI"},  {27, NULL}, {1000, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        CHECK_STR_EQ(product_sector_of(cases[i].set), cases[i].sector);
        if ((product_sector_of(cases[i].set) == NULL) != (cases[i].sector == NULL))
            fprintf(stderr, "    criteria set %lld\n", cases[i].set);
    }
}

/* The day the tests validate on (QĐ 1489 in force), unless a test says otherwise. */
static const char *today = "2026-12-06";

/* Validates body (stolen by the caller afterwards) into *out, on today. */
static int from_json(struct oc_v *v, json_t *body, struct product_input *out)
{
    oc_v_init(v, body);
    out->today = today;
    return product_from_json(v, out);
}

static void test_defaults(void)
{
    struct oc_v v;
    struct product_input p;
    json_t *body = json_pack("{s:s,s:s,s:i}", "producer_id", PRODUCER_ID, "name",
                             "Mật ong bạc hà Mèo Vạc", "criteria_set", 3);
    CHECK_INT_EQ(from_json(&v, body, &p), 1);
    CHECK_INT_EQ(json_array_size(v.errors), 0);
    CHECK_STR_EQ(p.producer_id, PRODUCER_ID);
    CHECK_STR_EQ(p.name, "Mật ong bạc hà Mèo Vạc");
    CHECK_STR_EQ(p.rule_set, "qd1489-2025"); /* the default: the rule set in force today */
    CHECK_INT_EQ(p.recognised_before_platform, 0);
    CHECK_INT_EQ(p.criteria_set, 3);
    CHECK_STR_EQ(p.sector, "I");
    CHECK(p.legacy_group == NULL && p.description == NULL && p.commune_code == NULL);
    oc_v_clean(&v);
    json_decref(body);

    body = json_pack("{s:s,s:s,s:s,s:s,s:i,s:s}", "producer_id", PRODUCER_ID, "name",
                     "Homestay Bản Lác", "description", "Du lịch cộng đồng", "rule_set",
                     "qd1489-2025", "criteria_set", 26, "commune_code", "04681");
    CHECK_INT_EQ(from_json(&v, body, &p), 1);
    CHECK_STR_EQ(p.sector, "VI");
    CHECK_INT_EQ(p.criteria_set, 26);
    CHECK_STR_EQ(p.description, "Du lịch cộng đồng");
    CHECK_STR_EQ(p.commune_code, "04681");
    oc_v_clean(&v);
    json_decref(body);
}

static void test_legacy(void)
{
    struct oc_v v;
    struct product_input p;
    json_t *body = json_pack("{s:s,s:s,s:s,s:s,s:b}", "producer_id", PRODUCER_ID, "name",
                             "Chè Shan tuyết", "rule_set", "qd1048-2019", "legacy_group", "Đồ uống",
                             "recognised_before_platform", 1);
    CHECK_INT_EQ(from_json(&v, body, &p), 1);
    CHECK_STR_EQ(p.rule_set, "qd1048-2019");
    CHECK_INT_EQ(p.recognised_before_platform, 1);
    CHECK_STR_EQ(p.legacy_group, "Đồ uống");
    CHECK_INT_EQ(p.criteria_set, 0);
    CHECK(p.sector == NULL);
    oc_v_clean(&v);

    /* qd1048-2019 requires legacy_group */
    json_object_del(body, "legacy_group");
    CHECK_INT_EQ(from_json(&v, body, &p), 0);
    CHECK_INT_EQ(json_array_size(v.errors), 1);
    CHECK_STR_EQ(err_at(&v, 0, "field"), "legacy_group");
    CHECK_STR_EQ(err_at(&v, 0, "code"), "required");
    oc_v_clean(&v);

    /* and forbids criteria_set */
    json_object_set_new(body, "legacy_group", json_string("Đồ uống"));
    json_object_set_new(body, "criteria_set", json_integer(14));
    CHECK_INT_EQ(from_json(&v, body, &p), 0);
    CHECK_INT_EQ(json_array_size(v.errors), 1);
    CHECK_STR_EQ(err_at(&v, 0, "field"), "criteria_set");
    CHECK_STR_EQ(err_at(&v, 0, "code"), "not_allowed");
    CHECK(p.sector == NULL);
    oc_v_clean(&v);
    json_decref(body);
}

static void test_errors(void)
{
    struct oc_v v;
    struct product_input p;

    /* legacy_group is forbidden under qd148-2023, explicit or by default */
    json_t *body = json_pack("{s:s,s:s,s:i,s:s}", "producer_id", PRODUCER_ID, "name",
                             "Nước mắm Cát Hải", "criteria_set", 15, "legacy_group", "Thực phẩm");
    CHECK_INT_EQ(from_json(&v, body, &p), 0);
    CHECK_INT_EQ(json_array_size(v.errors), 1);
    CHECK_STR_EQ(err_at(&v, 0, "field"), "legacy_group");
    CHECK_STR_EQ(err_at(&v, 0, "code"), "not_allowed");
    CHECK_STR_EQ(p.sector, "II");
    oc_v_clean(&v);
    json_object_set_new(body, "rule_set", json_string("qd1489-2025"));
    CHECK_INT_EQ(from_json(&v, body, &p), 0);
    CHECK_STR_EQ(err_at(&v, 0, "field"), "legacy_group");
    oc_v_clean(&v);
    json_decref(body);

    /* criteria_set: required, 1..26, an integer */
    static const struct {
        long long set;
        const char *code;
    } sets[] = {{0, "range"}, {27, "range"}, {-5, "range"}};
    for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
        body = json_pack("{s:s,s:s,s:I}", "producer_id", PRODUCER_ID, "name", "Gạo ST25",
                         "criteria_set", (json_int_t)sets[i].set);
        CHECK_INT_EQ(from_json(&v, body, &p), 0);
        CHECK_INT_EQ(json_array_size(v.errors), 1);
        CHECK_STR_EQ(err_at(&v, 0, "field"), "criteria_set");
        CHECK_STR_EQ(err_at(&v, 0, "code"), sets[i].code);
        CHECK(p.sector == NULL);
        oc_v_clean(&v);
        json_decref(body);
    }
    body = json_pack("{s:s,s:s,s:s}", "producer_id", PRODUCER_ID, "name", "Gạo ST25",
                     "criteria_set", "1");
    CHECK_INT_EQ(from_json(&v, body, &p), 0);
    CHECK_STR_EQ(err_at(&v, 0, "code"), "type");
    oc_v_clean(&v);
    json_object_del(body, "criteria_set");
    CHECK_INT_EQ(from_json(&v, body, &p), 0);
    CHECK_STR_EQ(err_at(&v, 0, "field"), "criteria_set");
    CHECK_STR_EQ(err_at(&v, 0, "code"), "required");
    oc_v_clean(&v);
    json_decref(body);

    /* an unknown rule set is one error: no further rule applies */
    body = json_pack("{s:s,s:s,s:s,s:i}", "producer_id", PRODUCER_ID, "name", "Gạo ST25",
                     "rule_set", "qd999-2030", "criteria_set", 3);
    CHECK_INT_EQ(from_json(&v, body, &p), 0);
    CHECK_INT_EQ(json_array_size(v.errors), 1);
    CHECK_STR_EQ(err_at(&v, 0, "field"), "rule_set");
    CHECK_STR_EQ(err_at(&v, 0, "code"), "enum");
    oc_v_clean(&v);
    json_decref(body);

    /* several at once, with the right field names */
    char long_text[4002];
    memset(long_text, 'x', sizeof(long_text) - 1);
    long_text[sizeof(long_text) - 1] = '\0';
    body = json_pack("{s:s,s:s,s:s,s:s,s:i,s:b}", "producer_id",
                     "7D3C0E9A-1F43-4E51-9A7E-2B1C5D8F0A11", "name", "G", "description", long_text,
                     "commune_code", "1234", "criteria_set", 5, "organic", 1);
    CHECK_INT_EQ(from_json(&v, body, &p), 0);
    static const char *const fields[] = {"organic", "producer_id", "name", "description",
                                         "commune_code"};
    static const char *const codes[] = {"unknown", "format", "too_short", "too_long", "too_short"};
    CHECK_INT_EQ(json_array_size(v.errors), 5);
    for (size_t i = 0; i < 5; i++) {
        CHECK_STR_EQ(err_at(&v, i, "field"), fields[i]);
        CHECK_STR_EQ(err_at(&v, i, "code"), codes[i]);
    }
    CHECK_STR_EQ(p.sector, "I"); /* the valid members are still read */
    oc_v_clean(&v);
    json_decref(body);
}

/*
 * New products are registered under the rule set in force that day; a
 * product recognised before the platform is recorded under an old one.
 */
static void test_in_force(void)
{
    static const struct {
        const char *day;      /* today */
        const char *rule_set; /* sent, or NULL */
        int legacy;           /* recognised_before_platform: 1 true, 0 absent, -1 "yes" */
        const char *got;      /* the rule set taken, or NULL when refused */
        const char *code;     /* the error code on rule_set (or the flag), when refused */
    } cases[] = {
        {"2025-07-05", NULL, 0, "qd148-2023", NULL},
        {"2025-07-06", NULL, 0, "qd1489-2025", NULL},
        {"2025-07-05", "qd1489-2025", 0, NULL, "not_in_force"},
        {"2025-07-06", "qd148-2023", 0, NULL, "not_in_force"},
        {"2025-07-06", "qd148-2023", 1, "qd148-2023", NULL},
        {"2026-12-06", "qd1489-2025", 1, "qd1489-2025", NULL},
        {"2026-12-06", "qd26-2026", 1, NULL, "enum"},
        {"2026-12-06", "qd1489-2025", -1, NULL, "type"},
        {"2019-08-20", NULL, 0, NULL, "required"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct oc_v v;
        struct product_input p;
        json_t *body = json_pack("{s:s,s:s,s:i}", "producer_id", PRODUCER_ID, "name", "Bánh tét",
                                 "criteria_set", 6);
        if (cases[i].rule_set != NULL)
            json_object_set_new(body, "rule_set", json_string(cases[i].rule_set));
        if (cases[i].legacy != 0)
            json_object_set_new(body, "recognised_before_platform",
                                cases[i].legacy > 0 ? json_true() : json_string("yes"));
        today = cases[i].day;
        int ok = from_json(&v, body, &p);
        CHECK_INT_EQ(ok, cases[i].got != NULL);
        if (ok)
            CHECK_STR_EQ(p.rule_set, cases[i].got);
        else
            CHECK_STR_EQ(err_at(&v, 0, "code"), cases[i].code);
        if (ok != (cases[i].got != NULL))
            fprintf(stderr, "    case %zu: %s\n", i, ok ? "taken" : err_at(&v, 0, "message"));
        oc_v_clean(&v);
        json_decref(body);
    }
    today = "2026-12-06";
}

int main(void)
{
    test_in_force();
    test_sectors();
    test_defaults();
    test_legacy();
    test_errors();
    TEST_DONE();
}
