/* Every SQL statement behind GET /v1/statistics. */
#ifndef REG_STATISTICS_STORE_H
#define REG_STATISTICS_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "registration/statistics.h"

/* The raw figures of a report, as statistics_document takes them (all owned). */
struct statistics_figures {
    json_t *targets;       /* {indicator: {"target", "basis", "note", "year"}} that apply */
    json_t *actuals;       /* {indicator: count} of the indicators that can be counted */
    json_t *breakdowns;    /* {indicator: [{"key", "count"}]} of those that have one */
    json_t *registrations; /* {"as_of", "total", "in_period", "by_...": [{"key", "count"}]} */
    json_t *recognitions;  /* {"in_period", "products", "potential_5_star", "by_...": [...]} */
};

/*
 * Reads the figures of period p in one read-only snapshot. The groupings by
 * legacy district and by current commune (of registrations and of
 * recognitions) need the admin_units table and admin_unit_resolve()
 * (migration 0002); without them they are null.
 * On failure every member of out is NULL.
 */
enum oc_err statistics_store_read(PGconn *conn, const struct statistics_period *p,
                                  struct statistics_figures *out);

/*
 * The actual figure of indicator i (enum plan_indicator_id) in from..to
 * (YYYY-MM-DD) at locality ("" or NULL: the province; else a district or
 * commune code) into *out (caller owns): an integer, a real for a percentage,
 * or NULL when it cannot be counted (no statement for it, or nothing to count
 * a percentage of).
 */
enum oc_err statistics_store_actual(PGconn *conn, int i, const char *from, const char *to,
                                    const char *locality, json_t **out);

/*
 * The targets that apply to year at locality ("" or NULL: the province's) as
 * {indicator: {"target", "basis", "note", "year"}} (caller owns): the year's
 * own, and for a standing indicator without one the nearest year's.
 */
enum oc_err statistics_store_targets(PGconn *conn, int year, const char *locality, json_t **out);

/* Releases the figures; safe on a zeroed or already cleaned struct. */
void statistics_figures_clean(struct statistics_figures *f);

#endif
