/*
 * Rule sets and criteria sets as data: the checks of one rule set file, of
 * the rule sets together, of a criteria index and of a detailed criteria set
 * (each kind of bad file, as a patch of a good one), the mapping of scores
 * to stars at the band boundaries under every rule set, and the reference
 * files themselves (schemas/reference/rule-sets/ and criteria/, from
 * OCOP_TEST_SCHEMA_DIR or the source tree), including the transcription of
 * criteria set 1 from its source file. A model for unit tests: data-driven
 * cases, one row per boundary (style.md, "Our own models").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/date.h"
#include "evaluation/rule_set.h"
#include "unit/test.h"

/* ---- fixtures ------------------------------------------------------------------------------- */

static const char *schema_dir(void)
{
    const char *dir = getenv("OCOP_TEST_SCHEMA_DIR");
    return dir != NULL ? dir : OCOP_TEST_DEFAULT_SCHEMA_DIR;
}

/* Loads <schema_dir>/reference/<rel>; NULL (and a failed check) when it cannot. */
static json_t *load(const char *rel)
{
    char path[1024];
    json_error_t err;
    snprintf(path, sizeof(path), "%s/reference/%s", schema_dir(), rel);
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (doc == NULL)
        fprintf(stderr, "    %s: %s\n", path, err.text);
    CHECK(doc != NULL);
    return doc;
}

/* The rule set files, in the order of rule_set_on's expectations below. */
static const char *const rule_set_ids[] = {"qd1048-2019", "qd148-2023", "qd1489-2025", "qd26-2026"};
#define NSETS (sizeof(rule_set_ids) / sizeof(rule_set_ids[0]))

static json_t *docs[NSETS];
static struct rule_set sets[NSETS];

static void load_rule_sets(void)
{
    char rel[128], msg[512];
    for (size_t i = 0; i < NSETS; i++) {
        snprintf(rel, sizeof(rel), "rule-sets/%s.json", rule_set_ids[i]);
        docs[i] = load(rel);
        msg[0] = '\0';
        CHECK(docs[i] != NULL && rule_set_parse(docs[i], &sets[i], msg, sizeof(msg)));
        if (msg[0] != '\0')
            fprintf(stderr, "    %s: %s\n", rel, msg);
        CHECK_STR_EQ(sets[i].id, rule_set_ids[i]);
    }
}

/*
 * Sets the member at path ("parts/0/max_points") of doc to value (JSON text),
 * or removes it when value is NULL. An array index equal to the size appends.
 */
static void patch(json_t *doc, const char *path, const char *value)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", path);
    json_t *node = doc;
    char *seg = buf, *slash;
    while ((slash = strchr(seg, '/')) != NULL) {
        *slash = '\0';
        node = json_is_array(node) ? json_array_get(node, strtoul(seg, NULL, 10))
                                   : json_object_get(node, seg);
        seg = slash + 1;
    }
    json_t *v = value != NULL ? json_loads(value, JSON_DECODE_ANY, NULL) : NULL;
    if (value != NULL && v == NULL)
        CHECK_STR_EQ(value, "(valid JSON)");
    if (json_is_array(node)) {
        size_t i = strtoul(seg, NULL, 10);
        if (v == NULL)
            json_array_remove(node, i);
        else if (i == json_array_size(node))
            json_array_append_new(node, v);
        else
            json_array_set_new(node, i, v);
    } else if (v == NULL) {
        json_object_del(node, seg);
    } else {
        json_object_set_new(node, seg, v);
    }
}

/* One bad file: up to three patches of a good one and the message it must give. */
struct bad_case {
    const char *path[3];  /* members to change */
    const char *value[3]; /* their new JSON values (NULL: remove) */
    const char *want;     /* a part of the message */
};

/* Expects msg (from a refused document) to contain want. */
static void says(int ok, const char *msg, const char *want, size_t i)
{
    CHECK(!ok);
    if (strstr(msg, want) == NULL) {
        fprintf(stderr, "    case %zu:\n", i);
        CHECK_STR_EQ(msg, want);
    }
}

static json_t *patched(const json_t *good, const struct bad_case *c)
{
    json_t *doc = json_deep_copy(good);
    for (size_t k = 0; k < 3 && c->path[k] != NULL; k++)
        patch(doc, c->path[k], c->value[k]);
    return doc;
}

/* ---- ids and dates -------------------------------------------------------------------------- */

static void test_ids_and_dates(void)
{
    long day = 0, before = 0;
    CHECK(rule_set_id_ok("qd148-2023"));
    CHECK(rule_set_id_ok("qd26-2026"));
    CHECK(!rule_set_id_ok("QD148-2023"));
    CHECK(!rule_set_id_ok("qd148--2023"));
    CHECK(!rule_set_id_ok("-qd148"));
    CHECK(!rule_set_id_ok("qd148-"));
    CHECK(!rule_set_id_ok("qd148_2023"));
    CHECK(!rule_set_id_ok(""));
    CHECK(!rule_set_id_ok(NULL));
    CHECK(!rule_set_id_ok("a-very-long-rule-set-id-that-goes-on-and-on-and-on"));
    CHECK(oc_date_parse("2024-02-29", &day));
    CHECK(!oc_date_parse("2023-02-29", &day));
    CHECK(!oc_date_parse("2025-13-01", &day));
    CHECK(!oc_date_parse("2025-7-06", &day));
    CHECK(oc_date_parse("2025-07-05", &before) && oc_date_parse("2025-07-06", &day));
    CHECK_INT_EQ(day - before, 1);
}

/* ---- one rule set --------------------------------------------------------------------------- */

static void test_rule_set_refused(void)
{
    static const struct bad_case cases[] = {
        {{"parts/0/max_points"}, {"45"}, "parts: max_points sum to 105, not 100"},
        {{"parts/2"}, {NULL}, "parts: max_points sum to 65, not 100"},
        {{"parts/1/code"}, {"\"A\""}, "parts[1]: code \"A\" is used twice"},
        {{"parts/1/max_points"}, {"25.5"}, "parts[1].max_points must be a whole number"},
        {{"star_bands/0/min_score"}, {"10"}, "star_bands[0]: min_score must be 0"},
        {{"star_bands/2/min_score"},
         {"55"},
         "star_bands[2]: min_score 55 leaves a gap after star_bands[1] (max_score 50)"},
        {{"star_bands/2/min_score"},
         {"45"},
         "star_bands[2]: min_score 45 overlaps star_bands[1] (max_score 50)"},
        {{"star_bands/1/max_score"}, {"30"}, "star_bands[1]: max_score must be greater"},
        {{"star_bands/3/max_score"}, {"null"}, "star_bands[3]: only the last band may have no"},
        {{"star_bands/4/max_score"},
         {"100"},
         "star_bands[4]: the last band must have max_score null"},
        {{"star_bands/1/stars"}, {"3"}, "star_bands[1]: stars must be 2"},
        {{"star_bands/2/min_score"}, {"50.5"}, "star_bands[2].min_score must be a whole number"},
        {{"star_bands"}, {"[]"}, "star_bands must be an array of 1 to 10 items"},
        {{"valid_from", "valid_to"},
         {"\"2025-07-06\"", "\"2025-07-05\""},
         "valid_from 2025-07-06 is after valid_to 2025-07-05"},
        {{"valid_from"}, {"\"2025-02-30\""}, "valid_from \"2025-02-30\" is not a YYYY-MM-DD date"},
        {{"valid_to"}, {"20250705"}, "valid_to must be a YYYY-MM-DD date or null"},
        {{"valid_from"}, {"null"}, "a confirmed rule set needs valid_from"},
        {{"confirmed", "valid_from"}, {"false", "null"}, "valid_to is given without valid_from"},
        {{"recognition/0/stars"}, {"[3, 4]"}, "recognition[1]: province recognises stars another"},
        {{"recognition/2/role", "recognition/2/stars"},
         {"\"checks_and_proposes\"", "[]"},
         "recognition: no level recognises 5 stars"},
        {{"recognition/2/stars"}, {"[]"}, "recognition[2]: a level recognises stars exactly when"},
        {{"recognition/0/stars"}, {"[2]"}, "recognition[0].stars[0] must be 3, 4 or 5"},
        {{"recognition/0/level"}, {"\"ward\""}, "level \"ward\" is not commune, district"},
        {{"recognition/1/level"},
         {"\"district\""},
         "recognition[1]: level district is listed twice"},
        {{"potential_5_star/forwarded_to"}, {"\"district\""}, "potential_5_star: it is forwarded"},
        {{"potential_5_star/level"},
         {"\"commune\""},
         "potential_5_star: levels commune and central"},
        {{"colour"}, {"\"blue\""}, "\"colour\" is not a known member"},
        {{"parts/0/weight"}, {"1"}, "parts[0]: \"weight\" is not a known member"},
        {{"id"}, {"\"QD148\""}, "id \"QD148\" must be lower-case letters"},
        {{"title"}, {NULL}, "title is required"},
        {{"sources"}, {"[]"}, "sources must be an array of 1 to 100 items"},
        {{"sources/0/document"}, {NULL}, "sources[0] (DOMAIN) must say where it came from"},
        {{"sources/1/id"}, {"\"DOMAIN\""}, "sources[1]: id \"DOMAIN\" is used twice"},
        {{"confidence"}, {"{}"}, "confidence must be an object"},
        {{"certificate_validity_months"}, {"0"}, "certificate_validity_months must be 1 to 120"},
        {{"criteria_from"}, {"\"qd1048-2019\""}, "criteria_index is only for a rule set whose"},
        {{"criteria_index"}, {"\"../x.json\""}, "criteria_index \"../x.json\" must be a file name"},
        {{"amends"}, {"\"qd148-2023\""}, "a rule set cannot amend or replace itself"},
    };
    char msg[512];
    struct rule_set rs;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *doc = patched(docs[1], &cases[i]); /* qd148-2023 */
        msg[0] = '\0';
        says(rule_set_parse(doc, &rs, msg, sizeof(msg)), msg, cases[i].want, i);
        json_decref(doc);
    }
    json_t *array = json_array();
    says(rule_set_parse(array, &rs, msg, sizeof(msg)), msg, "must be a JSON object", 0);
    json_decref(array);
}

static void test_rule_set_read(void)
{
    const struct rule_set *rs = &sets[1]; /* qd148-2023 */
    CHECK_STR_EQ(rs->decision, "148/QĐ-TTg");
    CHECK(rs->confirmed);
    CHECK_STR_EQ(rs->valid_from, "2023-02-24");
    CHECK_STR_EQ(rs->valid_to, "2025-07-05");
    CHECK_STR_EQ(rs->criteria_index, "qd148-2023-sets.json");
    CHECK_INT_EQ(rs->nparts, 3);
    CHECK_INT_EQ(rs->parts[0].max_points + rs->parts[1].max_points * 1000 +
                     rs->parts[2].max_points * 1000000,
                 40 + 25 * 1000 + 35 * 1000000);
    CHECK_INT_EQ(sets[0].parts[0].max_points * 10000 + sets[0].parts[1].max_points * 100 +
                     sets[0].parts[2].max_points,
                 352540); /* 1048: A 35, B 25, C 40 */
    CHECK_INT_EQ(rs->nbands, 5);
    CHECK_INT_EQ(rs->bands[2].min_score, 5000);
    CHECK_INT_EQ(rs->bands[2].max_score, 7000);
    CHECK_INT_EQ(rs->bands[4].max_score, -1);
    CHECK_INT_EQ(rs->nlevels, 3);
    CHECK_STR_EQ(rs->levels[0].level, "district");
    CHECK_INT_EQ(rs->levels[0].stars, 1u << 3);
    CHECK_INT_EQ(rs->levels[1].stars, 1u << 4);
    CHECK_INT_EQ(rs->levels[2].stars, 1u << 5);
    CHECK_STR_EQ(rs->potential_level, "province");
    CHECK_INT_EQ(rs->potential_min_score, 9000);
    CHECK_INT_EQ(rs->certificate_months, 36);
    CHECK_INT_EQ(sets[2].levels[0].stars, 0); /* 1489: the commune proposes */
    CHECK_STR_EQ(sets[2].levels[0].role, "checks_and_proposes");
    CHECK_INT_EQ(sets[2].levels[1].stars, (1u << 3) | (1u << 4));
    CHECK_STR_EQ(sets[2].criteria_from, "qd148-2023");
    CHECK(!sets[3].confirmed);
    CHECK(sets[3].valid_from == NULL && sets[3].valid_to == NULL);
    CHECK_INT_EQ(sets[3].min_rounds_per_year, 2);
}

/* ---- the rule sets together ----------------------------------------------------------------- */

/* Expects the four reference rule sets, with rule set i patched by c, to be refused. */
static void all_refused(size_t i, const struct bad_case *c, size_t n)
{
    struct rule_set copy[NSETS + 1];
    json_t *doc = patched(docs[i], c);
    char msg[512] = "";
    memcpy(copy, sets, sizeof(sets));
    size_t at = i < NSETS ? i : NSETS;
    CHECK(rule_set_parse(doc, &copy[at], msg, sizeof(msg)));
    size_t count = i < NSETS ? NSETS : NSETS + 1;
    says(rule_set_check_all(copy, count, msg, sizeof(msg)) == count, msg, c->want, n);
    json_decref(doc);
}

static void test_rule_sets_together(void)
{
    static const struct bad_case cases[] = {
        {{"valid_to"},
         {"\"2025-07-06\""},
         "qd148-2023 and qd1489-2025 are both in force on 2025-07-06"},
        {{"valid_from"},
         {"\"2023-02-23\""},
         "qd1048-2019 and qd148-2023 are both in force on 2023-02-23"},
        {{"criteria_from", "criteria_index"},
         {"\"qd999-2030\"", "null"},
         "criteria_from names qd999-2030"},
        {{"amends"}, {"\"qd1048-2018\""}, "amends names qd1048-2018, which is not a rule set"},
        {{"parts/0/max_points", "parts/2/max_points"},
         {"45", "30"},
         "parts must be those of qd148-2023"},
    };
    char msg[512] = "";
    CHECK_INT_EQ(rule_set_check_all(sets, NSETS, msg, sizeof(msg)), NSETS);
    if (msg[0] != '\0')
        fprintf(stderr, "    %s\n", msg);
    for (size_t k = 0; k < 2; k++)
        all_refused(1, &cases[k], k); /* 148's dates */
    all_refused(2, &cases[2], 2);     /* 1489 */
    all_refused(2, &cases[3], 3);
    all_refused(2, &cases[4], 4);
    /* a second file with an id already used */
    static const struct bad_case twice = {{NULL}, {NULL}, "rule set id qd148-2023 is used twice"};
    struct rule_set copy[NSETS + 1];
    memcpy(copy, sets, sizeof(sets));
    copy[NSETS] = sets[1];
    says(rule_set_check_all(copy, NSETS + 1, msg, sizeof(msg)) == NSETS + 1, msg, twice.want, 5);
    /* criteria taken from a rule set that takes them from another */
    static const struct bad_case chain = {
        {"id", "criteria_from"},
        {"\"qd1-2027\"", "\"qd1489-2025\""},
        "criteria_from qd1489-2025 takes its own criteria from qd148-2023"};
    json_t *doc = patched(docs[3], &chain); /* qd26-2026, unconfirmed: no date clash */
    CHECK(rule_set_parse(doc, &copy[NSETS], msg, sizeof(msg)));
    says(rule_set_check_all(copy, NSETS + 1, msg, sizeof(msg)) == NSETS + 1, msg, chain.want, 6);
    json_decref(doc);
    /* an unconfirmed rule set may overlap the confirmed ones */
    static const struct bad_case dated = {
        {"valid_from", "valid_to"}, {"\"2025-01-01\"", "null"}, NULL};
    doc = patched(docs[3], &dated);
    CHECK(rule_set_parse(doc, &copy[3], msg, sizeof(msg)));
    CHECK_INT_EQ(rule_set_check_all(copy, NSETS, msg, sizeof(msg)), NSETS);
    json_decref(doc);
}

/* ---- scores and dates ----------------------------------------------------------------------- */

static void test_stars(void)
{
    static const struct {
        long score; /* hundredths */
        int stars;
    } cases[] = {{0, 1},    {2999, 1}, {3000, 2}, {4999, 2},  {5000, 3}, {6999, 3}, {7000, 4},
                 {8999, 4}, {9000, 5}, {9999, 5}, {10000, 5}, {-1, 0},   {10001, 0}};
    for (size_t s = 0; s < NSETS; s++)
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
            if (rule_set_stars(&sets[s], cases[i].score) != cases[i].stars) {
                fprintf(stderr, "    %s: score %ld\n", sets[s].id, cases[i].score);
                CHECK_INT_EQ(rule_set_stars(&sets[s], cases[i].score), cases[i].stars);
            } else {
                CHECK(1);
            }
    for (size_t s = 0; s < NSETS; s++) {
        CHECK(rule_set_potential_5_star(&sets[s], "province", 9000));
        CHECK(rule_set_potential_5_star(&sets[s], "province", 10000));
        CHECK(!rule_set_potential_5_star(&sets[s], "province", 8999));
        CHECK(!rule_set_potential_5_star(&sets[s], "central", 9500));
        CHECK(!rule_set_potential_5_star(&sets[s], "district", 9500));
    }
}

static void test_in_force(void)
{
    static const struct {
        const char *day;
        const char *id; /* NULL: none */
    } cases[] = {{"2019-08-20", NULL},          {"2019-08-21", "qd1048-2019"},
                 {"2022-06-01", "qd1048-2019"}, {"2023-02-23", "qd1048-2019"},
                 {"2023-02-24", "qd148-2023"},  {"2024-01-01", "qd148-2023"},
                 {"2025-07-05", "qd148-2023"},  {"2025-07-06", "qd1489-2025"},
                 {"2026-01-01", "qd1489-2025"}, {"2026-06-01", "qd1489-2025"}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        long day = 0;
        CHECK(oc_date_parse(cases[i].day, &day));
        const struct rule_set *rs = rule_set_on(sets, NSETS, day);
        CHECK_STR_EQ(rs != NULL ? rs->id : NULL, cases[i].id);
    }
    long day = 0;
    CHECK(oc_date_parse("2026-06-01", &day));
    CHECK(!rule_set_in_force(&sets[3], day)); /* 26/2026 is unconfirmed */
}

/* ---- criteria ------------------------------------------------------------------------------- */

static void test_criteria_index(json_t *index)
{
    static const struct bad_case cases[] = {
        {{"sets/3/number"}, {"5"}, "sets[3]: number 5 must be 4"},
        {{"sets/25"}, {NULL}, NULL}, /* 25 sets are fine: a placeholder, skipped below */
        {{"sets/3/sector"}, {"\"IX\""}, "sets[3]: sector \"IX\" is not in sectors"},
        {{"sets/20/sector"}, {"\"I\""}, "sets[20]: sector I comes after sector III"},
        {{"sets/2/detail_file"}, {"\"qd148-2023-set-01.json\""}, "is also the detail of set 1"},
        {{"sets/2/detail_file"}, {"\"sets/x.json\""}, "must be a file name"},
        {{"rule_set"}, {"\"qd1048-2019\""}, "rule_set is qd1048-2019, but rule set qd148-2023"},
        {{"sectors/1/code"}, {"\"I\""}, "sectors[1]: code \"I\" is used twice"},
        {{"sets/0/parts"}, {"[]"}, "sets[0]: \"parts\" is not a known member"},
        {{"detail_unavailable_note"}, {NULL}, "detail_unavailable_note is required"},
    };
    struct criteria_index idx;
    char msg[512] = "";
    CHECK(criteria_index_parse(index, &sets[1], &idx, msg, sizeof(msg)));
    CHECK_INT_EQ(idx.nsets, 26);
    CHECK_STR_EQ(idx.sets[0].detail_file, "qd148-2023-set-01.json");
    CHECK_STR_EQ(idx.sets[0].sector, "I");
    size_t structure_only = 0;
    for (size_t i = 1; i < idx.nsets; i++)
        structure_only += idx.sets[i].detail_file == NULL;
    CHECK_INT_EQ(structure_only, 25);
    CHECK_STR_EQ(idx.sets[12].sector, "I");   /* 13 coffee, cocoa */
    CHECK_STR_EQ(idx.sets[13].sector, "II");  /* 14 spirits */
    CHECK_STR_EQ(idx.sets[19].sector, "III"); /* 20 essential oils */
    CHECK_STR_EQ(idx.sets[21].sector, "IV");  /* 22 textiles */
    CHECK_STR_EQ(idx.sets[24].sector, "V");   /* 25 ornamental animals */
    CHECK_STR_EQ(idx.sets[25].sector, "VI");  /* 26 tourism */
    CHECK_STR_EQ(idx.sets[25].sector_name_en,
                 "Community and eco-tourism services and tourist sites");
    criteria_index_clean(&idx);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *doc = patched(index, &cases[i]);
        int ok = criteria_index_parse(doc, &sets[1], &idx, msg, sizeof(msg));
        if (cases[i].want == NULL)
            CHECK(ok);
        else
            says(ok, msg, cases[i].want, i);
        criteria_index_clean(&idx);
        json_decref(doc);
    }
}

static void test_criteria_detail(json_t *detail)
{
    static const struct bad_case cases[] = {
        {{"parts/0/criteria/0/options/2/points"},
         {"6"},
         "parts[0].criteria[0].options[2]: points 6 exceed the criterion's max_points 5"},
        {{"parts/0/criteria/0/options/2/points"},
         {"4"},
         "parts[0].criteria[0]: max_points 5 is not its highest option (4)"},
        {{"parts/0/criteria/0/options/0/points"}, {"-1"}, "options[0].points must be 0 to 100"},
        {{"parts/0/groups/0/max_points"},
         {"17"},
         "parts[0]: the groups' max_points sum to 39, not the part's 40"},
        {{"parts/0/criteria/0/group_name_vi", "parts/0/criteria/0/group_code"},
         {NULL, "\"2\""},
         "parts[0]: the criteria of group 1 sum to 13, not its max_points 18"},
        {{"parts/0/criteria/0/max_points", "parts/0/criteria/0/options/2/points"},
         {"4", "4"},
         "parts[0]: the criteria's max_points sum to 39, not the part's 40"},
        {{"parts/1/max_points"}, {"20"}, "parts[1] (B 20) must be part B of 25 points"},
        {{"parts/2"}, {NULL}, "parts must be an array of 3 to 3 items"},
        {{"parts/0/criteria/1/code"}, {"\"1.a\""}, "criterion code \"1.a\" is used twice"},
        {{"parts/1/groups/0/code"}, {"\"1\""}, "group code \"1\" is used twice"},
        {{"parts/0/criteria/0/group_code"}, {"\"99\""}, "group_code \"99\" is not a group"},
        {{"parts/0/criteria/0/group_name_vi"}, {"\"Khác\""}, "group_name_vi differs"},
        {{"parts/0/criteria/0/options/0/star_marker"}, {"6"}, "star_marker must be 3 to 5"},
        {{"parts/0/criteria/1/min_points_for_stars/5"},
         {"4"},
         "min_points_for_stars.5 must be 0 to 3"},
        {{"parts/0/criteria/1/min_points_for_stars/5"},
         {"0"},
         "min_points_for_stars.5: 0 is not the points of an option"},
        {{"parts/0/criteria/1/mandatory_for_stars"}, {"[4, 5]"}, "one minimum per mandatory star"},
        {{"parts/0/criteria/1/mandatory_for_stars"}, {"[5, 4]"}, "in ascending order"},
        {{"parts/0/criteria/0/options"}, {"[]"}, "options must be an array of 1 to 20 items"},
        {{"id"}, {"\"qd148-2023-set-02\""}, "id, rule_set and number must be qd148-2023-set-01"},
        {{"number"}, {"2"}, "id, rule_set and number must be"},
        {{"mandatory_reading/confirmed"}, {"\"no\""}, "mandatory_reading.confirmed must be"},
        {{"parts/0/criteria/0/options/0/colour"}, {"1"}, "\"colour\" is not a known member"},
        {{"confidence"}, {NULL}, "confidence is required"},
    };
    struct criteria_set_entry e = {1, "I", "Food", "Vegetables", "qd148-2023-set-01.json"};
    struct criteria_counts counts;
    char msg[512] = "";
    CHECK(criteria_detail_check(detail, &sets[1], &e, &counts, msg, sizeof(msg)));
    if (msg[0] != '\0')
        fprintf(stderr, "    %s\n", msg);
    CHECK_INT_EQ(counts.groups, 12);
    CHECK_INT_EQ(counts.criteria, 32);
    CHECK_INT_EQ(counts.options, 108);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *doc = patched(detail, &cases[i]);
        says(criteria_detail_check(doc, &sets[1], &e, &counts, msg, sizeof(msg)), msg,
             cases[i].want, i);
        json_decref(doc);
    }
}

/* Set 1 keeps S01 of its source verbatim: parts, confidence and its reasons, provenance. */
static void test_transcription(json_t *detail)
{
    json_t *src = load("criteria/source/ocop-criteria-148.json");
    json_t *s01 = json_array_get(json_object_get(src, "sets"), 0);
    CHECK_STR_EQ(json_string_value(json_object_get(s01, "code")), "S01");
    static const char *const same[] = {"parts",
                                       "name_vi",
                                       "name_en",
                                       "identity_basis",
                                       "confidence",
                                       "confidence_reason",
                                       "disqualification_vi",
                                       "identity_inferred"};
    for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
        if (!json_equal(json_object_get(detail, same[i]), json_object_get(s01, same[i])))
            CHECK_STR_EQ(same[i], "(as in S01)");
    CHECK_STR_EQ(json_string_value(json_object_get(detail, "confidence")), "low");
    CHECK(json_equal(json_object_get(json_object_get(detail, "mandatory_reading"), "legend"),
                     json_object_get(json_object_get(src, "rule_set_info"), "star_marker_legend")));
    CHECK(
        json_is_false(json_object_get(json_object_get(detail, "mandatory_reading"), "confirmed")));
    CHECK(json_equal(json_object_get(detail, "known_issues"),
                     json_object_get(json_object_get(src, "validation"), "notes")));
    json_t *sources = json_object_get(detail, "sources"), *s;
    size_t i;
    json_array_foreach(sources, i, s)
    {
        int found = 0;
        json_t *t;
        size_t k;
        json_array_foreach(json_object_get(src, "sources"), k, t)
        {
            found |= json_equal(s, t);
        }
        if (!found)
            CHECK_STR_EQ(json_string_value(json_object_get(s, "id")), "(a source of the file)");
    }
    CHECK_INT_EQ(json_array_size(sources), 5);
    json_decref(src);
}

int main(void)
{
    test_ids_and_dates();
    load_rule_sets();
    test_rule_set_refused();
    test_rule_set_read();
    test_rule_sets_together();
    test_stars();
    test_in_force();
    json_t *index = load("criteria/qd148-2023-sets.json");
    json_t *detail = load("criteria/qd148-2023-set-01.json");
    if (index != NULL && detail != NULL) {
        test_criteria_index(index);
        test_criteria_detail(detail);
        test_transcription(detail);
    }
    json_decref(index);
    json_decref(detail);
    for (size_t i = 0; i < NSETS; i++)
        json_decref(docs[i]);
    TEST_DONE();
}
