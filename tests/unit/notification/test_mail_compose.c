/*
 * Mail composition: which events call for which message (one row per case),
 * the values they give the templates, template parsing and rendering (HTML
 * escaping), every shipped template, the RFC 2047 subject and the MIME message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notification/mail_compose.h"
#include "unit/test.h"

#define P1 "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"
#define PR "3f0c8a52-6f1e-4c1b-9d53-0b8f5e7a2c11"
#define CERT                                                                                       \
    "\"certificate_id\":\"b6f1d3a2-7c4e-4b8a-9e2f-0a1b2c3d4e5f\",\"number\":\"TV-CN-2025-00042\"," \
    "\"product_id\":\"" P1 "\",\"product_code\":\"OCOP-TV-2025-00007\",\"stars\":4,"               \
    "\"rule_set\":\"qd1489-2025\",\"level\":\"province\",\"decision_number\":\"1234/QĐ-UBND\","   \
    "\"issued_on\":\"2025-11-20\",\"expires_on\":\"2028-11-20\",\"version\":3"
#define APP                                                                                          \
    "\"application_id\":\"5b9e2c71-3d4a-4f6b-8c2d-1e0f9a8b7c6d\",\"dossier_code\":\"000.00.31."      \
    "H60-"                                                                                           \
    "250305-0001\",\"kind\":\"first_time\",\"product_id\":\"" P1 "\",\"product_code\":\"C-1\","      \
    "\"product_name\":\"Mật hoa dừa\",\"producer_id\":\"" PR "\",\"producer_name\":\"Nguyễn Văn " \
    "A\",\"changed_at\":\"2025-03-12T20:30:00.004Z\""

/* One event and what it must give: -1 invalid, 0 nothing, 1 kind with var = value. */
static const struct {
    const char *type, *data;
    int result;
    int kind;
    const char *var, *value;
} cases[] = {
    {"ocop.evaluation.certificate.expiry_notice.v1",
     "{" CERT ",\"status\":\"expiring\",\"product_name\":\"Mật hoa dừa\",\"days_left\":30}", 1,
     MAIL_CERTIFICATE_EXPIRING, "expires_on", "20/11/2028"},
    {"ocop.evaluation.certificate.expiry_notice.v1",
     "{" CERT ",\"status\":\"expiring\",\"product_name\":\"Mật hoa dừa\",\"days_left\":30}", 1,
     MAIL_CERTIFICATE_EXPIRING, "certificate_number", "TV-CN-2025-00042"},
    {"ocop.evaluation.certificate.expiry_notice.v1", "{" CERT ",\"status\":\"expiring\"}", -1, 0,
     NULL, NULL},
    {"ocop.evaluation.certificate.status_changed.v1",
     "{" CERT ",\"status\":\"revoked\",\"reason\":\"vi sinh\",\"changed_on\":\"2026-11-27\","
     "\"change_decision\":{\"number\":\"99/QĐ-UBND\",\"date\":\"2026-11-27\"}}",
     1, MAIL_CERTIFICATE_REVOKED, "change_decision", "99/QĐ-UBND"},
    {"ocop.evaluation.certificate.status_changed.v1",
     "{" CERT ",\"status\":\"suspended\",\"reason\":\"vi sinh\",\"changed_on\":\"2026-11-27\"}", 1,
     MAIL_CERTIFICATE_SUSPENDED, "reason", "vi sinh"},
    {"ocop.evaluation.certificate.status_changed.v1",
     "{" CERT ",\"status\":\"expired\",\"reason\":null,\"changed_on\":\"2028-11-21\"}", 1,
     MAIL_CERTIFICATE_EXPIRED, "reason", ""},
    {"ocop.evaluation.certificate.status_changed.v1",
     "{" CERT ",\"status\":\"expiring\",\"changed_on\":\"2028-08-22\"}", 0, 0, NULL, NULL},
    {"ocop.evaluation.certificate.status_changed.v1",
     "{" CERT ",\"status\":\"superseded\",\"changed_on\":\"2028-08-22\"}", 0, 0, NULL, NULL},
    {"ocop.registration.application.status_changed.v1", "{" APP ",\"status\":\"accepted\"}", 1,
     MAIL_DOSSIER_ACCEPTED, "changed_on", "13/03/2025"},
    {"ocop.registration.application.status_changed.v1",
     "{" APP ",\"status\":\"supplement_requested\",\"reason\":\"Bổ sung phiếu\"}", 1,
     MAIL_DOSSIER_SUPPLEMENT, "reason", "Bổ sung phiếu"},
    {"ocop.registration.application.status_changed.v1",
     "{" APP ",\"status\":\"supplement_requested\",\"reason\":\"x\"}", 1, MAIL_DOSSIER_SUPPLEMENT,
     "producer_name", NULL},
    {"ocop.registration.application.status_changed.v1", "{" APP ",\"status\":\"processing\"}", 0, 0,
     NULL, NULL},
    {"ocop.evaluation.evaluation.completed.v1",
     "{\"product_id\":\"" P1 "\",\"level\":\"province\",\"score\":78.5,\"stars\":4,"
     "\"outcome\":\"recognised\",\"decision_number\":\"1/QĐ\",\"decided_on\":\"2025-09-01\"}",
     1, MAIL_EVALUATION_RESULT, "score", "78,5"},
    {"ocop.evaluation.evaluation.completed.v1",
     "{\"product_id\":\"" P1 "\",\"level\":\"district\",\"score\":80,\"stars\":4,"
     "\"outcome\":\"recognised\",\"decision_number\":\"1/QĐ\",\"decided_on\":\"2025-09-01\"}",
     1, MAIL_EVALUATION_RESULT, "level", "cấp huyện"},
    {"ocop.evaluation.evaluation.completed.v1",
     "{\"product_id\":\"not-a-uuid\",\"level\":\"district\",\"score\":80,\"stars\":4,"
     "\"outcome\":\"recognised\",\"decision_number\":\"1/QĐ\",\"decided_on\":\"2025-09-01\"}",
     -1, 0, NULL, NULL},
    {"ocop.promotion.participation.changed.v1",
     "{\"product_id\":\"" P1 "\",\"status\":\"registered\",\"from_status\":null,"
     "\"event_name\":\"Hội chợ\",\"starts_on\":\"2026-12-10\"}",
     1, MAIL_PARTICIPATION_ACCEPTED, "starts_on", "10/12/2026"},
    {"ocop.promotion.participation.changed.v1",
     "{\"product_id\":\"" P1 "\",\"status\":\"registered\",\"from_status\":\"registered\"}", 0, 0,
     NULL, NULL},
    {"ocop.promotion.participation.changed.v1",
     "{\"product_id\":\"" P1 "\",\"status\":\"withdrawn\",\"from_status\":\"registered\","
     "\"reason\":\"thu hồi\"}",
     1, MAIL_PARTICIPATION_WITHDRAWN, "reason", "thu hồi"},
    {"ocop.promotion.participation.changed.v1",
     "{\"product_id\":\"" P1 "\",\"status\":\"attended\",\"from_status\":\"registered\"}", 0, 0,
     NULL, NULL},
    {"ocop.registration.product.registered.v1", "{}", 0, 0, NULL, NULL},
};

static void test_cases(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char err[256] = "";
        struct mail_item item;
        json_t *data = json_loads(cases[i].data, 0, NULL);
        CHECK(data != NULL);
        int r = mail_compose(cases[i].type, data, &item, err, sizeof(err));
        CHECK_INT_EQ(r, cases[i].result);
        if (r == 1) {
            CHECK_INT_EQ(item.kind, cases[i].kind);
            CHECK_STR_EQ(item.product_id, P1);
            CHECK_STR_EQ(json_string_value(json_object_get(item.vars, cases[i].var)),
                         cases[i].value);
            /* no personal data from the event reaches the stored values */
            char *text = json_dumps(item.vars, 0);
            CHECK(strstr(text, "Nguyễn") == NULL);
            free(text);
        }
        if (r == -1)
            CHECK(err[0] != '\0');
        if (r != 1 && item.vars != NULL)
            CHECK(0);
        json_decref(item.vars);
        json_decref(data);
    }
}

static void test_kinds(void)
{
    CHECK(mail_kind_mandatory(MAIL_CERTIFICATE_EXPIRING));
    CHECK(mail_kind_mandatory(MAIL_CERTIFICATE_REVOKED));
    CHECK(mail_kind_mandatory(MAIL_DOSSIER_SUPPLEMENT));
    CHECK(!mail_kind_mandatory(MAIL_EVALUATION_RESULT));
    CHECK(!mail_kind_mandatory(MAIL_PARTICIPATION_ACCEPTED));
    CHECK(!mail_kind_to_producer(MAIL_SUBSCRIPTION_PAUSED));
    CHECK_INT_EQ(mail_kind_find("dossier-accepted"), MAIL_DOSSIER_ACCEPTED);
    CHECK_INT_EQ(mail_kind_find("nope"), -1);
}

static void test_templates(void)
{
    struct mail_template t;
    char err[256] = "";
    CHECK_INT_EQ(mail_template_parse("Subject: Hi {{name}}\n\nHello {{name}}, {{n}} {{x}}.\n",
                                     "<p>{{name}}</p>", &t, err, sizeof(err)),
                 0);
    json_t *vars = json_pack("{s:s, s:i}", "name", "<A & \"B\">\nC", "n", 3);
    char *subject = mail_render(t.subject, vars, 0, 1);
    char *text = mail_render(t.text, vars, 0, 0);
    char *html = mail_render(t.html, vars, 1, 0);
    CHECK_STR_EQ(subject, "Hi <A & \"B\"> C");
    CHECK_STR_EQ(text, "Hello <A & \"B\">\nC, 3 .\n");
    CHECK_STR_EQ(html, "<p>&lt;A &amp; &quot;B&quot;&gt;\nC</p>");
    free(subject);
    free(text);
    free(html);
    json_decref(vars);
    mail_template_clean(&t);
    CHECK_INT_EQ(mail_template_parse("Hello\n\nbody", "", &t, err, sizeof(err)), -1);
    CHECK_INT_EQ(mail_template_parse("Subject: x\nbody", "", &t, err, sizeof(err)), -1);
    CHECK_INT_EQ(mail_template_parse("Subject: x\n\n{{Bad}}", "", &t, err, sizeof(err)), -1);
    CHECK_INT_EQ(mail_template_parse("Subject: x\n\nok", "{{open", &t, err, sizeof(err)), -1);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *text = calloc(1, 1 << 20);
    size_t n = fread(text, 1, (1 << 20) - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* Every shipped template parses, and rendered with every value leaves no placeholder. */
static void test_shipped_templates(void)
{
    json_t *vars = json_object();
    const char *names[] = {"producer_name",
                           "product_name",
                           "product_code",
                           "certificate_number",
                           "stars",
                           "decision_number",
                           "expires_on",
                           "days_left",
                           "reason",
                           "change_decision",
                           "changed_on",
                           "dossier_code",
                           "application_kind",
                           "score",
                           "outcome",
                           "level",
                           "decided_on",
                           "event_name",
                           "starts_on",
                           "ends_on",
                           "booth",
                           "subscription_id",
                           "url",
                           "failures",
                           "paused_at"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        json_object_set_new(vars, names[i], json_string("X"));
    for (int k = 0; k < MAIL_KIND_COUNT; k++) {
        char path[1024], err[256] = "";
        struct mail_template t;
        snprintf(path, sizeof(path), "%s/templates/mail/%s.txt", OCOP_TEST_DEFAULT_SCHEMA_DIR,
                 mail_kind_name((enum mail_kind)k));
        char *txt = slurp(path);
        snprintf(path, sizeof(path), "%s/templates/mail/%s.html", OCOP_TEST_DEFAULT_SCHEMA_DIR,
                 mail_kind_name((enum mail_kind)k));
        char *html = slurp(path);
        CHECK(txt != NULL && html != NULL);
        if (txt != NULL && html != NULL &&
            mail_template_parse(txt, html, &t, err, sizeof(err)) == 0) {
            char *s = mail_render(t.subject, vars, 0, 1), *x = mail_render(t.text, vars, 0, 0),
                 *h = mail_render(t.html, vars, 1, 0);
            CHECK(strstr(s, "{{") == NULL && strstr(x, "{{") == NULL && strstr(h, "{{") == NULL);
            CHECK(strstr(h, "<html lang=\"vi\">") != NULL);
            free(s);
            free(x);
            free(h);
            mail_template_clean(&t);
        } else {
            fprintf(stderr, "template %s: %s\n", mail_kind_name((enum mail_kind)k), err);
            CHECK(0);
        }
        free(txt);
        free(html);
    }
    json_decref(vars);
}

static void test_message(void)
{
    char *enc = mail_header_encode("Giấy chứng nhận");
    CHECK_STR_EQ(enc, "=?UTF-8?B?R2nhuqV5IGNo4bupbmcgbmjhuq1u?=");
    free(enc);
    /* a long subject folds into encoded words of at most 75 characters, never inside a
     * character */
    enc = mail_header_encode("[OCOP] Giấy chứng nhận TV-CN-2025-00042 bị thu hồi vì vi phạm "
                             "quy định sử dụng nhãn");
    CHECK(strstr(enc, "\r\n =?UTF-8?B?") != NULL);
    for (char *line = enc; line != NULL;) {
        char *end = strstr(line, "\r\n");
        size_t n = end ? (size_t)(end - line) : strlen(line);
        CHECK(n <= 76);
        line = end ? end + 2 : NULL;
    }
    free(enc);
    CHECK(mail_address_ok("a.b@example.vn"));
    CHECK(!mail_address_ok("a b@example.vn"));
    CHECK(!mail_address_ok("a@example.vn>\r\nBcc: x@y"));
    CHECK(!mail_address_ok("nobody"));
    struct mail_message m = {
        "no-reply@ocop.vn", "OCOP Trà Vinh", "a@b.vn",  "Thư", "dòng 1\ndòng 2\n",
        "<p>ô</p>",         "<1@ocop.vn>",   "ocop-b1", 0};
    char *msg = mail_message_build(&m);
    CHECK(strstr(msg, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n") != NULL);
    CHECK(strstr(msg, "Subject: =?UTF-8?B?VGjGsA==?=\r\n") != NULL);
    CHECK(strstr(msg, "Content-Type: multipart/alternative; boundary=\"ocop-b1\"") != NULL);
    CHECK(strstr(msg, "Message-ID: <1@ocop.vn>\r\n") != NULL);
    /* "dòng 1\r\ndòng 2\r\n" in base64 */
    CHECK(strstr(msg, "ZMOybmcgMQ0KZMOybmcgMg0K") != NULL);
    CHECK(strstr(msg, "--ocop-b1--\r\n") != NULL);
    free(msg);
    char day[16];
    mail_day_vi("2028-11-20", day, sizeof(day));
    CHECK_STR_EQ(day, "20/11/2028");
}

int main(void)
{
    test_cases();
    test_kinds();
    test_templates();
    test_shipped_templates();
    test_message();
    TEST_DONE();
}
