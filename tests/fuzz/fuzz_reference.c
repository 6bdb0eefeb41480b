/*
 * The reference data the services load at start-up from schemas/reference/:
 * the first byte picks the loader, the rest is the file. Administrative
 * units (registration: parsed, each record checked, the set checked, then
 * every code resolved), the commune table (promotion), a rule set (checked
 * alone, then with the real rule sets), and a criteria index and a detailed
 * criteria set checked against the real QĐ 148 rule set, as rule_set_load.c
 * does. The real files are read once from OCOP_FUZZ_SCHEMA_DIR (the source
 * tree's schemas/).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/date.h"
#include "evaluation/rule_set.h"
#include "fuzz/fuzz.h"
#include "promotion/commune.h"
#include "registration/admin_unit.h"

static const char *const rule_set_files[] = {"qd1048-2019", "qd148-2023", "qd1489-2025",
                                             "qd26-2026"};

#define NSETS (sizeof(rule_set_files) / sizeof(rule_set_files[0]))

static json_t *set_docs[NSETS];
static struct rule_set sets[NSETS + 1]; /* the real ones, and room for the fuzzed one */
static json_t *index_doc;               /* QĐ 148's criteria index */
static struct criteria_index index_148; /* parsed from index_doc */

static json_t *reference(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/reference/%s", OCOP_FUZZ_SCHEMA_DIR, rel);
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, NULL);
    if (doc == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        abort();
    }
    return doc;
}

static void admin_units(const uint8_t *data, size_t size)
{
    char msg[512];
    char *text = fuzz_cstr(data, size);
    struct admin_unit *units = NULL;
    size_t n = 0, i;
    if (admin_unit_csv_parse(text, &units, &n, msg, sizeof(msg))) {
        for (i = 0; i < n && admin_unit_check(&units[i], msg, sizeof(msg)); i++)
            ;
        if (i == n && admin_unit_check_set(units, n, msg, sizeof(msg)) == n) {
            long day = 0;
            (void)oc_date_parse("2026-12-06", &day);
            for (i = 0; i < n; i++) {
                (void)admin_unit_resolve(units, n, units[i].code, day);
                (void)admin_unit_resolve(units, n, units[i].code, day - 3650);
            }
        }
    }
    free(units);
    free(text);
}

static void communes(const uint8_t *data, size_t size)
{
    char msg[512];
    char *text = fuzz_cstr(data, size);
    struct commune_code *codes = NULL;
    size_t n = 0;
    (void)commune_resolve_csv(text, &codes, &n, msg, sizeof(msg));
    free(codes);
    free(text);
}

static void rule_set(json_t *doc)
{
    char msg[512];
    if (!rule_set_parse(doc, &sets[NSETS], msg, sizeof(msg)))
        return;
    (void)rule_set_check_all(&sets[NSETS], 1, msg, sizeof(msg));
    (void)rule_set_check_all(sets, NSETS + 1, msg, sizeof(msg));
    for (long score = 0; score <= 10000; score += 250) {
        (void)rule_set_stars(&sets[NSETS], score);
        (void)rule_set_potential_5_star(&sets[NSETS], "province", score);
    }
    (void)rule_set_in_force(&sets[NSETS], 20428);
}

static void criteria_index(json_t *doc)
{
    char msg[512];
    struct criteria_index idx;
    memset(&idx, 0, sizeof(idx));
    (void)criteria_index_parse(doc, &sets[1], &idx, msg, sizeof(msg));
    criteria_index_clean(&idx);
}

static void criteria_detail(json_t *doc)
{
    char msg[512];
    struct criteria_counts counts;
    (void)criteria_detail_check(doc, &sets[1], &index_148.sets[0], &counts, msg, sizeof(msg));
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char rel[128], msg[512];
    (void)argc;
    (void)argv;
    fuzz_quiet();
    for (size_t i = 0; i < NSETS; i++) {
        snprintf(rel, sizeof(rel), "rule-sets/%s.json", rule_set_files[i]);
        set_docs[i] = reference(rel);
        if (!rule_set_parse(set_docs[i], &sets[i], msg, sizeof(msg)))
            abort();
    }
    index_doc = reference("criteria/qd148-2023-sets.json");
    if (!criteria_index_parse(index_doc, &sets[1], &index_148, msg, sizeof(msg)) ||
        index_148.nsets == 0)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t pick = data[0] % 5;
    if (pick == 0) {
        admin_units(data + 1, size - 1);
    } else if (pick == 1) {
        communes(data + 1, size - 1);
    } else {
        json_t *doc = fuzz_json(data + 1, size - 1);
        if (doc == NULL)
            return 0;
        if (pick == 2)
            rule_set(doc);
        else if (pick == 3)
            criteria_index(doc);
        else
            criteria_detail(doc);
        json_decref(doc);
    }
    return 0;
}
