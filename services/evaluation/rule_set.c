#include "evaluation/rule_set.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/date.h"

#define TEXT_MAX      4000 /* bytes of a free-text member */
#define NAME_MAX_LEN  500  /* bytes of a name */
#define TITLE_MAX     1000 /* bytes of a title */
#define CODE_MAX      16   /* bytes of a part, group or criterion code */
#define FILE_NAME_MAX 100  /* bytes of a file name under criteria/ */
#define GROUPS_MAX    100  /* groups in one criteria set */
#define CRITERIA_MAX  500  /* criteria in one criteria set */
#define OPTIONS_MAX   20   /* options of one criterion */

const char *const rule_set_levels[] = {"commune", "district", "province", "central", NULL};
const char *const rule_set_roles[] = {"checks_and_proposes", "scores_and_proposes",
                                      "evaluates_and_recognises", NULL};

static int say(char *msg, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Writes a message into msg and returns 0, so that checks can end with "return say(...)". */
static int say(char *msg, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(msg, len, fmt, ap);
    va_end(ap);
    return 0;
}

static int one_of(const char *const *allowed, const char *s)
{
    for (; *allowed != NULL; allowed++)
        if (strcmp(*allowed, s) == 0)
            return 1;
    return 0;
}

static int same(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* ---- dates and ids -------------------------------------------------------------------------- */

int rule_set_date_parse(const char *s, long *day)
{
    return oc_date_parse(s, day);
}

int rule_set_id_ok(const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0;
    if (n == 0 || n > RULE_SET_ID_MAX || s[0] == '-' || s[n - 1] == '-')
        return 0;
    for (size_t i = 0; i < n; i++) {
        int word = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9');
        if (!word && (s[i] != '-' || s[i + 1] == '-'))
            return 0;
    }
    return 1;
}

/* A plain file name under criteria/: [a-z0-9][a-z0-9.-]*.json, no path. */
static int file_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 6 || n > FILE_NAME_MAX || strcmp(s + n - 5, ".json") != 0 || s[0] == '.' ||
        strstr(s, "..") != NULL)
        return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789.-") == n;
}

/* ---- reading members ------------------------------------------------------------------------ */

/* Writes the name of member key of the object at where ("parts[1].code", or "code" at the top). */
static const char *member(char *buf, size_t len, const char *where, const char *key)
{
    snprintf(buf, len, "%s%s%s", where, *where != '\0' ? "." : "", key);
    return buf;
}

/* Refuses members of obj not named in allowed (NULL-terminated). */
static int only(json_t *obj, const char *where, const char *const *allowed, char *msg, size_t len)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value)
    {
        (void)value;
        if (!one_of(allowed, key))
            return say(msg, len, "%s%s\"%s\" is not a known member", where,
                       *where != '\0' ? ": " : "", key);
    }
    return 1;
}

/*
 * Reads string member key (1..max bytes, no NUL) into *out. An absent or null
 * member is refused when required, else gives NULL.
 */
static int text_at(json_t *obj, const char *where, const char *key, int required, size_t max,
                   const char **out, char *msg, size_t len)
{
    char name[160];
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL || json_is_null(v))
        return required ? say(msg, len, "%s is required", member(name, sizeof(name), where, key))
                        : 1;
    if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > max ||
        strlen(json_string_value(v)) != json_string_length(v))
        return say(msg, len, "%s must be a string of 1 to %zu bytes",
                   member(name, sizeof(name), where, key), max);
    *out = json_string_value(v);
    return 1;
}

/*
 * Reads whole-number member key within min..max into *out. An absent or null
 * member is refused when required, else leaves *out alone.
 */
static int int_at(json_t *obj, const char *where, const char *key, int required, long min, long max,
                  long *out, char *msg, size_t len)
{
    char name[160];
    json_t *v = json_object_get(obj, key);
    member(name, sizeof(name), where, key);
    if (v == NULL || json_is_null(v))
        return required ? say(msg, len, "%s is required", name) : 1;
    if (!json_is_integer(v))
        return say(msg, len, "%s must be a whole number", name);
    json_int_t x = json_integer_value(v);
    if (x < min || x > max)
        return say(msg, len, "%s must be %ld to %ld, not %lld", name, min, max, (long long)x);
    *out = (long)x;
    return 1;
}

/* Reads an optional date member; *day is left alone when it is absent or null. */
static int date_at(json_t *obj, const char *key, const char **out, long *day, char *msg, size_t len)
{
    if (!text_at(obj, "", key, 0, 10, out, msg, len))
        return say(msg, len, "%s must be a YYYY-MM-DD date or null", key);
    if (*out != NULL && !rule_set_date_parse(*out, day))
        return say(msg, len, "%s \"%s\" is not a YYYY-MM-DD date", key, *out);
    return 1;
}

static int bool_at(json_t *obj, const char *where, const char *key, int required, int *out,
                   char *msg, size_t len)
{
    char name[160];
    json_t *v = json_object_get(obj, key);
    member(name, sizeof(name), where, key);
    if (v == NULL || json_is_null(v))
        return required ? say(msg, len, "%s is required", name) : 1;
    if (!json_is_boolean(v))
        return say(msg, len, "%s must be true or false", name);
    *out = json_is_true(v);
    return 1;
}

/* Reads array member key of min..max items into *out (borrowed); absent counts as empty. */
static int array_at(json_t *obj, const char *where, const char *key, size_t min, size_t max,
                    json_t **out, char *msg, size_t len)
{
    char name[160];
    json_t *v = json_object_get(obj, key);
    member(name, sizeof(name), where, key);
    *out = v;
    if ((v == NULL || json_is_null(v)) && min == 0)
        return 1;
    if (!json_is_array(v) || json_array_size(v) < min || json_array_size(v) > max)
        return say(msg, len, "%s must be an array of %zu to %zu items", name, min, max);
    return 1;
}

/* Checks that item i of an array (named at) is an object of the allowed members. */
static int item_ok(json_t *item, const char *at, const char *const *allowed, char *msg, size_t len)
{
    if (!json_is_object(item))
        return say(msg, len, "%s must be an object", at);
    return only(item, at, allowed, msg, len);
}

/* An optional array of strings (notes, known issues), member key of the object at where. */
static int texts_ok(json_t *obj, const char *where, const char *key, char *msg, size_t len)
{
    char name[160];
    json_t *arr, *v;
    size_t i;
    if (!array_at(obj, where, key, 0, 100, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, v)
    {
        if (!json_is_string(v) || json_string_length(v) == 0)
            return say(msg, len, "%s[%zu] must be a non-empty string",
                       member(name, sizeof(name), where, key), i);
    }
    return 1;
}

/*
 * Checks "sources": 1 or more objects, each with a unique "id" and where it
 * came from ("url", "repo" or "document"); other members are free.
 */
static int sources_ok(json_t *doc, char *msg, size_t len)
{
    json_t *arr, *src;
    size_t i;
    if (!array_at(doc, "", "sources", 1, 100, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, src)
    {
        char at[40];
        const char *id;
        snprintf(at, sizeof(at), "sources[%zu]", i);
        if (!json_is_object(src))
            return say(msg, len, "%s must be an object", at);
        if (!text_at(src, at, "id", 1, 40, &id, msg, len))
            return 0;
        if (!json_is_string(json_object_get(src, "url")) &&
            !json_is_string(json_object_get(src, "repo")) &&
            !json_is_string(json_object_get(src, "document")))
            return say(msg, len, "%s (%s) must say where it came from: url, repo or document", at,
                       id);
        for (size_t j = 0; j < i; j++)
            if (same(id, json_string_value(json_object_get(json_array_get(arr, j), "id"))))
                return say(msg, len, "%s: id \"%s\" is used twice", at, id);
    }
    return 1;
}

/* Checks "confidence" of a rule set: an object of one or more non-empty strings. */
static int confidence_ok(json_t *doc, char *msg, size_t len)
{
    json_t *obj = json_object_get(doc, "confidence"), *v;
    const char *key;
    if (!json_is_object(obj) || json_object_size(obj) == 0)
        return say(msg, len, "confidence must be an object of notes, one per topic");
    json_object_foreach(obj, key, v)
    {
        if (!json_is_string(v) || json_string_length(v) == 0)
            return say(msg, len, "confidence.%s must be a non-empty string", key);
    }
    return 1;
}

/* ---- one rule set --------------------------------------------------------------------------- */

static int id_at(json_t *doc, const char *key, int required, const char **out, char *msg,
                 size_t len)
{
    if (!text_at(doc, "", key, required, RULE_SET_ID_MAX, out, msg, len))
        return 0;
    if (*out != NULL && !rule_set_id_ok(*out))
        return say(msg, len,
                   "%s \"%s\" must be lower-case letters and digits in words joined by '-'", key,
                   *out);
    return 1;
}

static int head_ok(json_t *doc, struct rule_set *rs, char *msg, size_t len)
{
    if (!id_at(doc, "id", 1, &rs->id, msg, len) ||
        !text_at(doc, "", "decision", 1, 100, &rs->decision, msg, len) ||
        !text_at(doc, "", "title", 1, TITLE_MAX, &rs->title, msg, len) ||
        !bool_at(doc, "", "confirmed", 1, &rs->confirmed, msg, len) ||
        !id_at(doc, "amends", 0, &rs->amends, msg, len) ||
        !id_at(doc, "replaces", 0, &rs->replaces, msg, len) ||
        !id_at(doc, "criteria_from", 1, &rs->criteria_from, msg, len) ||
        !text_at(doc, "", "criteria_index", 0, FILE_NAME_MAX, &rs->criteria_index, msg, len) ||
        !int_at(doc, "", "certificate_validity_months", 1, 1, 120, &rs->certificate_months, msg,
                len) ||
        !int_at(doc, "", "min_rounds_per_year", 0, 1, 12, &rs->min_rounds_per_year, msg, len))
        return 0;
    if (same(rs->amends, rs->id) || same(rs->replaces, rs->id))
        return say(msg, len, "a rule set cannot amend or replace itself");
    if (rs->criteria_index != NULL && !file_name_ok(rs->criteria_index))
        return say(msg, len, "criteria_index \"%s\" must be a file name like \"x-sets.json\"",
                   rs->criteria_index);
    if (rs->criteria_index != NULL && !same(rs->criteria_from, rs->id))
        return say(msg, len,
                   "criteria_index is only for a rule set whose criteria_from is itself "
                   "(criteria_from is %s)",
                   rs->criteria_from);
    return 1;
}

static int dates_ok(json_t *doc, struct rule_set *rs, char *msg, size_t len)
{
    const char *decided = NULL;
    long day = 0;
    rs->from_day = RULE_SET_DAY_MIN;
    rs->to_day = RULE_SET_DAY_MAX;
    if (!date_at(doc, "decision_date", &decided, &day, msg, len) ||
        !date_at(doc, "valid_from", &rs->valid_from, &rs->from_day, msg, len) ||
        !date_at(doc, "valid_to", &rs->valid_to, &rs->to_day, msg, len))
        return 0;
    if (rs->confirmed && rs->valid_from == NULL)
        return say(msg, len, "a confirmed rule set needs valid_from");
    if (rs->valid_from == NULL && rs->valid_to != NULL)
        return say(msg, len, "valid_to is given without valid_from");
    if (rs->from_day > rs->to_day)
        return say(msg, len, "valid_from %s is after valid_to %s", rs->valid_from, rs->valid_to);
    return 1;
}

static int parts_ok(json_t *doc, struct rule_set *rs, char *msg, size_t len)
{
    static const char *const members[] = {"code", "name_vi", "name_en", "max_points", NULL};
    json_t *arr, *p;
    size_t i;
    long sum = 0;
    if (!array_at(doc, "", "parts", 1, RULE_SET_PARTS_MAX, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, p)
    {
        struct rule_set_part *part = &rs->parts[i];
        char at[32];
        snprintf(at, sizeof(at), "parts[%zu]", i);
        if (!item_ok(p, at, members, msg, len) ||
            !text_at(p, at, "code", 1, CODE_MAX, &part->code, msg, len) ||
            !text_at(p, at, "name_vi", 1, NAME_MAX_LEN, &part->name_vi, msg, len) ||
            !text_at(p, at, "name_en", 0, NAME_MAX_LEN, &part->name_en, msg, len) ||
            !int_at(p, at, "max_points", 1, 1, 100, &part->max_points, msg, len))
            return 0;
        for (size_t j = 0; j < i; j++)
            if (same(rs->parts[j].code, part->code))
                return say(msg, len, "%s: code \"%s\" is used twice", at, part->code);
        sum += part->max_points;
        rs->nparts = i + 1;
    }
    if (sum != 100)
        return say(msg, len, "parts: max_points sum to %ld, not 100", sum);
    return 1;
}

/* Reads band i; its max_score is -1 when null. */
static int band_read(json_t *b, size_t i, struct rule_set_band *band, char *msg, size_t len)
{
    static const char *const members[] = {"stars", "min_score", "max_score", NULL};
    char at[32];
    long stars = 0;
    snprintf(at, sizeof(at), "star_bands[%zu]", i);
    band->max_score = -1;
    if (!item_ok(b, at, members, msg, len) ||
        !int_at(b, at, "stars", 1, 1, RULE_SET_BANDS_MAX, &stars, msg, len) ||
        !int_at(b, at, "min_score", 1, 0, 100, &band->min_score, msg, len) ||
        !int_at(b, at, "max_score", 0, 1, 100, &band->max_score, msg, len))
        return 0;
    band->stars = (int)stars;
    band->min_score *= 100;
    if (band->max_score >= 0)
        band->max_score *= 100;
    if (stars != (long)i + 1)
        return say(msg, len, "%s: stars must be %zu (bands ascend from 1 star)", at, i + 1);
    if (band->max_score >= 0 && band->max_score <= band->min_score)
        return say(msg, len, "%s: max_score must be greater than min_score", at);
    return 1;
}

static int bands_ok(json_t *doc, struct rule_set *rs, char *msg, size_t len)
{
    json_t *arr, *b;
    size_t i;
    if (!array_at(doc, "", "star_bands", 1, RULE_SET_BANDS_MAX, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, b)
    {
        struct rule_set_band *band = &rs->bands[i];
        if (!band_read(b, i, band, msg, len))
            return 0;
        rs->nbands = i + 1;
        long prev = i > 0 ? rs->bands[i - 1].max_score : 0;
        if (i == 0 && band->min_score != 0)
            return say(msg, len, "star_bands[0]: min_score must be 0 (bands start at 0)");
        if (i > 0 && band->min_score > prev)
            return say(msg, len,
                       "star_bands[%zu]: min_score %ld leaves a gap after star_bands[%zu] "
                       "(max_score %ld)",
                       i, band->min_score / 100, i - 1, prev / 100);
        if (i > 0 && band->min_score < prev)
            return say(msg, len,
                       "star_bands[%zu]: min_score %ld overlaps star_bands[%zu] (max_score %ld)", i,
                       band->min_score / 100, i - 1, prev / 100);
        if (i + 1 < json_array_size(arr) && band->max_score < 0)
            return say(msg, len, "star_bands[%zu]: only the last band may have no max_score", i);
    }
    if (rs->bands[rs->nbands - 1].max_score >= 0)
        return say(msg, len,
                   "star_bands[%zu]: the last band must have max_score null (no upper "
                   "bound)",
                   rs->nbands - 1);
    return 1;
}

/* Reads the stars a level recognises into a bit set. */
static int level_stars(json_t *l, const char *at, unsigned *out, char *msg, size_t len)
{
    json_t *arr, *s;
    size_t i;
    *out = 0;
    if (!array_at(l, at, "stars", 0, 3, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, s)
    {
        json_int_t v = json_is_integer(s) ? json_integer_value(s) : 0;
        if (v < 3 || v > 5)
            return say(msg, len,
                       "%s.stars[%zu] must be 3, 4 or 5 (only 3 stars and above are "
                       "recognised)",
                       at, i);
        if (*out & (1u << v))
            return say(msg, len, "%s.stars lists %lld twice", at, (long long)v);
        *out |= 1u << v;
    }
    return 1;
}

static int levels_ok(json_t *doc, struct rule_set *rs, char *msg, size_t len)
{
    static const char *const members[] = {"level", "role", "stars", NULL};
    json_t *arr, *l;
    size_t i;
    unsigned seen = 0;
    if (!array_at(doc, "", "recognition", 1, RULE_SET_LEVELS_MAX, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, l)
    {
        struct rule_set_level *lv = &rs->levels[i];
        char at[32];
        snprintf(at, sizeof(at), "recognition[%zu]", i);
        if (!item_ok(l, at, members, msg, len) ||
            !text_at(l, at, "level", 1, 20, &lv->level, msg, len) ||
            !text_at(l, at, "role", 1, 40, &lv->role, msg, len) ||
            !level_stars(l, at, &lv->stars, msg, len))
            return 0;
        if (!one_of(rule_set_levels, lv->level))
            return say(msg, len, "%s: level \"%s\" is not commune, district, province or central",
                       at, lv->level);
        if (!one_of(rule_set_roles, lv->role))
            return say(msg, len, "%s: role \"%s\" is not a known role", at, lv->role);
        for (size_t j = 0; j < i; j++)
            if (same(rs->levels[j].level, lv->level))
                return say(msg, len, "%s: level %s is listed twice", at, lv->level);
        if ((lv->stars != 0) != same(lv->role, "evaluates_and_recognises"))
            return say(msg, len,
                       "%s: a level recognises stars exactly when its role is "
                       "evaluates_and_recognises",
                       at);
        if (seen & lv->stars)
            return say(msg, len, "%s: %s recognises stars another level already recognises", at,
                       lv->level);
        seen |= lv->stars;
        rs->nlevels = i + 1;
    }
    for (unsigned s = 3; s <= 5; s++)
        if (!(seen & (1u << s)))
            return say(msg, len, "recognition: no level recognises %u stars", s);
    return 1;
}

static const struct rule_set_level *level_of(const struct rule_set *rs, const char *level)
{
    for (size_t i = 0; i < rs->nlevels; i++)
        if (same(rs->levels[i].level, level))
            return &rs->levels[i];
    return NULL;
}

static int potential_ok(json_t *doc, struct rule_set *rs, char *msg, size_t len)
{
    static const char *const members[] = {"level", "min_score", "forwarded_to", NULL};
    json_t *p = json_object_get(doc, "potential_5_star");
    rs->potential_min_score = -1;
    if (p == NULL || json_is_null(p))
        return 1;
    if (!item_ok(p, "potential_5_star", members, msg, len) ||
        !text_at(p, "potential_5_star", "level", 1, 20, &rs->potential_level, msg, len) ||
        !int_at(p, "potential_5_star", "min_score", 1, 1, 100, &rs->potential_min_score, msg,
                len) ||
        !text_at(p, "potential_5_star", "forwarded_to", 1, 20, &rs->potential_to, msg, len))
        return 0;
    rs->potential_min_score *= 100;
    const struct rule_set_level *from = level_of(rs, rs->potential_level);
    const struct rule_set_level *to = level_of(rs, rs->potential_to);
    if (from == NULL || to == NULL)
        return say(msg, len, "potential_5_star: levels %s and %s must both be in recognition",
                   rs->potential_level, rs->potential_to);
    if ((from->stars & (1u << 5)) || !(to->stars & (1u << 5)))
        return say(msg, len,
                   "potential_5_star: it is forwarded from a level that does not "
                   "recognise 5 stars to the one that does");
    return 1;
}

int rule_set_parse(json_t *doc, struct rule_set *rs, char *msg, size_t len)
{
    static const char *const members[] = {"id",
                                          "decision",
                                          "decision_date",
                                          "title",
                                          "confirmed",
                                          "valid_from",
                                          "valid_to",
                                          "amends",
                                          "replaces",
                                          "criteria_from",
                                          "criteria_index",
                                          "parts",
                                          "star_bands",
                                          "recognition",
                                          "potential_5_star",
                                          "min_rounds_per_year",
                                          "certificate_validity_months",
                                          "sources",
                                          "confidence",
                                          "notes",
                                          NULL};
    memset(rs, 0, sizeof(*rs));
    if (!json_is_object(doc))
        return say(msg, len, "the document must be a JSON object");
    return only(doc, "", members, msg, len) && head_ok(doc, rs, msg, len) &&
           dates_ok(doc, rs, msg, len) && parts_ok(doc, rs, msg, len) &&
           bands_ok(doc, rs, msg, len) && levels_ok(doc, rs, msg, len) &&
           potential_ok(doc, rs, msg, len) && sources_ok(doc, msg, len) &&
           confidence_ok(doc, msg, len) && texts_ok(doc, "", "notes", msg, len);
}

/* ---- the rule sets together ----------------------------------------------------------------- */

static const struct rule_set *find(const struct rule_set *sets, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (same(sets[i].id, id))
            return &sets[i];
    return NULL;
}

static int same_parts(const struct rule_set *a, const struct rule_set *b)
{
    if (a->nparts != b->nparts)
        return 0;
    for (size_t i = 0; i < a->nparts; i++)
        if (!same(a->parts[i].code, b->parts[i].code) ||
            a->parts[i].max_points != b->parts[i].max_points)
            return 0;
    return 1;
}

/* Checks rule set i against the others. */
static int fits(const struct rule_set *sets, size_t n, size_t i, char *msg, size_t len)
{
    const struct rule_set *rs = &sets[i], *c;
    const char *refs[] = {rs->amends, rs->replaces, rs->criteria_from};
    static const char *const ref_names[] = {"amends", "replaces", "criteria_from"};
    for (size_t j = 0; j < n; j++)
        if (j != i && same(sets[j].id, rs->id))
            return say(msg, len, "rule set id %s is used twice", rs->id);
    for (size_t k = 0; k < 3; k++)
        if (refs[k] != NULL && find(sets, n, refs[k]) == NULL)
            return say(msg, len, "%s names %s, which is not a rule set", ref_names[k], refs[k]);
    c = find(sets, n, rs->criteria_from);
    if (!same(c->criteria_from, c->id))
        return say(msg, len, "criteria_from %s takes its own criteria from %s; name that one",
                   c->id, c->criteria_from);
    if (!same_parts(rs, c))
        return say(msg, len, "parts must be those of %s, whose criteria sets it uses", c->id);
    for (size_t j = 0; j < n && rs->confirmed; j++) {
        const struct rule_set *o = &sets[j];
        if (j == i || !o->confirmed || o->from_day > rs->to_day || rs->from_day > o->to_day)
            continue;
        char day[48];
        oc_day_format(o->from_day > rs->from_day ? o->from_day : rs->from_day, day, sizeof(day));
        return say(msg, len, "%s and %s are both in force on %s", rs->id, o->id, day);
    }
    return 1;
}

size_t rule_set_check_all(const struct rule_set *sets, size_t n, char *msg, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (!fits(sets, n, i, msg, len))
            return i;
    return n;
}

/* ---- scores --------------------------------------------------------------------------------- */

int rule_set_stars(const struct rule_set *rs, long score)
{
    if (score < 0 || score > RULE_SET_SCORE_MAX)
        return 0;
    for (size_t i = 0; i < rs->nbands; i++)
        if (score >= rs->bands[i].min_score &&
            (rs->bands[i].max_score < 0 || score < rs->bands[i].max_score))
            return rs->bands[i].stars;
    return 0;
}

int rule_set_potential_5_star(const struct rule_set *rs, const char *level, long score)
{
    return rs->potential_level != NULL && same(rs->potential_level, level) &&
           score >= rs->potential_min_score && score <= RULE_SET_SCORE_MAX;
}

int rule_set_in_force(const struct rule_set *rs, long day)
{
    return rs->confirmed && rs->from_day <= day && day <= rs->to_day;
}

const struct rule_set *rule_set_on(const struct rule_set *sets, size_t n, long day)
{
    for (size_t i = 0; i < n; i++)
        if (rule_set_in_force(&sets[i], day))
            return &sets[i];
    return NULL;
}

/* ---- criteria index ------------------------------------------------------------------------- */

/* Checks "sectors" and returns its array (borrowed) in *out. */
static int sectors_ok(json_t *doc, json_t **out, char *msg, size_t len)
{
    static const char *const members[] = {"code", "name_en", NULL};
    json_t *s;
    size_t i;
    if (!array_at(doc, "", "sectors", 1, 20, out, msg, len))
        return 0;
    json_array_foreach(*out, i, s)
    {
        char at[32];
        const char *code, *name;
        snprintf(at, sizeof(at), "sectors[%zu]", i);
        if (!item_ok(s, at, members, msg, len) ||
            !text_at(s, at, "code", 1, CODE_MAX, &code, msg, len) ||
            !text_at(s, at, "name_en", 1, NAME_MAX_LEN, &name, msg, len))
            return 0;
        for (size_t j = 0; j < i; j++)
            if (same(code, json_string_value(json_object_get(json_array_get(*out, j), "code"))))
                return say(msg, len, "%s: code \"%s\" is used twice", at, code);
    }
    return 1;
}

/* The position of sector code in sectors, or -1. */
static long sector_index(json_t *sectors, const char *code)
{
    json_t *s;
    size_t i;
    json_array_foreach(sectors, i, s)
    {
        if (same(code, json_string_value(json_object_get(s, "code"))))
            return (long)i;
    }
    return -1;
}

static int entry_ok(json_t *e, size_t i, json_t *sectors, struct criteria_index *idx, char *msg,
                    size_t len)
{
    static const char *const members[] = {"number", "sector", "name_en", "detail_file", NULL};
    struct criteria_set_entry *out = &idx->sets[i];
    char at[32];
    snprintf(at, sizeof(at), "sets[%zu]", i);
    if (!item_ok(e, at, members, msg, len) ||
        !int_at(e, at, "number", 1, 1, CRITERIA_SETS_MAX, &out->number, msg, len) ||
        !text_at(e, at, "sector", 1, CODE_MAX, &out->sector, msg, len) ||
        !text_at(e, at, "name_en", 1, NAME_MAX_LEN, &out->name_en, msg, len) ||
        !text_at(e, at, "detail_file", 0, FILE_NAME_MAX, &out->detail_file, msg, len))
        return 0;
    if (out->number != (long)i + 1)
        return say(msg, len, "%s: number %ld must be %zu (sets are numbered 1, 2, ... in order)",
                   at, out->number, i + 1);
    long sector = sector_index(sectors, out->sector);
    if (sector < 0)
        return say(msg, len, "%s: sector \"%s\" is not in sectors", at, out->sector);
    if (i > 0 && sector < sector_index(sectors, idx->sets[i - 1].sector))
        return say(msg, len, "%s: sector %s comes after sector %s (sets follow the sectors' order)",
                   at, out->sector, idx->sets[i - 1].sector);
    out->sector_name_en =
        json_string_value(json_object_get(json_array_get(sectors, (size_t)sector), "name_en"));
    if (out->detail_file != NULL && !file_name_ok(out->detail_file))
        return say(msg, len, "%s: detail_file \"%s\" must be a file name like \"x-set-01.json\"",
                   at, out->detail_file);
    for (size_t j = 0; j < i && out->detail_file != NULL; j++)
        if (same(idx->sets[j].detail_file, out->detail_file))
            return say(msg, len, "%s: detail_file %s is also the detail of set %zu", at,
                       out->detail_file, j + 1);
    return 1;
}

int criteria_index_parse(json_t *doc, const struct rule_set *rs, struct criteria_index *idx,
                         char *msg, size_t len)
{
    static const char *const members[] = {"rule_set",   "title", "detail_unavailable_note",
                                          "sectors",    "sets",  "sources",
                                          "confidence", "notes", NULL};
    json_t *sectors, *sets, *e;
    const char *title;
    size_t i;
    memset(idx, 0, sizeof(*idx));
    if (!json_is_object(doc))
        return say(msg, len, "the document must be a JSON object");
    if (!only(doc, "", members, msg, len) ||
        !text_at(doc, "", "rule_set", 1, RULE_SET_ID_MAX, &idx->rule_set, msg, len) ||
        !text_at(doc, "", "title", 1, NAME_MAX_LEN, &title, msg, len) ||
        !text_at(doc, "", "detail_unavailable_note", 1, TEXT_MAX, &idx->detail_note, msg, len) ||
        !sectors_ok(doc, &sectors, msg, len) ||
        !array_at(doc, "", "sets", 1, CRITERIA_SETS_MAX, &sets, msg, len) ||
        !sources_ok(doc, msg, len) || !confidence_ok(doc, msg, len) ||
        !texts_ok(doc, "", "notes", msg, len))
        return 0;
    if (!same(idx->rule_set, rs->id))
        return say(msg, len, "rule_set is %s, but rule set %s names this index", idx->rule_set,
                   rs->id);
    idx->sets = oc_xcalloc(json_array_size(sets), sizeof(*idx->sets));
    json_array_foreach(sets, i, e)
    {
        if (!entry_ok(e, i, sectors, idx, msg, len))
            return 0;
        idx->nsets = i + 1;
    }
    return 1;
}

void criteria_index_clean(struct criteria_index *idx)
{
    free(idx->sets);
    memset(idx, 0, sizeof(*idx));
}

/* ---- a detailed criteria set ---------------------------------------------------------------- */

/* What the checks of one criteria set carry along. */
struct detail {
    const char *codes[CRITERIA_MAX]; /* criterion codes seen so far */
    const char *groups[GROUPS_MAX];  /* group codes seen so far */
    struct criteria_counts counts;   /* sizes so far */
};

/* Checks mandatory_for_stars, min_points_for_stars and criterion_marked_mandatory of c. */
static int mandatory_ok(json_t *c, const char *at, long max, json_t *options, char *msg, size_t len)
{
    json_t *stars, *mins = json_object_get(c, "min_points_for_stars"), *s, *o;
    size_t i, k;
    long marked = 0, last = 0;
    unsigned set = 0;
    if (!array_at(c, at, "mandatory_for_stars", 0, 3, &stars, msg, len) ||
        !int_at(c, at, "criterion_marked_mandatory", 0, 3, 5, &marked, msg, len))
        return 0;
    json_array_foreach(stars, i, s)
    {
        json_int_t v = json_is_integer(s) ? json_integer_value(s) : 0;
        if (v < 3 || v > 5 || v <= last)
            return say(msg, len, "%s.mandatory_for_stars must list 3, 4 or 5 in ascending order",
                       at);
        last = (long)v;
        set |= 1u << v;
    }
    if (marked != 0 && !(set & (1u << marked)))
        return say(msg, len, "%s: criterion_marked_mandatory %ld is not in mandatory_for_stars", at,
                   marked);
    if (mins != NULL && !json_is_null(mins) && !json_is_object(mins))
        return say(msg, len, "%s.min_points_for_stars must be an object", at);
    if (json_object_size(mins) != json_array_size(stars))
        return say(msg, len, "%s.min_points_for_stars must give one minimum per mandatory star",
                   at);
    json_array_foreach(stars, i, s)
    {
        char key[24], name[96];
        long min = -1;
        snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(s));
        snprintf(name, sizeof(name), "%s.min_points_for_stars", at);
        if (!int_at(mins, name, key, 1, 0, max, &min, msg, len))
            return 0;
        int found = 0;
        json_array_foreach(options, k, o)
        {
            found |= json_integer_value(json_object_get(o, "points")) == min;
        }
        if (!found)
            return say(msg, len, "%s.min_points_for_stars.%s: %ld is not the points of an option",
                       at, key, min);
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
    if (!array_at(c, at, "options", 1, OPTIONS_MAX, out, msg, len))
        return 0;
    json_array_foreach(*out, i, o)
    {
        char oat[96];
        const char *label;
        long points = 0, marker = 0;
        int truncated = 0;
        snprintf(oat, sizeof(oat), "%s.options[%zu]", at, i);
        if (!item_ok(o, oat, members, msg, len) ||
            !text_at(o, oat, "label_vi", 1, TEXT_MAX, &label, msg, len) ||
            !int_at(o, oat, "points", 1, 0, 100, &points, msg, len) ||
            !int_at(o, oat, "star_marker", 0, 3, 5, &marker, msg, len) ||
            !bool_at(o, oat, "text_truncated_in_source", 0, &truncated, msg, len))
            return 0;
        if (points > max)
            return say(msg, len, "%s: points %ld exceed the criterion's max_points %ld", oat,
                       points, max);
        highest = points > highest ? points : highest;
    }
    if (highest != max)
        return say(msg, len, "%s: max_points %ld is not its highest option (%ld)", at, max,
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
        if (same(code, json_string_value(json_object_get(g, "code"))))
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
    if (!item_ok(c, at, members, msg, len) ||
        !text_at(c, at, "code", 1, CODE_MAX, &code, msg, len) ||
        !text_at(c, at, "group_code", 1, CODE_MAX, &group_code, msg, len) ||
        !text_at(c, at, "group_name_vi", 0, NAME_MAX_LEN, &group_name, msg, len) ||
        !text_at(c, at, "name_vi", 1, NAME_MAX_LEN, &name, msg, len) ||
        !text_at(c, at, "name_en", 0, NAME_MAX_LEN, &name, msg, len) ||
        !int_at(c, at, "max_points", 1, 1, 100, &max, msg, len) ||
        !texts_ok(c, at, "notes_vi", msg, len) || !options_ok(c, at, max, d, &options, msg, len) ||
        !mandatory_ok(c, at, max, options, msg, len))
        return 0;
    for (size_t j = 0; j < d->counts.criteria; j++)
        if (same(d->codes[j], code))
            return say(msg, len, "%s: criterion code \"%s\" is used twice", at, code);
    if (d->counts.criteria == CRITERIA_MAX)
        return say(msg, len, "%s: a criteria set has at most %d criteria", at, CRITERIA_MAX);
    d->codes[d->counts.criteria++] = code;
    json_t *g = group_of(p, group_code);
    if (g == NULL)
        return say(msg, len, "%s: group_code \"%s\" is not a group of this part", at, group_code);
    if (group_name != NULL && !same(group_name, json_string_value(json_object_get(g, "name_vi"))))
        return say(msg, len, "%s: group_name_vi differs from group %s's name_vi", at, group_code);
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
    if (!array_at(p, at, "groups", 1, GROUPS_MAX, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, g)
    {
        char gat[64];
        const char *code, *name;
        long max = 0;
        snprintf(gat, sizeof(gat), "%s.groups[%zu]", at, i);
        if (!item_ok(g, gat, members, msg, len) ||
            !text_at(g, gat, "code", 1, CODE_MAX, &code, msg, len) ||
            !text_at(g, gat, "name_vi", 1, NAME_MAX_LEN, &name, msg, len) ||
            !text_at(g, gat, "name_en", 0, NAME_MAX_LEN, &name, msg, len) ||
            !int_at(g, gat, "max_points", 1, 1, 100, &max, msg, len))
            return 0;
        for (size_t j = 0; j < d->counts.groups; j++)
            if (same(d->groups[j], code))
                return say(msg, len, "%s: group code \"%s\" is used twice", gat, code);
        if (d->counts.groups == GROUPS_MAX)
            return say(msg, len, "%s: a criteria set has at most %d groups", gat, GROUPS_MAX);
        d->groups[d->counts.groups++] = code;
        sum += max;
    }
    if (sum != part_max)
        return say(msg, len, "%s: the groups' max_points sum to %ld, not the part's %ld", at, sum,
                   part_max);
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
            if (same(code, json_string_value(json_object_get(c, "group_code"))))
                sum += json_integer_value(json_object_get(c, "max_points"));
        }
        if (sum != max)
            return say(msg, len,
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
    const char *code, *name;
    long max = 0, sum = 0;
    json_t *arr, *c;
    size_t k;
    snprintf(at, sizeof(at), "parts[%zu]", i);
    if (!item_ok(p, at, members, msg, len) ||
        !text_at(p, at, "code", 1, CODE_MAX, &code, msg, len) ||
        !text_at(p, at, "name_vi", 1, NAME_MAX_LEN, &name, msg, len) ||
        !text_at(p, at, "name_en", 0, NAME_MAX_LEN, &name, msg, len) ||
        !int_at(p, at, "max_points", 1, 1, 100, &max, msg, len))
        return 0;
    if (!same(code, want->code) || max != want->max_points)
        return say(msg, len, "%s (%s %ld) must be part %s of %ld points, as in rule set %s", at,
                   code, max, want->code, want->max_points, rs->id);
    if (!groups_ok(p, at, max, d, msg, len) ||
        !array_at(p, at, "criteria", 1, CRITERIA_MAX, &arr, msg, len))
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
        return say(msg, len, "%s: the criteria's max_points sum to %ld, not the part's %ld", at,
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
        return say(msg, len, "the document must be a JSON object");
    if (!only(doc, "", members, msg, len) ||
        !text_at(doc, "", "id", 1, sizeof(want), &id, msg, len) ||
        !text_at(doc, "", "rule_set", 1, RULE_SET_ID_MAX, &rule_set, msg, len) ||
        !int_at(doc, "", "number", 1, 1, CRITERIA_SETS_MAX, &number, msg, len) ||
        !text_at(doc, "", "name_vi", 1, NAME_MAX_LEN, &text, msg, len) ||
        !text_at(doc, "", "name_en", 0, NAME_MAX_LEN, &text, msg, len) ||
        !text_at(doc, "", "confidence", 1, 40, &text, msg, len) ||
        !bool_at(doc, "", "identity_inferred", 0, &flag, msg, len) || !sources_ok(doc, msg, len) ||
        !texts_ok(doc, "", "known_issues", msg, len))
        return 0;
    if (reading != NULL && !json_is_boolean(json_object_get(reading, "confirmed")))
        return say(msg, len, "mandatory_reading.confirmed must be true or false");
    snprintf(want, sizeof(want), "%s-set-%02ld", rs->id, e->number);
    if (!same(rule_set, rs->id) || number != e->number || !same(id, want))
        return say(msg, len, "id, rule_set and number must be %s, %s and %ld, as in the index",
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
             array_at(doc, "", "parts", rs->nparts, rs->nparts, &parts, msg, len);
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
