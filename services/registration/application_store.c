#include "registration/application_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "registration/store_util.h"

/* clang-format off */
#define APPLICATION_JSON                                                    \
    "json_build_object('id', a.id, 'dossier_code', a.dossier_code, 'kind', a.kind,"                \
    " 'rule_set', a.rule_set, 'status', a.status, 'received_on', a.received_on,"                   \
    " 'samples_count', a.samples_count, 'note', a.note, 'result', a.result,"                         \
    " 'idea_id', a.idea_id, 'business_plan_id', a.business_plan_id, 'product',"            \
    " json_build_object('id', p.id, 'code', p.code, 'name', p.name), 'version', a.version,"        \
    " 'created_at', " SQL_TS("a.created_at") ", 'updated_at', "                                    \
    SQL_TS(\
                                                                       "a.updated_at")\
    ")"
/* clang-format on */

/* The product p belongs to a producer in the scope of parameters $a, $b, $c. */
static const char SQL_APP_INSERT[] =
    "INSERT INTO applications (product_id, kind, rule_set, samples_count, note, idea_id,"
    " business_plan_id) SELECT p.id, $2, coalesce($8, p.rule_set), $3::int, $4, $9::uuid,"
    " $10::uuid FROM products p WHERE p.id = "
    "$1" PRODUCT_IN_SCOPE("5", "6", "7") " RETURNING id";
static const char SQL_APP_GET[] =
    "SELECT (" APPLICATION_JSON "::jsonb || jsonb_build_object("
    " 'criteria_set', p.criteria_set,"
    " 'documents', coalesce((SELECT jsonb_agg(jsonb_build_object('id', d.id, 'item', d.item,"
    "   'filename', d.filename, 'media_type', d.media_type, 'size_bytes', d.size_bytes,"
    "   'sha256', d.sha256, 'uploaded_at', " SQL_TS(
        "d.uploaded_at") ") ORDER BY d.uploaded_at)"
                         "   FROM dossier_documents d WHERE d.application_id = a.id), '[]'),"
                         " 'transitions', coalesce((SELECT jsonb_agg(jsonb_build_object('from', "
                         "t.from_status,"
                         "   'to', t.to_status, 'portal_code', t.portal_code, 'role', "
                         "t.actor_role, 'actor', t.actor,"
                         "   'reason', t.reason, 'cause_event_id', t.cause_event_id, 'at', " SQL_TS(
                             "t.at") ")"
                                     "   ORDER BY t.id) FROM application_transitions t WHERE "
                                     "t.application_id = a.id), '[]'),"
                                     " 'present', coalesce((SELECT jsonb_object_agg(item, n) FROM "
                                     "(SELECT item, count(*) n"
                                     "   FROM dossier_documents WHERE application_id = a.id GROUP "
                                     "BY item) c), '{}')))::text"
                                     " FROM applications a JOIN products p ON p.id = a.product_id "
                                     "WHERE a.id = $1" PRODUCT_IN_SCOPE("2", "3", "4");
static const char SQL_APP_LOCK[] =
    "SELECT a.status, a.version, a.kind, a.rule_set, coalesce(p.criteria_set, 0),"
    " a.samples_count, coalesce(a.dossier_code, '') FROM applications a"
    " JOIN products p ON p.id = a.product_id WHERE a.id = $1" PRODUCT_IN_SCOPE(
        "2", "3", "4") " FOR UPDATE OF a";
static const char SQL_APP_PRESENT[] =
    "SELECT coalesce(jsonb_object_agg(item, n), '{}')::text FROM (SELECT item, count(*) n"
    " FROM dossier_documents WHERE application_id = $1 GROUP BY item) c";
static const char SQL_APP_SEQ[] =
    "INSERT INTO dossier_sequences (agency, day, last)"
    " VALUES ($1, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 1)"
    " ON CONFLICT (agency, day) DO UPDATE SET last = dossier_sequences.last + 1"
    " RETURNING to_char(day, 'YYYY-MM-DD'), last";
static const char SQL_APP_MOVE[] =
    "WITH t AS (INSERT INTO application_transitions (application_id, from_status, to_status,"
    " portal_code, actor_role, actor, reason, cause_event_id)"
    " VALUES ($1, $2, $3, $4::int, $5, $6, $7, $8) RETURNING application_id)"
    " UPDATE applications SET status = $3, version = version + 1, updated_at = now(),"
    " dossier_code = coalesce($9, dossier_code), received_on = coalesce($10::date, received_on),"
    " result = coalesce($11::jsonb, result), rule_set = coalesce($12, rule_set)"
    " WHERE id = (SELECT application_id FROM t)";
static const char SQL_APP_UPDATE[] =
    "UPDATE applications SET samples_count = coalesce($3::int, samples_count),"
    " note = CASE WHEN $5::bool THEN NULL ELSE coalesce($4, note) END,"
    " version = version + 1, updated_at = now() WHERE id = $1 AND version = $2::bigint";
static const char SQL_APP_TOUCH[] =
    "UPDATE applications SET version = version + 1, updated_at = now() WHERE id = $1";
static const char SQL_APP_RESULT[] =
    "UPDATE applications SET result = $2::jsonb, version = version + 1, updated_at = now()"
    " WHERE id = $1";
static const char SQL_APP_EVENT[] =
    "SELECT json_build_object('application_id', a.id, 'dossier_code', a.dossier_code,"
    " 'kind', a.kind, 'rule_set', a.rule_set, 'status', a.status,"
    " 'received_on', a.received_on, 'samples_count', a.samples_count,"
    " 'product_id', p.id, 'product_code', p.code, 'product_name', p.name,"
    " 'criteria_set', p.criteria_set, 'sector', p.sector, 'commune_code', p.commune_code,"
    " 'producer_id', pr.id, 'producer_name', pr.name, 'producer_type', pr.producer_type,"
    " 'version', a.version, 'changed_at', " SQL_TS(
        "a.updated_at") ")::text"
                        " FROM applications a JOIN products p ON p.id = a.product_id"
                        " JOIN producers pr ON pr.id = p.producer_id WHERE a.id = $1";
static const char SQL_DOC_INSERT[] =
    "INSERT INTO dossier_documents (application_id, item, filename, media_type, size_bytes,"
    " sha256, content) VALUES ($1, $2, $3, $4, length($5::bytea), encode(sha256($5::bytea),"
    " 'hex'), $5::bytea) RETURNING json_build_object('id', id, 'item', item, 'filename',"
    " filename, 'media_type', media_type, 'size_bytes', size_bytes, 'sha256', sha256,"
    " 'uploaded_at', " SQL_TS("uploaded_at") ")::text";
static const char SQL_DOC_USAGE[] =
    "SELECT count(*), coalesce(sum(size_bytes), 0) FROM dossier_documents"
    " WHERE application_id = $1";
static const char SQL_DOC_GET[] =
    "SELECT d.media_type, d.filename, d.sha256, d.content FROM dossier_documents d"
    " JOIN applications a ON a.id = d.application_id JOIN products p ON p.id = a.product_id"
    " WHERE d.application_id = $1 AND d.id = $2" PRODUCT_IN_SCOPE("3", "4", "5");
static const char SQL_APP_LIST[] =
    OC_SQL_PAGE(APPLICATION_JSON "::text",
                " FROM applications a JOIN products p ON p.id = a.product_id"
                " WHERE ($1::text IS NULL OR a.status = $1) AND ($2::uuid IS NULL OR a.product_id "
                "= $2)" PRODUCT_IN_SCOPE("3", "4", "5"),
                "a.created_at", "a.id", 5);

enum oc_err application_store_insert(PGconn *conn, const struct reg_scope *scope,
                                     const struct application_input *a, char *id, size_t idlen)
{
    char samples[24];
    snprintf(samples, sizeof(samples), "%lld", a->samples_count);
    const char *params[] = {
        a->product_id,    a->kind,        samples,     a->note,    scope->all,
        scope->producers, scope->commune, a->rule_set, a->idea_id, a->business_plan_id};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_APP_INSERT, 10, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    else if (rc == OC_OK)
        snprintf(id, idlen, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return rc;
}

enum oc_err application_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                                  json_t **out)
{
    return reg_store_scoped_row(conn, SQL_APP_GET, scope, id, out);
}

enum oc_err application_store_lock(PGconn *conn, const struct reg_scope *scope, const char *id,
                                   struct application_row *row)
{
    const char *params[] = {id, scope->all, scope->producers, scope->commune};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_APP_LOCK, 4, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    if (rc == OC_OK) {
        snprintf(row->status, sizeof(row->status), "%s", PQgetvalue(res, 0, 0));
        row->version = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
        snprintf(row->kind, sizeof(row->kind), "%s", PQgetvalue(res, 0, 2));
        snprintf(row->rule_set, sizeof(row->rule_set), "%s", PQgetvalue(res, 0, 3));
        row->criteria_set = strtoll(PQgetvalue(res, 0, 4), NULL, 10);
        row->samples_count = strtoll(PQgetvalue(res, 0, 5), NULL, 10);
        snprintf(row->dossier_code, sizeof(row->dossier_code), "%s", PQgetvalue(res, 0, 6));
    }
    PQclear(res);
    return rc;
}

enum oc_err application_store_present(PGconn *conn, const char *id, json_t **present)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_APP_PRESENT, 1, params, present);
}

enum oc_err application_store_next_seq(PGconn *conn, const char *agency, char *day, long *seq)
{
    const char *params[] = {agency};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_APP_SEQ, 1, params, &res);
    if (rc == OC_OK) {
        snprintf(day, 11, "%s", PQgetvalue(res, 0, 0));
        *seq = strtol(PQgetvalue(res, 0, 1), NULL, 10);
    }
    PQclear(res);
    return rc;
}

enum oc_err application_store_move(PGconn *conn, const struct application_change *c)
{
    char code[16];
    snprintf(code, sizeof(code), "%d", c->portal_code);
    char *result = c->result ? json_dumps(c->result, JSON_COMPACT) : NULL;
    const char *params[] = {c->id,           c->from,        c->to,     code,
                            c->role,         c->actor,       c->reason, c->cause_event,
                            c->dossier_code, c->received_on, result,    c->rule_set};
    enum oc_err rc = oc_db_exec(conn, SQL_APP_MOVE, 12, params, NULL);
    free(result);
    return rc;
}

enum oc_err application_store_touch(PGconn *conn, const char *id)
{
    const char *params[] = {id};
    return oc_db_exec(conn, SQL_APP_TOUCH, 1, params, NULL);
}

enum oc_err application_store_keep_result(PGconn *conn, const char *id, const json_t *result)
{
    char *text = json_dumps(result, JSON_COMPACT);
    const char *params[] = {id, text};
    enum oc_err rc = oc_db_exec(conn, SQL_APP_RESULT, 2, params, NULL);
    free(text);
    return rc;
}

enum oc_err application_store_update(PGconn *conn, const char *id, long long version,
                                     const long long *samples_count, const char *note,
                                     int clear_note)
{
    char ver[24], samples[24];
    snprintf(ver, sizeof(ver), "%lld", version);
    if (samples_count != NULL)
        snprintf(samples, sizeof(samples), "%lld", *samples_count);
    const char *params[] = {id, ver, samples_count ? samples : NULL, note, clear_note ? "t" : "f"};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_APP_UPDATE, 5, params, &res);
    if (rc == OC_OK && oc_db_affected(res) == 0)
        rc = OC_PRECONDITION;
    PQclear(res);
    return rc;
}

enum oc_err application_store_event(PGconn *conn, const char *id, json_t **data)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_APP_EVENT, 1, params, data);
}

enum oc_err application_store_add_document(PGconn *conn, const char *application_id,
                                           const char *item, const char *filename,
                                           const char *media_type, const unsigned char *content,
                                           size_t len, json_t **out)
{
    /* The file goes as a binary parameter: its bytes once, not twice as hex text. */
    const char *params[] = {application_id, item, filename, media_type, (const char *)content};
    const int lengths[] = {0, 0, 0, 0, (int)len};
    const int formats[] = {0, 0, 0, 0, 1};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec_bin(conn, SQL_DOC_INSERT, 5, params, lengths, formats, 0, &res);
    if (rc != OC_OK)
        return rc;
    *out = json_loads(PQgetvalue(res, 0, 0), 0, NULL);
    PQclear(res);
    return *out != NULL ? OC_OK : OC_INTERNAL;
}

enum oc_err application_store_doc_usage(PGconn *conn, const char *application_id, long long *count,
                                        long long *bytes)
{
    const char *params[] = {application_id};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_DOC_USAGE, 1, params, &res);
    if (rc != OC_OK)
        return rc;
    *count = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    *bytes = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
    PQclear(res);
    return OC_OK;
}

enum oc_err application_store_document(PGconn *conn, const struct reg_scope *scope,
                                       const char *application_id, const char *document_id,
                                       struct dossier_document *doc)
{
    const char *params[] = {application_id, document_id, scope->all, scope->producers,
                            scope->commune};
    PGresult *res = NULL;
    memset(doc, 0, sizeof(*doc));
    /* In binary: the file's bytes as they are (no hex text to unescape), the names whole. */
    enum oc_err rc = oc_db_exec_bin(conn, SQL_DOC_GET, 5, params, NULL, NULL, 1, &res);
    if (rc != OC_OK)
        return rc;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return OC_NOT_FOUND;
    }
    doc->res = res;
    doc->media_type = PQgetvalue(res, 0, 0);
    doc->filename = PQgetvalue(res, 0, 1);
    doc->sha256 = PQgetvalue(res, 0, 2);
    doc->content = (const unsigned char *)PQgetvalue(res, 0, 3);
    doc->len = (size_t)PQgetlength(res, 0, 3);
    return OC_OK;
}

void application_store_document_clean(struct dossier_document *doc)
{
    PQclear(doc->res);
    memset(doc, 0, sizeof(*doc));
}

enum oc_err application_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                   int limit, json_t **items, json_t **next)
{
    const struct application_filter *f = filter;
    const char *params[] = {f->status, f->product_id, f->scope.all, f->scope.producers,
                            f->scope.commune};
    return OC_DB_PAGE(conn, SQL_APP_LIST, params, after, limit, items, next);
}
