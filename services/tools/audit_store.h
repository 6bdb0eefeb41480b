/*
 * Every statement the audit tools (ocop-audit, ocopctl audit verify) run on a
 * service's audit trail (schemas/sql/common/0003_audit_identity.sql). Uses
 * libpq alone: ocop-audit links nothing else.
 */
#ifndef OCOP_AUDIT_STORE_H
#define OCOP_AUDIT_STORE_H

#include <stddef.h>

#include <libpq-fe.h>

/* The trail's rows in id order, as audit_store_chain_read leaves them. */
struct audit_chain_rows {
    PGresult *res; /* owned: free with audit_store_chain_free */
    int n;         /* rows */
};

/* Row i of the chain; strings live as long as the rows. */
struct audit_chain_row {
    const char *id;        /* audit_log.id */
    const char *prev_hash; /* the hash it links to */
    int hash_ok;           /* 1 when its content still matches its hash */
    const char *lag_hash;  /* the previous row's hash ("" for the first) */
    const char *lag_id;    /* the previous row's id, NULL for the first */
};

/* Sets search_path to schema alone. 0, or -1 (not reported). */
int audit_store_search_path(PGconn *conn, const char *schema);

/*
 * Reads the chain into *rows (free with audit_store_chain_free). 0, or -1
 * with the reason on stderr, prefixed by prog.
 */
int audit_store_chain_read(PGconn *conn, const char *prog, struct audit_chain_rows *rows);

/* Row i (0 <= i < rows->n) into *row. */
void audit_store_chain_row(const struct audit_chain_rows *rows, int i, struct audit_chain_row *row);

/* Frees what audit_store_chain_read read; rows->res may be NULL. */
void audit_store_chain_free(struct audit_chain_rows *rows);

/* 1 when a purge names a row with hash prev_hash, before the oldest row, as where it cut. */
int audit_store_purge_anchor(PGconn *conn, const char *prev_hash);

/*
 * As the maintenance role, deletes the rows older than days days and chains
 * a row recording the purge; how many went into purged (as text). 0, or -1
 * (the database's message in PQerrorMessage(conn)).
 */
int audit_store_purge(PGconn *conn, long days, char *purged, size_t len);

#endif
