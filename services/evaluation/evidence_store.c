#include "evaluation/evidence_store.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/db.h"
#include "common/sql.h"

#define SQL_CHANGED_AT SQL_TS_US("l.event_time")

static const char SQL_UPSERT[] =
    "INSERT INTO market_linkages AS l (linkage_id, product_id, status, partner_name, channel,"
    " source_version, data, event_time, last_event_id)"
    " VALUES ($1, $2::uuid, $3, $4, $5, $6::bigint, $7::jsonb, $8::timestamptz, $9)"
    " ON CONFLICT (linkage_id) DO UPDATE SET product_id = EXCLUDED.product_id,"
    " status = EXCLUDED.status, partner_name = EXCLUDED.partner_name,"
    " channel = EXCLUDED.channel, source_version = EXCLUDED.source_version,"
    " data = EXCLUDED.data, event_time = EXCLUDED.event_time,"
    " last_event_id = EXCLUDED.last_event_id, updated_at = now()"
    " WHERE CASE WHEN l.source_version IS NOT NULL AND EXCLUDED.source_version IS NOT NULL"
    "   THEN EXCLUDED.source_version > l.source_version"
    "   ELSE EXCLUDED.event_time > l.event_time END"
    " RETURNING 1";
static const char SQL_FOR_PRODUCT[] =
    "SELECT coalesce(json_agg((l.data || jsonb_build_object('changed_at', " SQL_CHANGED_AT "))"
    " ORDER BY l.event_time DESC, l.linkage_id), '[]')::text"
    " FROM market_linkages l WHERE l.product_id = $1::uuid";

enum oc_err evidence_store_linkage(PGconn *conn, const struct evidence_linkage *l,
                                   const json_t *data, const char *time, const char *event_id,
                                   int *applied)
{
    char version[24];
    snprintf(version, sizeof(version), "%lld", l->version);
    char *text = json_dumps(data, JSON_COMPACT);
    const char *params[] = {l->linkage_id, l->product_id,
                            l->status,     l->partner_name,
                            l->channel,    l->version > 0 ? version : NULL,
                            text,          time,
                            event_id};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_UPSERT, 9, params, &res);
    if (rc == OC_OK)
        *applied = PQntuples(res) > 0;
    PQclear(res);
    free(text);
    return rc;
}

enum oc_err evidence_store_for_product(PGconn *conn, const char *product_id, json_t **items)
{
    const char *params[] = {product_id};
    return oc_db_json_row(conn, SQL_FOR_PRODUCT, 1, params, items);
}
