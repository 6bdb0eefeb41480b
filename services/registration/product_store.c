#include "registration/product_store.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/db.h"
#include "registration/store_util.h"

#define PRODUCT_JSON                                                                               \
    "json_build_object('id', p.id, 'code', p.code, 'name', p.name, 'description', p.description," \
    " 'producer', json_build_object('id', pr.id, 'name', pr.name, 'type', pr.producer_type),"     \
    " 'rule_set', p.rule_set, 'criteria_set', p.criteria_set, 'sector', p.sector,"                \
    " 'legacy_group', p.legacy_group, 'commune_code', p.commune_code, 'status', p.status,"        \
    " 'version', p.version, 'created_at', " SQL_TS("p.created_at") ","                            \
    " 'updated_at', " SQL_TS("p.updated_at") ")"

#define PRODUCT_EVENT_JSON                                                                         \
    "json_build_object('product_id', p.id, 'code', p.code, 'name', p.name,"                       \
    " 'producer_id', pr.id, 'producer_name', pr.name, 'producer_type', pr.producer_type,"         \
    " 'rule_set', p.rule_set, 'criteria_set', p.criteria_set, 'sector', p.sector,"                \
    " 'legacy_group', p.legacy_group, 'commune_code', p.commune_code, 'status', p.status,"        \
    " 'version', p.version, 'registered_at', " SQL_TS("p.created_at") ")"

static const char SQL_PRODUCT_INSERT[] =
    "WITH p AS (INSERT INTO products (code, producer_id, name, description, rule_set,"
    " criteria_set, sector, legacy_group, commune_code)"
    " SELECT 'OCOP-TV-' || to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-'"
    " || (SELECT lpad(n::text, greatest(5, length(n::text)), '0')"
    " FROM nextval('product_code_seq') n), pr.id, $2, $3, $4,"
    " $5::int, $6, $7, coalesce($8, pr.commune_code) FROM producers pr WHERE pr.id = $1"
    " RETURNING *) "
    "SELECT json_build_object('view', " PRODUCT_JSON ", 'event', " PRODUCT_EVENT_JSON ")::text"
    " FROM p JOIN producers pr ON pr.id = p.producer_id";
static const char SQL_PRODUCT_GET[] =
    "SELECT " PRODUCT_JSON "::text FROM products p JOIN producers pr ON pr.id = p.producer_id "
    "WHERE p.id = $1";
static const char SQL_PRODUCT_LIST[] =
    "SELECT " PRODUCT_JSON "::text, " SQL_EPOCH_US("p.created_at") ", p.id FROM products p"
    " JOIN producers pr ON pr.id = p.producer_id"
    " WHERE ($1::uuid IS NULL OR p.producer_id = $1::uuid)"
    " AND ($2::text IS NULL OR p.commune_code = $2)"
    " AND ($3::bigint IS NULL OR (p.created_at, p.id) <"
    " (timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4::uuid))"
    " ORDER BY p.created_at DESC, p.id DESC LIMIT $5::int";

enum oc_err product_store_insert(PGconn *conn, const struct product_new *p, json_t **out,
                                 json_t **event)
{
    char set[8];
    snprintf(set, sizeof(set), "%lld", p->criteria_set);
    const char *params[] = {p->producer_id, p->name,
                            p->description, p->rule_set,
                            p->sector ? set : NULL, p->sector,
                            p->legacy_group, p->commune_code};
    json_t *both = NULL;
    *out = *event = NULL;
    enum oc_err rc = store_json_row(conn, SQL_PRODUCT_INSERT, 8, params, &both);
    if (rc != OC_OK)
        return rc;
    *out = json_incref(json_object_get(both, "view"));
    *event = json_incref(json_object_get(both, "event"));
    json_decref(both);
    return OC_OK;
}

enum oc_err product_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return store_json_row(conn, SQL_PRODUCT_GET, 1, params, out);
}

enum oc_err product_store_list(PGconn *conn, const struct product_filter *f, int limit,
                               json_t **items, json_t **next)
{
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", limit + 1);
    const char *params[] = {f->producer_id, f->commune_code, f->after_time, f->after_id, lim};
    return store_json_page(conn, SQL_PRODUCT_LIST, 5, params, limit, items, next);
}
