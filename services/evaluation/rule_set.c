#include "evaluation/rule_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/date.h"
#include "common/err.h"
#include "evaluation/rule_set_json.h"

const char *const rule_set_levels[] = {"commune", "district", "province", "central", NULL};
const char *const rule_set_roles[] = {"checks_and_proposes", "scores_and_proposes",
                                      "evaluates_and_recognises", NULL};

/* ---- dates and ids -------------------------------------------------------------------------- */

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

/* ---- one rule set --------------------------------------------------------------------------- */

static int id_at(json_t *doc, const char *key, int required, const char **out, char *msg,
                 size_t len)
{
    if (!rsj_text_at(doc, "", key, required, RULE_SET_ID_MAX, out, msg, len))
        return 0;
    if (*out != NULL && !rule_set_id_ok(*out))
        return oc_say(msg, len,
                      "%s \"%s\" must be lower-case letters and digits in words joined by '-'", key,
                      *out);
    return 1;
}

static int head_ok(json_t *doc, struct rule_set *rs, char *msg, size_t len)
{
    if (!id_at(doc, "id", 1, &rs->id, msg, len) ||
        !rsj_text_at(doc, "", "decision", 1, 100, &rs->decision, msg, len) ||
        !rsj_text_at(doc, "", "title", 1, RSJ_TITLE_MAX, &rs->title, msg, len) ||
        !rsj_bool_at(doc, "", "confirmed", 1, &rs->confirmed, msg, len) ||
        !id_at(doc, "amends", 0, &rs->amends, msg, len) ||
        !id_at(doc, "replaces", 0, &rs->replaces, msg, len) ||
        !id_at(doc, "criteria_from", 1, &rs->criteria_from, msg, len) ||
        !rsj_text_at(doc, "", "criteria_index", 0, RSJ_FILE_NAME_MAX, &rs->criteria_index, msg,
                     len) ||
        !rsj_int_at(doc, "", "certificate_validity_months", 1, 1, 120, &rs->certificate_months, msg,
                    len) ||
        !rsj_int_at(doc, "", "min_rounds_per_year", 0, 1, 12, &rs->min_rounds_per_year, msg, len))
        return 0;
    if (rsj_same(rs->amends, rs->id) || rsj_same(rs->replaces, rs->id))
        return oc_say(msg, len, "a rule set cannot amend or replace itself");
    if (rs->criteria_index != NULL && !rsj_file_name_ok(rs->criteria_index))
        return oc_say(msg, len, "criteria_index \"%s\" must be a file name like \"x-sets.json\"",
                      rs->criteria_index);
    if (rs->criteria_index != NULL && !rsj_same(rs->criteria_from, rs->id))
        return oc_say(msg, len,
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
    if (!rsj_date_at(doc, "decision_date", &decided, &day, msg, len) ||
        !rsj_date_at(doc, "valid_from", &rs->valid_from, &rs->from_day, msg, len) ||
        !rsj_date_at(doc, "valid_to", &rs->valid_to, &rs->to_day, msg, len))
        return 0;
    if (rs->confirmed && rs->valid_from == NULL)
        return oc_say(msg, len, "a confirmed rule set needs valid_from");
    if (rs->valid_from == NULL && rs->valid_to != NULL)
        return oc_say(msg, len, "valid_to is given without valid_from");
    if (rs->from_day > rs->to_day)
        return oc_say(msg, len, "valid_from %s is after valid_to %s", rs->valid_from, rs->valid_to);
    return 1;
}

static int parts_ok(json_t *doc, struct rule_set *rs, char *msg, size_t len)
{
    static const char *const members[] = {"code", "name_vi", "name_en", "max_points", NULL};
    json_t *arr, *p;
    size_t i;
    long sum = 0;
    if (!rsj_array_at(doc, "", "parts", 1, RULE_SET_PARTS_MAX, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, p)
    {
        struct rule_set_part *part = &rs->parts[i];
        char at[32];
        snprintf(at, sizeof(at), "parts[%zu]", i);
        if (!rsj_heading_at(p, at, members, part, msg, len))
            return 0;
        for (size_t j = 0; j < i; j++)
            if (rsj_same(rs->parts[j].code, part->code))
                return oc_say(msg, len, "%s: code \"%s\" is used twice", at, part->code);
        sum += part->max_points;
        rs->nparts = i + 1;
    }
    if (sum != 100)
        return oc_say(msg, len, "parts: max_points sum to %ld, not 100", sum);
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
    if (!rsj_item_ok(b, at, members, msg, len) ||
        !rsj_int_at(b, at, "stars", 1, 1, RULE_SET_BANDS_MAX, &stars, msg, len) ||
        !rsj_int_at(b, at, "min_score", 1, 0, 100, &band->min_score, msg, len) ||
        !rsj_int_at(b, at, "max_score", 0, 1, 100, &band->max_score, msg, len))
        return 0;
    band->stars = (int)stars;
    band->min_score *= 100;
    if (band->max_score >= 0)
        band->max_score *= 100;
    if (stars != (long)i + 1)
        return oc_say(msg, len, "%s: stars must be %zu (bands ascend from 1 star)", at, i + 1);
    if (band->max_score >= 0 && band->max_score <= band->min_score)
        return oc_say(msg, len, "%s: max_score must be greater than min_score", at);
    return 1;
}

static int bands_ok(json_t *doc, struct rule_set *rs, char *msg, size_t len)
{
    json_t *arr, *b;
    size_t i;
    if (!rsj_array_at(doc, "", "star_bands", 1, RULE_SET_BANDS_MAX, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, b)
    {
        struct rule_set_band *band = &rs->bands[i];
        if (!band_read(b, i, band, msg, len))
            return 0;
        rs->nbands = i + 1;
        long prev = i > 0 ? rs->bands[i - 1].max_score : 0;
        if (i == 0 && band->min_score != 0)
            return oc_say(msg, len, "star_bands[0]: min_score must be 0 (bands start at 0)");
        if (i > 0 && band->min_score > prev)
            return oc_say(msg, len,
                          "star_bands[%zu]: min_score %ld leaves a gap after star_bands[%zu] "
                          "(max_score %ld)",
                          i, band->min_score / 100, i - 1, prev / 100);
        if (i > 0 && band->min_score < prev)
            return oc_say(msg, len,
                          "star_bands[%zu]: min_score %ld overlaps star_bands[%zu] (max_score %ld)",
                          i, band->min_score / 100, i - 1, prev / 100);
        if (i + 1 < json_array_size(arr) && band->max_score < 0)
            return oc_say(msg, len, "star_bands[%zu]: only the last band may have no max_score", i);
    }
    if (rs->bands[rs->nbands - 1].max_score >= 0)
        return oc_say(msg, len,
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
    if (!rsj_array_at(l, at, "stars", 0, 3, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, s)
    {
        json_int_t v = json_is_integer(s) ? json_integer_value(s) : 0;
        if (v < 3 || v > 5)
            return oc_say(msg, len,
                          "%s.stars[%zu] must be 3, 4 or 5 (only 3 stars and above are "
                          "recognised)",
                          at, i);
        if (*out & (1u << v))
            return oc_say(msg, len, "%s.stars lists %lld twice", at, (long long)v);
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
    if (!rsj_array_at(doc, "", "recognition", 1, RULE_SET_LEVELS_MAX, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, l)
    {
        struct rule_set_level *lv = &rs->levels[i];
        char at[32];
        snprintf(at, sizeof(at), "recognition[%zu]", i);
        if (!rsj_item_ok(l, at, members, msg, len) ||
            !rsj_text_at(l, at, "level", 1, 20, &lv->level, msg, len) ||
            !rsj_text_at(l, at, "role", 1, 40, &lv->role, msg, len) ||
            !level_stars(l, at, &lv->stars, msg, len))
            return 0;
        if (!rsj_one_of(rule_set_levels, lv->level))
            return oc_say(msg, len,
                          "%s: level \"%s\" is not commune, district, province or central", at,
                          lv->level);
        if (!rsj_one_of(rule_set_roles, lv->role))
            return oc_say(msg, len, "%s: role \"%s\" is not a known role", at, lv->role);
        for (size_t j = 0; j < i; j++)
            if (rsj_same(rs->levels[j].level, lv->level))
                return oc_say(msg, len, "%s: level %s is listed twice", at, lv->level);
        if ((lv->stars != 0) != rsj_same(lv->role, "evaluates_and_recognises"))
            return oc_say(msg, len,
                          "%s: a level recognises stars exactly when its role is "
                          "evaluates_and_recognises",
                          at);
        if (seen & lv->stars)
            return oc_say(msg, len, "%s: %s recognises stars another level already recognises", at,
                          lv->level);
        seen |= lv->stars;
        rs->nlevels = i + 1;
    }
    for (unsigned s = 3; s <= 5; s++)
        if (!(seen & (1u << s)))
            return oc_say(msg, len, "recognition: no level recognises %u stars", s);
    return 1;
}

static const struct rule_set_level *level_of(const struct rule_set *rs, const char *level)
{
    for (size_t i = 0; i < rs->nlevels; i++)
        if (rsj_same(rs->levels[i].level, level))
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
    if (!rsj_item_ok(p, "potential_5_star", members, msg, len) ||
        !rsj_text_at(p, "potential_5_star", "level", 1, 20, &rs->potential_level, msg, len) ||
        !rsj_int_at(p, "potential_5_star", "min_score", 1, 1, 100, &rs->potential_min_score, msg,
                    len) ||
        !rsj_text_at(p, "potential_5_star", "forwarded_to", 1, 20, &rs->potential_to, msg, len))
        return 0;
    rs->potential_min_score *= 100;
    const struct rule_set_level *from = level_of(rs, rs->potential_level);
    const struct rule_set_level *to = level_of(rs, rs->potential_to);
    if (from == NULL || to == NULL)
        return oc_say(msg, len, "potential_5_star: levels %s and %s must both be in recognition",
                      rs->potential_level, rs->potential_to);
    if ((from->stars & (1u << 5)) || !(to->stars & (1u << 5)))
        return oc_say(msg, len,
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
        return oc_say(msg, len, "the document must be a JSON object");
    return rsj_only(doc, "", members, msg, len) && head_ok(doc, rs, msg, len) &&
           dates_ok(doc, rs, msg, len) && parts_ok(doc, rs, msg, len) &&
           bands_ok(doc, rs, msg, len) && levels_ok(doc, rs, msg, len) &&
           potential_ok(doc, rs, msg, len) && rsj_sources_ok(doc, msg, len) &&
           rsj_confidence_ok(doc, msg, len) && rsj_texts_ok(doc, "", "notes", msg, len);
}

/* ---- the rule sets together ----------------------------------------------------------------- */

static const struct rule_set *find(const struct rule_set *sets, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (rsj_same(sets[i].id, id))
            return &sets[i];
    return NULL;
}

static int same_parts(const struct rule_set *a, const struct rule_set *b)
{
    if (a->nparts != b->nparts)
        return 0;
    for (size_t i = 0; i < a->nparts; i++)
        if (!rsj_same(a->parts[i].code, b->parts[i].code) ||
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
        if (j != i && rsj_same(sets[j].id, rs->id))
            return oc_say(msg, len, "rule set id %s is used twice", rs->id);
    for (size_t k = 0; k < 3; k++)
        if (refs[k] != NULL && find(sets, n, refs[k]) == NULL)
            return oc_say(msg, len, "%s names %s, which is not a rule set", ref_names[k], refs[k]);
    c = find(sets, n, rs->criteria_from);
    if (!rsj_same(c->criteria_from, c->id))
        return oc_say(msg, len, "criteria_from %s takes its own criteria from %s; name that one",
                      c->id, c->criteria_from);
    if (!same_parts(rs, c))
        return oc_say(msg, len, "parts must be those of %s, whose criteria sets it uses", c->id);
    for (size_t j = 0; j < n && rs->confirmed; j++) {
        const struct rule_set *o = &sets[j];
        if (j == i || !o->confirmed || o->from_day > rs->to_day || rs->from_day > o->to_day)
            continue;
        char day[48];
        oc_day_format(o->from_day > rs->from_day ? o->from_day : rs->from_day, day, sizeof(day));
        return oc_say(msg, len, "%s and %s are both in force on %s", rs->id, o->id, day);
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
    return rs->potential_level != NULL && rsj_same(rs->potential_level, level) &&
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
