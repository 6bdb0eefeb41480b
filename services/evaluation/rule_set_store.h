/*
 * Every SQL statement about rule sets and criteria sets (migration 0003):
 * the reads behind /v1/rule-sets and /v1/criteria-sets, and the start-up
 * load that replaces the tables' content from the reference files.
 */
#ifndef EVAL_RULE_SET_STORE_H
#define EVAL_RULE_SET_STORE_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "evaluation/rule_set.h"

/* Filters of the rule set listing; NULL members do not filter. Validated by the caller. */
struct rule_set_filter {
    const char *valid_on; /* YYYY-MM-DD: only the confirmed rule set in force that day */
    const char *after;    /* cursor: position of the last item seen (digits) */
};

/* Filters of the criteria set listing; NULL members do not filter. Validated by the caller. */
struct criteria_set_filter {
    const char *rule_set; /* a rule set id: the criteria sets it uses (its criteria_from's) */
    const char *detailed; /* "true" or "false" */
    const char *after;    /* cursor: position of the last item seen (digits) */
};

/*
 * Reads up to limit items in listing order into the array *items; *next gets
 * the cursor object {"p"} of the next page, or NULL on the last page (both
 * owned by the caller). filter is a struct rule_set_filter or a struct
 * criteria_set_filter.
 */
enum oc_err rule_set_store_list(PGconn *conn, const void *filter, int limit, json_t **items,
                                json_t **next);
enum oc_err criteria_set_store_list(PGconn *conn, const void *filter, int limit, json_t **items,
                                    json_t **next);

/* Reads one rule set with its sources and notes into *out (caller owns), or OC_NOT_FOUND. */
enum oc_err rule_set_store_get(PGconn *conn, const char *id, json_t **out);

/*
 * Reads one criteria set into *out (caller owns), or OC_NOT_FOUND: its parts
 * with their groups, criteria and options (no groups for a set without
 * detail), and where it came from.
 */
enum oc_err criteria_set_store_get(PGconn *conn, const char *id, json_t **out);

/* Inside the load's transaction (common/refdata.h): deletes every criteria set and rule set. */
enum oc_err rule_set_store_clear(PGconn *conn);

/*
 * Inserts one rule set from its file's text (which passed rule_set_parse
 * into rs) at listing position, with its parts, star bands and levels.
 * source_file is the file's path under the schema folder.
 */
enum oc_err rule_set_store_insert(PGconn *conn, const struct rule_set *rs, const char *text,
                                  int position, const char *source_file);

/*
 * Inserts n criteria sets from rows, a JSON array of objects with the
 * columns of table criteria_sets.
 */
enum oc_err criteria_set_store_insert(PGconn *conn, const char *rows, size_t n);

/*
 * Inserts the groups, criteria and options of criteria set id from its
 * detail file's text (which passed criteria_detail_check with counts c).
 */
enum oc_err criteria_set_store_detail(PGconn *conn, const char *id, const char *text,
                                      const struct criteria_counts *c);

#endif
