/*
 * Every SQL statement about administrative units (table admin_units and its
 * load record admin_unit_loads, migration 0002). Dates are YYYY-MM-DD text;
 * "today" is the date in Asia/Ho_Chi_Minh.
 */
#ifndef REG_ADMIN_UNIT_STORE_H
#define REG_ADMIN_UNIT_STORE_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "registration/admin_unit.h"

/* Filters of a listing; NULL members do not filter. All are validated by the caller. */
struct admin_unit_filter {
    const char *level;       /* one of admin_unit_levels */
    const char *parent;      /* parent code, 2 or 3 digits */
    const char *name;        /* substring of the name, any case, with or without diacritics */
    const char *valid_on;    /* YYYY-MM-DD: only versions valid that day */
    const char *after_level; /* cursor: level of the last item seen */
    const char *after_code;  /* cursor: code of the last item seen */
    const char *after_from;  /* cursor: valid_from of the last item seen, or "-infinity" */
};

/*
 * Reads up to limit unit versions ordered by level (province first), code and
 * valid_from (unknown first) into the array *items; *next gets the cursor
 * object {"l", "c", "f"} of the next page, or NULL on the last page (both
 * owned by the caller).
 */
enum oc_err admin_unit_store_list(PGconn *conn, const struct admin_unit_filter *f, int limit,
                                  json_t **items, json_t **next);

/*
 * Reads the version of code valid on valid_on (NULL: today), or the latest
 * version when none is, with its parent, successor, predecessors (direct and
 * through earlier mergers), the current unit it resolves to today and every
 * version of the code, into *out (caller owns). OC_NOT_FOUND for an unknown
 * code.
 */
enum oc_err admin_unit_store_get(PGconn *conn, const char *code, const char *valid_on,
                                 json_t **out);

/*
 * Writes into out (len bytes, 6 or more) the code of the unit that code has
 * become on on_date (NULL: today), by the rule of admin_unit_resolve in
 * admin_unit.h, applied by the SQL function admin_unit_resolve(text, date).
 * A legacy commune gives the current commune it was merged into (29245 ->
 * 29242); a unit still valid gives its own code. OC_NOT_FOUND when the code is
 * unknown, begins after on_date, or its chain ends without a successor (a
 * district after 2025-06-30). For statistics, group in SQL instead:
 * GROUP BY admin_unit_resolve(commune_code, current_date).
 */
enum oc_err admin_unit_store_resolve(PGconn *conn, const char *code, const char *on_date, char *out,
                                     size_t len);

/*
 * Writes into out (len bytes, 4 or more) the code of the district that the
 * commune code belonged to on on_date (NULL: today), through the SQL function
 * admin_unit_district(text, date). OC_NOT_FOUND when no version of code is
 * valid on on_date or its parent is not a district (units from 2025-07-01
 * belong to the province directly). For reports by old district:
 * GROUP BY admin_unit_district(commune_code, <date of the record>).
 */
enum oc_err admin_unit_store_district(PGconn *conn, const char *code, const char *on_date,
                                      char *out, size_t len);

/*
 * Inside the load's transaction (common/refdata.h): replaces every unit with
 * the n records (each passed admin_unit_check and the set
 * admin_unit_check_set) and works admin_unit_resolutions out again.
 */
enum oc_err admin_unit_store_replace(PGconn *conn, const struct admin_unit *units, size_t n);

#endif
