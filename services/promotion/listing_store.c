#include "promotion/listing_store.h"

#include <stdio.h>

#include "common/db.h"

static const char SQL_LISTING_UPSERT[] =
    "INSERT INTO products (product_id, code, name, producer_id, producer_type,"
    " producer_public_name, sector, criteria_set, commune_code, version, source_event_id)"
    " VALUES ($1, $2, $3, $4, $5,"
    " CASE WHEN EXISTS (SELECT 1 FROM producers WHERE producer_id = $4::uuid)"
    " THEN (SELECT public_name FROM producers WHERE producer_id = $4::uuid) ELSE $6 END,"
    " $7, NULLIF($8, '0')::int, $9, $10::bigint, $11)"
    " ON CONFLICT (product_id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name,"
    " producer_type = EXCLUDED.producer_type,"
    " producer_public_name = EXCLUDED.producer_public_name, sector = EXCLUDED.sector,"
    " criteria_set = EXCLUDED.criteria_set, commune_code = EXCLUDED.commune_code,"
    " version = EXCLUDED.version, source_event_id = EXCLUDED.source_event_id,"
    " updated_at = now() WHERE products.version < EXCLUDED.version";
static const char SQL_PRODUCER_UPSERT[] =
    "INSERT INTO producers (producer_id, producer_type, public_name, version)"
    " VALUES ($1, $2, $3, $4::bigint) ON CONFLICT (producer_id) DO UPDATE SET"
    " producer_type = EXCLUDED.producer_type, public_name = EXCLUDED.public_name,"
    " version = EXCLUDED.version, updated_at = now()"
    " WHERE producers.version < EXCLUDED.version";
static const char SQL_PRODUCER_SPREAD[] =
    "UPDATE products SET producer_public_name = p.public_name, updated_at = now()"
    " FROM producers p WHERE p.producer_id = $1 AND products.producer_id = p.producer_id"
    " AND products.producer_public_name IS DISTINCT FROM p.public_name";
static const char SQL_LISTING_GET[] =
    "SELECT json_build_object('id', product_id, 'code', code, 'name', name,"
    " 'producer', json_build_object('id', producer_id, 'type', producer_type,"
    " 'public_name', producer_public_name), 'sector', sector, 'criteria_set', criteria_set,"
    " 'commune_code', commune_code, 'promotable', false,"
    " 'promotable_reason', 'no valid 3-star or higher certificate is known',"
    " 'registry_version', version,"
    " 'first_seen_at', to_char(first_seen_at AT TIME ZONE 'UTC',"
    " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))::text FROM products WHERE product_id = $1";

enum oc_err listing_store_product(PGconn *conn, const struct oc_product_registered *p,
                                  const char *public_name, const char *event_id)
{
    char version[24], set[8];
    snprintf(version, sizeof(version), "%lld", p->version);
    snprintf(set, sizeof(set), "%lld", p->criteria_set);
    const char *params[] = {p->product_id,    p->code,     p->name,   p->producer_id,
                            p->producer_type, public_name, p->sector, set,
                            p->commune_code,  version,     event_id};
    return oc_db_exec(conn, SQL_LISTING_UPSERT, 11, params, NULL);
}

enum oc_err listing_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_LISTING_GET, 1, params, out);
}

enum oc_err listing_store_producer(PGconn *conn, const struct oc_producer_registered *p,
                                   const char *public_name)
{
    char version[24];
    snprintf(version, sizeof(version), "%lld", p->version);
    const char *params[] = {p->producer_id, p->type, public_name, version};
    enum oc_err rc = oc_db_exec(conn, SQL_PRODUCER_UPSERT, 4, params, NULL);
    if (rc == OC_OK)
        rc = oc_db_exec(conn, SQL_PRODUCER_SPREAD, 1, params, NULL);
    return rc;
}
