#include "evaluation/result.h"

#include <string.h>

/* Position of level among rule_set_levels (lowest first), or -1. */
static int level_rank(const char *level)
{
    for (int i = 0; level != NULL && rule_set_levels[i] != NULL; i++)
        if (strcmp(rule_set_levels[i], level) == 0)
            return i;
    return -1;
}

static const struct rule_set_level *level_of(const struct rule_set *rs, const char *level)
{
    for (size_t i = 0; i < rs->nlevels; i++)
        if (strcmp(rs->levels[i].level, level) == 0)
            return &rs->levels[i];
    return NULL;
}

/* Reads a whole number of points from member key of o into hundredths; -1 when null. */
static int points_member(const json_t *o, const char *key, long *out)
{
    const json_t *m = json_object_get(o, key);
    if (json_is_null(m)) {
        *out = -1;
        return 1;
    }
    if (!json_is_integer(m) || json_integer_value(m) < 0 || json_integer_value(m) > 100)
        return 0;
    *out = (long)json_integer_value(m) * 100;
    return 1;
}

int result_rules_from_view(const json_t *view, struct rule_set *rs)
{
    const json_t *bands = json_object_get(view, "star_bands");
    const json_t *levels = json_object_get(view, "recognition");
    const json_t *potential = json_object_get(view, "potential_5_star");
    memset(rs, 0, sizeof(*rs));
    rs->id = json_string_value(json_object_get(view, "id"));
    rs->potential_min_score = -1;
    if (rs->id == NULL || !json_is_array(bands) || !json_is_array(levels) ||
        json_array_size(bands) == 0 || json_array_size(bands) > RULE_SET_BANDS_MAX ||
        json_array_size(levels) > RULE_SET_LEVELS_MAX)
        return 0;
    for (size_t i = 0; i < json_array_size(bands); i++) {
        const json_t *b = json_array_get(bands, i);
        struct rule_set_band *band = &rs->bands[rs->nbands++];
        band->stars = (int)json_integer_value(json_object_get(b, "stars"));
        if (band->stars < 1 || !points_member(b, "min_score", &band->min_score) ||
            !points_member(b, "max_score", &band->max_score) || band->min_score < 0)
            return 0;
    }
    for (size_t i = 0; i < json_array_size(levels); i++) {
        const json_t *l = json_array_get(levels, i), *stars = json_object_get(l, "stars");
        struct rule_set_level *level = &rs->levels[rs->nlevels++];
        level->level = json_string_value(json_object_get(l, "level"));
        level->role = json_string_value(json_object_get(l, "role"));
        if (level_rank(level->level) < 0 || level->role == NULL || !json_is_array(stars))
            return 0;
        for (size_t s = 0; s < json_array_size(stars); s++) {
            json_int_t v = json_integer_value(json_array_get(stars, s));
            if (v < 1 || v > 5)
                return 0;
            level->stars |= 1u << v;
        }
    }
    if (json_is_object(potential)) {
        rs->potential_level = json_string_value(json_object_get(potential, "level"));
        rs->potential_to = json_string_value(json_object_get(potential, "forwarded_to"));
        if (!points_member(potential, "min_score", &rs->potential_min_score) ||
            rs->potential_level == NULL || rs->potential_to == NULL)
            return 0;
    }
    return 1;
}

const char *result_recognising_level(const struct rule_set *rs, int stars)
{
    for (size_t i = 0; i < rs->nlevels; i++)
        if (stars >= 1 && stars <= 5 && (rs->levels[i].stars & (1u << stars)) != 0)
            return rs->levels[i].level;
    return NULL;
}

int result_level_checks_only(const struct rule_set *rs, const char *level)
{
    const struct rule_set_level *l = level_of(rs, level);
    return l != NULL && strcmp(l->role, "checks_and_proposes") == 0;
}

/* Sum of the points the sheets give criterion code, and how many sheets scored it. */
static long criterion_sum(const json_t *const *lines, size_t n, const char *code, size_t *count)
{
    long sum = 0;
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *line = json_object_get(lines[i], code);
        if (json_is_object(line)) {
            sum += (long)json_integer_value(json_object_get(line, "points"));
            (*count)++;
        }
    }
    return sum;
}

/* Checks one criterion's requirements: failed_at[s] = 1 when one for s stars fails. */
static void check_criterion(const json_t *criterion, const json_t *const *lines, size_t n,
                            int *failed_at, json_t *failed)
{
    const char *code = json_string_value(json_object_get(criterion, "code"));
    const json_t *mins = json_object_get(criterion, "min_points_for_stars");
    const char *key;
    const json_t *min;
    size_t count = 0;
    if (code == NULL || !json_is_object(mins))
        return;
    long sum = criterion_sum(lines, n, code, &count);
    json_object_foreach((json_t *)mins, key, min)
    {
        int stars = key[0] >= '1' && key[0] <= '5' && key[1] == '\0' ? key[0] - '0' : 0;
        long need = (long)json_integer_value(min);
        /* mean >= need  <=>  sum >= need * count (no sheet scoring it fails it) */
        if (stars < 1 || stars > 5 || (count > 0 && sum >= need * (long)count))
            continue;
        failed_at[stars] = 1;
        if (failed != NULL)
            json_array_append_new(failed,
                                  json_pack("{s:s,s:i,s:I,s:f}", "criterion", code, "stars", stars,
                                            "min_points", (json_int_t)need, "mean_points",
                                            count > 0 ? (double)sum / (double)count : 0.0));
    }
}

int result_mandatory_cap(const json_t *criteria_view, const json_t *const *lines, size_t n,
                         json_t *failed)
{
    int failed_at[6] = {0};
    size_t i, j, k;
    const json_t *part, *group, *criterion;
    json_array_foreach(json_object_get(criteria_view, "parts"), i, part)
    {
        json_array_foreach(json_object_get(part, "groups"), j, group)
        {
            json_array_foreach(json_object_get(group, "criteria"), k, criterion)
            {
                check_criterion(criterion, lines, n, failed_at, failed);
            }
        }
    }
    for (int s = 1; s <= 5; s++)
        if (failed_at[s])
            return s - 1 < 1 ? 1 : s - 1;
    return 5;
}

int result_mandatory_reading_confirmed(const json_t *criteria_view)
{
    const json_t *provenance = json_object_get(criteria_view, "provenance");
    return json_is_true(
        json_object_get(json_object_get(provenance, "mandatory_reading"), "confirmed"));
}

int result_cap_in_force(const json_t *criteria_view, int cap, int *unapplied)
{
    *unapplied = 5;
    if (criteria_view == NULL || result_mandatory_reading_confirmed(criteria_view))
        return cap;
    *unapplied = cap;
    return 5;
}

/* The level of rs next above level (lowest first), or NULL when level is the highest. */
static const char *level_above(const struct rule_set *rs, const char *level)
{
    const char *next = NULL;
    int here = level_rank(level);
    for (size_t i = 0; i < rs->nlevels; i++) {
        int rank = level_rank(rs->levels[i].level);
        if (rank > here && (next == NULL || rank < level_rank(next)))
            next = rs->levels[i].level;
    }
    return next;
}

const char *result_level_below(const struct rule_set *rs, const char *level)
{
    const char *below = NULL;
    int here = level_rank(level);
    for (size_t i = 0; i < rs->nlevels; i++) {
        int rank = level_rank(rs->levels[i].level);
        if (rank >= 0 && rank < here && (below == NULL || rank > level_rank(below)))
            below = rs->levels[i].level;
    }
    return below;
}

int result_compute(const struct rule_set *rs, const char *level, const long *totals, size_t n,
                   int cap, struct result *out)
{
    long long sum = 0;
    memset(out, 0, sizeof(*out));
    if (n == 0 || cap < 1 || cap > 5)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (totals[i] < 0 || totals[i] > RULE_SET_SCORE_MAX)
            return 0;
        sum += totals[i];
    }
    out->scored = 1;
    out->score = (long)(sum / (long long)n);
    out->band_stars = rule_set_stars(rs, out->score);
    if (out->band_stars == 0)
        return 0;
    out->cap = cap;
    out->stars = out->band_stars < cap ? out->band_stars : cap;
    const char *recogniser = result_recognising_level(rs, out->stars);
    const struct rule_set_level *here = level_of(rs, level);
    if (out->stars <= 2 || recogniser == NULL) {
        out->outcome = "not_recognised";
    } else if (out->stars == 5 && rule_set_potential_5_star(rs, level, out->score)) {
        out->outcome = "forwarded";
        out->potential_5_star = 1;
        out->forwarded_to = rs->potential_to;
    } else if (level_rank(recogniser) > level_rank(level) ||
               (here != NULL && strcmp(here->role, "evaluates_and_recognises") != 0)) {
        /*
         * a higher council decides; a council that only proposes forwards every 3 stars+. The
         * dossier goes one level up at a time (QĐ 148, QĐ 1048): a district's 90+ goes to the
         * province, which confirms it and forwards potential 5 stars to the central council.
         */
        const char *above = level_above(rs, level);
        out->outcome = "forwarded";
        out->forwarded_to = above != NULL ? above : recogniser;
    } else {
        /* recognised here; a higher council's lower rating stands as its own decision */
        out->outcome = "recognised";
    }
    return 1;
}

void result_lower_rating_policy(const struct rule_set *rs, const char *level, int stands,
                                struct result *r)
{
    if (stands || r->outcome == NULL || strcmp(r->outcome, "recognised") != 0)
        return;
    const char *recogniser = result_recognising_level(rs, r->stars);
    if (recogniser != NULL && level_rank(recogniser) < level_rank(level))
        r->outcome = "not_recognised";
}

int result_precheck(const struct rule_set *rs, const char *level, int passed, struct result *out)
{
    const char *next = level_above(rs, level);
    memset(out, 0, sizeof(*out));
    if (next == NULL)
        return 0;
    out->outcome = passed ? "forwarded" : "returned";
    out->forwarded_to = passed ? next : NULL;
    return 1;
}

int result_outcome_final(const char *outcome)
{
    return strcmp(outcome, "forwarded") != 0 && strcmp(outcome, "returned") != 0;
}
