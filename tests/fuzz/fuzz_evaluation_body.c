/*
 * Evaluation's request bodies: the first byte picks the parser (as the route
 * would), the rest is the body, loaded as oc_http_body loads it and validated
 * as the handler validates it. Score sheets are checked in both forms: the
 * parts of QĐ 148 (A 40, B 25, C 35), used when a criteria set has no detail,
 * and the detailed criteria set 1 of QĐ 148 (its view as GET
 * /v1/criteria-sets/{id} shows it, built from the reference file as
 * test_result.c builds it), whose mandatory-criteria cap is then computed.
 * Every input is also read as a province's certificate list (CSV,
 * certificate_import.h), whose rows must keep their order and limits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/validate.h"
#include "evaluation/certificate.h"
#include "evaluation/certificate_import.h"
#include "evaluation/council.h"
#include "evaluation/entry.h"
#include "evaluation/inspection.h"
#include "evaluation/inspection_plan.h"
#include "evaluation/market_finding.h"
#include "evaluation/result.h"
#include "evaluation/round.h"
#include "evaluation/sheet.h"
#include "fuzz/fuzz.h"

static json_t *parts_148;
static json_t *criteria_148; /* criteria set 1 of QĐ 148, detailed */

/* The view of a detailed criteria set: each part's criteria grouped by group_code. */
static json_t *criteria_view(void)
{
    char path[1024];
    size_t i, k, n;
    json_t *part, *c, *candidate;
    snprintf(path, sizeof(path), "%s/reference/criteria/qd148-2023-set-01.json",
             OCOP_FUZZ_SCHEMA_DIR);
    json_t *doc = json_load_file(path, 0, NULL);
    if (doc == NULL)
        abort();
    json_array_foreach(json_object_get(doc, "parts"), i, part)
    {
        json_t *groups = json_array();
        json_array_foreach(json_object_get(part, "criteria"), k, c)
        {
            const char *g = json_string_value(json_object_get(c, "group_code"));
            json_t *group = NULL;
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

static int council_post(struct oc_v *v)
{
    struct council_input c;
    memset(&c, 0, sizeof(c));
    return council_from_json(v, &c);
}

static int member_post(struct oc_v *v)
{
    struct member_input m;
    memset(&m, 0, sizeof(m));
    return member_from_json(v, &m);
}

static int conflict_post(struct oc_v *v)
{
    struct conflict_input c;
    memset(&c, 0, sizeof(c));
    return conflict_from_json(v, &c);
}

static int round_post(struct oc_v *v)
{
    struct round_input r;
    memset(&r, 0, sizeof(r));
    return round_from_json(v, &r);
}

static int round_transition(struct oc_v *v)
{
    struct round_move m;
    memset(&m, 0, sizeof(m));
    return round_move_from_json(v, &m);
}

static int entry_post(struct oc_v *v)
{
    struct entry_input e;
    memset(&e, 0, sizeof(e));
    return entry_from_json(v, &e);
}

static int result_post(struct oc_v *v)
{
    struct result_input r;
    memset(&r, 0, sizeof(r));
    return result_from_json(v, &r);
}

static int withdrawal_post(struct oc_v *v)
{
    struct entry_withdrawal w;
    memset(&w, 0, sizeof(w));
    return withdrawal_from_json(v, &w);
}

static int sheet_put(struct oc_v *v)
{
    struct sheet_score s;
    memset(&s, 0, sizeof(s));
    int ok = sheet_from_json(v, NULL, parts_148, &s);
    sheet_score_clean(&s);
    return ok;
}

/* PUT /v1/entries/{id}/sheets/{member_id} on a detailed criteria set, then the cap it sets. */
static int sheet_put_detailed(struct oc_v *v)
{
    struct sheet_score s;
    memset(&s, 0, sizeof(s));
    int ok = sheet_from_json(v, criteria_148, NULL, &s);
    if (ok) {
        const json_t *lines[] = {s.lines, s.lines};
        json_t *failed = json_array();
        (void)result_mandatory_cap(criteria_148, lines, 2, failed);
        json_decref(failed);
    }
    sheet_score_clean(&s);
    return ok;
}

static int certificate_post(struct oc_v *v)
{
    struct certificate_record r;
    memset(&r, 0, sizeof(r));
    return certificate_record_from_json(v, &r);
}

static int revocation_post(struct oc_v *v)
{
    struct certificate_why w;
    memset(&w, 0, sizeof(w));
    return certificate_revocation_from_json(v, &w);
}

static int reinstatement_post(struct oc_v *v)
{
    struct certificate_why w;
    memset(&w, 0, sizeof(w));
    return certificate_reinstatement_from_json(v, &w);
}

/* POST /v1/inspections: the members, then the outcome rules, as of a fixed today. */
static int inspection_post(struct oc_v *v)
{
    struct inspection_input in;
    memset(&in, 0, sizeof(in));
    if (!inspection_from_json(v, "2026-12-06", &in))
        return 0;
    size_t failed = inspection_failed_findings(&in) + inspection_failed_lab(&in);
    if (in.noutcomes == 0 || in.noutcomes > INSPECTION_OUTCOMES_MAX ||
        strcmp(in.outcome, in.outcomes[0]) != 0 ||
        (inspection_has(&in, "compliant") && in.noutcomes > 1) ||
        (inspection_has(&in, "suspension") && inspection_has(&in, "revocation")))
        abort(); /* a valid set: the most severe first, compliant alone, never both decisions */
    return inspection_certificate_effect(in.outcome) != NULL || failed > 0;
}

/* POST /v1/inspection-plans/2026/items. */
static int plan_item_post(struct oc_v *v)
{
    struct inspection_plan_item_input in;
    if (!inspection_plan_item_from_json(v, 2026, &in))
        return 0;
    const char *from = in.m[INSPECTION_PLAN_ITEM_PLANNED_FROM].s;
    const char *to = in.m[INSPECTION_PLAN_ITEM_PLANNED_TO].s;
    if (in.m[INSPECTION_PLAN_ITEM_PRODUCT_ID].set == in.m[INSPECTION_PLAN_ITEM_PRODUCER_ID].set ||
        strcmp(from, to) > 0 || strncmp(from, "2026-", 5) != 0 || strncmp(to, "2026-", 5) != 0)
        abort(); /* one target, a window forwards within the year */
    return 1;
}

/* POST /v1/market-findings, as of a fixed today. */
static int market_finding_post(struct oc_v *v)
{
    struct market_finding_input in;
    if (!market_finding_from_json(v, "2026-12-06", &in))
        return 0;
    if ((!in.m[MARKET_FINDING_OCOP_MARK_SHOWN].n && !in.m[MARKET_FINDING_STARS_CLAIMED].set) ||
        strcmp(in.m[MARKET_FINDING_FOUND_ON].s, "2026-12-06") > 0)
        abort(); /* the mark or stars shown, on a day that has come */
    return 1;
}

/* Indexed by the input's first byte (modulo their number); the seeds name theirs. */
static int (*const parsers[])(struct oc_v *v) = {
    council_post,     member_post,        conflict_post,   round_post,
    round_transition, entry_post,         result_post,     withdrawal_post,
    sheet_put,        certificate_post,   revocation_post, reinstatement_post,
    inspection_post,  sheet_put_detailed, plan_item_post,  market_finding_post,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    parts_148 = json_pack("[{s:s,s:i},{s:s,s:i},{s:s,s:i}]", "code", "A", "max_points", 40, "code",
                          "B", "max_points", 25, "code", "C", "max_points", 35);
    criteria_148 = criteria_view();
    return 0;
}

/* POST /v1/certificates/imports: the bytes as a CSV list. */
static void import_csv(const uint8_t *data, size_t size)
{
    struct certificate_import imp;
    long line = 1;
    if (certificate_import_parse((const char *)data, size, &imp) == OC_OK) {
        if (imp.n > CERTIFICATE_IMPORT_MAX_ROWS)
            abort();
        for (size_t i = 0; i < imp.n; i++) {
            const struct certificate_import_row *row = &imp.rows[i];
            if (row->line <= line)
                abort(); /* lines are counted forward, after the header */
            line = row->line;
            if (row->ok && ((row->fields.product_id == NULL) == (row->product_code == NULL) ||
                            row->fields.stars < 3 || row->fields.stars > 5 ||
                            (row->fields.number != NULL &&
                             certificate_number_problem(row->fields.number) != NULL)))
                abort(); /* a well-formed line has what POST /v1/certificates needs */
        }
    }
    certificate_import_clean(&imp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_body_parsers(data, size, parsers, sizeof(parsers) / sizeof(parsers[0]));
    import_csv(data, size);
    return 0;
}
