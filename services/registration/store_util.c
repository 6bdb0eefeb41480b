#include "registration/store_util.h"

#include "common/db.h"

enum oc_err store_json_row(PGconn *conn, const char *sql, int n, const char *const *params,
                           json_t **out)
{
    PGresult *res = NULL;
    *out = NULL;
    enum oc_err rc = oc_db_exec(conn, sql, n, params, &res);
    if (rc != OC_OK)
        return rc;
    if (PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    else if ((*out = json_loads(PQgetvalue(res, 0, 0), 0, NULL)) == NULL)
        rc = OC_INTERNAL;
    PQclear(res);
    return rc;
}
