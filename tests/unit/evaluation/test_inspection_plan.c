/* The inspection plan's items, the coverage share and market findings: one row per boundary. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "common/validate.h"
#include "evaluation/inspection_plan.h"
#include "evaluation/market_finding.h"
#include "unit/test.h"
#include "unit/test_errors.h"

#define PRODUCT_ID  "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"
#define PRODUCER_ID "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"
#define TODAY       "2025-09-15"

static const struct {
    const char *name;   /* what the case shows */
    const char *body;   /* the item, for 2025 */
    const char *errors; /* the fields in error, "" when valid */
    const char *code;   /* the code of the first field in error */
} items[] = {
    {"a product, the whole year",
     "{\"product_id\":\"" PRODUCT_ID "\",\"planned_from\":\"2025-01-01\",\"planned_to\":"
     "\"2025-12-31\",\"inspecting_body\":\"Sở "
     "NN&MT\",\"place\":\"facility\",\"kind\":\"periodic\"}",
     "", NULL},
    {"a producer's facility, one day",
     "{\"producer_id\":\"" PRODUCER_ID "\",\"planned_from\":\"2025-06-01\",\"planned_to\":"
     "\"2025-06-01\",\"inspecting_body\":\"Sở NN&MT\",\"place\":\"market\",\"kind\":\"surprise\","
     "\"note\":\"chợ Trà Vinh\"}",
     "", NULL},
    {"a window starting the year before",
     "{\"product_id\":\"" PRODUCT_ID "\",\"planned_from\":\"2024-12-31\",\"planned_to\":"
     "\"2025-01-31\",\"inspecting_body\":\"Sở "
     "NN&MT\",\"place\":\"facility\",\"kind\":\"periodic\"}",
     "planned_from", "range"},
    {"a window ending the year after",
     "{\"product_id\":\"" PRODUCT_ID "\",\"planned_from\":\"2025-12-01\",\"planned_to\":"
     "\"2026-01-01\",\"inspecting_body\":\"Sở "
     "NN&MT\",\"place\":\"facility\",\"kind\":\"periodic\"}",
     "planned_to", "range"},
    {"a window backwards",
     "{\"product_id\":\"" PRODUCT_ID "\",\"planned_from\":\"2025-06-02\",\"planned_to\":"
     "\"2025-06-01\",\"inspecting_body\":\"Sở "
     "NN&MT\",\"place\":\"facility\",\"kind\":\"periodic\"}",
     "planned_to", "order"},
    {"both a product and a producer",
     "{\"product_id\":\"" PRODUCT_ID "\",\"producer_id\":\"" PRODUCER_ID "\",\"planned_from\":"
     "\"2025-06-01\",\"planned_to\":\"2025-06-30\",\"inspecting_body\":\"Sở NN&MT\",\"place\":"
     "\"facility\",\"kind\":\"periodic\"}",
     "producer_id", "not_allowed"},
    {"neither, and everything else wrong",
     "{\"planned_from\":\"2025-02-30\",\"inspecting_body\":\"S\",\"place\":\"online\","
     "\"kind\":\"annual\",\"colour\":1}",
     "colour,inspecting_body,kind,place,planned_from,planned_to,product_id", "unknown"},
};

static void test_items(void)
{
    for (size_t c = 0; c < sizeof(items) / sizeof(items[0]); c++) {
        struct oc_v v;
        struct inspection_plan_item_input in;
        json_t *body = json_loads(items[c].body, 0, NULL);
        printf("# %s\n", items[c].name);
        oc_v_init(&v, body);
        int ok = inspection_plan_item_from_json(&v, 2025, &in);
        CHECK_STR_EQ(error_fields(&v), items[c].errors);
        CHECK(ok == (items[c].code == NULL));
        if (items[c].code != NULL) {
            char first[64];
            snprintf(first, sizeof(first), "%s", error_fields(&v));
            first[strcspn(first, ",")] = '\0';
            CHECK_STR_EQ(error_code(&v, first), items[c].code);
        }
        oc_v_clean(&v);
        json_decref(body);
    }
}

static void test_year(void)
{
    static const struct {
        const char *text; /* the path segment */
        int year;         /* expected, 0 when refused */
    } cases[] = {{"2025", 2025}, {"2000", 2000}, {"2999", 2999}, {"1999", 0},
                 {"25", 0},      {"20255", 0},   {"20x5", 0},    {NULL, 0}};
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
        CHECK_INT_EQ(inspection_plan_year(cases[c].text), cases[c].year);
}

static void test_share(void)
{
    static const struct {
        long inspected, valid; /* counts */
        long tenths;           /* expected share in tenths of a percent, -1 for none */
    } cases[] = {{1, 2, 500}, {0, 2, 0},   {2, 2, 1000}, {1, 3, 333},  {2, 3, 667},
                 {1, 16, 63}, {1, 8, 125}, {0, 0, -1},   {1, 1999, 1}, {1, 2001, 0}};
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
        CHECK_INT_EQ(inspection_coverage_tenths(cases[c].inspected, cases[c].valid),
                     cases[c].tenths);
}

static const struct {
    const char *name;   /* what the case shows */
    const char *extra;  /* members added to a valid finding (JSON object) */
    const char *errors; /* the fields in error */
    const char *code;   /* the code of the first, or NULL */
} findings[] = {
    {"the mark shown, no stars", "{}", "", NULL},
    {"stars claimed without the mark", "{\"ocop_mark_shown\":false,\"stars_claimed\":4}", "", NULL},
    {"neither mark nor stars", "{\"ocop_mark_shown\":false}", "ocop_mark_shown", "inconsistent"},
    {"stars 0", "{\"stars_claimed\":0}", "stars_claimed", "range"},
    {"stars 6", "{\"stars_claimed\":6}", "stars_claimed", "range"},
    {"stars 5", "{\"stars_claimed\":5}", "", NULL},
    {"found today", "{\"found_on\":\"2025-09-15\"}", "", NULL},
    {"found tomorrow", "{\"found_on\":\"2025-09-16\"}", "found_on", "future"},
    {"a commune code of 4 digits", "{\"commune_code\":\"2934\"}", "commune_code", "too_short"},
    {"the mark as text", "{\"ocop_mark_shown\":\"yes\"}", "ocop_mark_shown", "type"},
};

static void test_findings(void)
{
    for (size_t c = 0; c < sizeof(findings) / sizeof(findings[0]); c++) {
        struct oc_v v;
        struct market_finding_input in;
        json_t *body =
            json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:s,s:s,s:s}", "found_on", "2025-09-10", "place",
                      "Chợ Trà Vinh, sạp 12", "commune_code", "29242", "product_name",
                      "Mật hoa dừa", "producer_name", "Công ty TNHH Dừa Xanh", "ocop_mark_shown", 1,
                      "evidence_notes", "Nhãn in logo OCOP 4 sao", "action_taken",
                      "Lập biên bản, yêu cầu gỡ nhãn", "inspecting_body", "Quản lý thị trường");
        json_t *extra = json_loads(findings[c].extra, 0, NULL);
        json_object_update(body, extra);
        printf("# %s\n", findings[c].name);
        oc_v_init(&v, body);
        int ok = market_finding_from_json(&v, TODAY, &in);
        CHECK_STR_EQ(error_fields(&v), findings[c].errors);
        CHECK(ok == (findings[c].code == NULL));
        if (findings[c].code != NULL)
            CHECK_STR_EQ(error_code(&v, findings[c].errors), findings[c].code);
        oc_v_clean(&v);
        json_decref(extra);
        json_decref(body);
    }
}

int main(void)
{
    test_items();
    test_year();
    test_share();
    test_findings();
    TEST_DONE();
}
