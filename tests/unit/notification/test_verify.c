/* The public face's rules: status today, words and colours, escaping, the page, QR codes, open
 * data. */
#include <stdlib.h>
#include <string.h>

#include "notification/open_data.h"
#include "notification/qr.h"
#include "notification/verify.h"
#include "notification/verify_page.h"
#include "unit/test.h"

static void test_status_on(void)
{
    /* valid far from expiry stays valid; within 90 days it is expiring; after, expired */
    CHECK_STR_EQ(verify_status_on("valid", "2028-08-01", "2025-09-15", 90), "valid");
    CHECK_STR_EQ(verify_status_on("valid", "2025-12-14", "2025-09-15", 90), "expiring");
    CHECK_STR_EQ(verify_status_on("valid", "2025-12-15", "2025-09-15", 90), "valid");
    CHECK_STR_EQ(verify_status_on("valid", "2025-09-15", "2025-09-15", 90), "expiring");
    CHECK_STR_EQ(verify_status_on("valid", "2025-09-14", "2025-09-15", 90), "expired");
    CHECK_STR_EQ(verify_status_on("expiring", "2025-09-14", "2025-09-15", 90), "expired");
    CHECK_STR_EQ(verify_status_on("expiring", "2028-01-01", "2025-09-15", 90), "expiring");
    CHECK_STR_EQ(verify_status_on("valid", "2025-10-01", "2025-09-15", 0), "valid");
    /* a status out of force stays as it is, whatever the dates */
    CHECK_STR_EQ(verify_status_on("revoked", "2028-01-01", "2025-09-15", 90), "revoked");
    CHECK_STR_EQ(verify_status_on("suspended", "2020-01-01", "2025-09-15", 90), "suspended");
    CHECK_STR_EQ(verify_status_on("superseded", "2028-01-01", "2025-09-15", 90), "superseded");
    CHECK_INT_EQ(verify_days_left("2025-10-01", "2025-09-15"), 16);
    CHECK_INT_EQ(verify_days_left("2024-03-01", "2024-02-28"), 2);
}

static void test_words_and_colours(void)
{
    static const char *const want[][3] = {
        {"valid", "Còn hiệu lực", "green"},  {"expiring", "Sắp hết hạn", "amber"},
        {"expired", "Hết hiệu lực", "grey"}, {"suspended", "Tạm đình chỉ", "orange"},
        {"revoked", "Đã thu hồi", "red"},    {"superseded", "Đã được thay thế", "blue"},
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct verify_status *s = verify_status_find(want[i][0]);
        CHECK(s != NULL);
        if (s != NULL) {
            CHECK_STR_EQ(s->words, want[i][1]);
            CHECK_STR_EQ(s->colour_name, want[i][2]);
            CHECK(s->colour[0] == '#' && strlen(s->colour) == 7);
        }
    }
    CHECK(verify_status_find("bogus") == NULL);
    CHECK(verify_status_find(NULL) == NULL);
    CHECK_STR_EQ(verify_level_words("province"), "cấp tỉnh");
    CHECK(strstr(verify_authority("district"), "huyện") != NULL);
    CHECK_STR_EQ(verify_authority("commune"), "");
}

static void test_number(void)
{
    CHECK(verify_number_ok("TV-CN-2025-00001"));
    CHECK(verify_number_ok("12/QD.2025"));
    CHECK(!verify_number_ok(""));
    CHECK(!verify_number_ok(NULL));
    /* printed before the platform: Vietnamese letters, lower case, inner spaces */
    CHECK(verify_number_ok("123/QĐ-UBND"));
    CHECK(verify_number_ok("tv-cn-1"));
    CHECK(verify_number_ok("Số 15/GCN"));
    CHECK(!verify_number_ok(" A"));
    CHECK(!verify_number_ok("A\tB"));
    CHECK(!verify_number_ok("A<script>"));
    CHECK(!verify_number_ok("A&B"));
    CHECK(!verify_number_ok("\xc3\x28"));
    char long_number[66];
    memset(long_number, 'A', 65);
    long_number[65] = '\0';
    CHECK(!verify_number_ok(long_number));
    long_number[64] = '\0';
    CHECK(verify_number_ok(long_number));
}

static void test_url(void)
{
    char *url = verify_url_new("https://ocop.example.vn", "12/TV-2025");
    CHECK_STR_EQ(url, "https://ocop.example.vn/verify/12%2FTV-2025");
    free(url);
    url = verify_url_new("", "TV-CN-2025-00001");
    CHECK_STR_EQ(url, "/verify/TV-CN-2025-00001");
    free(url);
    url = verify_url_new("", "123/QĐ-UBND 2");
    CHECK_STR_EQ(url, "/verify/123%2FQ%C4%90-UBND%202");
    free(url);
}

static void test_escape(void)
{
    char *e = verify_html_escape("<b>\"Tom\" & 'Jerry'</b>");
    CHECK_STR_EQ(e, "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
    free(e);
    e = verify_html_escape(NULL);
    CHECK_STR_EQ(e, "");
    free(e);
    e = verify_html_escape("Bột nghệ");
    CHECK_STR_EQ(e, "Bột nghệ");
    free(e);
}

static json_t *row(const char *status, const char *expires_on, const char *producer)
{
    return json_pack(
        "{s:s,s:s,s:s,s:s?,s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:n}", "number",
        "TV-CN-2025-00001", "product_code", "TV-1", "product_name", "Mứt <dừa> & \"bánh\"",
        "producer_public_name", producer, "stars", 4, "level", "province", "rule_set",
        "qd1489-2025", "decision_number", "15/QĐ-UBND", "issued_on", "2025-08-01", "expires_on",
        expires_on, "status", status, "reason", "Vi phạm <nhãn>", "change_decision", "16/QĐ-UBND",
        "change_decision_date", "2025-09-08", "changed_on", "2025-09-10", "superseded_by");
}

static void test_view_and_page(void)
{
    json_t *r = row("valid", "2028-08-01", "HTX Dừa");
    json_t *v = verify_view(r, "2025-09-15", 90, "https://ocop.example.vn");
    CHECK_STR_EQ(json_string_value(json_object_get(json_object_get(v, "status"), "code")), "valid");
    CHECK_INT_EQ(json_integer_value(json_object_get(v, "days_left")), 1051);
    CHECK(json_is_null(json_object_get(v, "change")));
    CHECK_STR_EQ(json_string_value(json_object_get(v, "verify_url")),
                 "https://ocop.example.vn/verify/TV-CN-2025-00001");
    char *html = verify_page_render(v);
    CHECK(strstr(html, "Còn hiệu lực") != NULL);
    CHECK(strstr(html, "#1b7f3b") != NULL);
    CHECK(strstr(html, "Mứt &lt;dừa&gt; &amp; &quot;bánh&quot;") != NULL);
    CHECK(strstr(html, "<dừa>") == NULL);
    CHECK(strstr(html, "<script") == NULL);
    CHECK(strstr(html, "01/08/2028") != NULL);
    CHECK(strstr(html, "Lý do") == NULL);
    free(html);
    json_decref(v);
    json_decref(r);

    r = row("revoked", "2028-08-01", NULL);
    v = verify_view(r, "2025-09-15", 90, "http://x");
    CHECK(json_is_null(json_object_get(v, "days_left")));
    CHECK(json_is_null(json_object_get(json_object_get(v, "producer"), "public_name")));
    CHECK_STR_EQ(json_string_value(json_object_get(json_object_get(v, "change"), "reason")),
                 "Vi phạm <nhãn>");
    html = verify_page_render(v);
    CHECK(strstr(html, "Đã thu hồi") != NULL);
    CHECK(strstr(html, "Vi phạm &lt;nhãn&gt;") != NULL);
    CHECK(strstr(html, "08/09/2025") != NULL && strstr(html, "10/09/2025") != NULL);
    CHECK(strstr(html, "tên không công bố") != NULL);
    free(html);
    json_decref(v);
    json_decref(r);

    html = verify_page_not_found("<X>\"");
    CHECK(strstr(html, "Không tìm thấy giấy chứng nhận số &lt;X&gt;&quot;") != NULL);
    free(html);
}

static void test_qr(void)
{
    char *svg = qr_svg("http://127.0.0.1:8084/verify/TV-CN-2025-00001");
    CHECK(svg != NULL && strncmp(svg, "<?xml", 5) == 0);
    CHECK(svg != NULL && strstr(svg, "</svg>") != NULL);
    free(svg);
    CHECK(qr_svg("") == NULL);
    unsigned char *png = NULL;
    size_t len = 0;
    CHECK_INT_EQ(qr_png("http://127.0.0.1:8084/verify/TV-CN-2025-00001", 4, &png, &len), 0);
    CHECK(len > 33 && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
    if (len > 24) {
        /* IHDR width: (modules + 8) * 4, modules = 17 + 4 * version */
        unsigned w =
            (unsigned)png[16] << 24 | (unsigned)png[17] << 16 | (unsigned)png[18] << 8 | png[19];
        CHECK(w % 4 == 0 && (w / 4 - 8 - 17) % 4 == 0);
    }
    free(png);
    CHECK_INT_EQ(qr_png("x", 0, &png, &len), -1);
    CHECK_INT_EQ(qr_png("x", QR_PNG_SIZE_MAX + 1, &png, &len), -1);
}

static void test_open_data(void)
{
    char *c = open_data_csv_cell("a,\"b\"\r\nc");
    CHECK_STR_EQ(c, "\"a,\"\"b\"\"\r\nc\"");
    free(c);
    c = open_data_csv_cell("plain");
    CHECK_STR_EQ(c, "plain");
    free(c);
    json_t *rows =
        json_pack("[{s:s,s:s,s:s,s:n,s:i,s:s}]", "number", "N-1", "product_code", "P,1",
                  "product_name", "Trà", "producer_public_name", "stars", 3, "phone", "0909000000");
    char *csv = open_data_render(open_data_file_find("products.csv"), rows, "2025-09-15", "CC");
    CHECK(strncmp(csv, "number,product_code,product_name,producer_public_name,", 54) == 0);
    CHECK(strstr(csv, "N-1,\"P,1\",Trà,,,,3,") != NULL);
    CHECK(strstr(csv, "0909") == NULL);
    free(csv);
    char *js = open_data_render(open_data_file_find("products.json"), rows, "2025-09-15", "CC");
    json_t *doc = json_loads(js, 0, NULL);
    json_t *item = json_array_get(json_object_get(doc, "items"), 0);
    CHECK(json_object_get(item, "phone") == NULL);
    CHECK(json_is_null(json_object_get(item, "producer_public_name")));
    CHECK_INT_EQ(json_object_size(item), 12);
    CHECK_STR_EQ(json_string_value(json_object_get(doc, "licence")), "CC");
    json_decref(doc);
    free(js);
    json_decref(rows);
    CHECK(open_data_file_find("products.xml") == NULL);
    json_t *dict = open_data_dictionary();
    CHECK_INT_EQ(json_array_size(json_object_get(dict, "revocations")), 6);
    json_decref(dict);
}

int main(void)
{
    test_status_on();
    test_words_and_colours();
    test_number();
    test_escape();
    test_url();
    test_view_and_page();
    test_qr();
    test_open_data();
    TEST_DONE();
}
