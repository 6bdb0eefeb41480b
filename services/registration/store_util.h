/* SQL fragments, and the one read, shared by the registration stores. */
#ifndef REG_STORE_UTIL_H
#define REG_STORE_UTIL_H

#include "common/db.h"
#include "common/sql.h"
#include "registration/scope.h"

/* Today in the province (Asia/Ho_Chi_Minh). */
#define SQL_TODAY "(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"

/*
 * The code of the unit that the commune code expression code has become on
 * the day expression on (admin_unit_resolve() of migration 0007, written out
 * as a scalar subquery: a SQL function with a FROM is not inlined, so it would
 * be parsed and planned again on every call, even from a prepared statement).
 */
#define SQL_RESOLVE(code, on)                                                                      \
    "(SELECT r_.resolved FROM admin_unit_resolutions r_ WHERE r_.code = " code                     \
    " AND r_.span @> " on ")"

/*
 * The unit that the commune_code of a product or producer row names today:
 * the row's commune_now (migration 0008) while today lies in its span, else
 * looked up. row is the row's name with its dot ("p.", "pr.") or "".
 */
#define SQL_COMMUNE_NOW(row)                                                                       \
    "(CASE WHEN " row "commune_now_span @> " SQL_TODAY " THEN " row                                \
    "commune_now ELSE " SQL_RESOLVE(row "commune_code", SQL_TODAY) " END)"

/*
 * True when the producer row pr lies in a caller's scope (scope.h); all,
 * producers and commune are the numbers (as strings) of the parameters that
 * hold struct reg_scope's members of the same names. Null (false in WHERE)
 * when it does not.
 */
#define SQL_IN_SCOPE(pr, all, producers, commune)                                                  \
    "($" all "::bool OR " pr ".id = ANY($" producers "::uuid[])"                                   \
    " OR " SQL_COMMUNE_NOW(pr ".") " = $" commune "::text)"

/*
 * True when the producer whose id is the expression producer_id (a product's
 * producer_id, say) lies in a caller's scope; parameters as SQL_IN_SCOPE.
 */
#define SQL_PRODUCER_IN_SCOPE(producer_id, all, producers, commune)                                \
    "(" producer_id                                                                                \
    " IN (SELECT pr.id FROM producers pr WHERE " SQL_IN_SCOPE("pr", all, producers, commune) "))"

/* " AND " the scope test of a product p's producer: parameters as SQL_IN_SCOPE. */
#define PRODUCT_IN_SCOPE(all, producers, commune)                                                  \
    " AND " SQL_PRODUCER_IN_SCOPE("p.producer_id", all, producers, commune)

/*
 * The history of a screened record (cycle_store.h) as a jsonb array, oldest
 * first: history is its history table, fk the column naming the record, row
 * the record's id expression.
 */
#define SQL_CYCLE_HISTORY(history, fk, row)                                                        \
    "coalesce((SELECT jsonb_agg(jsonb_build_object('kind', h.kind, 'from', h.from_status,"         \
    "   'to', h.to_status, 'reasons', h.reasons, 'changes', h.changes, 'role', h.actor_role,"      \
    "   'actor', h.actor, 'at', " SQL_TS("h.at") ") ORDER BY h.id)"                                \
                                                 "   FROM " history " h WHERE h." fk " = " row     \
                                                 "), '[]')"

/*
 * ", h AS (...)": a WITH clause's insert of a new screened record's first
 * step, submitted, into its history table history (fk naming the record) for
 * the id that the clause record returned; role and actor are the numbers (as
 * strings) of their parameters.
 */
#define SQL_CYCLE_SUBMITTED(history, fk, record, role, actor)                                      \
    ", h AS (INSERT INTO " history " (" fk ", kind, to_status, actor_role, actor)"                 \
    " SELECT id, 'moved', 'submitted', $" role ", $" actor " FROM " record ")"

/*
 * The one JSON row of statement sql, whose parameters are the id $1 and
 * scope's three from $2 (SQL_IN_SCOPE(..., "2", "3", "4")), into *out
 * (caller owns); OC_NOT_FOUND when there is none in scope.
 */
static inline enum oc_err reg_store_scoped_row(PGconn *conn, const char *sql,
                                               const struct reg_scope *scope, const char *id,
                                               json_t **out)
{
    const char *params[] = {id, scope->all, scope->producers, scope->commune};
    return oc_db_json_row(conn, sql, 4, params, out);
}

#endif
