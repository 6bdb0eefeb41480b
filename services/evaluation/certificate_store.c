#include "evaluation/certificate_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "common/sql.h"

/*
 * The SQL below is built from object-like macros only: clang-format keeps a
 * concatenation of literals and plain names as written.
 */

#define SQL_CURRENT "('valid', 'expiring', 'suspended')"

#define SQL_CREATED_AT SQL_TS("c.created_at")
#define SQL_UPDATED_AT SQL_TS("c.updated_at")
#define SQL_CHANGED_AT SQL_TS("h.changed_at")

/* The members of certificate c (joined with its product p) in every view. */
#define SQL_CERT_FIELDS                                                                            \
    "'id', c.id, 'number', c.number,"                                                              \
    " 'product', json_build_object('id', p.product_id, 'code', p.code, 'name', p.name),"           \
    " 'stars', c.stars, 'rule_set', c.rule_set, 'level', c.level,"                                 \
    " 'decision_number', c.decision_number, 'issued_on', c.issued_on,"                             \
    " 'expires_on', c.expires_on, 'status', c.status, 'result_id', c.result_id,"                   \
    " 'application_id', c.application_id, 'number_source', c.number_source,"                       \
    " 'version', c.version,"                                                                       \
    " 'created_at', " SQL_CREATED_AT ", 'updated_at', " SQL_UPDATED_AT

#define SQL_CERT_JSON "json_build_object(" SQL_CERT_FIELDS ")::text"

/* The status history and the notices of certificate c. */
#define SQL_CERT_HISTORY                                                                           \
    "(SELECT coalesce(json_agg(json_build_object('from_status', h.from_status,"                    \
    " 'status', h.to_status, 'changed_at', " SQL_CHANGED_AT ", 'effective_on', h.effective_on,"    \
    " 'actor', h.actor, 'reason', h.reason, 'grounds', h.grounds,"                                 \
    " 'decision_number', h.decision_number, 'decided_on', h.decided_on,"                           \
    " 'cause', CASE WHEN h.cause_type IS NULL THEN NULL"                                           \
    "   ELSE json_build_object('type', h.cause_type, 'id', h.cause_id) END) ORDER BY h.id), '[]')" \
    " FROM certificate_status_changes h WHERE h.certificate_id = c.id)"
#define SQL_CERT_NOTICES                                                                           \
    "(SELECT coalesce(json_agg(json_build_object('offset_days', n.offset_days,"                    \
    " 'due_on', n.due_on, 'sent', n.sent, 'handled_on', n.handled_on)"                             \
    " ORDER BY n.offset_days DESC), '[]')"                                                         \
    " FROM certificate_notices n WHERE n.certificate_id = c.id)"

#define SQL_CERT_DETAIL_JSON                                                                       \
    "json_build_object(" SQL_CERT_FIELDS ", 'notices', " SQL_CERT_NOTICES                          \
    ", 'history', " SQL_CERT_HISTORY ")::text"

static const char SQL_PRODUCT_LOCK[] =
    "SELECT code FROM products WHERE product_id = $1::uuid FOR UPDATE";
/* Evaluation levels, lowest first (rule_set_levels in rule_set.c). */
#define SQL_LEVELS "ARRAY['commune', 'district', 'province', 'central']"

static const char SQL_RULE[] =
    "SELECT r.confirmed, r.certificate_validity_months,"
    " (r.confirmed AND daterange(r.valid_from, r.valid_to, '[]') @> $4::date),"
    /* the level recognises the stars, or a higher level's lower rating stands as its decision */
    " EXISTS (SELECT 1 FROM rule_set_levels l WHERE l.rule_set = r.id"
    "   AND l.role = 'evaluates_and_recognises' AND $2::int = ANY (l.stars)"
    "   AND array_position(" SQL_LEVELS ", l.level) <= array_position(" SQL_LEVELS ", $3)),"
    " coalesce(r.valid_from::text, ''), coalesce(r.valid_to::text, '')"
    " FROM rule_sets r WHERE r.id = $1";
static const char SQL_CURRENT_LOCK[] =
    "SELECT id, number, issued_on::text, status FROM certificates"
    " WHERE product_id = $1::uuid AND status IN " SQL_CURRENT " FOR UPDATE";
static const char SQL_NEXT_NUMBER[] =
    "INSERT INTO certificate_sequences AS s (year, last_number) VALUES ($1::int, 1)"
    " ON CONFLICT (year) DO UPDATE SET last_number = s.last_number + 1 RETURNING last_number";
static const char SQL_INSERT[] =
    "WITH c AS (INSERT INTO certificates (number, product_id, stars, rule_set, level,"
    " decision_number, issued_on, expires_on, status, sequence_year, sequence_number, result_id,"
    " application_id, number_source) VALUES ($1, $2::uuid, $3::int, $4, $5, $6, $7::date,"
    " $8::date, $9, $10::int, $11::int, $12::uuid, $13::uuid,"
    " CASE WHEN $11::int IS NULL THEN 'printed' ELSE 'pattern' END) RETURNING *) "
    "SELECT " SQL_CERT_JSON " FROM c JOIN products p ON p.product_id = c.product_id";
static const char SQL_HISTORY[] =
    "INSERT INTO certificate_status_changes (certificate_id, from_status, to_status,"
    " effective_on, actor, reason, grounds, decision_number, decided_on, cause_type, cause_id)"
    " VALUES ($1::uuid, $2, $3, $4::date, $5, $6, $7, $8, $9::date, $10, $11)";
static const char SQL_SET_STATUS[] =
    "WITH c AS (UPDATE certificates SET status = $2, version = version + 1, updated_at = now()"
    " WHERE id = $1::uuid RETURNING *) "
    "SELECT " SQL_CERT_JSON " FROM c JOIN products p ON p.product_id = c.product_id";
static const char SQL_LOCK[] =
    "SELECT " SQL_CERT_JSON " FROM certificates c JOIN products p ON p.product_id = c.product_id"
    " WHERE c.id = $1::uuid FOR UPDATE OF c";
static const char SQL_GET[] =
    "SELECT " SQL_CERT_DETAIL_JSON " FROM certificates c"
    " JOIN products p ON p.product_id = c.product_id WHERE c.id = $1::uuid";
static const char SQL_NOTICE_SENT[] =
    "SELECT 1 FROM certificate_notices WHERE certificate_id = $1::uuid AND sent LIMIT 1";
static const char CERT_PAGE[] =
    OC_SQL_PAGE(SQL_CERT_JSON,
                " FROM certificates c JOIN products p ON p.product_id = c.product_id"
                " WHERE ($1::uuid IS NULL OR c.product_id = $1::uuid)"
                " AND ($2::text IS NULL OR c.status = $2)"
                " AND ($3::int IS NULL OR c.stars = $3::int)"
                " AND ($4::text IS NULL OR c.number = $4)",
                "c.created_at", "c.id", 4);
static const char SQL_DUE_EXPIRIES[] =
    "SELECT id, expires_on::text FROM certificates"
    " WHERE status IN " SQL_CURRENT " AND expires_on < $1::date"
    " ORDER BY expires_on, id LIMIT $2::int FOR UPDATE SKIP LOCKED";
static const char SQL_DUE_NOTICES[] =
    "SELECT c.id, c.expires_on::text, coalesce((SELECT min(n.offset_days)"
    "   FROM certificate_notices n WHERE n.certificate_id = c.id), 0), c.status"
    " FROM certificates c"
    " WHERE c.status IN ('valid', 'expiring') AND c.expires_on >= $1::date"
    " AND c.expires_on - (SELECT max(o) FROM unnest($2::int[]) o) <= $1::date"
    " AND NOT EXISTS (SELECT 1 FROM certificate_notices n WHERE n.certificate_id = c.id"
    "   AND n.offset_days <= (SELECT min(o) FROM unnest($2::int[]) o"
    "     WHERE c.expires_on - o <= $1::date))"
    " ORDER BY c.expires_on, c.id LIMIT $3::int FOR UPDATE OF c SKIP LOCKED";
static const char SQL_NOTICE_ADD[] =
    "INSERT INTO certificate_notices (certificate_id, offset_days, due_on, sent, handled_on)"
    " VALUES ($1::uuid, $2::int, $3::date, $4::bool, $5::date)"
    " ON CONFLICT (certificate_id, offset_days) DO NOTHING RETURNING 1";
static const char SQL_BY_NUMBER[] =
    "SELECT " SQL_CERT_JSON " FROM certificates c JOIN products p ON p.product_id = c.product_id"
    " WHERE c.number = $1";
static const char SQL_BY_DECISION[] =
    "SELECT " SQL_CERT_JSON " FROM certificates c JOIN products p ON p.product_id = c.product_id"
    " WHERE c.product_id = $1::uuid AND c.decision_number = $2";
static const char SQL_PRODUCT_BY_CODE[] = "SELECT product_id FROM products WHERE code = $1";
static const char SQL_RELEASE[] = "RELEASE SAVEPOINT certificate";
static const char SQL_SAVEPOINT[] = "SAVEPOINT certificate";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO SAVEPOINT certificate";

enum oc_err certificate_store_product_lock(PGconn *conn, const char *product_id, char *code,
                                           size_t codelen)
{
    const char *params[] = {product_id};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_PRODUCT_LOCK, 1, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    if (rc == OC_OK)
        snprintf(code, codelen, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return rc;
}

enum oc_err certificate_store_rule(PGconn *conn, const char *id, long long stars, const char *level,
                                   const char *on, struct certificate_rule *out)
{
    char s[24];
    snprintf(s, sizeof(s), "%lld", stars);
    const char *params[] = {id, s, level, on};
    PGresult *res = NULL;
    memset(out, 0, sizeof(*out));
    enum oc_err rc = oc_db_exec(conn, SQL_RULE, 4, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    if (rc == OC_OK) {
        out->confirmed = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
        out->months = strtol(PQgetvalue(res, 0, 1), NULL, 10);
        out->in_force = strcmp(PQgetvalue(res, 0, 2), "t") == 0;
        out->recognises = strcmp(PQgetvalue(res, 0, 3), "t") == 0;
        snprintf(out->from, sizeof(out->from), "%s", PQgetvalue(res, 0, 4));
        snprintf(out->to, sizeof(out->to), "%s", PQgetvalue(res, 0, 5));
    }
    PQclear(res);
    return rc;
}

enum oc_err certificate_store_current(PGconn *conn, const char *product_id,
                                      struct certificate_current *out)
{
    const char *params[] = {product_id};
    PGresult *res = NULL;
    memset(out, 0, sizeof(*out));
    enum oc_err rc = oc_db_exec(conn, SQL_CURRENT_LOCK, 1, params, &res);
    if (rc == OC_OK && PQntuples(res) > 0) {
        out->found = 1;
        snprintf(out->id, sizeof(out->id), "%s", PQgetvalue(res, 0, 0));
        snprintf(out->number, sizeof(out->number), "%s", PQgetvalue(res, 0, 1));
        snprintf(out->issued_on, sizeof(out->issued_on), "%s", PQgetvalue(res, 0, 2));
        snprintf(out->status, sizeof(out->status), "%s", PQgetvalue(res, 0, 3));
    }
    PQclear(res);
    return rc;
}

enum oc_err certificate_store_next_number(PGconn *conn, int year, long *seq)
{
    char y[16];
    snprintf(y, sizeof(y), "%d", year);
    const char *params[] = {y};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_NEXT_NUMBER, 1, params, &res);
    if (rc == OC_OK)
        *seq = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return rc;
}

enum oc_err certificate_store_insert(PGconn *conn, const struct certificate_row *r, json_t **view)
{
    char stars[8], year[16], seq[24];
    const struct certificate_fields *f = r->fields;
    snprintf(stars, sizeof(stars), "%lld", f->stars);
    snprintf(year, sizeof(year), "%d", r->year);
    snprintf(seq, sizeof(seq), "%ld", r->seq);
    int numbered = r->seq > 0; /* a printed number takes no place in a sequence */
    const char *params[] = {r->number,
                            f->product_id,
                            stars,
                            f->rule_set,
                            f->level,
                            f->decision_number,
                            f->issued_on,
                            r->expires_on,
                            r->status,
                            numbered ? year : NULL,
                            numbered ? seq : NULL,
                            f->result_id,
                            f->application_id};
    return oc_db_json_row(conn, SQL_INSERT, 13, params, view);
}

enum oc_err certificate_store_history(PGconn *conn, const char *id, const char *from,
                                      const char *to, const char *today,
                                      const struct certificate_why *why)
{
    const char *params[] = {id,
                            from,
                            to,
                            today,
                            why->actor,
                            why->reason,
                            why->grounds,
                            why->decision_number,
                            why->decided_on,
                            why->cause_type,
                            why->cause_id};
    return oc_db_exec(conn, SQL_HISTORY, 11, params, NULL);
}

enum oc_err certificate_store_set_status(PGconn *conn, const char *id, const char *to,
                                         json_t **view)
{
    const char *params[] = {id, to};
    return oc_db_json_row(conn, SQL_SET_STATUS, 2, params, view);
}

enum oc_err certificate_store_lock(PGconn *conn, const char *id, json_t **view)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_LOCK, 1, params, view);
}

enum oc_err certificate_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_GET, 1, params, out);
}

enum oc_err certificate_store_notice_sent(PGconn *conn, const char *id, int *sent)
{
    const char *params[] = {id};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_NOTICE_SENT, 1, params, &res);
    if (rc == OC_OK)
        *sent = PQntuples(res) > 0;
    PQclear(res);
    return rc;
}

enum oc_err certificate_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                   int limit, json_t **items, json_t **next)
{
    const struct certificate_filter *f = filter;
    const char *params[] = {f->product_id, f->status, f->stars, f->number};
    return OC_DB_PAGE(conn, CERT_PAGE, params, after, limit, items, next);
}

/* Fills due[0..*n) from res (id, expires_on[, handled, status]) and clears res. */
static enum oc_err due_from_rows(enum oc_err rc, PGresult *res, struct certificate_due *due, int *n)
{
    *n = rc == OC_OK ? PQntuples(res) : 0;
    for (int i = 0; i < *n; i++) {
        int full = PQnfields(res) > 2;
        snprintf(due[i].id, sizeof(due[i].id), "%s", PQgetvalue(res, i, 0));
        snprintf(due[i].expires_on, sizeof(due[i].expires_on), "%s", PQgetvalue(res, i, 1));
        due[i].handled = full ? (int)strtol(PQgetvalue(res, i, 2), NULL, 10) : 0;
        snprintf(due[i].status, sizeof(due[i].status), "%s", full ? PQgetvalue(res, i, 3) : "");
    }
    PQclear(res);
    return rc;
}

enum oc_err certificate_store_due_expiries(PGconn *conn, const char *today, int limit,
                                           struct certificate_due *due, int *n)
{
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", limit);
    const char *params[] = {today, lim};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_DUE_EXPIRIES, 2, params, &res);
    return due_from_rows(rc, res, due, n);
}

enum oc_err certificate_store_due_notices(PGconn *conn, const char *today, const char *offsets,
                                          int limit, struct certificate_due *due, int *n)
{
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", limit);
    const char *params[] = {today, offsets, lim};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_DUE_NOTICES, 3, params, &res);
    return due_from_rows(rc, res, due, n);
}

enum oc_err certificate_store_notice_add(PGconn *conn, const char *id, int offset,
                                         const char *due_on, int sent, const char *today,
                                         int *inserted)
{
    char off[16];
    snprintf(off, sizeof(off), "%d", offset);
    const char *params[] = {id, off, due_on, sent ? "t" : "f", today};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_NOTICE_ADD, 5, params, &res);
    if (rc == OC_OK)
        *inserted = PQntuples(res) > 0;
    PQclear(res);
    return rc;
}

enum oc_err certificate_store_by_number(PGconn *conn, const char *number, json_t **view)
{
    const char *params[] = {number};
    return oc_db_json_row(conn, SQL_BY_NUMBER, 1, params, view);
}

enum oc_err certificate_store_by_decision(PGconn *conn, const char *product_id,
                                          const char *decision_number, json_t **view)
{
    const char *params[] = {product_id, decision_number};
    return oc_db_json_row(conn, SQL_BY_DECISION, 2, params, view);
}

enum oc_err certificate_store_product_by_code(PGconn *conn, const char *code, char *id,
                                              size_t idlen)
{
    const char *params[] = {code};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_PRODUCT_BY_CODE, 1, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    if (rc == OC_OK)
        snprintf(id, idlen, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return rc;
}

enum oc_err certificate_store_release_savepoint(PGconn *conn)
{
    return oc_db_exec(conn, SQL_RELEASE, 0, NULL, NULL);
}

enum oc_err certificate_store_savepoint(PGconn *conn)
{
    return oc_db_exec(conn, SQL_SAVEPOINT, 0, NULL, NULL);
}

void certificate_store_rollback_to_savepoint(PGconn *conn)
{
    oc_db_exec(conn, SQL_ROLLBACK_TO, 0, NULL, NULL);
}
