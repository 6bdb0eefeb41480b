/*
 * ocop-audit: the operator's tool for a service's audit trail
 * (schemas/sql/common/0003_audit_identity.sql).
 *
 *   ocop-audit verify --db CONNINFO --schema SCHEMA
 *       walks the hash chain from the oldest row and names the first broken
 *       link: a row whose content no longer matches its hash, or one that does
 *       not link to the row before it (a row changed or removed). Exit 0 when
 *       intact, 1 when broken, 2 on a usage or connection error.
 *   ocop-audit purge --db CONNINFO --schema SCHEMA [--retention-days N]
 *       as the maintenance role (SET ROLE ocop_maintenance; the connection's
 *       user must be a member or a superuser), deletes the rows older than N
 *       days (at least 92, TCVN 11930; default OCOP_AUDIT_RETENTION_DAYS or
 *       365) and chains a row that records the purge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

static const char SQL_CHAIN[] =
    "SELECT id, prev_hash, hash, audit_row_hash(prev_hash, id, at, subject, roles, method, route,"
    " object_id, status, request_id, client) = hash, lag(hash) OVER (ORDER BY id),"
    " lag(id) OVER (ORDER BY id)"
    " FROM audit_log ORDER BY id";

/* A purge names the last row it removed as "<id>:<hash>": the chain may start there. */
static const char SQL_ANCHOR[] =
    "SELECT 1 FROM audit_log WHERE method = 'PURGE' AND split_part(object_id, ':', 2) = $1"
    " AND split_part(object_id, ':', 1)::bigint < (SELECT min(id) FROM audit_log) LIMIT 1";

static const char SQL_SEARCH_PATH[] = "SELECT set_config('search_path', $1, false)";
static const char SQL_SET_ROLE[] = "SET ROLE ocop_maintenance";
static const char SQL_PURGE[] = "SELECT audit_purge(now() - make_interval(days => $1::integer))";

static int usage(void)
{
    fprintf(stderr, "usage: ocop-audit verify --db CONNINFO --schema SCHEMA\n"
                    "       ocop-audit purge --db CONNINFO --schema SCHEMA [--retention-days N]\n");
    return 2;
}

static PGconn *connect_to(const char *conninfo, const char *schema)
{
    PGconn *conn = PQconnectdb(conninfo);
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "ocop-audit: cannot connect: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return NULL;
    }
    const char *params[] = {schema};
    PGresult *res = PQexecParams(conn, SQL_SEARCH_PATH, 1, NULL, params, NULL, NULL, 0);
    int ok = PQresultStatus(res) == PGRES_TUPLES_OK;
    PQclear(res);
    if (!ok) {
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

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

static int verify(PGconn *conn, const char *schema)
{
    PGresult *res = PQexecParams(conn, SQL_CHAIN, 0, NULL, NULL, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        fprintf(stderr, "ocop-audit: cannot read the audit trail: %s", PQerrorMessage(conn));
        PQclear(res);
        return 2;
    }
    int n = PQntuples(res), broken = -1;
    const char *why = "";
    for (int i = 0; i < n && broken < 0; i++) {
        if (strcmp(PQgetvalue(res, i, 3), "t") != 0) {
            broken = i;
            why = "its content no longer matches its hash (the row was changed)";
        } else if (i == 0 && !chain_start_ok(conn, PQgetvalue(res, 0, 1))) {
            broken = i;
            why = "it does not start the chain and no purge names the row before it";
        } else if (i > 0 && strcmp(PQgetvalue(res, i, 1), PQgetvalue(res, i, 4)) != 0) {
            broken = i;
            why = "it does not link to the row before it (a row was changed or removed)";
        }
    }
    if (broken < 0)
        printf("audit chain of %s: %d rows, intact\n", schema, n);
    else
        printf("audit chain of %s: broken at row %s (after row %s): %s\n", schema,
               PQgetvalue(res, broken, 0),
               PQgetisnull(res, broken, 5) ? "none" : PQgetvalue(res, broken, 5), why);
    PQclear(res);
    return broken < 0 ? 0 : 1;
}

static int purge(PGconn *conn, const char *schema, long days)
{
    char text[32];
    snprintf(text, sizeof(text), "%ld", days);
    PGresult *res = PQexecParams(conn, SQL_SET_ROLE, 0, NULL, NULL, NULL, NULL, 0);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (ok) {
        const char *params[] = {text};
        res = PQexecParams(conn, SQL_PURGE, 1, NULL, params, NULL, NULL, 0);
        ok = PQresultStatus(res) == PGRES_TUPLES_OK;
        if (ok)
            printf("audit trail of %s: %s rows older than %ld days purged\n", schema,
                   PQgetvalue(res, 0, 0), days);
        PQclear(res);
    }
    if (!ok)
        fprintf(stderr, "ocop-audit: purge refused: %s", PQerrorMessage(conn));
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    const char *db = NULL, *schema = NULL, *env = getenv("OCOP_AUDIT_RETENTION_DAYS");
    long days = env ? strtol(env, NULL, 10) : 365;
    if (argc < 2)
        return usage();
    for (int i = 2; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--db") == 0)
            db = argv[i + 1];
        else if (strcmp(argv[i], "--schema") == 0)
            schema = argv[i + 1];
        else if (strcmp(argv[i], "--retention-days") == 0)
            days = strtol(argv[i + 1], NULL, 10);
        else
            return usage();
    }
    if (db == NULL || schema == NULL || argc % 2 != 0)
        return usage();
    if (days < 92) {
        fprintf(stderr, "ocop-audit: the retention is at least 92 days (TCVN 11930)\n");
        return 2;
    }
    PGconn *conn = connect_to(db, schema);
    if (conn == NULL)
        return 2;
    int rc = 2;
    if (strcmp(argv[1], "verify") == 0)
        rc = verify(conn, schema);
    else if (strcmp(argv[1], "purge") == 0)
        rc = purge(conn, schema, days);
    else
        rc = usage();
    PQfinish(conn);
    return rc;
}
