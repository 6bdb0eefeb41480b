#include "evaluation/candidate_store.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/db.h"

static const char SQL_PRODUCER_UPSERT[] =
    "INSERT INTO producers (producer_id, producer_type, name, commune_code, version)"
    " VALUES ($1, $2, $3, $4, $5::bigint)"
    " ON CONFLICT (producer_id) DO UPDATE SET producer_type = EXCLUDED.producer_type,"
    " name = EXCLUDED.name, commune_code = EXCLUDED.commune_code, version = EXCLUDED.version,"
    " updated_at = now() WHERE producers.version < EXCLUDED.version";
static const char SQL_PRODUCT_UPSERT[] =
    "INSERT INTO products (product_id, code, name, producer_id, producer_name, producer_type,"
    " rule_set, criteria_set, sector, commune_code, registry_status, version, last_event_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, '0')::int, $9, $10, $11, $12::bigint, $13)"
    " ON CONFLICT (product_id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name,"
    " producer_name = EXCLUDED.producer_name, producer_type = EXCLUDED.producer_type,"
    " rule_set = EXCLUDED.rule_set, criteria_set = EXCLUDED.criteria_set,"
    " sector = EXCLUDED.sector, commune_code = EXCLUDED.commune_code,"
    " registry_status = EXCLUDED.registry_status, version = EXCLUDED.version,"
    " last_event_id = EXCLUDED.last_event_id, updated_at = now()"
    " WHERE products.version < EXCLUDED.version";
static const char SQL_PRODUCT_GET[] =
    "SELECT json_build_object('id', product_id, 'code', code, 'name', name,"
    " 'producer', json_build_object('id', producer_id, 'name', producer_name,"
    " 'type', producer_type), 'rule_set', rule_set, 'criteria_set', criteria_set,"
    " 'sector', sector, 'commune_code', commune_code, 'registry_status', registry_status,"
    " 'registry_version', version, 'last_event_id', last_event_id,"
    " 'updated_at', to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
    ")::text FROM products WHERE product_id = $1";

enum oc_err candidate_store_producer(PGconn *conn, const struct oc_producer_registered *p)
{
    char version[24];
    snprintf(version, sizeof(version), "%lld", p->version);
    const char *params[] = {p->producer_id, p->type, p->name, p->commune_code, version};
    return oc_db_exec(conn, SQL_PRODUCER_UPSERT, 5, params, NULL);
}

enum oc_err candidate_store_product(PGconn *conn, const struct oc_product_registered *p,
                                    const char *event_id)
{
    char version[24], set[8];
    snprintf(version, sizeof(version), "%lld", p->version);
    snprintf(set, sizeof(set), "%lld", p->criteria_set);
    const char *params[] = {p->product_id,   p->code,          p->name,     p->producer_id,
                            p->producer_name, p->producer_type, p->rule_set, set,
                            p->sector,       p->commune_code,  p->status,   version,
                            event_id};
    return oc_db_exec(conn, SQL_PRODUCT_UPSERT, 13, params, NULL);
}

enum oc_err candidate_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    PGresult *res = NULL;
    *out = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_PRODUCT_GET, 1, params, &res);
    if (rc != OC_OK)
        return rc;
    if (PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    else if ((*out = json_loads(PQgetvalue(res, 0, 0), 0, NULL)) == NULL)
        rc = OC_INTERNAL;
    PQclear(res);
    return rc;
}
