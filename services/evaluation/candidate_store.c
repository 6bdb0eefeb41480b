#include "evaluation/candidate_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "common/sql.h"
#include "common/validate.h"
#include "evaluation/evidence_store.h"

static const char SQL_PRODUCER_UPSERT[] =
    "INSERT INTO producers (producer_id, producer_type, name, commune_code, version)"
    " VALUES ($1, $2, $3, $4, $5::bigint)"
    " ON CONFLICT (producer_id) DO UPDATE SET producer_type = EXCLUDED.producer_type,"
    " name = EXCLUDED.name, commune_code = EXCLUDED.commune_code, version = EXCLUDED.version,"
    " updated_at = now() WHERE producers.version < EXCLUDED.version";
static const char SQL_PRODUCER_NAME_SPREAD[] =
    "UPDATE products SET producer_name = p.name, producer_type = p.producer_type,"
    " updated_at = now() FROM producers p WHERE p.producer_id = $1"
    " AND products.producer_id = p.producer_id AND products.producer_name <> p.name";
static const char SQL_PRODUCT_UPSERT[] =
    "INSERT INTO products (product_id, code, name, producer_id, producer_name, producer_type,"
    " rule_set, criteria_set, sector, commune_code, registry_status, version, last_event_id,"
    " legacy_district_code, current_commune_code)"
    " VALUES ($1, $2, $3, $4,"
    " coalesce((SELECT name FROM producers WHERE producer_id = $4::uuid), $5),"
    " $6, $7, NULLIF($8, '0')::int, $9, $10, $11, $12::bigint, $13, $14, $15)"
    " ON CONFLICT (product_id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name,"
    " producer_name = EXCLUDED.producer_name, producer_type = EXCLUDED.producer_type,"
    " rule_set = EXCLUDED.rule_set, criteria_set = EXCLUDED.criteria_set,"
    " sector = EXCLUDED.sector, commune_code = EXCLUDED.commune_code,"
    " legacy_district_code = EXCLUDED.legacy_district_code,"
    " current_commune_code = EXCLUDED.current_commune_code,"
    " registry_status = EXCLUDED.registry_status, version = EXCLUDED.version,"
    " last_event_id = EXCLUDED.last_event_id, updated_at = now()"
    " WHERE products.version < EXCLUDED.version";
static const char SQL_PRODUCT_GET[] =
    "SELECT json_build_object('id', product_id, 'code', code, 'name', name,"
    " 'producer', json_build_object('id', producer_id, 'name', producer_name,"
    " 'type', producer_type), 'rule_set', rule_set, 'criteria_set', criteria_set,"
    " 'sector', sector, 'commune_code', commune_code,"
    " 'legacy_district_code', legacy_district_code, 'current_commune_code', current_commune_code,"
    " 'registry_status', registry_status,"
    " 'registry_version', version, 'last_event_id', last_event_id,"
    " 'updated_at', " SQL_TS("updated_at") ")::text FROM products WHERE product_id = $1";

static const char SQL_APPLICATION_UPSERT[] =
    "INSERT INTO applications (application_id, dossier_code, product_id, kind, rule_set,"
    " registry_status, portal_status_code, received_on, version, last_event_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7::int, $8::date, $9::bigint, $10)"
    " ON CONFLICT (application_id) DO UPDATE SET dossier_code = EXCLUDED.dossier_code,"
    " registry_status = EXCLUDED.registry_status,"
    " portal_status_code = EXCLUDED.portal_status_code, received_on = EXCLUDED.received_on,"
    " version = EXCLUDED.version, last_event_id = EXCLUDED.last_event_id, updated_at = now()"
    " WHERE applications.version < EXCLUDED.version";
static const char SQL_APPLICATION_GET[] =
    "SELECT json_build_object('id', a.application_id, 'dossier_code', a.dossier_code,"
    " 'kind', a.kind, 'rule_set', a.rule_set, 'registry_status', a.registry_status,"
    " 'portal_status_code', a.portal_status_code, 'received_on', a.received_on,"
    " 'registry_version', a.version, 'product', CASE WHEN p.product_id IS NULL THEN NULL ELSE"
    " json_build_object('id', p.product_id, 'code', p.code, 'name', p.name,"
    " 'producer_name', p.producer_name) END)::text"
    " FROM applications a LEFT JOIN products p ON p.product_id = a.product_id"
    " WHERE a.application_id = $1";

enum oc_err candidate_application_parse(json_t *data, struct candidate_application *out, char *err,
                                        size_t errlen)
{
    json_error_t jerr;
    json_int_t version = 0, code = 0;
    memset(out, 0, sizeof(*out));
    json_t *code_json = NULL, *received_json = NULL;
    if (json_unpack_ex(data, &jerr, 0, "{s:s,s:o,s:s,s:s,s:s,s:s,s:I,s?o,s:I}", "application_id",
                       &out->application_id, "dossier_code", &code_json, "product_id",
                       &out->product_id, "kind", &out->kind, "rule_set", &out->rule_set, "status",
                       &out->status, "portal_status_code", &code, "received_on", &received_json,
                       "version", &version) != 0) {
        snprintf(err, errlen, "application event: %s", jerr.text);
        return OC_INVALID;
    }
    out->version = (long long)version;
    out->portal_code = (long long)code;
    out->dossier_code = json_string_value(code_json);    /* NULL: a draft, never submitted */
    out->received_on = json_string_value(received_json); /* absent or null: never received */
    if ((!json_is_null(code_json) && out->dossier_code == NULL) ||
        (received_json != NULL && !json_is_null(received_json) && out->received_on == NULL) ||
        !oc_uuid_ok(out->application_id) || !oc_uuid_ok(out->product_id) || version < 1) {
        snprintf(err, errlen, "application event: bad application_id, product_id or version");
        return OC_INVALID;
    }
    return OC_OK;
}

enum oc_err candidate_store_application(PGconn *conn, const struct candidate_application *a,
                                        const char *event_id)
{
    char version[24], code[16];
    snprintf(version, sizeof(version), "%lld", a->version);
    snprintf(code, sizeof(code), "%lld", a->portal_code);
    const char *params[] = {a->application_id, a->dossier_code, a->product_id, a->kind,
                            a->rule_set,       a->status,       code,          a->received_on,
                            version,           event_id};
    return oc_db_exec(conn, SQL_APPLICATION_UPSERT, 10, params, NULL);
}

enum oc_err candidate_store_application_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_APPLICATION_GET, 1, params, out);
}

enum oc_err candidate_store_producer(PGconn *conn, const struct oc_producer_registered *p)
{
    char version[24];
    snprintf(version, sizeof(version), "%lld", p->version);
    const char *params[] = {p->producer_id, p->type, p->name, p->commune_code, version};
    enum oc_err rc = oc_db_exec(conn, SQL_PRODUCER_UPSERT, 5, params, NULL);
    if (rc == OC_OK)
        rc = oc_db_exec(conn, SQL_PRODUCER_NAME_SPREAD, 1, params, NULL);
    return rc;
}

enum oc_err candidate_store_product(PGconn *conn, const struct oc_product_registered *p,
                                    const char *event_id)
{
    char version[24], set[8];
    snprintf(version, sizeof(version), "%lld", p->version);
    snprintf(set, sizeof(set), "%lld", p->criteria_set);
    const char *params[] = {p->product_id,
                            p->code,
                            p->name,
                            p->producer_id,
                            p->producer_name,
                            p->producer_type,
                            p->rule_set,
                            set,
                            p->sector,
                            p->commune_code,
                            p->status,
                            version,
                            event_id,
                            p->legacy_district_code,
                            p->current_commune_code};
    return oc_db_exec(conn, SQL_PRODUCT_UPSERT, 15, params, NULL);
}

enum oc_err candidate_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    json_t *evidence = NULL;
    enum oc_err rc = oc_db_json_row(conn, SQL_PRODUCT_GET, 1, params, out);
    if (rc == OC_OK)
        rc = evidence_store_for_product(conn, id, &evidence);
    if (rc == OC_OK) {
        json_object_set_new(*out, "market_evidence", evidence); /* newest first */
    } else {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}
