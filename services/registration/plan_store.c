#include "registration/plan_store.h"

#include <stdio.h>

#include "common/db.h"
#include "registration/store_util.h"

#define PLAN_TARGET_JSON                                                                           \
    "json_build_object('year', year, 'indicator', indicator, 'target', target_value,"              \
    " 'basis', basis, 'note', note, 'version', version,"                                           \
    " 'created_at', " SQL_TS("created_at") ", 'updated_at', " SQL_TS("updated_at") ")"

/* A new target has version 1; a replaced one a higher version. */
static const char SQL_PLAN_TARGET_PUT[] =
    "INSERT INTO plan_targets (year, indicator, target_value, basis, note)"
    " VALUES ($1::int, $2, $3::bigint, $4, $5)"
    " ON CONFLICT (year, indicator) DO UPDATE SET target_value = EXCLUDED.target_value,"
    " basis = EXCLUDED.basis, note = EXCLUDED.note, version = plan_targets.version + 1,"
    " updated_at = now()"
    " RETURNING " PLAN_TARGET_JSON "::text";
static const char SQL_PLAN_TARGET_LIST[] =
    "SELECT coalesce(json_agg(" PLAN_TARGET_JSON " ORDER BY year DESC, indicator), '[]')::text"
    " FROM plan_targets WHERE ($1::int IS NULL OR year = $1::int)";

enum oc_err plan_store_put(PGconn *conn, const struct plan_target_put *t, json_t **out,
                           int *created)
{
    char year[8], target[24];
    snprintf(year, sizeof(year), "%d", t->year);
    snprintf(target, sizeof(target), "%lld", t->target);
    const char *params[] = {year, t->indicator, target, t->basis, t->note};
    enum oc_err rc = oc_db_json_row(conn, SQL_PLAN_TARGET_PUT, 5, params, out);
    *created = rc == OC_OK && json_integer_value(json_object_get(*out, "version")) == 1;
    return rc;
}

enum oc_err plan_store_list(PGconn *conn, const char *year, json_t **out)
{
    const char *params[] = {year};
    return oc_db_json_row(conn, SQL_PLAN_TARGET_LIST, 1, params, out);
}
