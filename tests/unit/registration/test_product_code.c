/* Product code patterns (OCOP_PRODUCT_CODE_PATTERN) and product patches. */
#include "registration/product.h"
#include "unit/test.h"

static void test_patterns(void)
{
    CHECK(product_code_pattern_problem(PRODUCT_CODE_DEFAULT_PATTERN) == NULL);
    CHECK(product_code_pattern_problem("TV{YY}-{SET}-{SEQ:4}") == NULL);
    CHECK(product_code_pattern_problem("{COMMUNE}/{SEQ}") == NULL);
    CHECK(product_code_pattern_problem("OCOP-{YYYY}") != NULL); /* no {SEQ} */
    CHECK(product_code_pattern_problem("ocop-{SEQ}") != NULL);  /* lower case */
    CHECK(product_code_pattern_problem("X-{SEQ:0}") != NULL);   /* width 1..9 */
    CHECK(product_code_pattern_problem("X-{SEQ") != NULL);      /* unclosed */
    CHECK(product_code_pattern_problem("X {SEQ}") != NULL);     /* space */
    CHECK(product_code_pattern_problem("") != NULL);
    /* nine running numbers could make a code of 90 characters */
    CHECK(product_code_pattern_problem(
              "{SEQ:9}{SEQ:9}{SEQ:9}{SEQ:9}{SEQ:9}{SEQ:9}{SEQ:9}{SEQ:9}{SEQ:9}") != NULL);
    CHECK(product_code_pattern_problem("OCOP-TV-{COMMUNE}-{SET}-{YYYY}-{SEQ:9}") == NULL);
}

static void test_format(void)
{
    char buf[64];
    CHECK_INT_EQ(
        product_code_format(buf, sizeof(buf), PRODUCT_CODE_DEFAULT_PATTERN, "2026", 42, "29347", 4),
        0);
    CHECK_STR_EQ(buf, "OCOP-VL-2026-00042"); /* the merged province, not the retired one */
    CHECK_INT_EQ(
        product_code_format(buf, sizeof(buf), "TV{YY}-{SET}-{SEQ:4}", "2026", 7, "29347", 3), 0);
    CHECK_STR_EQ(buf, "TV26-03-0007");
    /* the number is never cut: the 100,000th product keeps all its digits */
    CHECK_INT_EQ(product_code_format(buf, sizeof(buf), "{SEQ:5}", "2026", 123456, "29347", 0), 0);
    CHECK_STR_EQ(buf, "123456");
    CHECK_INT_EQ(
        product_code_format(buf, sizeof(buf), "{COMMUNE}-{SET}-{SEQ}", "2026", 1, "29242", 0), 0);
    CHECK_STR_EQ(buf, "29242-00-00001");
    CHECK_INT_EQ(product_code_format(buf, 6, "OCOP-TV-{SEQ}", "2026", 1, "29242", 0), -1);
}

static void test_patch(void)
{
    struct oc_v v;
    struct product_patch p;
    json_t *body = json_pack("{s:s,s:n}", "name", "Gạo thơm", "description");
    oc_v_init(&v, body);
    CHECK(product_patch_from_json(&v, &p));
    CHECK_STR_EQ(p.name, "Gạo thơm");
    CHECK_INT_EQ(p.clear_description, 1);
    oc_v_clean(&v);
    json_decref(body);
    body = json_pack("{s:i}", "criteria_set", 3);
    oc_v_init(&v, body);
    CHECK(!product_patch_from_json(&v, &p));
    oc_v_clean(&v);
    json_decref(body);
    body = json_object();
    oc_v_init(&v, body);
    CHECK(!product_patch_from_json(&v, &p));
    oc_v_clean(&v);
    json_decref(body);
}

int main(void)
{
    test_patterns();
    test_format();
    test_patch();
    TEST_DONE();
}
