#include "tools/audit_store.h"

#include <stdio.h>
#include <string.h>

/* clang-format off */
static const char SQL_SEARCH_PATH[] = "SELECT set_config('search_path', $1, false)";
static const char SQL_CHAIN[] =
    "SELECT id, prev_hash, hash, audit_row_hash(prev_hash, id, at, subject, roles, method, route,"
    " object_id, status, request_id, client) = hash, lag(hash) OVER (ORDER BY id),"
    " lag(id) OVER (ORDER BY id)"
    " FROM audit_log ORDER BY id";
/* A purge names the last row it removed as "<id>:<hash>": the chain may start there. */
static const char SQL_ANCHOR[] =
    "SELECT 1 FROM audit_log WHERE method = 'PURGE' AND split_part(object_id, ':', 2) = $1"
    " AND split_part(object_id, ':', 1)::bigint < (SELECT min(id) FROM audit_log) LIMIT 1";
static const char SQL_SET_ROLE[] = "SET ROLE ocop_maintenance";
static const char SQL_PURGE[] = "SELECT audit_purge(now() - make_interval(days => $1::integer))";
/* clang-format on */

int audit_store_search_path(PGconn *conn, const char *schema)
{
    PGresult *res = PQexecParams(conn, SQL_SEARCH_PATH, 1, NULL, &schema, NULL, NULL, 0);
    int ok = PQresultStatus(res) == PGRES_TUPLES_OK;
    PQclear(res);
    return ok ? 0 : -1;
}

int audit_store_chain_read(PGconn *conn, const char *prog, struct audit_chain_rows *rows)
{
    rows->res = PQexecParams(conn, SQL_CHAIN, 0, NULL, NULL, NULL, NULL, 0);
    rows->n = 0;
    if (PQresultStatus(rows->res) != PGRES_TUPLES_OK) {
        fprintf(stderr, "%s: cannot read the audit trail: %s", prog, PQerrorMessage(conn));
        audit_store_chain_free(rows);
        return -1;
    }
    rows->n = PQntuples(rows->res);
    return 0;
}

void audit_store_chain_row(const struct audit_chain_rows *rows, int i, struct audit_chain_row *row)
{
    const PGresult *res = rows->res;
    row->id = PQgetvalue(res, i, 0);
    row->prev_hash = PQgetvalue(res, i, 1);
    row->hash_ok = strcmp(PQgetvalue(res, i, 3), "t") == 0;
    row->lag_hash = PQgetvalue(res, i, 4);
    row->lag_id = PQgetisnull(res, i, 5) ? NULL : PQgetvalue(res, i, 5);
}

void audit_store_chain_free(struct audit_chain_rows *rows)
{
    PQclear(rows->res);
    rows->res = NULL;
    rows->n = 0;
}

int audit_store_purge_anchor(PGconn *conn, const char *prev_hash)
{
    PGresult *res = PQexecParams(conn, SQL_ANCHOR, 1, NULL, &prev_hash, NULL, NULL, 0);
    int ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
    PQclear(res);
    return ok;
}

int audit_store_purge(PGconn *conn, long days, char *purged, size_t len)
{
    char text[32];
    snprintf(text, sizeof(text), "%ld", days);
    const char *params[] = {text};
    PGresult *res = PQexecParams(conn, SQL_SET_ROLE, 0, NULL, NULL, NULL, NULL, 0);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (!ok)
        return -1;
    res = PQexecParams(conn, SQL_PURGE, 1, NULL, params, NULL, NULL, 0);
    ok = PQresultStatus(res) == PGRES_TUPLES_OK;
    if (ok)
        snprintf(purged, len, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return ok ? 0 : -1;
}
