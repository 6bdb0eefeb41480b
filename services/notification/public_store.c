#include "notification/public_store.h"

#include "common/db.h"

/* clang-format off */
/*
 * Newest by ce_time wins; in_force_since moves only when the certificate comes
 * (back) in force. The decision's date follows its number as the read model keeps it: an event
 * with a decision ($5 = '1') replaces it, one without leaves the last one.
 */
static const char SQL_FORCE[] =
    "INSERT INTO public_certificate_force AS c (certificate_id, status, in_force_since,"
    " change_decision_date, event_time)"
    " VALUES ($1, $2, CASE WHEN $2 IN ('valid', 'expiring') THEN $3::timestamptz END,"
    " $4::date, $3::timestamptz) ON CONFLICT (certificate_id) DO UPDATE SET"
    " status = EXCLUDED.status, in_force_since = CASE WHEN EXCLUDED.in_force_since IS NOT NULL"
    " AND c.status NOT IN ('valid', 'expiring') THEN EXCLUDED.in_force_since"
    " ELSE c.in_force_since END, change_decision_date = CASE WHEN $5 = '1'"
    " THEN EXCLUDED.change_decision_date ELSE c.change_decision_date END,"
    " event_time = EXCLUDED.event_time WHERE c.event_time < EXCLUDED.event_time";

static const char SQL_INSPECTION[] =
    "INSERT INTO public_inspections AS i (inspection_id, product_id, outcome, event_time)"
    " VALUES ($1, $2, $3, $4::timestamptz) ON CONFLICT (inspection_id) DO UPDATE SET"
    " product_id = EXCLUDED.product_id, outcome = EXCLUDED.outcome,"
    " event_time = EXCLUDED.event_time WHERE i.event_time < EXCLUDED.event_time";
/* clang-format on */

enum oc_err public_store_force(PGconn *conn, const char *certificate_id, const char *status,
                               const char *event_time, const char *decision_date, int has_decision)
{
    const char *params[] = {certificate_id, status, event_time, decision_date,
                            has_decision ? "1" : "0"};
    return oc_db_exec(conn, SQL_FORCE, 5, params, NULL);
}

enum oc_err public_store_inspection(PGconn *conn, const char *inspection_id, const char *product_id,
                                    const char *outcome, const char *event_time)
{
    const char *params[] = {inspection_id, product_id, outcome, event_time};
    return oc_db_exec(conn, SQL_INSPECTION, 4, params, NULL);
}
