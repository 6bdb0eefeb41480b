#include "registration/statistics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "registration/plan.h"
#include "registration/render.h"

/* The grouped counts of registrations, in the order CSV lists them. */
static const char *const groupings[] = {
    "by_sector", "by_producer_type",   "by_commune",         "by_year",
    "by_stars",  "by_legacy_district", "by_current_commune", NULL};

/* The single figures of recognitions, then their groupings, in the order CSV lists them. */
static const char *const recognition_figures[] = {"in_period", "products", "potential_5_star",
                                                  NULL};
static const char *const recognition_groupings[] = {"by_kind", "by_stars", "by_legacy_district",
                                                    "by_current_commune", NULL};

/* The CSV rows of the period, of each indicator's progress and of the registrations, in order. */
static const char *const period_bounds[] = {"from", "to", NULL};
static const char *const progress_figures[] = {"target", "actual", "status", "target_year", NULL};
static const char *const registration_figures[] = {"as_of", "total", "in_period", NULL};

static void period_error(json_t *errors, const char *field, const char *code, const char *msg)
{
    json_array_append_new(errors,
                          json_pack("{s:s,s:s,s:s}", "field", field, "code", code, "message", msg));
}

static int has_error(const json_t *errors, const char *field)
{
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e)
    {
        const char *name = json_string_value(json_object_get(e, "field"));
        if (name != NULL && strcmp(name, field) == 0)
            return 1;
    }
    return 0;
}

int statistics_period_init(struct statistics_period *p, const char *year, const char *from,
                           const char *to, json_t *errors)
{
    char msg[64];
    memset(p, 0, sizeof(*p));
    p->year = plan_year(year);
    if (p->year == 0 && !has_error(errors, "year")) {
        snprintf(msg, sizeof(msg), "must be a year from %d to %d", PLAN_YEAR_MIN, PLAN_YEAR_MAX);
        period_error(errors, "year", year == NULL ? "required" : "range", msg);
    }
    if (p->year == 0)
        return 0;
    snprintf(p->from, sizeof(p->from), "%d-01-01", p->year);
    snprintf(p->to, sizeof(p->to), "%d-12-31", p->year);
    snprintf(msg, sizeof(msg), "must be a date within %d", p->year);
    if (from != NULL && strncmp(from, p->from, 4) != 0)
        period_error(errors, "from", "range", msg);
    else if (from != NULL)
        memcpy(p->from, from, sizeof(p->from));
    if (to != NULL && strncmp(to, p->to, 4) != 0)
        period_error(errors, "to", "range", msg);
    else if (to != NULL)
        memcpy(p->to, to, sizeof(p->to));
    if (strcmp(p->from, p->to) > 0)
        period_error(errors, "to", "order", "must not be before from");
    return json_array_size(errors) == 0;
}

/* ---- content negotiation ---- */

/* Specificity with which range (type/subtype, length n) matches type/subtype; 0 when not. */
static int range_match(const char *range, size_t n, const char *type)
{
    size_t slash = strcspn(type, "/");
    if (n == 3 && strncmp(range, "*/*", 3) == 0)
        return 1;
    if (n == slash + 2 && strncasecmp(range, type, slash + 1) == 0 && range[slash + 1] == '*')
        return 2;
    return n == strlen(type) && strncasecmp(range, type, n) == 0 ? 3 : 0;
}

/* The q value of the media range starting at s (up to ','), 1 when it has none. */
static double range_q(const char *s, size_t n)
{
    for (const char *p = memchr(s, ';', n); p != NULL && p < s + n;
         p = memchr(p + 1, ';', (size_t)(s + n - p - 1))) {
        const char *q = p + 1 + strspn(p + 1, " \t");
        if ((q[0] == 'q' || q[0] == 'Q') && q[1] == '=') {
            char *end;
            double v = strtod(q + 2, &end);
            return end == q + 2 || v < 0 || v > 1 ? 0 : v;
        }
    }
    return 1;
}

/* The q value Accept gives type/subtype, from its most specific matching range. */
static double accept_q(const char *accept, const char *type)
{
    int best = 0;
    double q = 0;
    for (const char *s = accept; *s;) {
        s += strspn(s, " \t,");
        size_t len = strcspn(s, ",");
        size_t range_len = strcspn(s, ";, \t");
        int m = range_match(s, range_len, type);
        if (m > best) {
            best = m;
            q = range_q(s, len);
        }
        s += len;
    }
    return q;
}

double statistics_accept_q(const char *accept, const char *type)
{
    return accept == NULL ? 0 : accept_q(accept, type);
}

int statistics_wants_csv(const char *accept)
{
    if (accept == NULL)
        return 0;
    double csv = accept_q(accept, "text/csv");
    return csv > 0 && csv > accept_q(accept, "application/json");
}

/* ---- the report ---- */

/*
 * The breakdown of an indicator (caller owns), or null: a copy of the given
 * [{"key", "count"}], each entry with its own status when the target applies
 * to every key (plan_indicator.per_key).
 */
static json_t *breakdown(const struct plan_indicator *ind, const json_t *given,
                         const json_t *target)
{
    if (!json_is_array(given))
        return json_null();
    json_t *out = json_deep_copy(given);
    size_t i;
    json_t *entry;
    json_array_foreach(out, i, entry)
    {
        if (!ind->per_key)
            continue;
        double value = json_number_value(json_object_get(target, "target"));
        double count = json_number_value(json_object_get(entry, "count"));
        json_object_set_new(entry, "status",
                            json_string(plan_progress_status(target != NULL, value, 1, count)));
    }
    return out;
}

json_t *statistics_progress(const json_t *targets, const json_t *actuals, const json_t *breakdowns)
{
    json_t *items = json_array();
    for (int i = 0; i < PLAN_INDICATOR_COUNT; i++) {
        const struct plan_indicator *ind = &plan_indicators[i];
        const json_t *target = json_object_get(targets, ind->name);
        json_t *actual = json_object_get(actuals, ind->name);
        json_t *value = json_object_get(target, "target");
        json_t *year = json_object_get(target, "year");
        const char *status = plan_progress_status(target != NULL, json_number_value(value),
                                                  actual != NULL, json_number_value(actual));
        json_array_append_new(
            items, json_pack("{s:s,s:s,s:s,s:s,s:O,s:O,s:O,s:O,s:O,s:s,s:o}", "indicator",
                             ind->name, "title", ind->title, "measure", ind->measure, "unit",
                             plan_unit_names[ind->unit], "target", value ? value : json_null(),
                             "target_year", year ? year : json_null(), "basis",
                             target ? json_object_get(target, "basis") : json_null(), "note",
                             target ? json_object_get(target, "note") : json_null(), "actual",
                             actual ? actual : json_null(), "status", status, "breakdown",
                             breakdown(ind, json_object_get(breakdowns, ind->name), target)));
    }
    return items;
}

json_t *statistics_document(const struct statistics_period *p, const json_t *targets,
                            const json_t *actuals, const json_t *breakdowns, json_t *registrations,
                            json_t *recognitions)
{
    return json_pack("{s:i,s:{s:s,s:s},s:o,s:o,s:o}", "year", p->year, "period", "from", p->from,
                     "to", p->to, "progress", statistics_progress(targets, actuals, breakdowns),
                     "registrations", registrations, "recognitions",
                     recognitions ? recognitions : json_null());
}

/* ---- CSV ---- */

char *statistics_csv(const json_t *doc)
{
    struct render_buf c = {NULL, 0, 0};
    const json_t *reg = json_object_get(doc, "registrations");
    size_t i;
    json_t *item;
    render_puts(&c, "section,key,value\r\n");
    render_csv_named(&c, "period", "year", json_object_get(doc, "year"));
    render_csv_members(&c, "period", json_object_get(doc, "period"), period_bounds);
    json_array_foreach(json_object_get(doc, "progress"), i, item)
    {
        const json_t *ind = json_object_get(item, "indicator");
        render_csv_keyed(&c, ind, item, progress_figures);
        render_csv_grouping(&c, "breakdown.", json_string_value(ind),
                            json_object_get(item, "breakdown"));
    }
    render_csv_members(&c, "registrations", reg, registration_figures);
    render_csv_groupings(&c, "", reg, groupings);
    const json_t *rec = json_object_get(doc, "recognitions");
    if (json_is_object(rec)) { /* a report may have none */
        render_csv_members(&c, "recognitions", rec, recognition_figures);
        render_csv_groupings(&c, "recognitions.", rec, recognition_groupings);
    }
    return c.text;
}
