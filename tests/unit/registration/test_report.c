/*
 * Plans by period and the year-end report: targets per locality and their
 * date rules, period ids and bodies, percentage targets, the report's title,
 * grouping and format, the HTML escaper, and the report as HTML and CSV.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/validate.h"
#include "registration/plan.h"
#include "registration/recognition.h"
#include "registration/render.h"
#include "registration/report.h"
#include "unit/test.h"

/* The fields of errors in order, joined with ",". */
static const char *fields(const json_t *errors)
{
    static char out[256];
    size_t pos = 0;
    out[0] = '\0';
    for (size_t i = 0; i < json_array_size(errors); i++)
        pos += (size_t)snprintf(
            out + pos, sizeof(out) - pos, "%s%s", i ? "," : "",
            json_string_value(json_object_get(json_array_get(errors, i), "field")));
    return out;
}

static void test_locality_rule(void)
{
    static const struct {
        int year;
        enum plan_locality_kind kind;
        const char *code; /* NULL: allowed */
    } cases[] = {
        {2022, PLAN_LOCALITY_PROVINCE, NULL},
        {2030, PLAN_LOCALITY_PROVINCE, NULL},
        {2024, PLAN_LOCALITY_DISTRICT, NULL},        /* the last year ending before 2025-07-01 */
        {2025, PLAN_LOCALITY_DISTRICT, "abolished"}, /* the merger's year */
        {2026, PLAN_LOCALITY_DISTRICT, "abolished"},
        {2024, PLAN_LOCALITY_COMMUNE, "mismatch"}, /* before the merger: by district */
        {2025, PLAN_LOCALITY_COMMUNE, NULL},
        {2030, PLAN_LOCALITY_COMMUNE, NULL},
        {2026, PLAN_LOCALITY_COMMUNE_FORMER, "abolished"}, /* not a current unit */
        {2022, PLAN_LOCALITY_COMMUNE_FORMER, "abolished"},
        {2026, PLAN_LOCALITY_UNKNOWN, "not_found"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *errors = plan_locality_errors(cases[i].year, cases[i].kind);
        json_t *e = json_array_get(errors, 0);
        CHECK_STR_EQ(json_string_value(json_object_get(e, "code")), cases[i].code);
        if (cases[i].code != NULL) {
            CHECK_INT_EQ(json_array_size(errors), 1);
            CHECK_STR_EQ(json_string_value(json_object_get(e, "field")), "locality");
            CHECK(json_string_length(json_object_get(e, "message")) > 0);
        }
        json_decref(errors);
    }
    static const struct {
        const char *s;
        int ok;
    } shapes[] = {{NULL, 1},   {"", 1},    {"845", 1},    {"29341", 1}, {"84", 0},
                  {"2934", 0}, {"8a5", 0}, {"293410", 0}, {" 845", 0},  {"845\n", 0}};
    for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
        CHECK_INT_EQ(plan_locality_shape(shapes[i].s), shapes[i].ok);
}

static void test_period_ids(void)
{
    static const struct {
        const char *id;
        int ok, first, last;
    } cases[] = {
        {"2022-2025", 1, 2022, 2025},
        {"2026-2030", 1, 2026, 2030},
        {"2025-2025", 1, 2025, 2025},
        {"2022-2031", 1, 2022, 2031}, /* ten years: the longest */
        {"2022-2032", 0, 0, 0},       /* eleven */
        {"2025-2022", 0, 0, 0},
        {"1999-2001", 0, 0, 0},
        {"2099-2101", 0, 0, 0},
        {"2022_2025", 0, 0, 0},
        {"2022-25", 0, 0, 0},
        {"2022-2025x", 0, 0, 0},
        {NULL, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int first = 0, last = 0;
        CHECK_INT_EQ(plan_period_id(cases[i].id, &first, &last), cases[i].ok);
        if (cases[i].ok) {
            CHECK_INT_EQ(first, cases[i].first);
            CHECK_INT_EQ(last, cases[i].last);
        }
    }
}

static void test_period_body(void)
{
    struct oc_v v;
    struct plan_period_put p;
    json_t *body = json_pack("{s:s,s:s,s:b}", "title", "Chương trình OCOP giai đoạn 2026 – 2030",
                             "basis", "Chưa có văn bản", "sourced", 0);
    oc_v_init(&v, body);
    CHECK_INT_EQ(plan_period_from_json(&v, "2026-2030", &p), 1);
    CHECK_STR_EQ(p.id, "2026-2030");
    CHECK_INT_EQ(p.first_year, 2026);
    CHECK_INT_EQ(p.last_year, 2030);
    CHECK_INT_EQ(p.sourced, 0);
    CHECK(p.note == NULL);
    oc_v_clean(&v);
    json_decref(body);

    body = json_pack("{s:i,s:s,s:s,s:i}", "title", 5, "basis", "KH", "sourced", "yes", "extra", 1);
    oc_v_init(&v, body);
    CHECK_INT_EQ(plan_period_from_json(&v, "2030-2026", &p), 0);
    CHECK_STR_EQ(fields(v.errors), "id,extra,title,basis,sourced");
    oc_v_clean(&v);
    json_decref(body);

    body = json_pack("{s:s,s:s}", "title", "Giai đoạn", "basis", "Kế hoạch");
    oc_v_init(&v, body);
    CHECK_INT_EQ(plan_period_from_json(&v, "2022-2025", &p), 0);
    CHECK_STR_EQ(fields(v.errors), "sourced");
    oc_v_clean(&v);
    json_decref(body);
}

static void test_target_at(void)
{
    static const struct {
        const char *indicator;
        long long target;
        const char *locality;
        const char *errors; /* "" when valid */
    } cases[] = {
        {"inspection_coverage_percent", 100, "", ""},
        {"inspection_coverage_percent", 101, "", "target"}, /* a percentage is a percentage */
        {"inspection_coverage_percent", 0, "29341", ""},
        {"products_3star_plus", 101, NULL, ""},     /* a count may exceed 100 */
        {"products_3star_plus", 1000000, NULL, ""}, /* up to a million */
        {"products_3star_plus", 1000001, NULL, "target"},
        {"support_paid_vnd", 1000000000, NULL, ""},     /* an amount in VND is larger */
        {"support_paid_vnd", 10000000000000LL, "", ""}, /* up to 10^13 đồng */
        {"support_paid_vnd", 10000000000001LL, "", "target"},
        {"potential_5_star", 7, "845", ""},
        {"products_3star_plus", 27, "84", "locality"},
        {"products_3star_plus", 27, "8450", "locality"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct oc_v v;
        struct plan_target_put t;
        json_t *body =
            json_pack("{s:I,s:s}", "target", (json_int_t)cases[i].target, "basis", "Kế hoạch");
        oc_v_init(&v, body);
        CHECK_INT_EQ(
            plan_target_at_from_json(&v, "2026", cases[i].indicator, cases[i].locality, &t),
            cases[i].errors[0] == '\0');
        CHECK_STR_EQ(fields(v.errors), cases[i].errors);
        CHECK_STR_EQ(t.locality, cases[i].locality ? cases[i].locality : "");
        oc_v_clean(&v);
        json_decref(body);
    }
    CHECK_STR_EQ(plan_progress_status(1, 80, 1, 79.9), "below_target");
    CHECK_STR_EQ(plan_progress_status(1, 80, 1, 80.0), "met");
    CHECK_STR_EQ(plan_progress_status(1, 80, 0, 0), "not_yet_known");
}

static void test_title_and_grouping(void)
{
    static const struct {
        const char *from, *to;
        int partial;
        const char *title;
    } cases[] = {
        {"2022-01-01", "2022-12-31", 0, "Báo cáo tổng kết Chương trình OCOP năm 2022"},
        {"2022-01-01", "2022-06-30", 1, "Báo cáo sơ kết Chương trình OCOP năm 2022"},
        {"2022-01-02", "2022-12-31", 1, "Báo cáo sơ kết Chương trình OCOP năm 2022"},
        {"2022-01-01", "2022-12-30", 1, "Báo cáo sơ kết Chương trình OCOP năm 2022"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct statistics_period p = {2022, "", ""};
        char title[128];
        memcpy(p.from, cases[i].from, 11);
        memcpy(p.to, cases[i].to, 11);
        CHECK_INT_EQ(report_is_partial(&p), cases[i].partial);
        report_title(&p, title, sizeof(title));
        CHECK_STR_EQ(title, cases[i].title);
    }
    CHECK_INT_EQ(report_by_district(2024), 1);
    CHECK_INT_EQ(report_by_district(2025), 0);
    CHECK_INT_EQ(report_by_district(2030), 0);
}

static void test_format(void)
{
    static const struct {
        const char *accept;
        enum report_format format;
    } cases[] = {
        {NULL, REPORT_JSON},
        {"*/*", REPORT_JSON},
        {"application/json", REPORT_JSON},
        {"text/html", REPORT_HTML},
        {"text/csv", REPORT_CSV},
        {"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", REPORT_HTML},
        {"application/json, text/html;q=0.5", REPORT_JSON},
        {"text/csv;q=0.4, text/html;q=0.3", REPORT_CSV},
        {"text/*", REPORT_HTML},
        {"image/png", REPORT_JSON},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        CHECK_INT_EQ(report_format_of(cases[i].accept), cases[i].format);
}

static void test_escape(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"Mật hoa dừa", "Mật hoa dừa"},
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"A & B \"C\" 'D'", "A &amp; B &quot;C&quot; &#39;D&#39;"},
        {"&amp;", "&amp;amp;"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct render_buf b = {NULL, 0, 0};
        render_puts(&b, "");
        render_html(&b, cases[i].in);
        CHECK_STR_EQ(b.text, cases[i].out);
        free(b.text);
    }
}

/* A report of 2022's first half with a product whose name holds markup. */
static json_t *sample(void)
{
    struct statistics_period p = {2022, "2022-01-01", "2022-06-30"};
    json_t *indicators = json_pack(
        "[{s:s,s:s,s:i,s:i,s:s,s:i,s:s},{s:s,s:s,s:f,s:n,s:s,s:n,s:s},"
        "{s:s,s:s,s:I,s:n,s:s,s:n,s:s}]",
        "indicator", "products_3star_plus", "title", "Sản phẩm đạt 3 sao trở lên", "target", 27,
        "actual", 2, "status", "below_target", "target_year", 2022, "basis", "Kế hoạch 43/KH-UBND",
        "indicator", "inspection_coverage_percent", "title", "Tỷ lệ kiểm tra", "actual", 66.7,
        "target", "status", "no_target", "target_year", "basis", "", "indicator",
        "support_paid_vnd", "title", "Kinh phí hỗ trợ", "actual", (json_int_t)8000000, "target",
        "status", "no_target", "target_year", "basis", "");
    json_t *figures =
        json_pack("{s:i,s:[{s:s,s:s,s:i}],s:[{s:s,s:i}],s:[{s:i,s:i}],s:[{s:s,s:i}],"
                  "s:[{s:s,s:s,s:i,s:s,s:s,s:s,s:s}],s:[]}",
                  "in_period", 1, "by_locality", "key", "846", "name", "Huyện Tiểu Cần", "count", 1,
                  "by_sector", "key", "I", "count", 1, "by_stars", "key", 4, "count", 1, "by_kind",
                  "key", "new", "count", 1, "recognised", "code", "TV-0001", "name",
                  "<script>alert(1)</script> Mật \"hoa\" dừa, 500g", "stars", 4, "kind", "new",
                  "certificate_number", "TV-CN-2022-01", "recognised_on", "2022-06-01", "level",
                  "province", "revoked");
    return report_document(&p, NULL, indicators, figures);
}

static void test_document(void)
{
    json_t *doc = sample();
    CHECK_STR_EQ(json_string_value(json_object_get(doc, "kind")), "so_ket");
    CHECK_STR_EQ(json_string_value(json_object_get(doc, "locality_grouping")), "legacy_district");
    CHECK(json_is_null(json_object_get(doc, "locality")));
    CHECK_INT_EQ(json_array_size(json_object_get(doc, "recognised")), 1);

    char *html = report_html(doc);
    CHECK(strstr(html, "<meta charset=\"utf-8\">") != NULL);
    CHECK(strstr(html, "<h1>Báo cáo sơ kết Chương trình OCOP năm 2022</h1>") != NULL);
    CHECK(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; Mật &quot;hoa&quot; dừa, 500g") !=
          NULL);
    CHECK(strstr(html, "<script") == NULL);
    CHECK(strstr(html, "http") == NULL); /* no external resource */
    CHECK(strstr(html, "@media print") != NULL);
    CHECK(strstr(html, "01/06/2022") != NULL);
    CHECK(strstr(html, "Huyện Tiểu Cần (846)") != NULL);
    CHECK(strstr(html, "Chưa đạt") != NULL);
    CHECK(strstr(html, "66,7") != NULL);      /* a decimal comma */
    CHECK(strstr(html, "8.000.000") != NULL); /* thousands grouped by dots */
    CHECK(strstr(html, ">27<") != NULL);      /* small numbers as they are */
    free(html);

    char *csv = report_csv(doc);
    CHECK(strncmp(csv, "section,key,value\r\n", 19) == 0);
    CHECK(strstr(csv, "report,kind,so_ket\r\n") != NULL);
    CHECK(strstr(csv, "target,products_3star_plus,27\r\n") != NULL);
    CHECK(strstr(csv, "actual,inspection_coverage_percent,66.7\r\n") != NULL);
    CHECK(strstr(csv, "by_locality,846,1\r\n") != NULL);
    CHECK(strstr(csv, "recognised.1,name,\"<script>alert(1)</script> Mật \"\"hoa\"\" dừa, "
                      "500g\"\r\n") != NULL);
    CHECK(strstr(csv, "recognised.1,certificate_number,TV-CN-2022-01\r\n") != NULL);
    free(csv);
    json_decref(doc);
}

static void test_inspection_event(void)
{
    static const struct {
        const char *data;
        int ok;
        const char *outcome;
        int listed; /* outcomes kept as sent */
    } cases[] = {
        {"{\"inspection_id\":\"i1\",\"product_id\":\"0b7c6d1e-0000-4000-8000-000000000001\","
         "\"inspected_on\":\"2024-03-01\",\"outcome\":\"compliant\"}",
         1, "compliant", 0},
        {"{\"inspection_id\":\"i2\",\"product_id\":\"0b7c6d1e-0000-4000-8000-000000000001\","
         "\"inspected_on\":\"2024-03-01\",\"outcomes\":[\"fine\",\"recall\"]}",
         1, "fine", 1},
        {"{\"inspection_id\":\"i3\",\"product_id\":\"0b7c6d1e-0000-4000-8000-000000000001\","
         "\"inspected_on\":\"2023-02-29\",\"outcome\":\"compliant\"}",
         0, NULL, 0},
        {"{\"inspection_id\":\"i4\",\"product_id\":\"0b7c6d1e-0000-4000-8000-000000000001\","
         "\"outcome\":\"compliant\"}",
         0, NULL, 0},
        {"{\"inspection_id\":\"i5\",\"product_id\":\"0b7c6d1e-0000-4000-8000-000000000001\","
         "\"inspected_on\":\"2024-03-01\",\"outcomes\":[1]}",
         0, NULL, 0},
        {"{\"product_id\":\"0b7c6d1e-0000-4000-8000-000000000001\","
         "\"inspected_on\":\"2024-03-01\",\"outcome\":\"compliant\"}",
         0, NULL, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct inspection_in in;
        json_t *data = json_loads(cases[i].data, 0, NULL);
        CHECK(data != NULL);
        CHECK_INT_EQ(inspection_from_event(data, &in), cases[i].ok);
        if (cases[i].ok) {
            CHECK_STR_EQ(in.outcome, cases[i].outcome);
            CHECK_INT_EQ(in.outcomes != NULL, cases[i].listed);
        }
        json_decref(data);
    }
}

int main(void)
{
    test_locality_rule();
    test_period_ids();
    test_period_body();
    test_target_at();
    test_title_and_grouping();
    test_format();
    test_escape();
    test_document();
    test_inspection_event();
    TEST_DONE();
}
