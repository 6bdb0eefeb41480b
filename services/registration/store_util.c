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

enum oc_err store_json_page(PGconn *conn, const char *sql, int n, const char *const *params,
                            int limit, json_t **items, json_t **next)
{
    PGresult *res = NULL;
    *items = *next = NULL;
    enum oc_err rc = oc_db_exec(conn, sql, n, params, &res);
    if (rc != OC_OK)
        return rc;
    int rows = PQntuples(res);
    *items = json_array();
    for (int i = 0; i < rows && i < limit && rc == OC_OK; i++) {
        json_t *item = json_loads(PQgetvalue(res, i, 0), 0, NULL);
        if (item == NULL)
            rc = OC_INTERNAL;
        else
            json_array_append_new(*items, item);
    }
    if (rc == OC_OK && rows > limit)
        *next = json_pack("{s:s,s:s}", "t", PQgetvalue(res, limit - 1, 1), "id",
                          PQgetvalue(res, limit - 1, 2));
    PQclear(res);
    return rc;
}
