/*
 * The audit trail's hash chain check (schemas/sql/common/0003_audit_identity.sql),
 * shared by ocop-audit and ocopctl.
 */
#ifndef OCOP_AUDIT_CHAIN_H
#define OCOP_AUDIT_CHAIN_H

#include <libpq-fe.h>

/* What the check found. */
struct audit_chain_result {
    int rows;           /* rows in the trail */
    char broken_at[24]; /* the first broken row's id, "" when intact */
    char after[24];     /* the row before it, "none" when it is the first */
    const char *why;    /* why it is broken (static), NULL when intact */
};

/*
 * Walks the chain of the audit_log on conn's search_path from the oldest row.
 * Returns 0 intact, 1 broken (out says where and why), 2 when the trail
 * could not be read (the reason on stderr, prefixed by prog).
 */
int audit_chain_verify(PGconn *conn, const char *prog, struct audit_chain_result *out);

#endif
