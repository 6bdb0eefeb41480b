/* Trademark support rules: dates, transitions, what each status requires, date order. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "common/date.h"
#include "common/validate.h"
#include "registration/trademark.h"
#include "unit/test.h"
#include "unit/test_errors.h"

#define PRODUCT_ID "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"

static void test_dates(void)
{
    static const struct {
        const char *s;
        int ok;
    } cases[] = {
        {"2022-06-06", 1},  {"2024-02-29", 1}, {"2000-02-29", 1}, {"1900-02-28", 1},
        {"2999-12-31", 1},  {"2023-02-29", 0}, {"1900-02-29", 0}, {"2022-04-31", 0},
        {"2022-13-01", 0},  {"2022-00-10", 0}, {"2022-01-00", 0}, {"1899-12-31", 0},
        {"3000-01-01", 0},  {"2022-6-06", 0},  {"2022/06/06", 0}, {"20220606", 0},
        {"2022-06-06T", 0}, {"", 0},           {"abcd-ef-gh", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = oc_date_ok(cases[i].s);
        CHECK_INT_EQ(got, cases[i].ok);
        if (got != cases[i].ok)
            fprintf(stderr, "    date \"%s\"\n", cases[i].s);
    }
    CHECK_INT_EQ(oc_date_ok(NULL), 0);
}

static void test_transitions(void)
{
    /* allowed[from][to], in the order of trademark_statuses */
    static const int allowed[4][4] = {
        {0, 1, 0, 1}, /* requested -> filed, refused */
        {0, 0, 1, 1}, /* filed -> granted, refused */
        {0, 0, 0, 0}, /* granted is final */
        {0, 0, 0, 0}, /* refused is final */
    };
    for (int f = 0; f < 4; f++)
        for (int t = 0; t < 4; t++) {
            int got = trademark_transition_ok(trademark_statuses[f], trademark_statuses[t]);
            CHECK_INT_EQ(got, allowed[f][t]);
            if (got != allowed[f][t])
                fprintf(stderr, "    %s -> %s\n", trademark_statuses[f], trademark_statuses[t]);
        }
}

static void test_create(void)
{
    struct oc_v v;
    struct oc_field_value t[TRADEMARK_N];
    json_t *body = json_pack("{s:s,s:s,s:s,s:s}", "product_id", PRODUCT_ID, "kind", "collective",
                             "mark_name", "Dừa sáp Cầu Kè", "requested_on", "2022-07-01");
    oc_v_init(&v, body);
    CHECK_INT_EQ(trademark_from_json(&v, t), 1);
    CHECK_STR_EQ(t[TRADEMARK_PRODUCT_ID].s, PRODUCT_ID);
    CHECK_STR_EQ(t[TRADEMARK_KIND].s, "collective");
    CHECK_STR_EQ(t[TRADEMARK_STATUS].s, "requested");
    CHECK_STR_EQ(t[TRADEMARK_OFFICE].s, "Cục Sở hữu trí tuệ"); /* the default office */
    CHECK_STR_EQ(t[TRADEMARK_REQUESTED_ON].s, "2022-07-01");
    CHECK(!t[TRADEMARK_FILING_NUMBER].set && !t[TRADEMARK_NOTES].set &&
          !t[TRADEMARK_SUPPORT_AMOUNT_VND].set);
    oc_v_clean(&v);
    json_decref(body);

    body = json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:s}", "product_id", PRODUCT_ID, "kind",
                     "certification", "mark_name", "Gạo hữu cơ Hòa Minh", "requested_on",
                     "2022-03-15", "office", "Sở Khoa học và Công nghệ Trà Vinh",
                     "support_amount_vnd", (json_int_t)0, "notes", "Hỗ trợ 100%");
    oc_v_init(&v, body);
    CHECK_INT_EQ(trademark_from_json(&v, t), 1);
    CHECK_STR_EQ(t[TRADEMARK_OFFICE].s, "Sở Khoa học và Công nghệ Trà Vinh");
    CHECK_INT_EQ(t[TRADEMARK_SUPPORT_AMOUNT_VND].set, 1);
    CHECK_INT_EQ(t[TRADEMARK_SUPPORT_AMOUNT_VND].n, 0);
    oc_v_clean(&v);
    json_decref(body);
}

static void test_create_errors(void)
{
    struct oc_v v;
    struct oc_field_value t[TRADEMARK_N];
    /* every bad field is named once */
    json_t *body = json_pack("{s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:s}", "product_id", "not-a-uuid",
                             "kind", "geographical", "mark_name", "X", "requested_on", "2022-02-30",
                             "support_amount_vnd", (json_int_t)-1, "status", "granted",
                             "certificate_number", "123", "colour", "xanh");
    oc_v_init(&v, body);
    CHECK_INT_EQ(trademark_from_json(&v, t), 0);
    CHECK_STR_EQ(error_fields(&v), "certificate_number,colour,kind,mark_name,product_id,"
                                   "requested_on,status,support_amount_vnd");
    CHECK_STR_EQ(error_code(&v, "status"), "not_allowed");
    CHECK_STR_EQ(error_code(&v, "colour"), "unknown");
    CHECK_STR_EQ(error_code(&v, "requested_on"), "format");
    CHECK_STR_EQ(error_code(&v, "support_amount_vnd"), "range");
    oc_v_clean(&v);
    json_decref(body);

    body = json_pack("{s:i,s:n}", "mark_name", 5, "office", "");
    oc_v_init(&v, body);
    CHECK_INT_EQ(trademark_from_json(&v, t), 0);
    CHECK_STR_EQ(error_fields(&v), "kind,mark_name,office,product_id,requested_on");
    CHECK_STR_EQ(error_code(&v, "kind"), "required");
    CHECK_STR_EQ(error_code(&v, "mark_name"), "type");
    oc_v_clean(&v);
    json_decref(body);

    body = json_string("not an object");
    oc_v_init(&v, body);
    CHECK_INT_EQ(trademark_from_json(&v, t), 0);
    oc_v_clean(&v);
    json_decref(body);
}

/* A stored record's members. */
struct trademark_record {
    struct oc_field_value m[TRADEMARK_N]; /* by the TRADEMARK_* indexes */
};

/* A text member's value: set unless s is NULL. */
static struct oc_field_value text(const char *s)
{
    return (struct oc_field_value){s, 0, 0, s != NULL, 0};
}

/* A stored record in status status with the given dates and numbers. */
static struct trademark_record record(const char *status, const char *requested_on,
                                      const char *filing_number, const char *filed_on,
                                      const char *decided_on, const char *certificate_number)
{
    struct trademark_record r;
    memset(&r, 0, sizeof(r));
    r.m[TRADEMARK_KIND] = text("ordinary");
    r.m[TRADEMARK_MARK_NAME] = text("Chả hoa Năm Thụy");
    r.m[TRADEMARK_OFFICE] = text("Cục Sở hữu trí tuệ");
    r.m[TRADEMARK_STATUS] = text(status);
    r.m[TRADEMARK_REQUESTED_ON] = text(requested_on);
    r.m[TRADEMARK_FILING_NUMBER] = text(filing_number);
    r.m[TRADEMARK_FILED_ON] = text(filed_on);
    r.m[TRADEMARK_DECIDED_ON] = text(decided_on);
    r.m[TRADEMARK_CERTIFICATE_NUMBER] = text(certificate_number);
    return r;
}

/*
 * Applies the patch text to before and checks the result. Returns the sorted
 * fields of the errors ("" when the change is valid) and, in *code_of_first
 * when not NULL, the code of the first error (NULL when none).
 */
static const char *change(const struct trademark_record *before, const char *patch_text,
                          const char **code_of_first)
{
    static char fields[512], code[32];
    struct oc_v v;
    struct oc_field_value patch[TRADEMARK_N];
    json_t *body = json_loads(patch_text, 0, NULL);
    oc_v_init(&v, body);
    if (trademark_patch_from_json(&v, patch)) {
        struct oc_field_value after[TRADEMARK_N];
        oc_fields_merge(before->m, patch, TRADEMARK_N, after);
        trademark_check(&v, before->m[TRADEMARK_STATUS].s, after);
    }
    snprintf(fields, sizeof(fields), "%s", error_fields(&v));
    code[0] = '\0';
    if (json_array_size(v.errors) > 0)
        snprintf(code, sizeof(code), "%s",
                 json_string_value(json_object_get(json_array_get(v.errors, 0), "code")));
    if (code_of_first != NULL)
        *code_of_first = code[0] ? code : NULL;
    oc_v_clean(&v);
    json_decref(body);
    return fields;
}

static void test_changes(void)
{
    const char *code = NULL;
    struct trademark_record requested = record("requested", "2022-07-01", NULL, NULL, NULL, NULL);
    struct trademark_record filed =
        record("filed", "2022-07-01", "4-2022-12345", "2022-08-10", NULL, NULL);
    struct trademark_record granted =
        record("granted", "2022-07-01", "4-2022-12345", "2022-08-10", "2023-05-02", "452103");
    struct trademark_record refused =
        record("refused", "2022-07-01", NULL, NULL, "2022-07-20", NULL);

    /* requested -> filed needs both filing members */
    CHECK_STR_EQ(change(&requested, "{\"status\":\"filed\"}", &code), "filed_on,filing_number");
    CHECK_STR_EQ(code, "required");
    CHECK_STR_EQ(change(&requested,
                        "{\"status\":\"filed\",\"filing_number\":\"4-2022-12345\","
                        "\"filed_on\":\"2022-08-10\"}",
                        NULL),
                 "");
    /* filed -> granted needs the decision date and the certificate */
    CHECK_STR_EQ(change(&filed, "{\"status\":\"granted\"}", NULL), "certificate_number,decided_on");
    CHECK_STR_EQ(change(&filed,
                        "{\"status\":\"granted\",\"decided_on\":\"2023-05-02\","
                        "\"certificate_number\":\"452103\"}",
                        NULL),
                 "");
    CHECK_STR_EQ(change(&filed, "{\"status\":\"refused\",\"decided_on\":\"2023-01-09\"}", NULL),
                 "");
    CHECK_STR_EQ(change(&filed,
                        "{\"status\":\"refused\",\"decided_on\":\"2023-01-09\","
                        "\"certificate_number\":\"1\"}",
                        &code),
                 "certificate_number");
    CHECK_STR_EQ(code, "not_allowed");
    /* requested -> refused is allowed, requested -> granted is not */
    CHECK_STR_EQ(change(&requested, "{\"status\":\"refused\",\"decided_on\":\"2022-07-20\"}", NULL),
                 "");
    CHECK_STR_EQ(change(&requested,
                        "{\"status\":\"granted\",\"filing_number\":\"4\",\"filed_on\":"
                        "\"2022-08-10\",\"decided_on\":\"2023-05-02\",\"certificate_number\":"
                        "\"1\"}",
                        &code),
                 "status");
    CHECK_STR_EQ(code, "transition");
    /* no way back from a decision, nor from filed to requested */
    CHECK_STR_EQ(change(&granted,
                        "{\"status\":\"filed\",\"decided_on\":null,"
                        "\"certificate_number\":null}",
                        &code),
                 "status");
    CHECK_STR_EQ(code, "transition");
    CHECK_STR_EQ(change(&refused, "{\"status\":\"requested\",\"decided_on\":null}", NULL),
                 "status");
    CHECK_STR_EQ(change(&granted, "{\"status\":\"refused\",\"certificate_number\":null}", NULL),
                 "status");
    CHECK_STR_EQ(change(&filed,
                        "{\"status\":\"requested\",\"filing_number\":null,"
                        "\"filed_on\":null}",
                        NULL),
                 "status");
    /* the same status with other members is not a transition, but the rules still hold */
    CHECK_STR_EQ(
        change(&granted, "{\"notes\":\"Đã cấp văn bằng\",\"support_amount_vnd\":10000000}", NULL),
        "");
    CHECK_STR_EQ(change(&granted, "{\"status\":\"granted\",\"certificate_number\":null}", &code),
                 "certificate_number");
    CHECK_STR_EQ(code, "required");
    CHECK_STR_EQ(
        change(&requested, "{\"filing_number\":\"4-2022-1\",\"filed_on\":\"2022-08-10\"}", &code),
        "filed_on,filing_number");
    CHECK_STR_EQ(code, "not_allowed");
    /* a refusal before filing may not carry half of a filing */
    CHECK_STR_EQ(change(&refused, "{\"filing_number\":\"4-2022-1\"}", &code), "filed_on");
    CHECK_STR_EQ(code, "required");
}

static void test_date_order(void)
{
    const char *code = NULL;
    struct trademark_record requested = record("requested", "2022-07-01", NULL, NULL, NULL, NULL);
    struct trademark_record filed =
        record("filed", "2022-07-01", "4-2022-12345", "2022-08-10", NULL, NULL);
    CHECK_STR_EQ(change(&requested,
                        "{\"status\":\"filed\",\"filing_number\":\"4-2022-12345\","
                        "\"filed_on\":\"2022-06-30\"}",
                        &code),
                 "filed_on");
    CHECK_STR_EQ(code, "order");
    CHECK_STR_EQ(change(&requested,
                        "{\"status\":\"filed\",\"filing_number\":\"4-2022-12345\","
                        "\"filed_on\":\"2022-07-01\"}",
                        NULL),
                 ""); /* the same day is fine */
    CHECK_STR_EQ(change(&filed,
                        "{\"status\":\"granted\",\"decided_on\":\"2022-08-09\","
                        "\"certificate_number\":\"452103\"}",
                        &code),
                 "decided_on");
    CHECK_STR_EQ(code, "order");
    CHECK_STR_EQ(change(&requested, "{\"status\":\"refused\",\"decided_on\":\"2022-06-01\"}", NULL),
                 "decided_on");
    /* moving requested_on past a later date breaks the order too */
    CHECK_STR_EQ(change(&filed, "{\"requested_on\":\"2022-09-01\"}", NULL), "filed_on");
}

static void test_patch_shape(void)
{
    const char *code = NULL;
    struct trademark_record requested = record("requested", "2022-07-01", NULL, NULL, NULL, NULL);
    CHECK_STR_EQ(change(&requested, "{}", &code), "");
    CHECK_STR_EQ(code, "empty");
    CHECK_STR_EQ(change(&requested, "{\"product_id\":\"" PRODUCT_ID "\"}", &code), "product_id");
    CHECK_STR_EQ(code, "immutable");
    CHECK_STR_EQ(change(&requested,
                        "{\"status\":\"approved\",\"kind\":\"geo\",\"filed_on\":\"2022-8-1\","
                        "\"support_amount_vnd\":1.5,\"mark_name\":null,\"x\":1}",
                        NULL),
                 "filed_on,kind,mark_name,status,support_amount_vnd,x");
}

static void test_merge_and_view(void)
{
    struct trademark_record before =
        record("filed", "2022-07-01", "4-2022-12345", "2022-08-10", NULL, NULL);
    struct oc_field_value patch[TRADEMARK_N], after[TRADEMARK_N];
    struct oc_v v;
    before.m[TRADEMARK_NOTES] = text("ghi chú");
    before.m[TRADEMARK_SUPPORT_AMOUNT_VND] = (struct oc_field_value){NULL, 5000000, 0, 1, 0};
    json_t *body =
        json_loads("{\"notes\":null,\"support_amount_vnd\":null,\"mark_name\":\"Mới\"}", 0, NULL);
    oc_v_init(&v, body);
    CHECK_INT_EQ(trademark_patch_from_json(&v, patch), 1);
    oc_fields_merge(before.m, patch, TRADEMARK_N, after);
    CHECK(!after[TRADEMARK_NOTES].set && after[TRADEMARK_NOTES].s == NULL);
    CHECK_INT_EQ(after[TRADEMARK_SUPPORT_AMOUNT_VND].set, 0);
    CHECK_STR_EQ(after[TRADEMARK_MARK_NAME].s, "Mới");
    CHECK_STR_EQ(after[TRADEMARK_FILING_NUMBER].s, "4-2022-12345"); /* untouched members stay */
    CHECK_STR_EQ(after[TRADEMARK_STATUS].s, "filed");
    oc_v_clean(&v);
    json_decref(body);

    json_t *view = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:n,s:n,s:n,s:I}", "id", PRODUCT_ID,
                             "kind", "ordinary", "mark_name", "Tôm khô Tiến Hải", "office",
                             "Cục Sở hữu trí tuệ", "status", "filed", "requested_on", "2022-07-01",
                             "filing_number", "4-2022-1", "filed_on", "decided_on",
                             "certificate_number", "support_amount_vnd", (json_int_t)3000000);
    struct oc_field_value tm[TRADEMARK_N];
    oc_fields_from_view(view, trademark_fields, TRADEMARK_N, tm);
    CHECK_STR_EQ(tm[TRADEMARK_STATUS].s, "filed");
    CHECK(!tm[TRADEMARK_FILED_ON].set && !tm[TRADEMARK_NOTES].set);
    CHECK_INT_EQ(tm[TRADEMARK_SUPPORT_AMOUNT_VND].set, 1);
    CHECK_INT_EQ(tm[TRADEMARK_SUPPORT_AMOUNT_VND].n, 3000000);
    json_decref(view);
}

int main(void)
{
    test_dates();
    test_transitions();
    test_create();
    test_create_errors();
    test_changes();
    test_date_order();
    test_patch_shape();
    test_merge_and_view();
    TEST_DONE();
}
