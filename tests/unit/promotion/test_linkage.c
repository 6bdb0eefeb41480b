/* Market linkages: tax codes, the status moves and what they need, the agreement's members. */
#include <string.h>

#include "promotion/linkage.h"
#include "unit/test.h"
#include "unit/test_errors.h"

static void test_tax_code(void)
{
    static const char *const good[] = {"0301175691", "0301175691-012", "2100300301"};
    static const char *const bad[] = {"030117569",       "03011756910",    "0301175691-12",
                                      "0301175691-0123", "0301175691 012", "0301175691012",
                                      "030117569A",      "0301175691-01A", "",
                                      "-301175691"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        CHECK(linkage_tax_code_ok(good[i]));
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK(!linkage_tax_code_ok(bad[i]));
        if (linkage_tax_code_ok(bad[i]))
            fprintf(stderr, "    accepted \"%s\"\n", bad[i]);
    }
    CHECK(!linkage_tax_code_ok(NULL));
}

static void test_transitions(void)
{
    static const char *const all[] = {"proposed", "signed", "active", "suspended", "ended"};
    /* allowed[i][j]: from all[i] to all[j] */
    static const int allowed[5][5] = {
        {0, 1, 0, 0, 1}, /* proposed -> signed, ended */
        {0, 0, 1, 1, 1}, /* signed -> active, suspended, ended */
        {0, 0, 0, 1, 1}, /* active -> suspended, ended */
        {0, 0, 1, 0, 1}, /* suspended -> active, ended */
        {0, 0, 0, 0, 0}, /* ended is final */
    };
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) {
            CHECK_INT_EQ(linkage_transition_ok(all[i], all[j]), allowed[i][j]);
            if (linkage_transition_ok(all[i], all[j]) != allowed[i][j])
                fprintf(stderr, "    %s -> %s\n", all[i], all[j]);
        }
    CHECK(linkage_needs_reason("suspended") && linkage_needs_reason("ended"));
    CHECK(!linkage_needs_reason("active") && !linkage_needs_reason("signed"));
    CHECK(linkage_in_force("signed") && linkage_in_force("active"));
    CHECK(!linkage_in_force("proposed") && !linkage_in_force("suspended") &&
          !linkage_in_force("ended"));

    int field_error = 0;
    struct linkage_move m = {"suspended", NULL};
    CHECK(linkage_move_problem("active", &m, &field_error) != NULL && field_error);
    m.reason = "thu hồi";
    CHECK(linkage_move_problem("active", &m, &field_error) == NULL);
    m.to = "active";
    CHECK(linkage_move_problem("active", &m, &field_error) != NULL && !field_error);
    CHECK(linkage_move_problem("ended", &m, &field_error) != NULL && !field_error);
    CHECK(linkage_move_problem("suspended", &m, &field_error) == NULL);
}

/* Errors of linkage_check on a record built from a JSON view, as "field:code,...". */
static const char *check_errors(const char *view_text)
{
    static char out[256];
    struct oc_field_value lk[LINKAGE_N];
    struct oc_v v;
    json_t *view = json_loads(view_text, 0, NULL), *body = json_object(), *e;
    size_t i;
    oc_fields_from_view(view, linkage_fields, LINKAGE_N, lk);
    oc_v_init(&v, body);
    linkage_check(&v, lk);
    out[0] = '\0';
    json_array_foreach(v.errors, i, e)
    {
        if (i > 0)
            strcat(out, ",");
        strcat(out, json_string_value(json_object_get(e, "field")));
        strcat(out, ":");
        strcat(out, json_string_value(json_object_get(e, "code")));
    }
    oc_v_clean(&v);
    json_decref(body);
    json_decref(view);
    return out;
}

static void test_check(void)
{
    CHECK_STR_EQ(check_errors("{\"status\":\"proposed\"}"), "");
    CHECK_STR_EQ(check_errors("{\"status\":\"signed\",\"starts_on\":\"2026-12-01\",\"volume\":2.5,"
                              "\"unit\":\"tấn\",\"partner_tax_code\":\"0301175691-012\"}"),
                 "");
    CHECK_STR_EQ(check_errors("{\"status\":\"signed\"}"), "starts_on:required");
    CHECK_STR_EQ(check_errors("{\"status\":\"active\",\"starts_on\":\"2026-12-01\",\"ends_on\":"
                              "\"2026-11-30\"}"),
                 "ends_on:order");
    CHECK_STR_EQ(check_errors("{\"status\":\"proposed\",\"volume\":5}"), "unit:required");
    CHECK_STR_EQ(check_errors("{\"status\":\"proposed\",\"unit\":\"kg\"}"), "volume:required");
    CHECK_STR_EQ(check_errors("{\"status\":\"proposed\",\"partner_tax_code\":\"123\"}"),
                 "partner_tax_code:format");
}

static void test_patch(void)
{
    /* status moves only through transitions; the product never changes */
    struct oc_field_value patch[LINKAGE_N];
    struct oc_v v;
    json_t *body = json_loads("{\"status\":\"active\",\"product_id\":"
                              "\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\",\"volume\":null}",
                              0, NULL);
    oc_v_init(&v, body);
    CHECK(!oc_fields_patch(&v, linkage_fields, LINKAGE_N, NULL, patch));
    CHECK_INT_EQ(json_array_size(v.errors), 2);
    CHECK(patch[LINKAGE_VOLUME].clear);
    oc_v_clean(&v);
    json_decref(body);
    body = json_loads("{\"to\":\"signed\",\"reason\":\"HĐ 15\"}", 0, NULL);
    struct linkage_move m;
    oc_v_init(&v, body);
    CHECK(linkage_move_from_json(&v, &m));
    CHECK_STR_EQ(m.to, "signed");
    CHECK_STR_EQ(m.reason, "HĐ 15");
    oc_v_clean(&v);
    json_decref(body);
    body = json_loads("{\"to\":\"paused\",\"reason\":\"x\"}", 0, NULL);
    oc_v_init(&v, body);
    CHECK(!linkage_move_from_json(&v, &m));
    CHECK_STR_EQ(error_fields(&v), "reason,to"); /* not a status; reason too short */
    oc_v_clean(&v);
    json_decref(body);
}

/* Who acts is the token's subject: a body naming an actor or a role is refused. */
static void test_no_actor(void)
{
    struct oc_field_value lk[LINKAGE_N];
    struct linkage_move m;
    struct oc_v v;
    json_t *body = json_loads("{\"to\":\"signed\",\"actor\":\"Nguyễn Thị Thu\","
                              "\"role\":\"province_officer\"}",
                              0, NULL);
    oc_v_init(&v, body);
    CHECK(!linkage_move_from_json(&v, &m));
    CHECK_STR_EQ(error_fields(&v), "actor,role");
    CHECK_STR_EQ(error_code(&v, "actor"), "unknown");
    CHECK_STR_EQ(error_code(&v, "role"), "unknown");
    oc_v_clean(&v);
    json_decref(body);
    body = json_loads("{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\","
                      "\"partner_kind\":\"hotel\",\"partner_name\":\"Khách sạn Cửu Long\","
                      "\"channel\":\"hospitality\",\"actor\":\"Thu\"}",
                      0, NULL);
    oc_v_init(&v, body);
    CHECK(!oc_fields_create(&v, linkage_fields, LINKAGE_N, NULL, lk));
    CHECK_STR_EQ(error_fields(&v), "actor");
    CHECK_STR_EQ(error_code(&v, "actor"), "unknown");
    oc_v_clean(&v);
    json_decref(body);
}

int main(void)
{
    test_tax_code();
    test_transitions();
    test_check();
    test_patch();
    test_no_actor();
    TEST_DONE();
}
