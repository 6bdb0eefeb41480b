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

#include "tools/audit_chain.h"
#include "tools/audit_store.h"

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
    if (audit_store_search_path(conn, schema) != 0) {
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

static int verify(PGconn *conn, const char *schema)
{
    struct audit_chain_result r;
    int rc = audit_chain_verify(conn, "ocop-audit", &r);
    if (rc == 0)
        printf("audit chain of %s: %d rows, intact\n", schema, r.rows);
    else if (rc == 1)
        printf("audit chain of %s: broken at row %s (after row %s): %s\n", schema, r.broken_at,
               r.after, r.why);
    return rc;
}

static int purge(PGconn *conn, const char *schema, long days)
{
    char purged[32];
    if (audit_store_purge(conn, days, purged, sizeof(purged)) != 0) {
        fprintf(stderr, "ocop-audit: purge refused: %s", PQerrorMessage(conn));
        return 1;
    }
    printf("audit trail of %s: %s rows older than %ld days purged\n", schema, purged, days);
    return 0;
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
