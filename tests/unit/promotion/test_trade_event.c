/*
 * Trade-promotion events and participations: members read from a body, a
 * patch and a view through the field tables, and the rules between members
 * (status moves, dates, venue or platform, outcome once attended).
 */
#include <string.h>

#include "common/date.h"
#include "promotion/participation.h"
#include "promotion/trade_event.h"
#include "unit/test.h"

/* Validates text as a new event; returns the sorted field names in error, "" when valid. */
static const char *create_errors(const char *text, struct oc_field_value *te, json_t **body)
{
    static char out[512];
    struct oc_v v;
    *body = json_loads(text, 0, NULL);
    oc_v_init(&v, *body);
    if (oc_fields_create(&v, trade_event_fields, TRADE_EVENT_N, NULL, te))
        trade_event_check(&v, NULL, te);
    out[0] = '\0';
    size_t i;
    json_t *e;
    json_array_foreach(v.errors, i, e)
    {
        if (i > 0)
            strcat(out, ",");
        strcat(out, json_string_value(json_object_get(e, "field")));
        strcat(out, ":");
        strcat(out, json_string_value(json_object_get(e, "code")));
    }
    oc_v_clean(&v);
    return out;
}

static void test_create(void)
{
    struct oc_field_value te[TRADE_EVENT_N];
    json_t *body = NULL;
    CHECK_STR_EQ(create_errors("{\"type\":\"fair\",\"name\":\"Hội chợ OCOP\",\"starts_on\":"
                               "\"2026-12-10\",\"ends_on\":\"2026-12-14\",\"venue\":\"Quảng "
                               "trường\",\"organiser\":\"Sở Công Thương\",\"budget_vnd\":0}",
                               te, &body),
                 "");
    CHECK_STR_EQ(te[TRADE_EVENT_TYPE].s, "fair");
    CHECK(te[TRADE_EVENT_BUDGET_VND].set && te[TRADE_EVENT_BUDGET_VND].n == 0);
    CHECK(!te[TRADE_EVENT_PLATFORM].set && !te[TRADE_EVENT_STATUS].set);
    json_decref(body);
    CHECK_STR_EQ(create_errors("{\"type\":\"fair\",\"name\":\"H\",\"starts_on\":\"2026-02-29\","
                               "\"ends_on\":\"2026-12-14\",\"venue\":\" x\",\"organiser\":null,"
                               "\"budget_vnd\":1.5,\"status\":\"open\",\"x\":1}",
                               te, &body),
                 "x:unknown,name:too_short,starts_on:format,venue:format,organiser:type,"
                 "budget_vnd:type,status:not_allowed");
    json_decref(body);
    /* the rules between members */
    CHECK_STR_EQ(create_errors("{\"type\":\"online_campaign\",\"name\":\"Tuần lễ OCOP\","
                               "\"starts_on\":\"2026-12-10\",\"ends_on\":\"2026-12-09\","
                               "\"organiser\":\"Sở Công Thương\"}",
                               te, &body),
                 "ends_on:order,venue:required,platform:required");
    json_decref(body);
    CHECK_STR_EQ(create_errors("{\"type\":\"conference\",\"name\":\"Hội nghị\",\"starts_on\":"
                               "\"2026-12-10\",\"ends_on\":\"2026-12-10\",\"platform\":\"Zoom\","
                               "\"organiser\":\"Sở Công Thương\"}",
                               te, &body),
                 "");
    json_decref(body);
}

static void test_transitions(void)
{
    CHECK(trade_event_transition_ok("planned", "open"));
    CHECK(trade_event_transition_ok("planned", "cancelled"));
    CHECK(trade_event_transition_ok("open", "closed"));
    CHECK(trade_event_transition_ok("open", "cancelled"));
    CHECK(!trade_event_transition_ok("planned", "closed"));
    CHECK(!trade_event_transition_ok("open", "planned"));
    CHECK(!trade_event_transition_ok("closed", "open"));
    CHECK(!trade_event_transition_ok("cancelled", "planned"));
    CHECK(trade_event_final("closed") && trade_event_final("cancelled"));
    CHECK(!trade_event_final("planned") && !trade_event_final("open"));
}

/* A patch merged into a stored view, then checked. */
static void test_patch(void)
{
    json_t *view = json_loads(
        "{\"id\":\"x\",\"type\":\"fair\",\"name\":\"Hội chợ\",\"starts_on\":\"2026-12-10\","
        "\"ends_on\":\"2026-12-14\",\"venue\":\"Quảng trường\",\"platform\":null,\"organiser\":"
        "\"Sở\",\"budget_vnd\":100,\"status\":\"open\",\"notes\":\"n\",\"version\":3}",
        0, NULL);
    json_t *body = json_loads("{\"status\":\"planned\",\"venue\":null,\"budget_vnd\":null,"
                              "\"ends_on\":\"2026-12-09\"}",
                              0, NULL);
    struct oc_field_value before[TRADE_EVENT_N], patch[TRADE_EVENT_N], after[TRADE_EVENT_N];
    struct oc_v v;
    oc_fields_from_view(view, trade_event_fields, TRADE_EVENT_N, before);
    CHECK(before[TRADE_EVENT_BUDGET_VND].set && before[TRADE_EVENT_BUDGET_VND].n == 100);
    CHECK(!before[TRADE_EVENT_PLATFORM].set);
    oc_v_init(&v, body);
    CHECK(oc_fields_patch(&v, trade_event_fields, TRADE_EVENT_N, NULL, patch));
    CHECK(patch[TRADE_EVENT_VENUE].clear && patch[TRADE_EVENT_BUDGET_VND].clear &&
          patch[TRADE_EVENT_ENDS_ON].set);
    oc_fields_merge(before, patch, TRADE_EVENT_N, after);
    CHECK(!after[TRADE_EVENT_VENUE].set && !after[TRADE_EVENT_BUDGET_VND].set);
    CHECK_STR_EQ(after[TRADE_EVENT_NAME].s, "Hội chợ");
    CHECK(!trade_event_check(&v, "open", after));
    CHECK_INT_EQ(json_array_size(v.errors), 3); /* status move, date order, no venue */
    oc_v_clean(&v);
    json_decref(body);
    /* null for a member that cannot be cleared, and an empty patch */
    body = json_loads("{\"name\":null}", 0, NULL);
    oc_v_init(&v, body);
    CHECK(!oc_fields_patch(&v, trade_event_fields, TRADE_EVENT_N, NULL, patch));
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(v.errors, 0), "code")), "type");
    oc_v_clean(&v);
    json_decref(body);
    body = json_object();
    oc_v_init(&v, body);
    CHECK(!oc_fields_patch(&v, trade_event_fields, TRADE_EVENT_N, NULL, patch));
    oc_v_clean(&v);
    json_decref(body);
    json_decref(view);
}

static int move_ok(const char *from, const char *to, const char *reason, int outcome,
                   const char *starts_on, const char *today)
{
    struct oc_field_value pa[PARTICIPATION_N];
    struct oc_v v;
    json_t *body = json_object();
    memset(pa, 0, sizeof(pa));
    pa[PARTICIPATION_STATUS] = (struct oc_field_value){to, 0, 0, 1, 0};
    if (reason != NULL)
        pa[PARTICIPATION_STATUS_REASON] = (struct oc_field_value){reason, 0, 0, 1, 0};
    if (outcome)
        pa[PARTICIPATION_SALES_VND] = (struct oc_field_value){NULL, 1000, 0, 1, 0};
    oc_v_init(&v, body);
    int ok = participation_check(&v, from, pa, starts_on, today);
    oc_v_clean(&v);
    json_decref(body);
    return ok;
}

static void test_participation(void)
{
    CHECK(move_ok("registered", "attended", NULL, 1, "2026-11-30", "2026-11-30"));
    CHECK(!move_ok("registered", "attended", NULL, 0, "2026-12-01", "2026-11-30"));
    CHECK(!move_ok("registered", "withdrawn", NULL, 0, "2026-12-01", "2026-11-30"));
    CHECK(move_ok("registered", "withdrawn", "ốm", 0, "2026-12-01", "2026-11-30") == 1);
    CHECK(!move_ok("registered", "registered", NULL, 1, "2026-12-01", "2026-11-30"));
    CHECK(move_ok("registered", "registered", NULL, 0, "2026-12-01", "2026-11-30"));
    CHECK(!move_ok("attended", "registered", NULL, 0, "2026-11-01", "2026-11-30"));
    CHECK(!move_ok("attended", "withdrawn", "x y z", 0, "2026-11-01", "2026-11-30"));
    CHECK(!move_ok("withdrawn", "registered", NULL, 0, "2026-11-01", "2026-11-30"));
    CHECK(move_ok("attended", "attended", NULL, 1, "2026-11-01", "2026-11-30"));
    /* a new participation is registered and has no outcome yet */
    CHECK(move_ok(NULL, "registered", NULL, 0, NULL, NULL));
    CHECK(!move_ok(NULL, "registered", NULL, 1, NULL, NULL));
}

static void test_dates(void)
{
    CHECK(oc_date_ok("2024-02-29"));
    CHECK(!oc_date_ok("2025-02-29"));
    CHECK(!oc_date_ok("2026-13-01"));
    CHECK(!oc_date_ok("1899-12-31"));
    CHECK(!oc_date_ok("3000-01-01"));
    CHECK(!oc_date_ok("2026-1-01"));
    CHECK(!oc_date_ok(NULL));
}

int main(void)
{
    test_create();
    test_transitions();
    test_patch();
    test_participation();
    test_dates();
    TEST_DONE();
}
