/* Plan targets and the statistics report: indicators, periods, content negotiation, CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/validate.h"
#include "registration/plan.h"
#include "registration/statistics.h"
#include "unit/test.h"

static void test_indicators(void)
{
    CHECK_INT_EQ(PLAN_INDICATOR_COUNT, 8);
    for (int i = 0; i < PLAN_INDICATOR_COUNT; i++) {
        CHECK_STR_EQ(plan_indicator_names[i], plan_indicators[i].name);
        CHECK_INT_EQ(plan_indicator_find(plan_indicators[i].name), i);
        CHECK(plan_indicators[i].title != NULL && plan_indicators[i].measure != NULL);
    }
    CHECK(plan_indicator_names[PLAN_INDICATOR_COUNT] == NULL);
    CHECK_INT_EQ(plan_indicator_find("trademarks_supported"), PLAN_TRADEMARKS_SUPPORTED);
    CHECK_INT_EQ(plan_indicator_find("products_3star_plus"), PLAN_PRODUCTS_3STAR_PLUS);
    CHECK_INT_EQ(plan_indicator_find("evaluation_rounds"), PLAN_EVALUATION_ROUNDS);
    CHECK_INT_EQ(plan_indicator_find("potential_5_star"), PLAN_POTENTIAL_5_STAR);
    CHECK_INT_EQ(plan_indicator_find("inspection_coverage_percent"), PLAN_INSPECTION_COVERAGE);
    CHECK_INT_EQ(plan_indicators[PLAN_INSPECTION_COVERAGE].unit, PLAN_UNIT_PERCENT);
    CHECK_INT_EQ(plan_indicators[PLAN_POTENTIAL_5_STAR].unit, PLAN_UNIT_COUNT);
    CHECK_INT_EQ(plan_indicators[PLAN_SUPPORT_PAID_VND].unit, PLAN_UNIT_VND);
    CHECK_STR_EQ(plan_unit_names[PLAN_UNIT_VND], "vnd");
    CHECK_INT_EQ(plan_indicator_find("ideas_accepted"), PLAN_IDEAS_ACCEPTED);
    CHECK_INT_EQ(plan_indicator_find("business_plans_approved"), PLAN_BUSINESS_PLANS_APPROVED);
    CHECK_INT_EQ(plan_indicator_find("exports"), -1);
    CHECK_INT_EQ(plan_indicator_find("Trademarks_supported"), -1);
    CHECK_INT_EQ(plan_indicator_find(NULL), -1);
}

static void test_years(void)
{
    CHECK_INT_EQ(plan_year("2022"), 2022);
    CHECK_INT_EQ(plan_year("2000"), 2000);
    CHECK_INT_EQ(plan_year("2100"), 2100);
    CHECK_INT_EQ(plan_year("1999"), 0);
    CHECK_INT_EQ(plan_year("2101"), 0);
    CHECK_INT_EQ(plan_year("20a2"), 0);
    CHECK_INT_EQ(plan_year("22"), 0);
    CHECK_INT_EQ(plan_year("02022"), 0);
    CHECK_INT_EQ(plan_year(NULL), 0);
}

/* The fields of v's errors in order, joined with ",". */
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

static void test_target_put(void)
{
    struct oc_v v;
    struct plan_target_put t;
    json_t *body = json_pack("{s:i,s:s}", "target", 7, "basis", "Kế hoạch 43/KH-UBND");
    oc_v_init(&v, body);
    CHECK_INT_EQ(plan_target_from_json(&v, "2022", "trademarks_supported", &t), 1);
    CHECK_INT_EQ(t.year, 2022);
    CHECK_STR_EQ(t.indicator, "trademarks_supported");
    CHECK_INT_EQ(t.target, 7);
    CHECK_STR_EQ(t.basis, "Kế hoạch 43/KH-UBND");
    CHECK(t.note == NULL);
    oc_v_clean(&v);
    json_decref(body);

    body = json_pack("{s:i,s:s,s:s}", "target", -1, "note", "", "source", "x");
    oc_v_init(&v, body);
    CHECK_INT_EQ(plan_target_from_json(&v, "1999", "exports", &t), 0);
    CHECK_STR_EQ(fields(v.errors), "year,indicator,source,target,basis,note");
    oc_v_clean(&v);
    json_decref(body);

    body = json_pack("{s:f,s:s}", "target", 2.5, "basis", "KH");
    oc_v_init(&v, body);
    CHECK_INT_EQ(plan_target_from_json(&v, NULL, NULL, &t), 0);
    CHECK_STR_EQ(fields(v.errors), "year,indicator,target,basis");
    oc_v_clean(&v);
    json_decref(body);
}

static void test_progress_status(void)
{
    CHECK_STR_EQ(plan_progress_status(0, 0, 1, 5), "no_target");
    CHECK_STR_EQ(plan_progress_status(0, 0, 0, 0), "no_target");
    CHECK_STR_EQ(plan_progress_status(1, 27, 0, 0), "not_yet_known");
    CHECK_STR_EQ(plan_progress_status(1, 7, 1, 6), "below_target");
    CHECK_STR_EQ(plan_progress_status(1, 7, 1, 7), "met");
    CHECK_STR_EQ(plan_progress_status(1, 7, 1, 9), "met");
    CHECK_STR_EQ(plan_progress_status(1, 0, 1, 0), "met");
}

static void test_periods(void)
{
    struct statistics_period p;
    json_t *errors = json_array();
    CHECK_INT_EQ(statistics_period_init(&p, "2022", NULL, NULL, errors), 1);
    CHECK_INT_EQ(p.year, 2022);
    CHECK_STR_EQ(p.from, "2022-01-01");
    CHECK_STR_EQ(p.to, "2022-12-31");
    CHECK_INT_EQ(statistics_period_init(&p, "2022", "2022-01-01", "2022-06-30", errors), 1);
    CHECK_STR_EQ(p.to, "2022-06-30");
    CHECK_INT_EQ(statistics_period_init(&p, "2022", "2022-03-03", "2022-03-03", errors), 1);
    CHECK_INT_EQ(json_array_size(errors), 0);

    CHECK_INT_EQ(statistics_period_init(&p, "2022", "2021-12-31", "2023-01-01", errors), 0);
    CHECK_STR_EQ(fields(errors), "from,to");
    json_array_clear(errors);
    CHECK_INT_EQ(statistics_period_init(&p, "2022", "2022-07-01", "2022-06-30", errors), 0);
    CHECK_STR_EQ(fields(errors), "to");
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(errors, 0), "code")), "order");
    json_array_clear(errors);
    CHECK_INT_EQ(statistics_period_init(&p, NULL, NULL, NULL, errors), 0);
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(errors, 0), "code")), "required");
    json_array_clear(errors);
    CHECK_INT_EQ(statistics_period_init(&p, "1850", NULL, NULL, errors), 0);
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(errors, 0), "code")), "range");
    json_array_clear(errors);
    /* a year the caller already refused is not reported twice */
    json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", "year", "code", "format",
                                            "message", "must be 4 digits"));
    CHECK_INT_EQ(statistics_period_init(&p, NULL, NULL, NULL, errors), 0);
    CHECK_STR_EQ(fields(errors), "year");
    json_decref(errors);
}

static void test_accept(void)
{
    static const struct {
        const char *accept;
        int csv;
    } cases[] = {
        {"text/csv", 1},
        {"TEXT/CSV", 1},
        {"text/csv; charset=utf-8", 1},
        {"text/csv;q=0.9, application/json;q=0.5", 1},
        {"application/json;q=0.1, text/*", 1},
        {"text/plain, text/csv", 1},
        {"application/json", 0},
        {"text/csv, application/json", 0}, /* a tie keeps the default */
        {"application/json, text/csv;q=0.5", 0},
        {"*/*", 0},
        {"text/csv;q=0", 0},
        {"text/html", 0},
        {"", 0},
        {" , ;q=1", 0},
        {"text/csv;q=abc", 0},
    };
    CHECK_INT_EQ(statistics_wants_csv(NULL), 0);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = statistics_wants_csv(cases[i].accept);
        CHECK_INT_EQ(got, cases[i].csv);
        if (got != cases[i].csv)
            fprintf(stderr, "    Accept: %s\n", cases[i].accept);
    }
}

static void test_document_and_csv(void)
{
    struct statistics_period p;
    json_t *errors = json_array();
    CHECK_INT_EQ(statistics_period_init(&p, "2022", NULL, "2022-06-30", errors), 1);
    json_t *targets =
        json_pack("{s:{s:i,s:s,s:n},s:{s:i,s:s,s:s}}", "trademarks_supported", "target", 7, "basis",
                  "KH 43/KH-UBND", "note", "products_3star_plus", "target", 27, "basis",
                  "KH 43/KH-UBND", "note", "ít nhất 27");
    json_t *actuals = json_pack("{s:i}", "trademarks_supported", 2);
    json_t *reg = json_loads(
        "{\"as_of\":\"2022-06-30\",\"total\":3,\"in_period\":2,"
        "\"by_sector\":[{\"key\":\"I\",\"count\":2},{\"key\":null,\"count\":1}],"
        "\"by_producer_type\":[{\"key\":\"cooperative\",\"count\":3}],"
        "\"by_commune\":[{\"key\":\"29302\",\"count\":3}],"
        "\"by_year\":[{\"key\":\"2021\",\"count\":1},{\"key\":\"2022\",\"count\":2}],"
        "\"by_legacy_district\":[{\"key\":\"845\",\"name\":\"Huyện Cầu Kè\",\"count\":3}],"
        "\"by_current_commune\":null}",
        0, NULL);
    json_t *doc = statistics_document(&p, targets, actuals, NULL, reg, NULL);
    json_t *progress = json_object_get(doc, "progress");
    CHECK_INT_EQ(json_integer_value(json_object_get(doc, "year")), 2022);
    CHECK_STR_EQ(json_string_value(json_object_get(json_object_get(doc, "period"), "to")),
                 "2022-06-30");
    CHECK_INT_EQ(json_array_size(progress), PLAN_INDICATOR_COUNT);
    json_t *stars = json_array_get(progress, PLAN_PRODUCTS_3STAR_PLUS);
    json_t *marks = json_array_get(progress, PLAN_TRADEMARKS_SUPPORTED);
    json_t *rounds = json_array_get(progress, PLAN_EVALUATION_ROUNDS);
    CHECK_STR_EQ(json_string_value(json_object_get(stars, "status")), "not_yet_known");
    CHECK(json_is_null(json_object_get(stars, "actual")));
    CHECK_INT_EQ(json_integer_value(json_object_get(stars, "target")), 27);
    CHECK_STR_EQ(json_string_value(json_object_get(marks, "status")), "below_target");
    CHECK_INT_EQ(json_integer_value(json_object_get(marks, "actual")), 2);
    CHECK_STR_EQ(json_string_value(json_object_get(rounds, "status")), "no_target");
    CHECK(json_is_null(json_object_get(rounds, "target")));
    CHECK(json_is_null(json_object_get(rounds, "basis")));

    char *csv = statistics_csv(doc);
    CHECK_STR_EQ(csv, "section,key,value\r\n"
                      "period,year,2022\r\n"
                      "period,from,2022-01-01\r\n"
                      "period,to,2022-06-30\r\n"
                      "target,products_3star_plus,27\r\n"
                      "actual,products_3star_plus,\r\n"
                      "status,products_3star_plus,not_yet_known\r\n"
                      "target_year,products_3star_plus,\r\n"
                      "target,trademarks_supported,7\r\n"
                      "actual,trademarks_supported,2\r\n"
                      "status,trademarks_supported,below_target\r\n"
                      "target_year,trademarks_supported,\r\n"
                      "target,evaluation_rounds,\r\n"
                      "actual,evaluation_rounds,\r\n"
                      "status,evaluation_rounds,no_target\r\n"
                      "target_year,evaluation_rounds,\r\n"
                      "target,potential_5_star,\r\n"
                      "actual,potential_5_star,\r\n"
                      "status,potential_5_star,no_target\r\n"
                      "target_year,potential_5_star,\r\n"
                      "target,inspection_coverage_percent,\r\n"
                      "actual,inspection_coverage_percent,\r\n"
                      "status,inspection_coverage_percent,no_target\r\n"
                      "target_year,inspection_coverage_percent,\r\n"
                      "target,ideas_accepted,\r\n"
                      "actual,ideas_accepted,\r\n"
                      "status,ideas_accepted,no_target\r\n"
                      "target_year,ideas_accepted,\r\n"
                      "target,business_plans_approved,\r\n"
                      "actual,business_plans_approved,\r\n"
                      "status,business_plans_approved,no_target\r\n"
                      "target_year,business_plans_approved,\r\n"
                      "target,support_paid_vnd,\r\n"
                      "actual,support_paid_vnd,\r\n"
                      "status,support_paid_vnd,no_target\r\n"
                      "target_year,support_paid_vnd,\r\n"
                      "registrations,as_of,2022-06-30\r\n"
                      "registrations,total,3\r\n"
                      "registrations,in_period,2\r\n"
                      "by_sector,I,2\r\n"
                      "by_sector,,1\r\n"
                      "by_producer_type,cooperative,3\r\n"
                      "by_commune,29302,3\r\n"
                      "by_year,2021,1\r\n"
                      "by_year,2022,2\r\n"
                      "by_legacy_district,845,3\r\n");
    free(csv);
    json_decref(doc);

    /* fields with a comma, a quote or a line break are quoted, quotes doubled */
    reg = json_loads("{\"by_commune\":[{\"key\":\"a,b\",\"count\":1},{\"key\":\"say \\\"hi\\\"\","
                     "\"count\":2},{\"key\":\"x\\ny\",\"count\":3}]}",
                     0, NULL);
    doc = statistics_document(&p, targets, actuals, NULL, reg, NULL);
    csv = statistics_csv(doc);
    CHECK(strstr(csv, "\r\nby_commune,\"a,b\",1\r\n") != NULL);
    CHECK(strstr(csv, "\r\nby_commune,\"say \"\"hi\"\"\",2\r\n") != NULL);
    CHECK(strstr(csv, "\r\nby_commune,\"x\ny\",3\r\n") != NULL);
    free(csv);
    json_decref(doc);
    json_decref(targets);
    json_decref(actuals);
    json_decref(errors);
}

/*
 * Rounds against a standing target carried from an earlier plan: each level
 * gets its own status (1 closed is below the target of 2, 2 is met), the
 * breakdowns and the recognitions reach the CSV as the JSON has them.
 */
static void test_breakdowns_and_recognitions(void)
{
    static const struct {
        int closed;         /* rounds closed at the province level */
        const char *status; /* its status against a target of 2 */
    } cases[] = {{0, "below_target"}, {1, "below_target"}, {2, "met"}, {3, "met"}};
    struct statistics_period p;
    json_t *errors = json_array();
    CHECK_INT_EQ(statistics_period_init(&p, "2026", NULL, NULL, errors), 1);
    json_t *targets = json_pack("{s:{s:i,s:s,s:n,s:i}}", "evaluation_rounds", "target", 2, "basis",
                                "KH 43/KH-UBND", "note", "year", 2022);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *actuals = json_pack("{s:i}", "evaluation_rounds", cases[i].closed);
        json_t *breakdowns =
            json_pack("{s:[{s:s,s:i}],s:[{s:s,s:i},{s:s,s:i}]}", "evaluation_rounds", "key",
                      "province", "count", cases[i].closed, "trademarks_supported", "key", "filed",
                      "count", 3, "key", "granted", "count", 1);
        json_t *doc = statistics_document(&p, targets, actuals, breakdowns, json_object(), NULL);
        json_t *rounds = json_array_get(json_object_get(doc, "progress"), PLAN_EVALUATION_ROUNDS);
        json_t *marks = json_array_get(json_object_get(doc, "progress"), PLAN_TRADEMARKS_SUPPORTED);
        json_t *level = json_array_get(json_object_get(rounds, "breakdown"), 0);
        CHECK_STR_EQ(json_string_value(json_object_get(rounds, "status")), cases[i].status);
        CHECK_STR_EQ(json_string_value(json_object_get(level, "status")), cases[i].status);
        CHECK_INT_EQ(json_integer_value(json_object_get(rounds, "target_year")), 2022);
        CHECK(json_object_get(json_array_get(json_object_get(marks, "breakdown"), 0), "status") ==
              NULL); /* the trademark target is not per key */
        CHECK(json_is_null(json_object_get(
            json_array_get(json_object_get(doc, "progress"), PLAN_PRODUCTS_3STAR_PLUS),
            "breakdown")));
        json_decref(doc);
        json_decref(breakdowns);
        json_decref(actuals);
    }
    json_t *actuals = json_pack("{s:i}", "evaluation_rounds", 1);
    json_t *breakdowns = json_pack("{s:[{s:s,s:i}],s:[{s:s,s:i},{s:s,s:i}]}", "evaluation_rounds",
                                   "key", "province", "count", 1, "trademarks_supported", "key",
                                   "filed", "count", 3, "key", "granted", "count", 1);
    json_t *rec = json_loads("{\"in_period\":3,\"products\":2,\"potential_5_star\":1,"
                             "\"by_kind\":[{\"key\":\"new\",\"count\":2},"
                             "{\"key\":\"re_recognition\",\"count\":0},"
                             "{\"key\":\"upgrade\",\"count\":1}],"
                             "\"by_stars\":[{\"key\":4,\"count\":3}],"
                             "\"by_legacy_district\":[{\"key\":\"846\",\"count\":3}],"
                             "\"by_current_commune\":null}",
                             0, NULL);
    json_t *doc = statistics_document(&p, targets, actuals, breakdowns, json_object(), rec);
    char *csv = statistics_csv(doc);
    CHECK(strstr(csv, "\r\nstatus,evaluation_rounds,below_target\r\n"
                      "target_year,evaluation_rounds,2022\r\n"
                      "breakdown.evaluation_rounds,province,1\r\n") != NULL);
    CHECK(strstr(csv, "\r\ntarget_year,trademarks_supported,\r\n"
                      "breakdown.trademarks_supported,filed,3\r\n"
                      "breakdown.trademarks_supported,granted,1\r\n") != NULL);
    CHECK(strstr(csv, "\r\nrecognitions,in_period,3\r\n"
                      "recognitions,products,2\r\n"
                      "recognitions,potential_5_star,1\r\n"
                      "recognitions.by_kind,new,2\r\n"
                      "recognitions.by_kind,re_recognition,0\r\n"
                      "recognitions.by_kind,upgrade,1\r\n"
                      "recognitions.by_stars,4,3\r\n"
                      "recognitions.by_legacy_district,846,3\r\n") != NULL);
    CHECK(strstr(csv, "recognitions.by_current_commune") == NULL);
    free(csv);
    json_decref(doc);
    json_decref(breakdowns);
    json_decref(actuals);
    json_decref(targets);
    json_decref(errors);
}

int main(void)
{
    test_indicators();
    test_years();
    test_target_put();
    test_progress_status();
    test_periods();
    test_accept();
    test_document_and_csv();
    test_breakdowns_and_recognitions();
    TEST_DONE();
}
