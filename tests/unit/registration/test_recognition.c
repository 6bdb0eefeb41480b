/* Recognitions from certificate events and round moves from round events: one row per boundary. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "registration/recognition.h"
#include "unit/test.h"

#define PRODUCT "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"
#define ROUND   "3f2a9c1e-8b7d-4e6f-a5c4-2b1a0f9e8d7c"

static void test_recognitions(void)
{
    static const struct {
        const char *data; /* the event's data */
        int ok;           /* 1: a dated recognition */
        const char *level;
    } cases[] = {
        {"{\"certificate_id\":\"c1\",\"product_id\":\"" PRODUCT "\",\"stars\":4,"
         "\"issued_on\":\"2025-11-20\",\"level\":\"province\",\"rule_set\":\"qd1489-2025\","
         "\"number\":\"TV-CN-2025-00042\"}",
         1, "province"},
        /* optional members of the wrong type are left out, not refused */
        {"{\"certificate_id\":\"c1\",\"product_id\":\"" PRODUCT "\",\"stars\":3,"
         "\"issued_on\":\"2025-11-20\",\"level\":7,\"number\":\"\"}",
         1, NULL},
        /* no issued_on: shown on the product, but not dated */
        {"{\"certificate_id\":\"c1\",\"product_id\":\"" PRODUCT "\",\"stars\":3}", 0, NULL},
        {"{\"certificate_id\":\"c1\",\"product_id\":\"" PRODUCT "\",\"stars\":3,"
         "\"issued_on\":\"2025-13-01\"}",
         0, NULL},
        {"{\"certificate_id\":\"c1\",\"product_id\":\"" PRODUCT "\",\"stars\":0,"
         "\"issued_on\":\"2025-11-20\"}",
         0, NULL},
        {"{\"certificate_id\":\"c1\",\"product_id\":\"" PRODUCT "\",\"stars\":6,"
         "\"issued_on\":\"2025-11-20\"}",
         0, NULL},
        {"{\"product_id\":\"" PRODUCT "\",\"stars\":3,\"issued_on\":\"2025-11-20\"}", 0, NULL},
        {"{\"certificate_id\":\"c1\",\"product_id\":\"x\",\"stars\":3,"
         "\"issued_on\":\"2025-11-20\"}",
         0, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct recognition r;
        json_t *data = json_loads(cases[i].data, 0, NULL);
        int ok = recognition_from_issued(data, &r);
        CHECK_INT_EQ(ok, cases[i].ok);
        if (ok != cases[i].ok)
            fprintf(stderr, "    case %zu: %s\n", i, cases[i].data);
        if (ok && cases[i].level != NULL)
            CHECK_STR_EQ(r.level, cases[i].level);
        if (ok && cases[i].level == NULL)
            CHECK(r.level == NULL && r.number == NULL);
        json_decref(data);
    }
}

static void test_round_moves(void)
{
    static const struct {
        const char *data;
        int ok;
    } cases[] = {
        {"{\"round_id\":\"" ROUND "\",\"year\":2026,\"level\":\"province\",\"sequence\":1,"
         "\"name\":\"Đợt 1\",\"to\":\"closed\",\"starts_on\":\"2026-05-04\","
         "\"ends_on\":\"2026-06-30\",\"at\":\"2026-06-28T09:41:12.503Z\"}",
         1},
        {"{\"round_id\":\"" ROUND "\",\"year\":2026,\"level\":\"commune\",\"sequence\":12,"
         "\"to\":\"cancelled\",\"at\":\"2026-06-28T09:41:12Z\"}",
         1},
        {"{\"round_id\":\"" ROUND "\",\"year\":2026,\"level\":\"province\",\"sequence\":13,"
         "\"to\":\"closed\",\"at\":\"2026-06-28T09:41:12Z\"}",
         0},
        {"{\"round_id\":\"" ROUND "\",\"year\":1999,\"level\":\"province\",\"sequence\":1,"
         "\"to\":\"closed\",\"at\":\"2026-06-28T09:41:12Z\"}",
         0},
        {"{\"round_id\":\"" ROUND "\",\"year\":\"2026\",\"level\":\"province\",\"sequence\":1,"
         "\"to\":\"closed\",\"at\":\"2026-06-28T09:41:12Z\"}",
         0},
        {"{\"round_id\":\"" ROUND "\",\"year\":2026,\"level\":\"hamlet\",\"sequence\":1,"
         "\"to\":\"closed\",\"at\":\"2026-06-28T09:41:12Z\"}",
         0},
        {"{\"round_id\":\"" ROUND "\",\"year\":2026,\"level\":\"province\",\"sequence\":1,"
         "\"to\":\"planned\",\"at\":\"2026-06-28T09:41:12Z\"}",
         0},
        {"{\"round_id\":\"" ROUND "\",\"year\":2026,\"level\":\"province\",\"sequence\":1,"
         "\"to\":\"closed\",\"at\":\"2026-06-28 09:41:12\"}",
         0},
        {"{\"round_id\":\"R1\",\"year\":2026,\"level\":\"province\",\"sequence\":1,"
         "\"to\":\"closed\",\"at\":\"2026-06-28T09:41:12Z\"}",
         0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct round_move_in m;
        char err[256] = "";
        json_t *data = json_loads(cases[i].data, 0, NULL);
        int ok = round_move_from_event(data, &m, err, sizeof(err));
        CHECK_INT_EQ(ok, cases[i].ok);
        if (ok != cases[i].ok)
            fprintf(stderr, "    case %zu: %s\n", i, cases[i].data);
        CHECK(ok || strstr(err, "round_id") != NULL);
        json_decref(data);
    }
    /* a malformed optional date is dropped, the move kept */
    json_t *data = json_loads("{\"round_id\":\"" ROUND "\",\"year\":2026,\"level\":\"province\","
                              "\"sequence\":1,\"to\":\"open\",\"starts_on\":\"1 May\","
                              "\"at\":\"2026-06-28T09:41:12Z\"}",
                              0, NULL);
    struct round_move_in m;
    char err[256];
    CHECK_INT_EQ(round_move_from_event(data, &m, err, sizeof(err)), 1);
    CHECK(m.starts_on == NULL && m.ends_on == NULL && m.name == NULL);
    CHECK_INT_EQ(m.year, 2026);
    json_decref(data);
}

int main(void)
{
    test_recognitions();
    test_round_moves();
    TEST_DONE();
}
