/*
 * Results, score sheets and rounds, pure rules: the star boundaries of a
 * council's mean under every confirmed rule set (read from the reference
 * files as the service reads the stored view), what each level does with the
 * stars (recognise, forward, potential 5 stars), the mandatory-criterion cap
 * of criteria set 01, the scoring and validation of sheets in both forms,
 * the rounding of the mean, and the round's moves, quorum and bodies.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "evaluation/council.h"
#include "evaluation/entry.h"
#include "evaluation/result.h"
#include "evaluation/round.h"
#include "evaluation/sheet.h"
#include "unit/test.h"
#include "unit/test_errors.h"

static json_t *load(const char *rel)
{
    char path[1024];
    const char *dir = getenv("OCOP_TEST_SCHEMA_DIR");
    snprintf(path, sizeof(path), "%s/reference/%s",
             dir != NULL ? dir : OCOP_TEST_DEFAULT_SCHEMA_DIR, rel);
    json_t *doc = json_load_file(path, 0, NULL);
    CHECK(doc != NULL);
    return doc;
}

/* The result of one sheet of total hundredths at level under rs. */
static struct result one(const struct rule_set *rs, const char *level, long total, int cap)
{
    struct result r;
    CHECK(result_compute(rs, level, &total, 1, cap, &r));
    return r;
}

static void boundaries(const char *file)
{
    json_t *doc = load(file);
    struct rule_set rs;
    CHECK(result_rules_from_view(doc, &rs));
    static const struct {
        long score;
        int stars;
        const char *outcome;
    } cases[] = {{0, 1, "not_recognised"},    {2999, 1, "not_recognised"},
                 {3000, 2, "not_recognised"}, {4999, 2, "not_recognised"},
                 {5000, 3, "recognised"},     {6999, 3, "recognised"},
                 {7000, 4, "recognised"},     {8999, 4, "recognised"},
                 {9000, 5, "forwarded"},      {10000, 5, "forwarded"}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct result r = one(&rs, "province", cases[i].score, 5);
        CHECK_INT_EQ(r.stars, cases[i].stars);
        CHECK_STR_EQ(r.outcome, cases[i].outcome);
        CHECK_INT_EQ(r.potential_5_star, cases[i].score >= 9000);
    }
    /* the central council recognises 5 stars */
    struct result c = one(&rs, "central", 9000, 5);
    CHECK_STR_EQ(c.outcome, "recognised");
    CHECK(c.forwarded_to == NULL);
    /* a failed mandatory criterion caps the stars, and a capped 90 is no potential 5 stars */
    struct result capped = one(&rs, "province", 9500, 3);
    CHECK_INT_EQ(capped.band_stars, 5);
    CHECK_INT_EQ(capped.stars, 3);
    CHECK_STR_EQ(capped.outcome, "recognised");
    CHECK_INT_EQ(capped.potential_5_star, 0);
    CHECK(!result_compute(&rs, "province", (long[]){10001}, 1, 5, &capped));
    CHECK(!result_compute(&rs, "province", (long[]){5000}, 0, 5, &capped));
    json_decref(doc);
}

static void levels(void)
{
    json_t *d148 = load("rule-sets/qd148-2023.json"), *d1048 = load("rule-sets/qd1048-2019.json");
    json_t *d1489 = load("rule-sets/qd1489-2025.json");
    struct rule_set r148, r1048, r1489;
    CHECK(result_rules_from_view(d148, &r148) && result_rules_from_view(d1048, &r1048) &&
          result_rules_from_view(d1489, &r1489));
    /* QĐ 148: the district recognises 3 stars and forwards 4 to the province */
    CHECK_STR_EQ(one(&r148, "district", 6000, 5).outcome, "recognised");
    struct result f = one(&r148, "district", 7500, 5);
    CHECK_STR_EQ(f.outcome, "forwarded");
    CHECK_STR_EQ(f.forwarded_to, "province");
    CHECK_STR_EQ(one(&r148, "province", 7500, 5).outcome, "recognised");
    /* QĐ 1048: the district scores and proposes every 3 stars+ to the province */
    f = one(&r1048, "district", 5500, 5);
    CHECK_STR_EQ(f.outcome, "forwarded");
    CHECK_STR_EQ(f.forwarded_to, "province");
    CHECK_STR_EQ(one(&r1048, "district", 4000, 5).outcome, "not_recognised");
    /* QĐ 1489: the commune only checks dossiers */
    CHECK(result_level_checks_only(&r1489, "commune"));
    CHECK(!result_level_checks_only(&r1489, "province"));
    struct result pc;
    CHECK(result_precheck(&r1489, "commune", 1, &pc));
    CHECK_STR_EQ(pc.outcome, "forwarded");
    CHECK_STR_EQ(pc.forwarded_to, "province");
    CHECK(!pc.scored);
    CHECK(result_precheck(&r1489, "commune", 0, &pc));
    CHECK_STR_EQ(pc.outcome, "returned");
    CHECK(pc.forwarded_to == NULL);
    CHECK(!result_precheck(&r1489, "central", 1, &pc));
    CHECK_STR_EQ(result_recognising_level(&r1489, 4), "province");
    CHECK_STR_EQ(result_recognising_level(&r1489, 5), "central");
    CHECK(result_recognising_level(&r1489, 2) == NULL);
    /* the mean is rounded down to the hundredth: 3 sheets 50, 50, 49 are 49.66, 2 stars */
    struct result m;
    CHECK(result_compute(&r1489, "province", (long[]){5000, 5000, 4900}, 3, 5, &m));
    CHECK_INT_EQ(m.score, 4966);
    CHECK_INT_EQ(m.stars, 2);
    CHECK(result_compute(&r1489, "province", (long[]){5001, 4999}, 2, 5, &m));
    CHECK_INT_EQ(m.score, 5000);
    CHECK_INT_EQ(m.stars, 3);
    json_t *bad = json_pack("{s:s,s:[],s:[]}", "id", "x", "star_bands", "recognition");
    CHECK(!result_rules_from_view(bad, &r1489));
    json_decref(bad);
    json_decref(d148);
    json_decref(d1048);
    json_decref(d1489);
}

/* Every criterion's last (best) option, as a choices object. */
static json_t *best_choices(const json_t *criteria)
{
    json_t *choices = json_object();
    size_t i, j, k;
    const json_t *part, *group, *c;
    json_array_foreach(json_object_get(criteria, "parts"), i, part)
    {
        json_array_foreach(json_object_get(part, "groups"), j, group)
        {
            json_array_foreach(json_object_get(group, "criteria"), k, c)
            {
                json_object_set_new(
                    choices, json_string_value(json_object_get(c, "code")),
                    json_integer((json_int_t)json_array_size(json_object_get(c, "options"))));
            }
        }
    }
    return choices;
}

/* The criteria set file in the shape of the stored view: groups holding their criteria. */
static json_t *criteria_view(void)
{
    json_t *doc = load("criteria/qd148-2023-set-01.json");
    size_t i, k;
    json_t *part, *c;
    json_array_foreach(json_object_get(doc, "parts"), i, part)
    {
        json_t *groups = json_array();
        json_array_foreach(json_object_get(part, "criteria"), k, c)
        {
            const char *g = json_string_value(json_object_get(c, "group_code"));
            json_t *group = NULL, *candidate;
            size_t n;
            json_array_foreach(groups, n, candidate)
            {
                if (strcmp(json_string_value(json_object_get(candidate, "code")), g) == 0)
                    group = candidate;
            }
            if (group == NULL) {
                group = json_pack("{s:s,s:[]}", "code", g, "criteria");
                json_array_append_new(groups, group);
            }
            json_array_append(json_object_get(group, "criteria"), c);
        }
        json_object_set_new(part, "groups", groups);
    }
    json_object_set_new(doc, "detailed", json_true());
    return doc;
}

static long sheet_total(const json_t *criteria, const json_t *parts, json_t *body,
                        struct sheet_score *s, int *ok)
{
    struct oc_v v;
    oc_v_init(&v, body);
    *ok = sheet_from_json(&v, criteria, parts, s);
    oc_v_clean(&v);
    json_decref(body);
    return *ok ? s->total : -1;
}

static void sheets_and_caps(void)
{
    json_t *criteria = criteria_view();
    json_t *best = best_choices(criteria);
    struct sheet_score s1 = {0}, s2 = {0};
    int ok = 0;
    CHECK_INT_EQ(sheet_total(criteria, NULL, json_pack("{s:O}", "choices", best), &s1, &ok), 10000);
    CHECK_INT_EQ(json_integer_value(json_object_get(s1.parts, "A")), 4000);
    /* option 1 of 9.a (0 points) fails its 3-star requirement (2 points) */
    json_t *low = json_deep_copy(best);
    json_object_set_new(low, "9.a", json_integer(1));
    CHECK_INT_EQ(sheet_total(criteria, NULL, json_pack("{s:o}", "choices", low), &s2, &ok), 9800);
    const json_t *lines[] = {s1.lines, s2.lines};
    json_t *failed = json_array();
    CHECK_INT_EQ(result_mandatory_cap(criteria, lines, 1, NULL), 5);
    /* the mean of 2 and 0 points is 1 < 2: the cap is 2 stars */
    CHECK_INT_EQ(result_mandatory_cap(criteria, lines, 2, failed), 2);
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(failed, 0), "criterion")), "9.a");
    const json_t *only_low[] = {s2.lines};
    CHECK_INT_EQ(result_mandatory_cap(criteria, only_low, 1, NULL), 2);
    sheet_score_clean(&s1);
    sheet_score_clean(&s2);
    json_decref(failed);
    /* a missing criterion, an option out of range, an unknown code, the wrong form */
    json_t *bad = json_deep_copy(best);
    json_object_del(bad, "1.a");
    json_object_set_new(bad, "1.b", json_integer(99));
    json_object_set_new(bad, "9.z", json_integer(1));
    CHECK_INT_EQ(
        sheet_total(criteria, NULL, json_pack("{s:o,s:{}}", "choices", bad, "parts"), &s1, &ok),
        -1);
    CHECK(!ok && s1.lines == NULL);
    /* parts only: two decimals at most, within each part's maximum, every part */
    json_t *parts = json_pack("[{s:s,s:i},{s:s,s:i},{s:s,s:i}]", "code", "A", "max_points", 40,
                              "code", "B", "max_points", 25, "code", "C", "max_points", 35);
    CHECK_INT_EQ(sheet_total(NULL, parts,
                             json_pack("{s:{s:i,s:f,s:i}}", "parts", "A", 40, "B", 9.99, "C", 0),
                             &s1, &ok),
                 4999);
    sheet_score_clean(&s1);
    CHECK_INT_EQ(sheet_total(NULL, parts,
                             json_pack("{s:{s:f,s:i,s:i}}", "parts", "A", 1.234, "B", 1, "C", 1),
                             &s1, &ok),
                 -1);
    CHECK_INT_EQ(sheet_total(NULL, parts,
                             json_pack("{s:{s:i,s:i,s:i}}", "parts", "A", 41, "B", 1, "C", 1), &s1,
                             &ok),
                 -1);
    CHECK_INT_EQ(sheet_total(NULL, parts,
                             json_pack("{s:{s:i,s:i,s:i}}", "parts", "A", 1, "B", 1, "D", 1), &s1,
                             &ok),
                 -1);
    CHECK_INT_EQ(sheet_total(NULL, parts,
                             json_pack("{s:{s:i,s:i,s:i}}", "choices", "A", 1, "B", 1, "C", 1), &s1,
                             &ok),
                 -1);
    json_decref(parts);
    json_decref(best);
    json_decref(criteria);
}

/*
 * The mandatory cap applies only where the criteria set's reading of its star
 * markers is confirmed; otherwise the result reports the cap it would have
 * applied, and the stars are the band's.
 */
static void cap_in_force(void)
{
    json_t *file = load("criteria/qd148-2023-set-01.json");
    json_t *as_shipped = json_pack("{s:{s:O}}", "provenance", "mandatory_reading",
                                   json_object_get(file, "mandatory_reading"));
    json_t *confirmed =
        json_pack("{s:{s:{s:b}}}", "provenance", "mandatory_reading", "confirmed", 1);
    json_t *said_no = json_pack("{s:{s:{s:b}}}", "provenance", "mandatory_reading", "confirmed", 0);
    json_t *not_said = json_pack("{s:{}}", "provenance");
    json_t *as_text =
        json_pack("{s:{s:{s:s}}}", "provenance", "mandatory_reading", "confirmed", "true");
    static const struct {
        int view;      /* 0 as shipped, 1 confirmed, 2 false, 3 absent, 4 "true", 5 NULL (parts) */
        int cap;       /* what the criteria's requirements give */
        int in_force;  /* the cap applied */
        int unapplied; /* the cap reported, not applied */
    } cases[] = {{0, 2, 5, 2}, {0, 5, 5, 5}, {1, 2, 2, 5}, {1, 4, 4, 5}, {1, 5, 5, 5},
                 {2, 3, 5, 3}, {3, 1, 5, 1}, {4, 2, 5, 2}, {5, 2, 2, 5}};
    const json_t *views[] = {as_shipped, confirmed, said_no, not_said, as_text, NULL};
    /* as shipped, set 01's reading is unconfirmed */
    CHECK(json_is_false(json_object_get(json_object_get(file, "mandatory_reading"), "confirmed")));
    CHECK(!result_mandatory_reading_confirmed(as_shipped));
    CHECK(result_mandatory_reading_confirmed(confirmed));
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int unapplied = 0;
        CHECK_INT_EQ(result_cap_in_force(views[cases[i].view], cases[i].cap, &unapplied),
                     cases[i].in_force);
        CHECK_INT_EQ(unapplied, cases[i].unapplied);
    }
    /* a 98 capped at 2 where confirmed; 5 stars (forwarded) where not */
    json_t *doc = load("rule-sets/qd1489-2025.json");
    struct rule_set rs;
    int unapplied;
    CHECK(result_rules_from_view(doc, &rs));
    struct result capped =
        one(&rs, "province", 9800, result_cap_in_force(confirmed, 2, &unapplied));
    struct result band = one(&rs, "province", 9800, result_cap_in_force(as_shipped, 2, &unapplied));
    CHECK_INT_EQ(capped.stars, 2);
    CHECK_STR_EQ(capped.outcome, "not_recognised");
    CHECK_INT_EQ(band.stars, 5);
    CHECK_INT_EQ(band.cap, 5);
    CHECK_STR_EQ(band.outcome, "forwarded");
    json_decref(doc);
    json_decref(file);
    json_decref(as_shipped);
    json_decref(confirmed);
    json_decref(said_no);
    json_decref(not_said);
    json_decref(as_text);
}

/* Councils' local policies (settings without a national source), each under both values. */
static void local_policies(void)
{
    /* OCOP_COUNCIL_QUORUM_PERCENT: more than this percent of the scoring members */
    static const struct {
        long long quorum;
        long members;
        int percent;
        long needed;
    } quorums[] = {{0, 3, 50, 2}, {0, 4, 50, 3}, {0, 9, 50, 5}, {0, 3, 66, 2}, {0, 9, 66, 6},
                   {0, 9, 0, 1},  {0, 9, 99, 9}, {2, 9, 66, 2}, {0, 1, 50, 1}};
    for (size_t i = 0; i < sizeof(quorums) / sizeof(quorums[0]); i++)
        CHECK_INT_EQ(round_quorum(quorums[i].quorum, quorums[i].members, quorums[i].percent),
                     quorums[i].needed);
    /* OCOP_COUNCIL_SECRETARY_SCORES */
    CHECK(!council_role_scores("secretary", 0) && council_role_scores("secretary", 1));
    CHECK(council_role_scores("member", 0) && council_role_scores("member", 1));
    CHECK(!council_role_scores(NULL, 1));
    /* OCOP_COUNCIL_LOWER_RATING_STANDS: a province council's 3 stars under QĐ 148 (the
     * district recognises 3 stars), and its own 4; under QĐ 1489 the province recognises 3 */
    json_t *d148 = load("rule-sets/qd148-2023.json"), *d1489 = load("rule-sets/qd1489-2025.json");
    struct rule_set rs148, rs1489;
    CHECK(result_rules_from_view(d148, &rs148) && result_rules_from_view(d1489, &rs1489));
    static const struct {
        int rule_set; /* 0: QĐ 148, 1: QĐ 1489 */
        const char *level;
        long score;
        int stands;
        const char *outcome;
    } cases[] = {
        {0, "province", 6000, 1, "recognised"},     {0, "province", 6000, 0, "not_recognised"},
        {0, "province", 7500, 0, "recognised"},     {0, "district", 6000, 0, "recognised"},
        {0, "province", 4000, 0, "not_recognised"}, {0, "province", 9500, 0, "forwarded"},
        {1, "province", 6000, 0, "recognised"},     {1, "central", 7500, 1, "recognised"},
        {1, "central", 7500, 0, "not_recognised"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct rule_set *rs = cases[i].rule_set == 0 ? &rs148 : &rs1489;
        struct result r = one(rs, cases[i].level, cases[i].score, 5);
        result_lower_rating_policy(rs, cases[i].level, cases[i].stands, &r);
        CHECK_STR_EQ(r.outcome, cases[i].outcome);
    }
    json_decref(d148);
    json_decref(d1489);
}

static int round_ok(const char *text, int (*fn)(struct oc_v *, void *), void *out)
{
    struct oc_v v;
    json_t *body = json_loads(text, 0, NULL);
    oc_v_init(&v, body);
    int ok = fn(&v, out);
    oc_v_clean(&v);
    json_decref(body);
    return ok;
}

static int parse_round(struct oc_v *v, void *out)
{
    return round_from_json(v, out);
}

static int parse_council(struct oc_v *v, void *out)
{
    return council_from_json(v, out);
}

/*
 * Councils belong to a territory: a commune council needs its commune's 5
 * digits, a district council its district's 3, a province council its
 * province's 2 or nothing; the central council has none. A council acts only
 * on products of its territory.
 */
static void territories(void)
{
    static const struct {
        const char *level, *territory; /* territory: the JSON member's value, or NULL (absent) */
        int ok;
    } bodies[] = {
        {"commune", "\"29341\"", 1},  {"commune", NULL, 0},        {"commune", "\"846\"", 0},
        {"commune", "null", 0},       {"commune", "29341", 0},     {"district", "\"846\"", 1},
        {"district", NULL, 0},        {"district", "\"8460\"", 0}, {"province", NULL, 1},
        {"province", "null", 1},      {"province", "\"86\"", 1},   {"province", "\"8\"", 0},
        {"province", "\"29341\"", 0}, {"central", NULL, 1},        {"central", "\"86\"", 0},
    };
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        char text[256];
        struct council_input c = {0};
        snprintf(text, sizeof(text),
                 "{\"name\":\"Hội đồng\",\"level\":\"%s\",\"decision_number\":\"1/QĐ\","
                 "\"decided_on\":\"2025-08-01\"%s%s}",
                 bodies[i].level, bodies[i].territory != NULL ? ",\"territory\":" : "",
                 bodies[i].territory != NULL ? bodies[i].territory : "");
        CHECK_INT_EQ(round_ok(text, parse_council, &c), bodies[i].ok);
    }
    static const struct {
        const char *territory, *commune, *current, *district;
        int holds;
    } products[] = {
        {"29341", "29341", "29341", "846", 1}, {"29341", "29338", "29335", "846", 0},
        {"29341", "29347", "29341", "846", 1}, {"29347", "29347", "29341", "846", 1},
        {"29341", "29347", NULL, "846", 0},    {"846", "29338", NULL, "846", 1},
        {"846", "29320", NULL, "845", 0},      {"846", "29341", "29341", NULL, 0},
        {"86", "29320", NULL, "845", 1},       {NULL, "29320", NULL, NULL, 1},
    };
    for (size_t i = 0; i < sizeof(products) / sizeof(products[0]); i++)
        CHECK_INT_EQ(council_territory_holds(products[i].territory, products[i].commune,
                                             products[i].current, products[i].district),
                     products[i].holds);
}

static int parse_move(struct oc_v *v, void *out)
{
    return round_move_from_json(v, out);
}

static int parse_result(struct oc_v *v, void *out)
{
    return result_from_json(v, out);
}

static int parse_entry(struct oc_v *v, void *out)
{
    return entry_from_json(v, out);
}

static int parse_withdrawal(struct oc_v *v, void *out)
{
    return withdrawal_from_json(v, out);
}

/* 1 when the body is refused for an "actor" member (code unknown) and nothing else. */
static int actor_refused(const char *text, int (*fn)(struct oc_v *, void *), void *out)
{
    struct oc_v v;
    json_t *body = json_loads(text, 0, NULL);
    oc_v_init(&v, body);
    int ok = fn(&v, out);
    const char *code = error_code(&v, "actor");
    int refused = !ok && code != NULL && strcmp(code, "unknown") == 0 &&
                  strcmp(error_fields(&v), "actor") == 0;
    oc_v_clean(&v);
    json_decref(body);
    return refused;
}

static void rounds(void)
{
    CHECK(round_transition_ok("planned", "open"));
    CHECK(round_transition_ok("open", "scoring"));
    CHECK(round_transition_ok("scoring", "closed"));
    CHECK(round_transition_ok("open", "cancelled"));
    CHECK(!round_transition_ok("planned", "scoring"));
    CHECK(!round_transition_ok("scoring", "cancelled"));
    CHECK(!round_transition_ok("closed", "open"));
    CHECK_INT_EQ(round_quorum(0, 3, 50), 2);
    CHECK_INT_EQ(round_quorum(0, 4, 50), 3);
    CHECK_INT_EQ(round_quorum(1, 9, 50), 1);
    CHECK(council_role_scores("chair", 0) && !council_role_scores("secretary", 0));
    struct round_input r = {0};
    const char *good = "{\"year\":2025,\"sequence\":2,\"level\":\"province\",\"name\":\"Đợt 2\","
                       "\"council_id\":\"3f0c8a52-6f1e-4c1b-9d53-0b8f5e7a2c11\","
                       "\"starts_on\":\"2025-09-01\",\"ends_on\":\"2025-10-01\"}";
    CHECK(round_ok(good, parse_round, &r));
    CHECK(r.quorum == 0 && r.rule_set == NULL && r.scoring == NULL);
    /* a round may score by parts; no other way */
    static const char *const scorings[] = {"\"parts\"", "\"detailed\"", "\"mixed\"", "1"};
    for (size_t i = 0; i < 4; i++) {
        char text[512];
        snprintf(text, sizeof(text), "%.*s,\"scoring\":%s}", (int)strlen(good) - 1, good,
                 scorings[i]);
        memset(&r, 0, sizeof(r));
        CHECK_INT_EQ(round_ok(text, parse_round, &r), i < 2);
    }
    memset(&r, 0, sizeof(r));
    CHECK(!round_ok("{\"year\":2024,\"sequence\":2,\"level\":\"province\",\"name\":\"Đợt 2\","
                    "\"council_id\":\"3f0c8a52-6f1e-4c1b-9d53-0b8f5e7a2c11\","
                    "\"starts_on\":\"2025-09-01\",\"ends_on\":\"2025-10-01\"}",
                    parse_round, &r));
    /* a round's dates are the platform's dates: real, of the years 1900 to 2999 */
    static const struct {
        const char *ends_on;
        int ok;
    } ends[] = {{"2999-12-31", 1}, {"3000-01-01", 0}, {"2025-02-29", 0}, {"2025-10-1", 0}};
    for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
        char text[512];
        snprintf(text, sizeof(text),
                 "{\"year\":2025,\"sequence\":2,\"level\":\"province\",\"name\":\"Đợt 2\","
                 "\"council_id\":\"3f0c8a52-6f1e-4c1b-9d53-0b8f5e7a2c11\","
                 "\"starts_on\":\"2025-09-01\",\"ends_on\":\"%s\"}",
                 ends[i].ends_on);
        memset(&r, 0, sizeof(r));
        CHECK_INT_EQ(round_ok(text, parse_round, &r), ends[i].ok);
    }
    struct round_move m = {0};
    CHECK(!round_ok("{\"to\":\"cancelled\"}", parse_move, &m));
    CHECK(round_ok("{\"to\":\"cancelled\",\"reason\":\"bão số 3\"}", parse_move, &m));
    CHECK(m.actor == NULL); /* the handler sets the caller's subject */
    struct result_input d = {0};
    CHECK(round_ok("{}", parse_result, &d));
    CHECK(!round_ok("{\"decision_number\":\"12/QĐ\"}", parse_result, &d));
    CHECK(!round_ok("{\"decision_number\":\"12/QĐ\",\"decided_on\":\"2025-02-29\"}", parse_result,
                    &d));
    struct entry_input e = {0};
    CHECK(
        round_ok("{\"application_id\":\"3f0c8a52-6f1e-4c1b-9d53-0b8f5e7a2c11\"}", parse_entry, &e));
    struct entry_withdrawal w = {0};
    CHECK(round_ok("{\"reason\":\"Chủ thể rút hồ sơ\"}", parse_withdrawal, &w));
    /* the actor is the token's subject: a body naming one is refused */
    CHECK(actor_refused("{\"to\":\"open\",\"actor\":\"a\"}", parse_move, &m));
    CHECK(actor_refused("{\"actor\":\"a\"}", parse_result, &d));
    CHECK(actor_refused(
        "{\"application_id\":\"3f0c8a52-6f1e-4c1b-9d53-0b8f5e7a2c11\",\"actor\":\"officer\"}",
        parse_entry, &e));
    CHECK(actor_refused("{\"reason\":\"Chủ thể rút hồ sơ\",\"actor\":\"officer\"}",
                        parse_withdrawal, &w));
}

/*
 * Forwarding goes one level at a time (QĐ 148, QĐ 1048): 89.99 and 90 at each
 * level a rule set has, with the level the result goes to. A district's 90 goes
 * to the province (before: straight to the central council); the province
 * forwards 90 as potential 5 stars to the central council.
 */
static void one_level_at_a_time(void)
{
    static const struct {
        const char *file, *level;
        long score;
        const char *outcome, *forwarded_to;
        int potential;
    } cases[] = {
        {"qd1048-2019", "district", 8999, "forwarded", "province", 0},
        {"qd1048-2019", "district", 9000, "forwarded", "province", 0},
        {"qd1048-2019", "province", 8999, "recognised", NULL, 0},
        {"qd1048-2019", "province", 9000, "forwarded", "central", 1},
        {"qd148-2023", "district", 6999, "recognised", NULL, 0},
        {"qd148-2023", "district", 8999, "forwarded", "province", 0},
        {"qd148-2023", "district", 9000, "forwarded", "province", 0},
        {"qd148-2023", "province", 8999, "recognised", NULL, 0},
        {"qd148-2023", "province", 9000, "forwarded", "central", 1},
        {"qd1489-2025", "province", 8999, "recognised", NULL, 0},
        {"qd1489-2025", "province", 9000, "forwarded", "central", 1},
        {"qd1489-2025", "central", 9000, "recognised", NULL, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char file[64];
        snprintf(file, sizeof(file), "rule-sets/%s.json", cases[i].file);
        json_t *doc = load(file);
        struct rule_set rs;
        CHECK(result_rules_from_view(doc, &rs));
        struct result r = one(&rs, cases[i].level, cases[i].score, 5);
        CHECK_STR_EQ(r.outcome, cases[i].outcome);
        if (cases[i].forwarded_to == NULL)
            CHECK(r.forwarded_to == NULL);
        else
            CHECK_STR_EQ(r.forwarded_to, cases[i].forwarded_to);
        CHECK_INT_EQ(r.potential_5_star, cases[i].potential);
        json_decref(doc);
    }
    /* the level that forwards to a round's level, which then takes only what it forwarded */
    static const struct {
        const char *file, *level, *below;
    } below[] = {
        {"qd1489-2025", "province", "commune"}, {"qd1489-2025", "central", "province"},
        {"qd1489-2025", "commune", NULL},       {"qd148-2023", "province", "district"},
        {"qd148-2023", "district", NULL},       {"qd26-2026", "province", NULL},
    };
    for (size_t i = 0; i < sizeof(below) / sizeof(below[0]); i++) {
        char file[64];
        snprintf(file, sizeof(file), "rule-sets/%s.json", below[i].file);
        json_t *doc = load(file);
        struct rule_set rs;
        CHECK(result_rules_from_view(doc, &rs));
        const char *b = result_level_below(&rs, below[i].level);
        if (below[i].below == NULL)
            CHECK(b == NULL);
        else
            CHECK_STR_EQ(b, below[i].below);
        json_decref(doc);
    }
}

int main(void)
{
    one_level_at_a_time();
    territories();
    boundaries("rule-sets/qd1048-2019.json");
    boundaries("rule-sets/qd148-2023.json");
    boundaries("rule-sets/qd1489-2025.json");
    levels();
    sheets_and_caps();
    cap_in_force();
    local_policies();
    rounds();
    TEST_DONE();
}
