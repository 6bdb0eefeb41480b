#include "registration/product_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "registration/store_util.h"

/* clang-format off */
#define PRODUCT_JSON                                                                               \
    "json_build_object('id', p.id, 'code', p.code, 'name', p.name, 'description', p.description,"  \
    " 'producer', json_build_object('id', pr.id, 'name', pr.name, 'type', pr.producer_type),"      \
    " 'rule_set', p.rule_set, 'criteria_set', p.criteria_set, 'sector', p.sector,"                 \
    " 'legacy_group', p.legacy_group,"                                                             \
    " 'recognised_before_platform', p.recognised_before_platform, 'commune_code', p.commune_code," \
    " 'current_commune_code', " SQL_COMMUNE_NOW("p.") ", 'status', p.status,"                      \
    " 'ocop', json_build_object('stars', p.stars, 'recognised_on', p.recognised_on,"               \
    " 'first_recognised_on', p.first_recognised_on,"                                              \
    " 'certificate', p.certificate, 'latest_inspection', p.latest_inspection,"                     \
    " 'active_linkages', p.active_linkages, 'potential_5_star', CASE WHEN"                          \
    "   p.potential_5_star_since IS NOT NULL THEN json_build_object('since',"                       \
    "   p.potential_5_star_since, 'score', p.potential_5_star_score, 'entry_id',"                 \
    "   p.potential_5_star_entry) END), 'version', p.version,"                                     \
    " 'created_at', " SQL_TS("p.created_at") ", 'updated_at', " SQL_TS("p.updated_at") ")"
/* clang-format on */

/* clang-format off */
#define PRODUCT_EVENT_JSON                                                  \
    "json_build_object('product_id', p.id, 'code', p.code, 'name', p.name, 'producer_id',"         \
    " pr.id, 'producer_name', pr.name, 'producer_type', pr.producer_type, 'rule_set',"             \
    " p.rule_set, 'criteria_set', p.criteria_set, 'sector', p.sector, 'legacy_group',"             \
    " p.legacy_group, 'commune_code', p.commune_code, 'legacy_district_code',"                      \
    " (SELECT u.parent_code FROM admin_units u WHERE u.level = 'commune'"                          \
    "   AND u.code = p.commune_code AND u.parent_code ~ '^[0-9]{3}$'"                              \
    "   ORDER BY u.valid_from NULLS FIRST LIMIT 1),"                                               \
    " 'current_commune_code', " SQL_COMMUNE_NOW("p.") ", 'status', p.status, 'version',"          \
    " p.version, 'registered_at', " SQL_TS("p.created_at") ", 'updated_at', "                      \
    SQL_TS(\
                                                                          "p.updated_at")\
    ")"
/* clang-format on */

static const char SQL_PRODUCT_NUMBER[] =
    "SELECT nextval('product_code_seq'), to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY'),"
    " coalesce($2, commune_code), EXISTS (SELECT 1 FROM admin_units"
    "   WHERE level = 'commune' AND code = coalesce($2, pr.commune_code))"
    " FROM producers pr WHERE pr.id = $1 AND " SQL_IN_SCOPE("pr", "3", "4", "5");
static const char SQL_PRODUCT_INSERT[] =
    "WITH p AS (INSERT INTO products (code, producer_id, name, description, rule_set,"
    " criteria_set, sector, legacy_group, commune_code, recognised_before_platform)"
    " VALUES ($9, $1, $2, $3, $4, $5::int, $6, $7, $8, $10::bool) RETURNING *) "
    "SELECT json_build_object('view', " PRODUCT_JSON ", 'event', " PRODUCT_EVENT_JSON ")::text"
    " FROM p JOIN producers pr ON pr.id = p.producer_id";
static const char SQL_PRODUCT_UPDATE[] =
    "WITH p AS (UPDATE products SET name = coalesce($3, name),"
    " description = CASE WHEN $5::bool THEN NULL ELSE coalesce($4, description) END,"
    " version = version + 1, updated_at = now() WHERE id = $1 AND version = $2::bigint"
    " AND " SQL_PRODUCER_IN_SCOPE("producer_id", "6", "7",
                                  "8") " RETURNING *) "
                                       "SELECT json_build_object('view', " PRODUCT_JSON
                                       ", 'event', " PRODUCT_EVENT_JSON ")::text"
                                       " FROM p JOIN producers pr ON pr.id = p.producer_id";
/* The old classification is read from the statement's snapshot, before the update. */
static const char SQL_PRODUCT_CLASSIFY[] =
    "WITH old AS (SELECT id, rule_set, criteria_set, sector, legacy_group FROM products"
    " WHERE id = $1),"
    " p AS (UPDATE products SET criteria_set = $3::int, sector = $4, version = version + 1,"
    " updated_at = now() WHERE id = $1 AND version = $2::bigint"
    " AND " SQL_PRODUCER_IN_SCOPE(
        "producer_id", "8", "9",
        "10") " RETURNING *),"
              " h AS (INSERT INTO product_classifications (product_id, rule_set, from_criteria_set,"
              " from_sector, from_legacy_group, to_criteria_set, to_sector, reason, "
              "decision_number,"
              " actor) SELECT old.id, old.rule_set, old.criteria_set, old.sector, old.legacy_group,"
              " p.criteria_set, p.sector, $5, $6, $7 FROM old JOIN p ON p.id = old.id)"
              " SELECT json_build_object('view', " PRODUCT_JSON ", 'event', " PRODUCT_EVENT_JSON
              ")::text"
              " FROM p JOIN producers pr ON pr.id = p.producer_id";
static const char SQL_PRODUCT_CLASSIFICATIONS[] =
    "SELECT json_build_object('items', coalesce((SELECT json_agg(json_build_object("
    " 'rule_set', c.rule_set, 'from', json_build_object('criteria_set', c.from_criteria_set,"
    " 'sector', c.from_sector, 'legacy_group', c.from_legacy_group),"
    " 'to', json_build_object('criteria_set', c.to_criteria_set, 'sector', c.to_sector),"
    " 'reason', c.reason, 'decision_number', c.decision_number, 'actor', c.actor,"
    " 'at', " SQL_TS(
        "c.at") ") ORDER BY c.id) FROM product_classifications c"
                " WHERE c.product_id = p.id), '[]'))::text FROM products p"
                " JOIN producers pr ON pr.id = p.producer_id WHERE p.id = $1 AND " SQL_IN_SCOPE(
                    "pr", "2", "3", "4");
static const char SQL_FACT_CERTIFICATE[] =
    "UPDATE products SET certificate = $2::jsonb,"
    " stars = CASE WHEN $2::jsonb->>'status' IN ('valid', 'expiring')"
    "   THEN ($2::jsonb->>'stars')::smallint"
    "   WHEN $2::jsonb->>'status' = 'superseded' THEN stars ELSE NULL END,"
    " recognised_on = CASE WHEN $2::jsonb->>'status' IN ('valid', 'expiring')"
    "   THEN coalesce(($2::jsonb->>'issued_on')::date, recognised_on) ELSE recognised_on END,"
    " status = CASE $2::jsonb->>'status' WHEN 'valid' THEN 'certified'"
    "   WHEN 'expiring' THEN 'certified' WHEN 'suspended' THEN 'certificate_suspended'"
    "   WHEN 'revoked' THEN 'certificate_revoked' WHEN 'expired' THEN 'certificate_expired'"
    "   ELSE status END,"
    " event_times = event_times || jsonb_build_object('certificate', $3::timestamptz),"
    " updated_at = now() WHERE id = $1"
    " AND (event_times->>'certificate' IS NULL"
    "   OR (event_times->>'certificate')::timestamptz < $3::timestamptz)"
    " AND ($4::bool OR certificate IS NULL"
    "   OR certificate->>'certificate_id' = $2::jsonb->>'certificate_id')";
static const char SQL_FACT_INSPECTION[] =
    "UPDATE products SET latest_inspection = $2::jsonb,"
    " event_times = event_times || jsonb_build_object('inspection', $3::timestamptz),"
    " updated_at = now() WHERE id = $1 AND (event_times->>'inspection' IS NULL"
    "   OR (event_times->>'inspection')::timestamptz < $3::timestamptz)";
static const char SQL_FACT_LINKAGE[] =
    "UPDATE products SET linkages = linkages || jsonb_build_object($2::jsonb->>'linkage_id',"
    " $2::jsonb), event_times = event_times || jsonb_build_object('linkage:' ||"
    " ($2::jsonb->>'linkage_id'), $3::timestamptz), updated_at = now() WHERE id = $1"
    " AND (event_times->>('linkage:' || ($2::jsonb->>'linkage_id')) IS NULL"
    "   OR (event_times->>('linkage:' || ($2::jsonb->>'linkage_id')))::timestamptz"
    "   < $3::timestamptz)";
static const char SQL_PRODUCT_CYCLE[] =
    "UPDATE products SET status = $2, updated_at = now()"
    " WHERE id = (SELECT product_id FROM applications WHERE id = $1)"
    " AND status NOT IN ('certified')";
/* A province forwarded the product as potential 5 stars (set), or the central council decided
 * (clear). */
static const char SQL_PRODUCT_POTENTIAL[] =
    "UPDATE products SET potential_5_star_since = $2::date,"
    " potential_5_star_score = $3::numeric, potential_5_star_entry = $4::uuid, updated_at = now()"
    " WHERE id = (SELECT product_id FROM applications WHERE id = $1)";
static const char SQL_PRODUCT_POTENTIAL_CLEAR[] =
    "UPDATE products SET potential_5_star_since = NULL, potential_5_star_score = NULL,"
    " potential_5_star_entry = NULL, updated_at = now()"
    " WHERE id = (SELECT product_id FROM applications WHERE id = $1)"
    " AND potential_5_star_since IS NOT NULL";
static const char SQL_PRODUCT_EXISTS[] = "SELECT 1 FROM products WHERE id = $1";
static const char SQL_PRODUCT_EXISTS_IN_SCOPE[] =
    "SELECT 1 FROM products p JOIN producers pr ON pr.id = p.producer_id"
    " WHERE p.id = $1 AND " SQL_IN_SCOPE("pr", "2", "3", "4");
static const char SQL_PRODUCT_GET[] =
    "SELECT " PRODUCT_JSON "::text FROM products p JOIN producers pr ON pr.id = p.producer_id "
    "WHERE p.id = $1 AND " SQL_IN_SCOPE("pr", "2", "3", "4");
static const char PRODUCT_PAGE[] = OC_SQL_PAGE(
    PRODUCT_JSON "::text",
    " FROM products p JOIN producers pr ON pr.id = p.producer_id"
    " WHERE ($1::uuid IS NULL OR p.producer_id = $1::uuid)"
    " AND ($2::text IS NULL OR p.commune_code = $2) AND " SQL_IN_SCOPE("pr", "3", "4", "5"),
    "p.created_at", "p.id", 5);

/* Splits {"view", "event"} into its two parts (both owned by the caller). */
static void split_view_event(json_t *both, json_t **out, json_t **event)
{
    *out = json_incref(json_object_get(both, "view"));
    *event = json_incref(json_object_get(both, "event"));
    json_decref(both);
}

/* Numbers a new product: its code from the pattern, and its commune. */
static enum oc_err product_number(PGconn *conn, const struct reg_scope *scope,
                                  const struct product_input *p, const char *pattern, char *code,
                                  size_t codelen, char *commune)
{
    const char *params[] = {p->producer_id, p->commune_code, scope->all, scope->producers,
                            scope->commune};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_PRODUCT_NUMBER, 5, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    else if (rc == OC_OK && strcmp(PQgetvalue(res, 0, 3), "t") != 0)
        rc = OC_INVALID; /* no commune has this code */
    if (rc == OC_OK) {
        snprintf(commune, 6, "%s", PQgetvalue(res, 0, 2));
        if (product_code_format(code, codelen, pattern, PQgetvalue(res, 0, 1),
                                strtol(PQgetvalue(res, 0, 0), NULL, 10), commune,
                                p->criteria_set) != 0)
            rc = OC_INTERNAL;
    }
    PQclear(res);
    return rc;
}

enum oc_err product_store_insert(PGconn *conn, const struct reg_scope *scope,
                                 const struct product_input *p, const char *pattern, json_t **out,
                                 json_t **event)
{
    char set[8], code[PRODUCT_CODE_MAX + 1], commune[6];
    json_t *both = NULL;
    *out = *event = NULL;
    enum oc_err rc = product_number(conn, scope, p, pattern, code, sizeof(code), commune);
    if (rc != OC_OK)
        return rc;
    snprintf(set, sizeof(set), "%lld", p->criteria_set);
    const char *params[] = {p->producer_id,
                            p->name,
                            p->description,
                            p->rule_set,
                            p->sector ? set : NULL,
                            p->sector,
                            p->legacy_group,
                            commune,
                            code,
                            p->recognised_before_platform ? "t" : "f"};
    rc = oc_db_json_row(conn, SQL_PRODUCT_INSERT, 10, params, &both);
    if (rc == OC_OK)
        split_view_event(both, out, event);
    return rc;
}

enum oc_err product_store_update(PGconn *conn, const struct reg_scope *scope, const char *id,
                                 long long version, const struct product_patch *patch, json_t **out,
                                 json_t **event)
{
    char ver[24];
    json_t *both = NULL;
    snprintf(ver, sizeof(ver), "%lld", version);
    const char *params[] = {id,
                            ver,
                            patch->name,
                            patch->description,
                            patch->clear_description ? "t" : "f",
                            scope->all,
                            scope->producers,
                            scope->commune};
    *out = *event = NULL;
    enum oc_err rc = oc_db_json_row(conn, SQL_PRODUCT_UPDATE, 8, params, &both);
    if (rc == OC_OK) {
        split_view_event(both, out, event);
        return OC_OK;
    }
    if (rc != OC_NOT_FOUND)
        return rc;
    PGresult *res = NULL;
    const char *exists[] = {id, scope->all, scope->producers, scope->commune};
    rc = oc_db_exec(conn, SQL_PRODUCT_EXISTS_IN_SCOPE, 4, exists, &res);
    if (rc == OC_OK)
        rc = PQntuples(res) > 0 ? OC_PRECONDITION : OC_NOT_FOUND;
    PQclear(res);
    return rc;
}

/* After a write that matched no row: OC_PRECONDITION when the product is in scope, else 404. */
static enum oc_err missed(PGconn *conn, const struct reg_scope *scope, const char *id)
{
    PGresult *res = NULL;
    const char *exists[] = {id, scope->all, scope->producers, scope->commune};
    enum oc_err rc = oc_db_exec(conn, SQL_PRODUCT_EXISTS_IN_SCOPE, 4, exists, &res);
    if (rc == OC_OK)
        rc = PQntuples(res) > 0 ? OC_PRECONDITION : OC_NOT_FOUND;
    PQclear(res);
    return rc;
}

enum oc_err product_store_classify(PGconn *conn, const struct reg_scope *scope, const char *id,
                                   long long version, const struct product_classification *c,
                                   json_t **out, json_t **event)
{
    char ver[24], set[8];
    json_t *both = NULL;
    snprintf(ver, sizeof(ver), "%lld", version);
    snprintf(set, sizeof(set), "%lld", c->criteria_set);
    const char *params[] = {id,
                            ver,
                            set,
                            c->sector,
                            c->reason,
                            c->decision_number,
                            c->actor,
                            scope->all,
                            scope->producers,
                            scope->commune};
    *out = *event = NULL;
    enum oc_err rc = oc_db_json_row(conn, SQL_PRODUCT_CLASSIFY, 10, params, &both);
    if (rc == OC_OK) {
        split_view_event(both, out, event);
        return OC_OK;
    }
    return rc == OC_NOT_FOUND ? missed(conn, scope, id) : rc;
}

enum oc_err product_store_classifications(PGconn *conn, const struct reg_scope *scope,
                                          const char *id, json_t **out)
{
    return reg_store_scoped_row(conn, SQL_PRODUCT_CLASSIFICATIONS, scope, id, out);
}

enum oc_err product_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                              json_t **out)
{
    return reg_store_scoped_row(conn, SQL_PRODUCT_GET, scope, id, out);
}

enum oc_err product_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                               int limit, json_t **items, json_t **next)
{
    const struct product_filter *f = filter;
    const char *params[] = {f->producer_id, f->commune_code, f->scope.all, f->scope.producers,
                            f->scope.commune};
    return OC_DB_PAGE(conn, PRODUCT_PAGE, params, after, limit, items, next);
}

enum oc_err product_store_fact(PGconn *conn, const struct product_fact *f, int *found)
{
    const char *sql = strcmp(f->kind, "certificate") == 0  ? SQL_FACT_CERTIFICATE
                      : strcmp(f->kind, "inspection") == 0 ? SQL_FACT_INSPECTION
                                                           : SQL_FACT_LINKAGE;
    char *data = json_dumps(f->data, JSON_COMPACT);
    const char *params[] = {f->product_id, data, f->at, f->issued ? "t" : "f"};
    int n = strcmp(f->kind, "certificate") == 0 ? 4 : 3;
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, sql, n, params, &res);
    free(data);
    PQclear(res);
    if (rc != OC_OK)
        return rc;
    rc = oc_db_exec(conn, SQL_PRODUCT_EXISTS, 1, params, &res);
    if (rc == OC_OK)
        *found = PQntuples(res) > 0;
    PQclear(res);
    return rc;
}

enum oc_err product_store_cycle(PGconn *conn, const char *application_id, const char *status)
{
    const char *params[] = {application_id, status};
    return oc_db_exec(conn, SQL_PRODUCT_CYCLE, 2, params, NULL);
}

enum oc_err product_store_potential(PGconn *conn, const char *application_id, const char *since,
                                    const char *score, const char *entry_id)
{
    if (since == NULL)
        return oc_db_exec(conn, SQL_PRODUCT_POTENTIAL_CLEAR, 1, &application_id, NULL);
    const char *params[] = {application_id, since, score, entry_id};
    return oc_db_exec(conn, SQL_PRODUCT_POTENTIAL, 4, params, NULL);
}
