#include "evaluation/sheet.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define SHEET_COMMENT_MAX 2000

void sheet_score_clean(struct sheet_score *out)
{
    json_decref(out->lines);
    json_decref(out->parts);
    memset(out, 0, sizeof(*out));
}

/* Reads a number of points with at most two decimals into hundredths; -1 when it is not one. */
static long hundredths(const json_t *m)
{
    if (json_is_integer(m))
        return json_integer_value(m) >= 0 && json_integer_value(m) <= 100
                   ? (long)json_integer_value(m) * 100
                   : -1;
    if (!json_is_real(m))
        return -1;
    double x = json_real_value(m) * 100.0, r = nearbyint(x);
    return r >= 0 && r <= 10000 && fabs(x - r) < 1e-6 ? (long)r : -1;
}

/* Scores the parts-only form. */
static void score_parts(struct oc_v *v, const json_t *given, const json_t *parts,
                        struct sheet_score *out)
{
    size_t i;
    const json_t *part;
    const char *key;
    json_t *value;
    char field[64];
    out->parts = json_object();
    json_array_foreach(parts, i, part)
    {
        const char *code = json_string_value(json_object_get(part, "code"));
        long max = (long)json_integer_value(json_object_get(part, "max_points")) * 100;
        const json_t *m = json_object_get(given, code);
        long p = hundredths(m);
        snprintf(field, sizeof(field), "parts.%s", code);
        if (m == NULL)
            oc_v_error(v, field, "required", "give the points of part %s", code);
        else if (p < 0 || p > max)
            oc_v_error(v, field, json_is_number(m) ? "range" : "type",
                       "must be a number of points from 0 to %ld with at most two decimals",
                       max / 100);
        else {
            json_object_set_new(out->parts, code, json_integer(p));
            out->total += p;
        }
    }
    json_object_foreach((json_t *)given, key, value)
    {
        (void)value;
        int known = 0;
        json_array_foreach(parts, i, part)
        {
            known |= strcmp(json_string_value(json_object_get(part, "code")), key) == 0;
        }
        if (!known) {
            snprintf(field, sizeof(field), "parts.%.50s", key);
            oc_v_error(v, field, "unknown", "the rule set has no part %.50s", key);
        }
    }
}

/* Scores one criterion of the detailed form. */
static void score_criterion(struct oc_v *v, const json_t *criterion, const char *part,
                            const json_t *choices, struct sheet_score *out)
{
    const char *code = json_string_value(json_object_get(criterion, "code"));
    const json_t *options = json_object_get(criterion, "options");
    const json_t *choice = json_object_get(choices, code);
    char field[96];
    snprintf(field, sizeof(field), "choices.%s", code);
    if (choice == NULL) {
        oc_v_error(v, field, "required", "choose one option of criterion %s", code);
        return;
    }
    json_int_t n = json_is_integer(choice) ? json_integer_value(choice) : 0;
    if (!json_is_integer(choice) || n < 1 || (size_t)n > json_array_size(options)) {
        oc_v_error(v, field, json_is_integer(choice) ? "range" : "type",
                   "must be the position of one of the criterion's %zu options (1 to %zu)",
                   json_array_size(options), json_array_size(options));
        return;
    }
    json_int_t points =
        json_integer_value(json_object_get(json_array_get(options, (size_t)n - 1), "points"));
    json_object_set_new(out->lines, code, json_pack("{s:I,s:I}", "option", n, "points", points));
    json_t *sum = json_object_get(out->parts, part);
    json_object_set_new(out->parts, part, json_integer(json_integer_value(sum) + points * 100));
    out->total += (long)points * 100;
}

/* 1 when the criteria set has a criterion with code key. */
static int criterion_known(const json_t *criteria, const char *key)
{
    size_t i, j, k;
    const json_t *part, *group, *criterion;
    json_array_foreach(json_object_get(criteria, "parts"), i, part)
    {
        json_array_foreach(json_object_get(part, "groups"), j, group)
        {
            json_array_foreach(json_object_get(group, "criteria"), k, criterion)
            {
                if (strcmp(json_string_value(json_object_get(criterion, "code")), key) == 0)
                    return 1;
            }
        }
    }
    return 0;
}

/* Scores the detailed form: every criterion of every part, none unknown. */
static void score_choices(struct oc_v *v, const json_t *given, const json_t *criteria,
                          struct sheet_score *out)
{
    size_t i, j, k;
    const json_t *part, *group, *criterion;
    const char *key;
    json_t *value;
    char field[96];
    out->lines = json_object();
    out->parts = json_object();
    json_array_foreach(json_object_get(criteria, "parts"), i, part)
    {
        const char *code = json_string_value(json_object_get(part, "code"));
        json_object_set_new(out->parts, code, json_integer(0));
        json_array_foreach(json_object_get(part, "groups"), j, group)
        {
            json_array_foreach(json_object_get(group, "criteria"), k, criterion)
            {
                score_criterion(v, criterion, code, given, out);
            }
        }
    }
    json_object_foreach((json_t *)given, key, value)
    {
        (void)value;
        if (!criterion_known(criteria, key)) {
            snprintf(field, sizeof(field), "choices.%.50s", key);
            oc_v_error(v, field, "unknown", "the criteria set has no criterion %.50s", key);
        }
    }
}

int sheet_from_json(struct oc_v *v, const json_t *criteria, const json_t *parts,
                    struct sheet_score *out)
{
    static const char *const fields[] = {"choices", "parts", "comment", NULL};
    int detailed = criteria != NULL && json_is_true(json_object_get(criteria, "detailed"));
    const char *want = detailed ? "choices" : "parts", *other = detailed ? "parts" : "choices";
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    oc_v_string(v, "comment", 0, 1, SHEET_COMMENT_MAX);
    if (!json_is_object(v->body))
        return 0;
    const json_t *given = json_object_get(v->body, want);
    if (json_object_get(v->body, other) != NULL)
        oc_v_error(v, other, "not_allowed",
                   detailed ? "the entry's criteria set is detailed: choose an option per "
                              "criterion in \"choices\""
                            : "the entry's criteria set has no criteria in the reference data: "
                              "give each part's points in \"parts\"");
    if (given == NULL)
        oc_v_error(v, want, "required",
                   detailed ? "choose one option per criterion" : "give each part's points");
    else if (!json_is_object(given))
        oc_v_error(v, want, "type", "must be an object");
    else if (detailed)
        score_choices(v, given, criteria, out);
    else
        score_parts(v, given, parts, out);
    if (!oc_v_ok(v)) {
        sheet_score_clean(out);
        return 0;
    }
    return 1;
}
