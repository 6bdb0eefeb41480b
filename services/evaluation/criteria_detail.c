#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/err.h"
#include "evaluation/rule_set.h"
#include "evaluation/rule_set_json.h"

/* ---- a detailed criteria set ---------------------------------------------------------------- */

/* What the checks of one criteria set carry along. */
struct detail {
    const char *codes[RSJ_CRITERIA_MAX]; /* criterion codes seen so far */
    const char *groups[RSJ_GROUPS_MAX];  /* group codes seen so far */
    struct criteria_counts counts;       /* sizes so far */
};

/* Checks mandatory_for_stars, min_points_for_stars and criterion_marked_mandatory of c. */
static int mandatory_ok(json_t *c, const char *at, long max, json_t *options, char *msg, size_t len)
{
    json_t *stars, *mins = json_object_get(c, "min_points_for_stars"), *s, *o;
    size_t i, k;
    long marked = 0, last = 0;
    unsigned set = 0;
    if (!rsj_array_at(c, at, "mandatory_for_stars", 0, 3, &stars, msg, len) ||
        !rsj_int_at(c, at, "criterion_marked_mandatory", 0, 3, 5, &marked, msg, len))
        return 0;
    json_array_foreach(stars, i, s)
    {
        json_int_t v = json_is_integer(s) ? json_integer_value(s) : 0;
        if (v < 3 || v > 5 || v <= last)
            return oc_say(msg, len, "%s.mandatory_for_stars must list 3, 4 or 5 in ascending order",
                          at);
        last = (long)v;
        set |= 1u << v;
    }
    if (marked != 0 && !(set & (1u << marked)))
        return oc_say(msg, len, "%s: criterion_marked_mandatory %ld is not in mandatory_for_stars",
                      at, marked);
    if (mins != NULL && !json_is_null(mins) && !json_is_object(mins))
        return oc_say(msg, len, "%s.min_points_for_stars must be an object", at);
    if (json_object_size(mins) != json_array_size(stars))
        return oc_say(msg, len, "%s.min_points_for_stars must give one minimum per mandatory star",
                      at);
    json_array_foreach(stars, i, s)
    {
        char key[24], name[96];
        long min = -1;
        snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(s));
        snprintf(name, sizeof(name), "%s.min_points_for_stars", at);
        if (!rsj_int_at(mins, name, key, 1, 0, max, &min, msg, len))
            return 0;
        int found = 0;
        json_array_foreach(options, k, o)
        {
            found |= json_integer_value(json_object_get(o, "points")) == min;
        }
        if (!found)
            return oc_say(msg, len,
                          "%s.min_points_for_stars.%s: %ld is not the points of an option", at, key,
                          min);
    }
    return 1;
}

static int options_ok(json_t *c, const char *at, long max, struct detail *d, json_t **out,
                      char *msg, size_t len)
{
    static const char *const members[] = {"label_vi", "points", "star_marker",
                                          "text_truncated_in_source", NULL};
    json_t *o;
    size_t i;
    long highest = -1;
    if (!rsj_array_at(c, at, "options", 1, RSJ_OPTIONS_MAX, out, msg, len))
        return 0;
    json_array_foreach(*out, i, o)
    {
        char oat[96];
        const char *label;
        long points = 0, marker = 0;
        int truncated = 0;
        snprintf(oat, sizeof(oat), "%s.options[%zu]", at, i);
        if (!rsj_item_ok(o, oat, members, msg, len) ||
            !rsj_text_at(o, oat, "label_vi", 1, RSJ_TEXT_MAX, &label, msg, len) ||
            !rsj_int_at(o, oat, "points", 1, 0, 100, &points, msg, len) ||
            !rsj_int_at(o, oat, "star_marker", 0, 3, 5, &marker, msg, len) ||
            !rsj_bool_at(o, oat, "text_truncated_in_source", 0, &truncated, msg, len))
            return 0;
        if (points > max)
            return oc_say(msg, len, "%s: points %ld exceed the criterion's max_points %ld", oat,
                          points, max);
        highest = points > highest ? points : highest;
    }
    if (highest != max)
        return oc_say(msg, len, "%s: max_points %ld is not its highest option (%ld)", at, max,
                      highest);
    d->counts.options += json_array_size(*out);
    return 1;
}

/* The group of part p with this code, or NULL. */
static json_t *group_of(json_t *p, const char *code)
{
    json_t *g;
    size_t i;
    json_array_foreach(json_object_get(p, "groups"), i, g)
    {
        if (rsj_same(code, json_string_value(json_object_get(g, "code"))))
            return g;
    }
    return NULL;
}

static int criterion_ok(json_t *p, json_t *c, const char *at, struct detail *d, char *msg,
                        size_t len)
{
    static const char *const members[] = {"code",
                                          "group_code",
                                          "group_name_vi",
                                          "name_vi",
                                          "name_en",
                                          "max_points",
                                          "mandatory_for_stars",
                                          "min_points_for_stars",
                                          "criterion_marked_mandatory",
                                          "notes_vi",
                                          "options",
                                          NULL};
    const char *code, *group_code, *group_name, *name;
    long max = 0;
    json_t *options;
    if (!rsj_item_ok(c, at, members, msg, len) ||
        !rsj_text_at(c, at, "code", 1, RSJ_CODE_MAX, &code, msg, len) ||
        !rsj_text_at(c, at, "group_code", 1, RSJ_CODE_MAX, &group_code, msg, len) ||
        !rsj_text_at(c, at, "group_name_vi", 0, RSJ_NAME_MAX_LEN, &group_name, msg, len) ||
        !rsj_text_at(c, at, "name_vi", 1, RSJ_NAME_MAX_LEN, &name, msg, len) ||
        !rsj_text_at(c, at, "name_en", 0, RSJ_NAME_MAX_LEN, &name, msg, len) ||
        !rsj_int_at(c, at, "max_points", 1, 1, 100, &max, msg, len) ||
        !rsj_texts_ok(c, at, "notes_vi", msg, len) ||
        !options_ok(c, at, max, d, &options, msg, len) ||
        !mandatory_ok(c, at, max, options, msg, len))
        return 0;
    for (size_t j = 0; j < d->counts.criteria; j++)
        if (rsj_same(d->codes[j], code))
            return oc_say(msg, len, "%s: criterion code \"%s\" is used twice", at, code);
    if (d->counts.criteria == RSJ_CRITERIA_MAX)
        return oc_say(msg, len, "%s: a criteria set has at most %d criteria", at, RSJ_CRITERIA_MAX);
    d->codes[d->counts.criteria++] = code;
    json_t *g = group_of(p, group_code);
    if (g == NULL)
        return oc_say(msg, len, "%s: group_code \"%s\" is not a group of this part", at,
                      group_code);
    if (group_name != NULL &&
        !rsj_same(group_name, json_string_value(json_object_get(g, "name_vi"))))
        return oc_say(msg, len, "%s: group_name_vi differs from group %s's name_vi", at,
                      group_code);
    return 1;
}

/* Checks the groups of part p (at "parts[i]") and that their maxima sum to the part's. */
static int groups_ok(json_t *p, const char *at, long part_max, struct detail *d, char *msg,
                     size_t len)
{
    static const char *const members[] = {"code", "name_vi", "name_en", "max_points", NULL};
    json_t *arr, *g;
    size_t i;
    long sum = 0;
    if (!rsj_array_at(p, at, "groups", 1, RSJ_GROUPS_MAX, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, g)
    {
        char gat[64];
        struct rule_set_part head;
        snprintf(gat, sizeof(gat), "%s.groups[%zu]", at, i);
        if (!rsj_heading_at(g, gat, members, &head, msg, len))
            return 0;
        const char *code = head.code;
        for (size_t j = 0; j < d->counts.groups; j++)
            if (rsj_same(d->groups[j], code))
                return oc_say(msg, len, "%s: group code \"%s\" is used twice", gat, code);
        if (d->counts.groups == RSJ_GROUPS_MAX)
            return oc_say(msg, len, "%s: a criteria set has at most %d groups", gat,
                          RSJ_GROUPS_MAX);
        d->groups[d->counts.groups++] = code;
        sum += head.max_points;
    }
    if (sum != part_max)
        return oc_say(msg, len, "%s: the groups' max_points sum to %ld, not the part's %ld", at,
                      sum, part_max);
    return 1;
}

/* Checks that the criteria of each group of p sum to the group's maximum. */
static int group_sums_ok(json_t *p, const char *at, char *msg, size_t len)
{
    json_t *g, *c;
    size_t i, k;
    json_array_foreach(json_object_get(p, "groups"), i, g)
    {
        const char *code = json_string_value(json_object_get(g, "code"));
        json_int_t sum = 0, max = json_integer_value(json_object_get(g, "max_points"));
        json_array_foreach(json_object_get(p, "criteria"), k, c)
        {
            if (rsj_same(code, json_string_value(json_object_get(c, "group_code"))))
                sum += json_integer_value(json_object_get(c, "max_points"));
        }
        if (sum != max)
            return oc_say(msg, len,
                          "%s: the criteria of group %s sum to %lld, not its max_points %lld", at,
                          code, (long long)sum, (long long)max);
    }
    return 1;
}

static int part_ok(json_t *p, size_t i, const struct rule_set *rs, struct detail *d, char *msg,
                   size_t len)
{
    static const char *const members[] = {"code",   "name_vi",  "name_en", "max_points",
                                          "groups", "criteria", NULL};
    const struct rule_set_part *want = &rs->parts[i];
    char at[32];
    struct rule_set_part head;
    long sum = 0;
    json_t *arr, *c;
    size_t k;
    snprintf(at, sizeof(at), "parts[%zu]", i);
    if (!rsj_heading_at(p, at, members, &head, msg, len))
        return 0;
    const char *code = head.code;
    long max = head.max_points;
    if (!rsj_same(code, want->code) || max != want->max_points)
        return oc_say(msg, len, "%s (%s %ld) must be part %s of %ld points, as in rule set %s", at,
                      code, max, want->code, want->max_points, rs->id);
    if (!groups_ok(p, at, max, d, msg, len) ||
        !rsj_array_at(p, at, "criteria", 1, RSJ_CRITERIA_MAX, &arr, msg, len))
        return 0;
    json_array_foreach(arr, k, c)
    {
        char cat[64];
        snprintf(cat, sizeof(cat), "%s.criteria[%zu]", at, k);
        if (!criterion_ok(p, c, cat, d, msg, len))
            return 0;
        sum += (long)json_integer_value(json_object_get(c, "max_points"));
    }
    if (sum != max)
        return oc_say(msg, len, "%s: the criteria's max_points sum to %ld, not the part's %ld", at,
                      sum, max);
    return group_sums_ok(p, at, msg, len);
}

/* Checks the members of a detail document other than its parts. */
static int detail_head_ok(json_t *doc, const struct rule_set *rs,
                          const struct criteria_set_entry *e, char *msg, size_t len)
{
    static const char *const members[] = {"id",
                                          "rule_set",
                                          "number",
                                          "transcribed_from",
                                          "name_vi",
                                          "name_en",
                                          "identity_inferred",
                                          "identity_basis",
                                          "confidence",
                                          "confidence_reason",
                                          "disqualification_vi",
                                          "mandatory_reading",
                                          "sources",
                                          "not_found",
                                          "known_issues",
                                          "parts",
                                          NULL};
    const char *id, *rule_set, *text;
    long number = 0;
    int flag = 0;
    char want[RULE_SET_ID_MAX + 16];
    json_t *reading = json_object_get(doc, "mandatory_reading");
    if (!json_is_object(doc))
        return oc_say(msg, len, "the document must be a JSON object");
    if (!rsj_only(doc, "", members, msg, len) ||
        !rsj_text_at(doc, "", "id", 1, sizeof(want), &id, msg, len) ||
        !rsj_text_at(doc, "", "rule_set", 1, RULE_SET_ID_MAX, &rule_set, msg, len) ||
        !rsj_int_at(doc, "", "number", 1, 1, CRITERIA_SETS_MAX, &number, msg, len) ||
        !rsj_text_at(doc, "", "name_vi", 1, RSJ_NAME_MAX_LEN, &text, msg, len) ||
        !rsj_text_at(doc, "", "name_en", 0, RSJ_NAME_MAX_LEN, &text, msg, len) ||
        !rsj_text_at(doc, "", "confidence", 1, 40, &text, msg, len) ||
        !rsj_bool_at(doc, "", "identity_inferred", 0, &flag, msg, len) ||
        !rsj_sources_ok(doc, msg, len) || !rsj_texts_ok(doc, "", "known_issues", msg, len))
        return 0;
    if (reading != NULL && !json_is_boolean(json_object_get(reading, "confirmed")))
        return oc_say(msg, len, "mandatory_reading.confirmed must be true or false");
    snprintf(want, sizeof(want), "%s-set-%02ld", rs->id, e->number);
    if (!rsj_same(rule_set, rs->id) || number != e->number || !rsj_same(id, want))
        return oc_say(msg, len, "id, rule_set and number must be %s, %s and %ld, as in the index",
                      want, rs->id, e->number);
    return 1;
}

int criteria_detail_check(json_t *doc, const struct rule_set *rs,
                          const struct criteria_set_entry *e, struct criteria_counts *counts,
                          char *msg, size_t len)
{
    struct detail *d = oc_xcalloc(1, sizeof(*d));
    json_t *parts, *p;
    size_t i;
    int ok = detail_head_ok(doc, rs, e, msg, len) &&
             rsj_array_at(doc, "", "parts", rs->nparts, rs->nparts, &parts, msg, len);
    json_array_foreach(ok ? parts : NULL, i, p)
    {
        if (!part_ok(p, i, rs, d, msg, len)) {
            ok = 0;
            break;
        }
    }
    *counts = d->counts;
    free(d);
    return ok;
}
