#include "tools/audit_chain.h"

#include <stdio.h>
#include <string.h>

static const char SQL_CHAIN[] =
    "SELECT id, prev_hash, hash, audit_row_hash(prev_hash, id, at, subject, roles, method, route,"
    " object_id, status, request_id, client) = hash, lag(hash) OVER (ORDER BY id),"
    " lag(id) OVER (ORDER BY id)"
    " FROM audit_log ORDER BY id";

/* A purge names the last row it removed as "<id>:<hash>": the chain may start there. */
static const char SQL_ANCHOR[] =
    "SELECT 1 FROM audit_log WHERE method = 'PURGE' AND split_part(object_id, ':', 2) = $1"
    " AND split_part(object_id, ':', 1)::bigint < (SELECT min(id) FROM audit_log) LIMIT 1";

/* 1 when the first row's prev_hash is the chain's start or a purge's anchor. */
static int chain_start_ok(PGconn *conn, const char *first_prev)
{
    static const char zero[] = "0000000000000000000000000000000000000000000000000000000000000000";
    if (strcmp(first_prev, zero) == 0)
        return 1;
    PGresult *res = PQexecParams(conn, SQL_ANCHOR, 1, NULL, &first_prev, NULL, NULL, 0);
    int ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
    PQclear(res);
    return ok;
}

int audit_chain_verify(PGconn *conn, const char *prog, struct audit_chain_result *out)
{
    memset(out, 0, sizeof(*out));
    PGresult *res = PQexecParams(conn, SQL_CHAIN, 0, NULL, NULL, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        fprintf(stderr, "%s: cannot read the audit trail: %s", prog, PQerrorMessage(conn));
        PQclear(res);
        return 2;
    }
    int n = PQntuples(res), broken = -1;
    for (int i = 0; i < n && broken < 0; i++) {
        if (strcmp(PQgetvalue(res, i, 3), "t") != 0) {
            broken = i;
            out->why = "its content no longer matches its hash (the row was changed)";
        } else if (i == 0 && !chain_start_ok(conn, PQgetvalue(res, 0, 1))) {
            broken = i;
            out->why = "it does not start the chain and no purge names the row before it";
        } else if (i > 0 && strcmp(PQgetvalue(res, i, 1), PQgetvalue(res, i, 4)) != 0) {
            broken = i;
            out->why = "it does not link to the row before it (a row was changed or removed)";
        }
    }
    out->rows = n;
    if (broken >= 0) {
        snprintf(out->broken_at, sizeof(out->broken_at), "%s", PQgetvalue(res, broken, 0));
        snprintf(out->after, sizeof(out->after), "%s",
                 PQgetisnull(res, broken, 5) ? "none" : PQgetvalue(res, broken, 5));
    }
    PQclear(res);
    return broken < 0 ? 0 : 1;
}
