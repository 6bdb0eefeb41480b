/*
 * The figures of GET /v1/statistics, pure C: the reporting period, progress
 * against the year's plan targets, and the same document as CSV rows
 * "section,key,value". No I/O.
 */
#ifndef REG_STATISTICS_H
#define REG_STATISTICS_H

#include <jansson.h>

/* The period a report covers. */
struct statistics_period {
    int year;      /* the plan year whose targets apply */
    char from[11]; /* first day, YYYY-MM-DD, within year */
    char to[11];   /* last day, YYYY-MM-DD, within year, not before from */
};

/*
 * Fills p from the query members year, from and to (NULL when absent or
 * already refused by the caller, who appended the reason to errors). from and
 * to default to the first and last day of year and must lie within it.
 * Appends {"field", "code", "message"} objects to errors; returns 1 when p is
 * usable.
 */
int statistics_period_init(struct statistics_period *p, const char *year, const char *from,
                           const char *to, json_t *errors);

/*
 * Returns 1 when the Accept header (NULL when absent) prefers text/csv to
 * application/json (RFC 9110 §12.5.1: q values, then the most specific
 * range), else 0: JSON is the default.
 */
int statistics_wants_csv(const char *accept);

/*
 * The q value the Accept header (NULL: absent, 0) gives type/subtype, from its
 * most specific matching range; 0 when none matches.
 */
double statistics_accept_q(const char *accept, const char *type);

/*
 * The progress entries of every indicator of plan.h, in its order (caller
 * owns), from borrowed targets, actuals and breakdowns (NULL: none) as
 * statistics_document takes them: {"indicator", "title", "measure", "unit",
 * "target", "target_year", "basis", "note", "actual", "status", "breakdown"}.
 */
json_t *statistics_progress(const json_t *targets, const json_t *actuals, const json_t *breakdowns);

/*
 * Builds the report (caller owns) from borrowed parts: targets, an object by
 * indicator of {"target", "basis", "note", "year"} (year: the plan year that
 * set it, which differs from p->year for a standing indicator carried over);
 * actuals, an object by indicator of the counted figure (an indicator that is
 * absent cannot be counted yet); breakdowns, an object by indicator of
 * [{"key", "count"}] (NULL or absent: none); and, stolen, registrations, the
 * grouped counts of registered products, and recognitions, the grouped counts
 * of the recognitions dated in the period (NULL: none).
 */
json_t *statistics_document(const struct statistics_period *p, const json_t *targets,
                            const json_t *actuals, const json_t *breakdowns, json_t *registrations,
                            json_t *recognitions);

/*
 * Renders a report as CSV (RFC 4180, CRLF line ends): the header
 * "section,key,value", then one row per figure. A null key or value is an
 * empty field. Returns a string the caller frees.
 */
char *statistics_csv(const json_t *doc);

#endif
