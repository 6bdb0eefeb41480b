/* Application rules: states and portal codes, who may move them, checklists, codes, uploads. */
#include <string.h>

#include "registration/application.h"
#include "unit/test.h"

static void test_statuses(void)
{
    CHECK_INT_EQ(application_status_find("draft")->portal_code, 0);
    CHECK_INT_EQ(application_status_find("new")->portal_code, 1);
    CHECK_INT_EQ(application_status_find("rejected_at_intake")->portal_code, 3);
    CHECK_INT_EQ(application_status_find("supplement_requested")->portal_code, 5);
    CHECK_INT_EQ(application_status_find("withdrawn")->portal_code, 7);
    CHECK_INT_EQ(application_status_find("result_returned")->portal_code, 10);
    CHECK(application_status_find("approved") == NULL);
    CHECK(application_editable("draft"));
    CHECK(application_editable("supplement_requested"));
    CHECK(!application_editable("new"));
    CHECK(!application_editable("processing"));
}

/* The role names of a test: a mask of the OC_ROLE_* named, space-separated. */
static unsigned roles(const char *names)
{
    unsigned mask = 0;
    for (const struct application_role *r = application_roles; r->name; r++) {
        const char *at = strstr(names, r->name);
        size_t n = strlen(r->name);
        if (at != NULL && (at == names || at[-1] == ' ') && (at[n] == ' ' || at[n] == '\0'))
            mask |= r->mask;
    }
    return mask;
}

static const char *role;

static const char *move(const char *from, const char *to, const char *acting, int *forbidden,
                        int *reason)
{
    return application_transition_problem(from, to, roles(acting), &role, forbidden, reason);
}

static void test_transitions(void)
{
    int forbidden, reason;
    CHECK(move("draft", "new", "producer", &forbidden, &reason) == NULL);
    CHECK_STR_EQ(role, "producer");
    CHECK(move("draft", "new", "portal", &forbidden, &reason) == NULL);
    CHECK_STR_EQ(role, "portal");
    CHECK(move("draft", "new", "commune_officer", &forbidden, &reason) != NULL);
    CHECK_INT_EQ(forbidden, 1);
    CHECK(role == NULL);
    CHECK(move("new", "accepted", "commune_officer", &forbidden, &reason) == NULL);
    CHECK_INT_EQ(reason, 0);
    CHECK(move("new", "rejected_at_intake", "province_officer", &forbidden, &reason) == NULL);
    CHECK_INT_EQ(reason, 1);
    CHECK(move("accepted", "processing", "commune_officer", &forbidden, &reason) != NULL);
    CHECK_INT_EQ(forbidden, 1);
    CHECK(move("processing", "processed", "producer", &forbidden, &reason) != NULL);
    CHECK(move("processed", "new", "admin", &forbidden, &reason) != NULL);
    CHECK_INT_EQ(forbidden, 0);
    CHECK(move("result_returned", "processing", "admin", &forbidden, &reason) != NULL);
    CHECK(move("withdrawn", "new", "producer", &forbidden, &reason) != NULL);
    CHECK(move("supplement_requested", "processing", "producer", &forbidden, &reason) == NULL);
    CHECK(move("supplement_requested", "stopped", "province_officer", &forbidden, &reason) == NULL);
    CHECK_INT_EQ(reason, 1);
    /* no caller acts as the system: only an event moves processing to processed that way */
    CHECK(move("processing", "processed", "", &forbidden, &reason) != NULL);
    CHECK_INT_EQ(forbidden, 1);
    CHECK(application_transition_problem("processing", "processed", ~0u, &role, &forbidden,
                                         &reason) == NULL);
    CHECK_STR_EQ(role, "province_officer");
    /* several roles: the first of the transition's roles, in the table's order */
    CHECK(move("draft", "new", "admin portal producer", &forbidden, &reason) == NULL);
    CHECK_STR_EQ(role, "producer");
    CHECK(move("draft", "new", "admin portal", &forbidden, &reason) == NULL);
    CHECK_STR_EQ(role, "portal");
    CHECK(move("new", "accepted", "admin province_officer commune_officer", &forbidden, &reason) ==
          NULL);
    CHECK_STR_EQ(role, "commune_officer");
    CHECK(move("new", "accepted", "producer province_officer", &forbidden, &reason) == NULL);
    CHECK_STR_EQ(role, "province_officer");
    CHECK(move("accepted", "processing", "commune_officer producer", &forbidden, &reason) != NULL);
    CHECK_INT_EQ(forbidden, 1);
}

static void test_checklist(void)
{
    CHECK(dossier_item_required("qd148-2023", "first_time", "self_assessment"));
    CHECK(!dossier_item_required("qd148-2023", "first_time", "business_plan"));
    CHECK(dossier_item_required("qd1048-2019", "upgrade", "business_plan"));
    CHECK(!dossier_item_required("qd1048-2019", "upgrade", "self_assessment"));
    CHECK(dossier_item_required("qd148-2023", "re_recognition", "three_year_report"));
    CHECK(!dossier_item_required("qd148-2023", "re_recognition", "self_assessment"));
    CHECK(!dossier_item_required("qd148-2023", "first_time", "lab_test"));
    CHECK(dossier_item_known("product_story"));
    CHECK(!dossier_item_known("passport"));
    CHECK_INT_EQ(dossier_samples_required("first_time", 7), 5);
    CHECK_INT_EQ(dossier_samples_required("first_time", 26), 0);
    CHECK_INT_EQ(dossier_samples_required("re_recognition", 7), 0);

    json_t *present = json_pack("{s:i,s:i}", "registration_form", 1, "self_assessment", 2);
    json_t *c = dossier_checklist("qd148-2023", "first_time", 7, 4, present);
    CHECK(json_is_false(json_object_get(c, "complete")));
    json_t *missing = json_object_get(c, "missing");
    CHECK_INT_EQ(json_array_size(missing), 2);
    CHECK_STR_EQ(json_string_value(json_array_get(missing, 0)), "business_registration");
    CHECK_STR_EQ(json_string_value(json_array_get(missing, 1)), "samples");
    json_decref(c);
    json_object_set_new(present, "business_registration", json_integer(1));
    c = dossier_checklist("qd148-2023", "first_time", 7, 5, present);
    CHECK(json_is_true(json_object_get(c, "complete")));
    CHECK_INT_EQ(json_integer_value(json_object_get(json_object_get(c, "samples"), "required")), 5);
    json_decref(c);
    json_decref(present);
}

static void test_codes(void)
{
    char buf[64];
    CHECK_INT_EQ(dossier_code_format(buf, sizeof(buf), "000.00.31.H60", "2026-11-29", 7), 0);
    CHECK_STR_EQ(buf, "000.00.31.H60-261129-0007");
    CHECK_INT_EQ(dossier_code_format(buf, sizeof(buf), "X", "2026-01-02", 9999), 0);
    CHECK_STR_EQ(buf, "X-260102-9999");
    CHECK_INT_EQ(dossier_code_format(buf, sizeof(buf), "X", "2026-01-02", 10000), -1);
    CHECK_INT_EQ(dossier_code_format(buf, sizeof(buf), "X", "2026-01-02", 0), -1);
    CHECK(dossier_agency_ok("000.00.31.H60"));
    CHECK(!dossier_agency_ok("h60"));
    CHECK(!dossier_agency_ok(""));
    CHECK(!dossier_agency_ok("H60-01"));
}

static void test_sniff(void)
{
    const unsigned char pdf[] = "%PDF-1.4 x";
    const unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0};
    const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0};
    const unsigned char txt[] = "%PDF";
    CHECK_STR_EQ(dossier_sniff(pdf, sizeof(pdf) - 1), "application/pdf");
    CHECK_STR_EQ(dossier_sniff(jpg, 4), "image/jpeg");
    CHECK_STR_EQ(dossier_sniff(png, 8), "image/png");
    CHECK(dossier_sniff(txt, 4) == NULL);
    CHECK(dossier_sniff(png, 7) == NULL);
}

static void test_bodies(void)
{
    struct oc_v v;
    struct application_move m;
    struct application_input a;
    /* who acts comes from the token: a body naming a role or an actor is refused */
    json_t *body = json_pack("{s:s,s:s}", "to", "accepted", "role", "province_officer");
    oc_v_init(&v, body);
    CHECK(!application_move_from_json(&v, &m));
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(v.errors, 0), "field")), "role");
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(v.errors, 0), "code")),
                 "unknown");
    oc_v_clean(&v);
    json_decref(body);
    body = json_pack("{s:s,s:s}", "to", "accepted", "actor", "Nguyễn Thị Mai");
    oc_v_init(&v, body);
    CHECK(!application_move_from_json(&v, &m));
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(v.errors, 0), "field")), "actor");
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(v.errors, 0), "code")),
                 "unknown");
    oc_v_clean(&v);
    json_decref(body);
    body = json_pack("{s:s}", "to", "approved");
    oc_v_init(&v, body);
    CHECK(!application_move_from_json(&v, &m));
    oc_v_clean(&v);
    json_decref(body);
    body = json_pack("{s:s,s:s}", "to", "stopped", "reason", "Hồ sơ không đủ điều kiện");
    oc_v_init(&v, body);
    CHECK(application_move_from_json(&v, &m));
    CHECK_STR_EQ(m.to, "stopped");
    CHECK_STR_EQ(m.reason, "Hồ sơ không đủ điều kiện");
    oc_v_clean(&v);
    json_decref(body);
    body = json_pack("{s:s,s:s,s:i}", "product_id", "0f3c2b1a-0000-4000-8000-00000000abcd", "kind",
                     "upgrade", "samples_count", 6);
    oc_v_init(&v, body);
    CHECK(application_from_json(&v, &a));
    CHECK_INT_EQ(a.samples_count, 6);
    CHECK_STR_EQ(a.kind, "upgrade");
    oc_v_clean(&v);
    json_decref(body);
}

/*
 * The commune's check-and-propose is one step (QĐ 1489): evaluation's events
 * move an application as the system. A returned dossier goes from accepted
 * or processing to supplement_requested; a forwarded one from accepted to
 * processing. Nothing else moves by event but processing -> processed.
 */
static void test_system_moves(void)
{
    static const struct {
        const char *from, *to;
        int ok;
    } cases[] = {
        {"accepted", "supplement_requested", 1},
        {"processing", "supplement_requested", 1},
        {"accepted", "processing", 1},
        {"processing", "processed", 1},
        {"new", "accepted", 0},
        {"new", "supplement_requested", 0},
        {"supplement_requested", "processing", 0},
        {"withdrawn", "supplement_requested", 0},
        {"processed", "supplement_requested", 0},
        {"accepted", "stopped", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        CHECK_INT_EQ(application_system_moves(cases[i].from, cases[i].to), cases[i].ok);
    /* officers keep their moves */
    int forbidden, reason;
    CHECK(move("accepted", "supplement_requested", "commune_officer", &forbidden, &reason) == NULL);
    CHECK(move("accepted", "processing", "commune_officer", &forbidden, &reason) != NULL);

    static const struct {
        const char *data;
        int ok, potential;
        const char *score;
    } events[] = {
        {"{\"application_id\":\"5b9e2c71-3d4a-4f6b-8c2d-1e0f9a8b7c6d\",\"entry_id\":"
         "\"0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c\",\"level\":\"province\",\"forwarded_to\":"
         "\"central\",\"score\":90,\"potential_5_star\":true,\"decided_on\":\"2025-09-01\"}",
         1, 1, "90.00"},
        {"{\"application_id\":\"5b9e2c71-3d4a-4f6b-8c2d-1e0f9a8b7c6d\",\"entry_id\":"
         "\"0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c\",\"level\":\"commune\",\"forwarded_to\":"
         "\"province\",\"score\":null,\"potential_5_star\":false,\"decided_on\":null}",
         1, 0, ""},
        {"{\"application_id\":\"5b9e2c71-3d4a-4f6b-8c2d-1e0f9a8b7c6d\",\"entry_id\":"
         "\"0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c\",\"level\":\"province\",\"score\":null,"
         "\"potential_5_star\":true}",
         0, 0, ""},
        {"{\"application_id\":\"x\",\"entry_id\":\"0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c\","
         "\"level\":\"commune\"}",
         0, 0, ""},
        {"{\"application_id\":\"5b9e2c71-3d4a-4f6b-8c2d-1e0f9a8b7c6d\",\"entry_id\":"
         "\"0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c\",\"level\":\"commune\",\"reason\":"
         "\"Thiếu báo cáo tự đánh giá\",\"decided_on\":\"2025-02-30\"}",
         0, 0, ""},
    };
    for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
        json_t *data = json_loads(events[i].data, 0, NULL);
        struct application_level_event e;
        char err[256];
        CHECK(data != NULL);
        CHECK_INT_EQ(application_level_event_parse(data, &e, err, sizeof(err)) == OC_OK,
                     events[i].ok);
        if (events[i].ok) {
            CHECK_INT_EQ(e.potential_5_star, events[i].potential);
            CHECK_STR_EQ(e.score, events[i].score);
        }
        json_decref(data);
    }
}

int main(void)
{
    test_system_moves();
    test_statuses();
    test_transitions();
    test_checklist();
    test_codes();
    test_sniff();
    test_bodies();
    TEST_DONE();
}
