#include "tools/audit_chain.h"

#include <stdio.h>
#include <string.h>

#include "tools/audit_store.h"

/* 1 when the first row's prev_hash is the chain's start or a purge's anchor. */
static int chain_start_ok(PGconn *conn, const char *first_prev)
{
    static const char zero[] = "0000000000000000000000000000000000000000000000000000000000000000";
    return strcmp(first_prev, zero) == 0 || audit_store_purge_anchor(conn, first_prev);
}

int audit_chain_verify(PGconn *conn, const char *prog, struct audit_chain_result *out)
{
    struct audit_chain_rows rows;
    struct audit_chain_row row;
    memset(out, 0, sizeof(*out));
    if (audit_store_chain_read(conn, prog, &rows) != 0)
        return 2;
    int broken = -1;
    for (int i = 0; i < rows.n && broken < 0; i++) {
        audit_store_chain_row(&rows, i, &row);
        if (!row.hash_ok) {
            broken = i;
            out->why = "its content no longer matches its hash (the row was changed)";
        } else if (i == 0 && !chain_start_ok(conn, row.prev_hash)) {
            broken = i;
            out->why = "it does not start the chain and no purge names the row before it";
        } else if (i > 0 && strcmp(row.prev_hash, row.lag_hash) != 0) {
            broken = i;
            out->why = "it does not link to the row before it (a row was changed or removed)";
        }
    }
    out->rows = rows.n;
    if (broken >= 0) {
        snprintf(out->broken_at, sizeof(out->broken_at), "%s", row.id);
        snprintf(out->after, sizeof(out->after), "%s", row.lag_id ? row.lag_id : "none");
    }
    audit_store_chain_free(&rows);
    return broken < 0 ? 0 : 1;
}
