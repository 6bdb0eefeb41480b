/*
 * Certificate rules: number patterns, expiry with end-of-month clamping,
 * status moves, expiry notice offsets and the shape of the requests.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "common/clock.h"
#include "common/date.h"
#include "common/validate.h"
#include "evaluation/certificate.h"
#include "unit/test.h"
#include "unit/test_errors.h"

#define PRODUCT_ID "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"

static void test_number_patterns(void)
{
    static const struct {
        const char *pattern;
        int ok;
    } cases[] = {
        {CERTIFICATE_NUMBER_DEFAULT_PATTERN, 1},
        {"{AGENCY}-OCOP-{YYYY}-{SEQ:5}", 1},
        {"{SEQ}/{YY}/CN-OCOP", 1},
        {"TV-{STARS}S-{YYYY}.{SEQ:9}", 1},
        {"{YYYY}{SEQ:1}", 1},
        {"TV-{YYYY}", 0},          /* no sequence */
        {"TV-{SEQ:4}", 0},         /* no year: the sequence restarts every year */
        {"tv-{YYYY}-{SEQ}", 0},    /* lower case */
        {"TV {YYYY}-{SEQ}", 0},    /* space */
        {"TV-{YYYY}-{SEQ:0}", 0},  /* width 0 */
        {"TV-{YYYY}-{SEQ:10}", 0}, /* width 10 */
        {"TV-{yyyy}-{seq}", 0},    /* tokens are upper case */
        {"TV-{YYYY}-{SEQ}-{COMMUNE}", 0},
        {"", 0},
        {"{AGENCY}{AGENCY}{YYYY}-{SEQ}", 0}, /* 32 + 32 + 4 + 1 + 10 > 64 */
        {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA{YY}{SEQ}", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *problem = certificate_number_pattern_problem(cases[i].pattern);
        CHECK_INT_EQ(problem == NULL, cases[i].ok);
        if ((problem == NULL) != cases[i].ok)
            fprintf(stderr, "    pattern \"%s\": %s\n", cases[i].pattern,
                    problem ? problem : "accepted");
    }
    CHECK(strstr(certificate_number_pattern_problem("TV-{YYYY}"), "{SEQ}") != NULL);
    CHECK(strstr(certificate_number_pattern_problem("TV-{SEQ}"), "{YYYY}") != NULL);
}

static void test_number_format(void)
{
    char buf[CERTIFICATE_NUMBER_MAX + 1];
    CHECK_INT_EQ(certificate_number_format(buf, sizeof(buf), CERTIFICATE_NUMBER_DEFAULT_PATTERN,
                                           "TV", 2025, 42, 4),
                 0);
    CHECK_STR_EQ(buf, "TV-CN-2025-00042");
    certificate_number_format(buf, sizeof(buf), "{AGENCY}-OCOP-{YYYY}-{SEQ:5}", "OCOP.TV", 2019, 1,
                              3);
    CHECK_STR_EQ(buf, "OCOP.TV-OCOP-2019-00001");
    certificate_number_format(buf, sizeof(buf), "{SEQ}/{YY}/CN-OCOP-{STARS}S", "TV", 2026, 7, 5);
    CHECK_STR_EQ(buf, "00007/26/CN-OCOP-5S");
    /* a running number is never cut */
    certificate_number_format(buf, sizeof(buf), "{YYYY}-{SEQ:2}", "TV", 2024, 123456, 3);
    CHECK_STR_EQ(buf, "2024-123456");
    CHECK_INT_EQ(certificate_number_format(buf, 8, "{YYYY}-{SEQ:5}", "TV", 2024, 1, 3), -1);
    CHECK(certificate_agency_ok("OCOP.TV"));
    CHECK(certificate_agency_ok("TV"));
    CHECK(!certificate_agency_ok(""));
    CHECK(!certificate_agency_ok("tv"));
    CHECK(!certificate_agency_ok("TRÀ VINH"));
    CHECK(!certificate_agency_ok("TV-86"));
    CHECK(!certificate_agency_ok("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"));
}

/* issued + months, as text. */
static const char *expiry(const char *issued, long months)
{
    static char buf[16];
    long day;
    if (!oc_date_read(issued, &day))
        return "invalid";
    oc_day_format(certificate_expiry(day, months), buf, sizeof(buf));
    return buf;
}

static void test_expiry(void)
{
    CHECK_STR_EQ(expiry("2022-10-20", 36), "2025-10-20");
    CHECK_STR_EQ(expiry("2023-02-28", 36), "2026-02-28");
    CHECK_STR_EQ(expiry("2020-02-29", 36), "2023-02-28"); /* no 29 February in 2023 */
    CHECK_STR_EQ(expiry("2021-02-28", 36), "2024-02-28"); /* 2024 has one, but the 28th it is */
    CHECK_STR_EQ(expiry("2024-02-29", 48), "2028-02-29");
    CHECK_STR_EQ(expiry("2022-08-31", 6), "2023-02-28");
    CHECK_STR_EQ(expiry("2023-08-31", 6), "2024-02-29");
    CHECK_STR_EQ(expiry("2022-05-31", 1), "2022-06-30");
    CHECK_STR_EQ(expiry("2022-12-31", 36), "2025-12-31");
    CHECK_STR_EQ(expiry("2022-11-30", 2), "2023-01-30");
    CHECK_STR_EQ(expiry("2022-01-31", 1), "2022-02-28");
    CHECK_STR_EQ(expiry("2022-12-15", 12), "2023-12-15");
    CHECK_STR_EQ(expiry("2099-12-31", 1200), "2199-12-31");
    CHECK_STR_EQ(expiry("2023-02-30", 36), "invalid");
    CHECK_STR_EQ(expiry("1899-12-31", 36), "invalid");
}

static void test_statuses(void)
{
    static const struct {
        const char *from, *to;
        int ok;
    } cases[] = {
        {"valid", "expiring", 1},     {"valid", "suspended", 1},      {"valid", "revoked", 1},
        {"valid", "expired", 1},      {"valid", "superseded", 1},     {"expiring", "suspended", 1},
        {"expiring", "revoked", 1},   {"expiring", "expired", 1},     {"expiring", "superseded", 1},
        {"suspended", "valid", 1},    {"suspended", "expiring", 1},   {"suspended", "revoked", 1},
        {"suspended", "expired", 1},  {"suspended", "superseded", 1}, {"expiring", "valid", 0},
        {"valid", "valid", 0},        {"suspended", "suspended", 0},  {"revoked", "valid", 0},
        {"revoked", "expired", 0},    {"expired", "revoked", 1},      {"expired", "valid", 0},
        {"expired", "suspended", 0},  {"expired", "superseded", 0},   {"expired", "expiring", 0},
        {"revoked", "revoked", 0},    {"expired", "expired", 0},      {"superseded", "valid", 0},
        {"superseded", "revoked", 0}, {"valid", "unknown", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = certificate_transition_ok(cases[i].from, cases[i].to);
        CHECK_INT_EQ(got, cases[i].ok);
        if (got != cases[i].ok)
            fprintf(stderr, "    %s -> %s\n", cases[i].from, cases[i].to);
    }
    CHECK(certificate_is_current("valid") && certificate_is_current("expiring") &&
          certificate_is_current("suspended"));
    CHECK(!certificate_is_current("revoked") && !certificate_is_current("superseded"));
    CHECK(certificate_is_final("revoked") && certificate_is_final("superseded"));
    CHECK(!certificate_is_final("suspended"));
    CHECK(!certificate_is_final("expired")); /* it may still be revoked */
    CHECK_STR_EQ(certificate_reinstated_status(0), "valid");
    CHECK_STR_EQ(certificate_reinstated_status(1), "expiring");
}

static void test_notice_days(void)
{
    struct certificate_notice_days nd;
    CHECK(certificate_notice_days_parse("180,90,30", &nd) == NULL);
    CHECK(nd.n == 3 && nd.days[0] == 180 && nd.days[1] == 90 && nd.days[2] == 30);
    CHECK(certificate_notice_days_parse("7,30,365", &nd) == NULL); /* sorted, largest first */
    CHECK(nd.n == 3 && nd.days[0] == 365 && nd.days[1] == 30 && nd.days[2] == 7);
    CHECK(certificate_notice_days_parse("30", &nd) == NULL);
    CHECK(certificate_notice_days_parse("3650,1", &nd) == NULL);
    static const char *const bad[] = {"",
                                      "20,10",
                                      "90,90,30",
                                      "90, 30",
                                      "90,,30",
                                      "0,30",
                                      "3651,30",
                                      "30,",
                                      "-30",
                                      "thirty",
                                      "1,2,3,4,5,6,7,30,40",
                                      "30.5",
                                      "99999"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *problem = certificate_notice_days_parse(bad[i], &nd);
        CHECK(problem != NULL);
        if (problem == NULL)
            fprintf(stderr, "    notice days \"%s\" accepted\n", bad[i]);
    }
    CHECK(certificate_notice_days_parse(NULL, &nd) != NULL);
    CHECK(strstr(certificate_notice_days_parse("20,10", &nd), "30") != NULL);
}

static void test_notice_due(void)
{
    struct certificate_notice_days nd;
    int skipped[CERTIFICATE_NOTICES_MAX];
    certificate_notice_days_parse("180,90,30", &nd);
    long expires = oc_day_of(2025, 10, 20);
    /* nothing due before 180 days */
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires - 181, 0), 0);
    /* each offset on its day, once */
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires - 180, 0), 180);
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires - 179, 180), 0);
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires - 90, 180), 90);
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires - 90, 90), 0);
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires - 30, 90), 30);
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires - 1, 30), 0);
    /* the last day in force still gets the last notice if it was never sent */
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires, 0), 30);
    /* expired: no notice */
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires + 1, 0), 0);
    /* missed while down: only the latest due one, the earlier ones skipped */
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires - 20, 0), 30);
    size_t n = certificate_notice_skipped(&nd, 30, 0, skipped);
    CHECK(n == 2 && skipped[0] == 180 && skipped[1] == 90);
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires - 60, 180), 90);
    n = certificate_notice_skipped(&nd, 90, 180, skipped);
    CHECK_INT_EQ(n, 0);
    CHECK_INT_EQ(certificate_notice_due(&nd, expires, expires - 10, 180), 30);
    n = certificate_notice_skipped(&nd, 30, 180, skipped);
    CHECK(n == 1 && skipped[0] == 90);
}

static void test_record(void)
{
    struct oc_v v;
    struct certificate_record r;
    json_t *body = json_pack("{s:s,s:i,s:s,s:s,s:s,s:s}", "product_id", PRODUCT_ID, "stars", 4,
                             "rule_set", "qd1048-2019", "level", "province", "decision_number",
                             "1234/QĐ-UBND", "issued_on", "2022-10-20");
    oc_v_init(&v, body);
    CHECK(certificate_record_from_json(&v, &r));
    CHECK(r.fields.stars == 4 && r.fields.result_id == NULL && r.fields.application_id == NULL);
    CHECK_STR_EQ(r.fields.issued_on, "2022-10-20");
    CHECK(r.actor == NULL); /* the handler sets the caller's subject */
    oc_v_clean(&v);
    /* the actor is the token's subject: a body naming one is refused */
    json_object_set_new(body, "actor", json_string("Nguyễn Thị Hoa"));
    oc_v_init(&v, body);
    CHECK(!certificate_record_from_json(&v, &r));
    CHECK_STR_EQ(error_fields(&v), "actor");
    CHECK_STR_EQ(error_code(&v, "actor"), "unknown");
    oc_v_clean(&v);
    json_decref(body);

    body = json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:s}", "product_id", "8D2B", "stars", 2,
                     "rule_set", "", "level", "commune", "decision_number", "", "issued_on",
                     "2023-02-29", "application_id", "x", "colour", "xanh");
    oc_v_init(&v, body);
    CHECK(!certificate_record_from_json(&v, &r));
    CHECK_STR_EQ(error_fields(&v),
                 "application_id,colour,decision_number,issued_on,level,product_id,rule_set,"
                 "stars");
    CHECK_STR_EQ(error_code(&v, "stars"), "range");
    CHECK_STR_EQ(error_code(&v, "issued_on"), "format");
    oc_v_clean(&v);
    json_decref(body);

    /* the same checks for a grant that did not come through a body */
    json_t *none = json_object();
    struct certificate_fields f = {PRODUCT_ID,   6,    "qd148-2023", "commune", "1/QĐ",
                                   "2024-02-30", "no", NULL,         NULL};
    oc_v_init(&v, none);
    CHECK(!certificate_fields_check(&v, &f));
    CHECK_STR_EQ(error_fields(&v), "issued_on,level,result_id,stars");
    oc_v_clean(&v);
    struct certificate_fields good = {PRODUCT_ID,   3,    "qd148-2023", "district", "1/QĐ",
                                      "2024-02-29", NULL, PRODUCT_ID,   NULL};
    oc_v_init(&v, none);
    CHECK(certificate_fields_check(&v, &good));
    oc_v_clean(&v);
    struct certificate_fields empty = {NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    oc_v_init(&v, none);
    CHECK(!certificate_fields_check(&v, &empty));
    CHECK_STR_EQ(error_fields(&v), "decision_number,issued_on,level,product_id,rule_set,stars");
    oc_v_clean(&v);
    json_decref(none);
}

static void test_revocation(void)
{
    struct oc_v v;
    struct certificate_why why;
    json_t *body = json_pack("{s:s,s:s,s:s}", "grounds", "food_safety_failure", "decision_number",
                             "99/QĐ-UBND", "decided_on", "2025-09-10");
    oc_v_init(&v, body);
    CHECK(certificate_revocation_from_json(&v, &why));
    CHECK(why.reason == NULL && strcmp(why.grounds, "food_safety_failure") == 0);
    CHECK(why.actor == NULL);
    oc_v_clean(&v);
    json_object_set_new(body, "actor", json_string("Trần Văn Bình"));
    oc_v_init(&v, body);
    CHECK(!certificate_revocation_from_json(&v, &why));
    CHECK_STR_EQ(error_fields(&v), "actor");
    CHECK_STR_EQ(error_code(&v, "actor"), "unknown");
    oc_v_clean(&v);
    json_object_del(body, "actor");
    json_object_set_new(body, "grounds", json_string("other"));
    oc_v_init(&v, body);
    CHECK(!certificate_revocation_from_json(&v, &why));
    CHECK_STR_EQ(error_fields(&v), "reason");
    CHECK_STR_EQ(error_code(&v, "reason"), "required");
    oc_v_clean(&v);
    json_object_set_new(body, "reason", json_string("Cơ sở tự ý thay đổi quy trình"));
    oc_v_init(&v, body);
    CHECK(certificate_revocation_from_json(&v, &why));
    oc_v_clean(&v);
    json_decref(body);

    body = json_pack("{s:s,s:s}", "grounds", "bad_luck", "decided_on", "2025-13-01");
    oc_v_init(&v, body);
    CHECK(!certificate_revocation_from_json(&v, &why));
    CHECK_STR_EQ(error_fields(&v), "decided_on,decision_number,grounds");
    oc_v_clean(&v);
    json_decref(body);
}

static void test_reinstatement(void)
{
    struct oc_v v;
    struct certificate_why why;
    json_t *body = json_pack("{s:s}", "reason", "đã khắc phục");
    oc_v_init(&v, body);
    CHECK(certificate_reinstatement_from_json(&v, &why));
    CHECK(why.decision_number == NULL && why.decided_on == NULL && why.grounds == NULL);
    CHECK(why.actor == NULL);
    oc_v_clean(&v);
    json_object_set_new(body, "actor", json_string("Trần Văn Bình"));
    oc_v_init(&v, body);
    CHECK(!certificate_reinstatement_from_json(&v, &why));
    CHECK_STR_EQ(error_fields(&v), "actor");
    CHECK_STR_EQ(error_code(&v, "actor"), "unknown");
    oc_v_clean(&v);
    json_object_del(body, "actor");
    json_object_set_new(body, "decision_number", json_string("5/QĐ-UBND"));
    oc_v_init(&v, body);
    CHECK(!certificate_reinstatement_from_json(&v, &why));
    CHECK_STR_EQ(error_fields(&v), "decided_on");
    oc_v_clean(&v);
    json_object_set_new(body, "decided_on", json_string("2025-09-12"));
    json_object_set_new(body, "grounds", json_string("other"));
    oc_v_init(&v, body);
    CHECK(!certificate_reinstatement_from_json(&v, &why));
    CHECK_STR_EQ(error_fields(&v), "grounds");
    oc_v_clean(&v);
    json_decref(body);
    body = json_object();
    oc_v_init(&v, body);
    CHECK(!certificate_reinstatement_from_json(&v, &why));
    CHECK_STR_EQ(error_fields(&v), "reason");
    oc_v_clean(&v);
    json_decref(body);
}

static void test_printed_numbers(void)
{
    static const struct {
        const char *number;
        int ok;
    } cases[] = {
        {"123/QĐ-UBND", 1},
        {"OCOP-TV-2022-015", 1},
        {"TV-CN-2025-00042", 1},
        {"Số 15/GCN-OCOP", 1}, /* Vietnamese letters and an inner space */
        {"A", 1},
        {"1234567890123456789012345678901234567890123456789012345678901234", 1},  /* 64 */
        {"ĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐ", 1},  /* 64 chars */
        {"12345678901234567890123456789012345678901234567890123456789012345", 0}, /* 65 */
        {"", 0},
        {" 12/QĐ", 0}, /* untrimmed */
        {"12/QĐ ", 0},
        {"12\t/QĐ", 0}, /* a control character */
        {"12\n34", 0},
        {"12\x7f", 0},
        {"12\xc2\x85", 0}, /* U+0085, a C1 control */
        {"\xc3\x28", 0},   /* not UTF-8 */
        {"\xef\xbb\xbf"
         "12/QĐ",
         0}, /* a byte-order mark left in */
        {"12<b>", 0},
        {"A&B", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *problem = certificate_number_problem(cases[i].number);
        CHECK_INT_EQ(problem == NULL, cases[i].ok);
        if ((problem == NULL) != cases[i].ok)
            fprintf(stderr, "    number \"%s\": %s\n", cases[i].number,
                    problem ? problem : "accepted");
    }
    char out[CERTIFICATE_NUMBER_BYTES];
    CHECK_INT_EQ(certificate_number_trim("  123/QĐ-UBND\t ", out, sizeof(out)), 0);
    CHECK_STR_EQ(out, "123/QĐ-UBND");
    CHECK_INT_EQ(certificate_number_trim("   ", out, sizeof(out)), 0);
    CHECK_STR_EQ(out, "");
    CHECK_INT_EQ(certificate_number_trim("123456789", out, 5), -1);

    /* when the printed number is required: central, or before the platform's start */
    CHECK_STR_EQ(certificate_number_required("central", "2026-03-01", ""), "central");
    CHECK_STR_EQ(certificate_number_required("central", "2026-03-01", "2025-01-01"), "central");
    CHECK_STR_EQ(certificate_number_required("province", "2024-12-31", "2025-01-01"),
                 "before_platform");
    CHECK(certificate_number_required("province", "2025-01-01", "2025-01-01") == NULL);
    CHECK(certificate_number_required("district", "2019-01-01", "") == NULL);
    CHECK(certificate_number_required("province", "2019-01-01", NULL) == NULL);

    /* POST /v1/certificates: the number is trimmed and checked */
    struct oc_v v;
    struct certificate_record r;
    json_t *body = json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s}", "product_id", PRODUCT_ID, "stars", 5,
                             "rule_set", "qd1489-2025", "level", "central", "decision_number",
                             "777/QĐ-TTg", "issued_on", "2025-08-01", "number", "  05/GCN-BNNMT ");
    oc_v_init(&v, body);
    CHECK(certificate_record_from_json(&v, &r));
    CHECK_STR_EQ(r.fields.number, "05/GCN-BNNMT");
    oc_v_clean(&v);
    json_object_set_new(body, "number", json_string(" "));
    oc_v_init(&v, body);
    CHECK(!certificate_record_from_json(&v, &r));
    CHECK_STR_EQ(error_fields(&v), "number");
    CHECK_STR_EQ(error_code(&v, "number"), "format");
    oc_v_clean(&v);
    json_object_set_new(body, "number", json_integer(15));
    oc_v_init(&v, body);
    CHECK(!certificate_record_from_json(&v, &r));
    CHECK_STR_EQ(error_code(&v, "number"), "type");
    oc_v_clean(&v);
    json_object_del(body, "number");
    oc_v_init(&v, body);
    CHECK(certificate_record_from_json(&v, &r)); /* the requirement is checked when issuing */
    CHECK(r.fields.number == NULL);
    oc_v_clean(&v);
    json_decref(body);
}

static void test_revocation_grounds(void)
{
    static const struct {
        const char *from, *grounds;
        int ok;
    } cases[] = {
        {"expired", "not_re_evaluated_in_time", 1},
        {"valid", "not_re_evaluated_in_time", 0},
        {"expiring", "not_re_evaluated_in_time", 0},
        {"suspended", "not_re_evaluated_in_time", 0},
        {"expired", "failed_mandatory_criteria", 1},
        {"valid", "food_safety_failure", 1},
        {"expiring", NULL, 1},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *problem = certificate_revocation_problem(cases[i].from, cases[i].grounds);
        CHECK_INT_EQ(problem == NULL, cases[i].ok);
        if ((problem == NULL) != cases[i].ok)
            fprintf(stderr, "    %s on %s\n", cases[i].from, cases[i].grounds);
    }
}

static void test_suspension_policy(void)
{
    static const struct {
        int allowed, max_days;
        const char *day, *fix_deadline;
        const char *error; /* field named, or "" */
    } cases[] = {
        {1, 0, "2025-09-10", NULL, ""}, /* the default: no limit, no deadline needed */
        {1, 0, "2025-09-10", "2035-01-01", ""},
        {0, 0, "2025-09-10", NULL, "outcome"},
        {0, 90, "2025-09-10", "2025-10-01", "outcome"},
        {1, 90, "2025-09-10", NULL, "fix_deadline"},
        {1, 90, "2025-09-10", "2025-12-09", ""},             /* 90 days */
        {1, 90, "2025-09-10", "2025-12-10", "fix_deadline"}, /* 91 */
        {1, 1, "2024-02-28", "2024-02-29", ""},
    };
    json_t *none = json_object();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct oc_v v;
        struct certificate_suspension_policy p = {cases[i].allowed, cases[i].max_days};
        oc_v_init(&v, none);
        int ok = certificate_suspension_check(&v, &p, cases[i].day, cases[i].fix_deadline);
        CHECK_INT_EQ(ok, cases[i].error[0] == '\0');
        CHECK_STR_EQ(error_fields(&v), cases[i].error);
        oc_v_clean(&v);
    }
    json_decref(none);
}

int main(void)
{
    test_printed_numbers();
    test_revocation_grounds();
    test_suspension_policy();
    test_number_patterns();
    test_number_format();
    test_expiry();
    test_statuses();
    test_notice_days();
    test_notice_due();
    test_record();
    test_revocation();
    test_reinstatement();
    TEST_DONE();
}
