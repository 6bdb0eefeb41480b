/*
 * Registration's rule sets: the table equals the reference files the
 * evaluation service loads (every file of schemas/reference/rule-sets/: id,
 * confirmed, valid_from, valid_to, amends), which rule set is in force on
 * each boundary day, and the dossier checklist each one asks for (QĐ 1489
 * asks what QĐ 148 asks; the unconfirmed QĐ 26/2026 is never in force).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "registration/application.h"
#include "registration/rule_sets.h"
#include "unit/test.h"

/* A member of doc as text, or NULL when it is null or absent. */
static const char *text(const json_t *doc, const char *key)
{
    return json_string_value(json_object_get(doc, key));
}

static void test_table_equals_files(void)
{
    char dirpath[1024], path[1300];
    const char *schemas = getenv("OCOP_TEST_SCHEMA_DIR");
    snprintf(dirpath, sizeof(dirpath), "%s/reference/rule-sets",
             schemas != NULL ? schemas : OCOP_TEST_DEFAULT_SCHEMA_DIR);
    DIR *dir = opendir(dirpath);
    CHECK(dir != NULL);
    size_t files = 0, rows = 0;
    struct dirent *de;
    while (dir != NULL && (de = readdir(dir)) != NULL) {
        size_t n = strlen(de->d_name);
        if (n < 6 || strcmp(de->d_name + n - 5, ".json") != 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dirpath, de->d_name);
        json_t *doc = json_load_file(path, 0, NULL);
        CHECK(doc != NULL);
        const struct rule_sets_entry *r = rule_sets_find(text(doc, "id"));
        CHECK(r != NULL);
        if (r != NULL) {
            files++;
            CHECK_INT_EQ(r->confirmed, json_is_true(json_object_get(doc, "confirmed")));
            CHECK_STR_EQ(r->valid_from, text(doc, "valid_from"));
            CHECK_STR_EQ(r->valid_to, text(doc, "valid_to"));
            CHECK_STR_EQ(r->amends, text(doc, "amends"));
            /* an amending rule set keeps the amended one's dossier and classification */
            CHECK_STR_EQ(r->checklist, r->amends != NULL ? r->amends : r->id);
            CHECK_INT_EQ(r->classification,
                         text(doc, "criteria_index") != NULL ||
                                 strcmp(text(doc, "criteria_from"), r->id) != 0 ||
                                 strcmp(r->id, "qd26-2026") == 0
                             ? RULE_SETS_CRITERIA_SET
                             : RULE_SETS_LEGACY_GROUP);
        }
        json_decref(doc);
    }
    if (dir != NULL)
        closedir(dir);
    for (const struct rule_sets_entry *r = rule_sets_table; r->id != NULL; r++)
        rows++;
    CHECK_INT_EQ(files, rows);
    /* the wire enum is the confirmed rows, in the table's order */
    size_t k = 0;
    for (const struct rule_sets_entry *r = rule_sets_table; r->id != NULL; r++)
        if (r->confirmed) {
            CHECK_STR_EQ(rule_sets_ids[k], r->id);
            k++;
        }
    CHECK_STR_EQ(rule_sets_ids[k], NULL);
}

static void test_in_force(void)
{
    static const struct {
        const char *day, *in_force;
    } cases[] = {
        {"2019-08-20", NULL},          {"2019-08-21", "qd1048-2019"}, {"2023-02-23", "qd1048-2019"},
        {"2023-02-24", "qd148-2023"},  {"2025-07-05", "qd148-2023"},  {"2025-07-06", "qd1489-2025"},
        {"2026-05-22", "qd1489-2025"}, {"2026-12-06", "qd1489-2025"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct rule_sets_entry *r = rule_sets_in_force(cases[i].day);
        CHECK_STR_EQ(r != NULL ? r->id : NULL, cases[i].in_force);
    }
    CHECK(rule_sets_in_force_on("qd1489-2025", "2025-07-06"));
    CHECK(!rule_sets_in_force_on("qd148-2023", "2025-07-06"));
    CHECK(!rule_sets_in_force_on("qd26-2026", "2026-06-01"));
    CHECK(!rule_sets_in_force_on("qd9-2030", "2026-06-01"));
}

static void test_checklists(void)
{
    static const struct {
        const char *rule_set, *kind, *item;
        int required;
    } cases[] = {
        {"qd1489-2025", "first_time", "self_assessment", 1},
        {"qd1489-2025", "upgrade", "business_plan", 0},
        {"qd1489-2025", "re_recognition", "three_year_report", 1},
        {"qd148-2023", "first_time", "self_assessment", 1},
        {"qd1048-2019", "first_time", "business_plan", 1},
        {"qd1048-2019", "first_time", "self_assessment", 0},
        {"qd26-2026", "first_time", "self_assessment", 0},
        {"qd26-2026", "re_recognition", "registration_form", 1},
        {"qd9-2030", "first_time", "registration_form", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = dossier_item_required(cases[i].rule_set, cases[i].kind, cases[i].item);
        CHECK_INT_EQ(got, cases[i].required);
        if (got != cases[i].required)
            fprintf(stderr, "    %s %s %s\n", cases[i].rule_set, cases[i].kind, cases[i].item);
    }
}

int main(void)
{
    test_table_equals_files();
    test_in_force();
    test_checklists();
    TEST_DONE();
}
