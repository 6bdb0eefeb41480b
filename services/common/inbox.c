#include "common/inbox.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/db.h"

static const char SQL_INBOX_CLAIM[] =
    "INSERT INTO inbox (event_id, event_type, source, topic, kafka_partition, kafka_offset,"
    " outcome, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (event_id) DO NOTHING";

enum oc_err oc_inbox_claim(PGconn *conn, const struct oc_event_in *ev,
                           const struct oc_inbox_origin *origin, const char *outcome,
                           const char *reason, int *fresh)
{
    char part[16], off[24];
    snprintf(part, sizeof(part), "%d", (int)origin->partition);
    snprintf(off, sizeof(off), "%lld", (long long)origin->offset);
    const char *params[] = {ev->id, ev->type, ev->source, origin->topic,
                            part,   off,      outcome,    reason};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_INBOX_CLAIM, 8, params, &res);
    if (rc == OC_OK)
        *fresh = oc_db_affected(res) == 1;
    PQclear(res);
    return rc;
}
