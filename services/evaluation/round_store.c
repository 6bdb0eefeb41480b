#include "evaluation/round_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Column expressions used inside the statements below. */
#define SQLX_TS_C_CREATED_AT  SQL_TS("c.created_at")
#define SQLX_TS_K_DECLARED_AT SQL_TS("k.declared_at")
#define SQLX_TS_R_CREATED_AT  SQL_TS("r.created_at")
#define SQLX_TS_R_UPDATED_AT  SQL_TS("r.updated_at")
#define SQLX_TS_T_AT          SQL_TS("t.at")

/* Whether member m scores: every role but the secretary, unless the council policy says so. */
#define SQL_MEMBER_SCORES "(m.role <> 'secretary' OR (SELECT secretary_scores FROM council_policy))"

#define MEMBER_JSON                                                                                \
    "json_build_object('id', m.id, 'council_id', m.council_id, 'full_name', m.full_name,"          \
    " 'role', m.role, 'organisation', m.organisation, 'position', m.position,"                     \
    " 'scores', " SQL_MEMBER_SCORES ","                                                            \
    " 'conflicts', coalesce((SELECT json_agg(json_build_object('producer_id', k.producer_id,"      \
    "   'reason', k.reason, 'declared_at', " SQLX_TS_K_DECLARED_AT ")"                             \
    "   ORDER BY k.declared_at) FROM member_conflicts k WHERE k.member_id = "                      \
    "m.id), '[]'))"

#define COUNCIL_JSON                                                                               \
    "json_build_object('id', c.id, 'name', c.name, 'level', c.level,"                              \
    " 'decision_number', c.decision_number, 'decided_on', c.decided_on, 'territory', c.territory," \
    " 'members', coalesce((SELECT json_agg(" MEMBER_JSON " ORDER BY m.created_at, m.id)"           \
    "   FROM council_members m WHERE m.council_id = c.id), '[]'),"                                 \
    " 'version', c.version, 'created_at', " SQLX_TS_C_CREATED_AT ")::text"

static const char SQL_COUNCIL_INSERT[] =
    "WITH c AS (INSERT INTO councils (name, level, decision_number, decided_on, territory)"
    " VALUES ($1, $2, $3, $4::date, $5) RETURNING *) SELECT " COUNCIL_JSON " FROM c";
static const char SQL_COUNCIL_GET[] =
    "SELECT " COUNCIL_JSON " FROM councils c WHERE c.id = $1::uuid";
static const char COUNCIL_PAGE[] =
    OC_SQL_PAGE(COUNCIL_JSON, " FROM councils c WHERE ($1::text IS NULL OR c.level = $1)",
                "c.created_at", "c.id", 1);
static const char SQL_MEMBER_INSERT[] =
    "WITH c AS (SELECT id FROM councils WHERE id = $1::uuid FOR UPDATE),"
    " m AS (INSERT INTO council_members (council_id, full_name, role, organisation, position)"
    " SELECT c.id, $2, $3, $4, $5 FROM c RETURNING *),"
    " v AS (UPDATE councils SET version = version + 1, updated_at = now()"
    " WHERE id = (SELECT council_id FROM m)) SELECT " MEMBER_JSON "::text FROM m";
static const char SQL_MEMBER_GET[] = "SELECT " MEMBER_JSON "::text FROM council_members m"
                                     " WHERE m.id = $1::uuid AND m.council_id = $2::uuid";
static const char SQL_CONFLICT_INSERT[] =
    "INSERT INTO member_conflicts (member_id, producer_id, reason)"
    " SELECT m.id, p.producer_id, $3 FROM council_members m, producers p"
    " WHERE m.id = $1::uuid AND m.council_id = $4::uuid AND p.producer_id = $2::uuid";
static const char SQL_MEMBER_EXISTS[] =
    "SELECT 1 FROM council_members WHERE id = $1::uuid AND council_id = $2::uuid FOR UPDATE";
/* A sheet already sent on a product of the producer, not yet finalised, no longer counts. */
static const char SQL_SHEETS_EXCLUDE[] =
    "UPDATE score_sheets s SET status = 'excluded', version = s.version + 1,"
    " excluded_reason = 'the member declared a conflict of interest: ' || $3"
    " FROM entries e WHERE s.entry_id = e.id AND s.member_id = $1::uuid"
    " AND e.producer_id = $2::uuid AND e.status = 'entered' AND s.status = 'submitted'";

#define ROUND_JSON                                                                                 \
    "json_build_object('id', r.id, 'year', r.year, 'sequence', r.sequence, 'level', r.level,"      \
    " 'name', r.name, 'council', json_build_object('id', c.id, 'name', c.name,"                    \
    "   'decision_number', c.decision_number),"                                                    \
    " 'rule_set', r.rule_set, 'starts_on', r.starts_on, 'ends_on', r.ends_on,"                     \
    " 'quorum', r.quorum, 'scoring', r.scoring, 'scoring_members', (SELECT count(*) FROM "         \
    "council_members m"                                                                            \
    "   WHERE m.council_id = r.council_id AND " SQL_MEMBER_SCORES "),"                             \
    " 'status', r.status, 'entries', (SELECT json_build_object('entered',"                         \
    "   count(*) FILTER (WHERE e.status = 'entered'), 'finalised',"                                \
    "   count(*) FILTER (WHERE e.status = 'finalised'), 'withdrawn',"                              \
    "   count(*) FILTER (WHERE e.status = 'withdrawn')) FROM entries e WHERE e.round_id = r.id),"  \
    " 'transitions', coalesce((SELECT json_agg(json_build_object('from', t.from_status,"           \
    "   'to', t.to_status, 'actor', t.actor, 'reason', t.reason, 'at', " SQLX_TS_T_AT ")"          \
    "   ORDER BY t.at) FROM round_transitions t WHERE t.round_id = r.id), '[]'),"                  \
    " 'version', r.version, 'created_at', " SQLX_TS_R_CREATED_AT ","                               \
    " 'updated_at', " SQLX_TS_R_UPDATED_AT ")::text"

/* The council and rule set checks, one row: why a round cannot be planned, or nothing. */
static const char SQL_POLICY_SET[] = "UPDATE council_policy SET secretary_scores = $1::bool";
static const char SQL_ROUND_FIT[] =
    "SELECT c.level, rs.id, rs.confirmed,"
    " (rs.valid_from <= $3::date AND ($3::date <= rs.valid_to OR rs.valid_to IS NULL)),"
    " EXISTS (SELECT 1 FROM rule_set_levels l WHERE l.rule_set = rs.id AND l.level = $4)"
    " FROM (SELECT 1) one LEFT JOIN councils c ON c.id = $1::uuid"
    " LEFT JOIN rule_sets rs ON rs.id = coalesce($2, (SELECT id FROM rule_sets WHERE confirmed"
    "   AND valid_from <= $3::date AND ($3::date <= valid_to OR valid_to IS NULL)))";
static const char SQL_ROUND_INSERT[] =
    "WITH r AS (INSERT INTO rounds (year, sequence, level, name, council_id, rule_set,"
    " starts_on, ends_on, quorum, scoring) VALUES ($1::int, $2::int, $3, $4, $5::uuid, $6,"
    " $7::date, $8::date, $9::int, coalesce($10, 'detailed')) RETURNING *)"
    " SELECT " ROUND_JSON " FROM r JOIN councils c ON c.id = r.council_id";
static const char SQL_ROUND_GET[] = "SELECT " ROUND_JSON " FROM rounds r"
                                    " JOIN councils c ON c.id = r.council_id WHERE r.id = $1::uuid";
static const char ROUND_PAGE[] = OC_SQL_PAGE(
    ROUND_JSON,
    " FROM rounds r JOIN councils c ON c.id = r.council_id"
    " WHERE ($1::int IS NULL OR r.year = $1::int) AND ($2::text IS NULL OR r.level = $2)"
    " AND ($3::text IS NULL OR r.status = $3) AND ($4::uuid IS NULL OR r.council_id = $4::uuid)",
    "r.created_at", "r.id", 4);
static const char SQL_ROUND_LOCK[] =
    "SELECT status, version FROM rounds WHERE id = $1::uuid FOR UPDATE";
static const char SQL_ROUND_OPEN_ENTRIES[] =
    "SELECT count(*) FROM entries WHERE round_id = $1::uuid AND status = 'entered'";
static const char SQL_ROUND_MOVE[] =
    "WITH t AS (INSERT INTO round_transitions (round_id, from_status, to_status, actor, reason)"
    " VALUES ($1::uuid, $2, $3, $4, $5))"
    " UPDATE rounds SET status = $3, version = version + 1, updated_at = now()"
    " WHERE id = $1::uuid";

enum oc_err council_store_insert(PGconn *conn, const struct council_input *c, json_t **out)
{
    struct oc_field_param buf[COUNCIL_N];
    const char *params[COUNCIL_N];
    oc_fields_params(council_fields, COUNCIL_N, c->m, buf, params);
    return oc_db_json_row(conn, SQL_COUNCIL_INSERT, COUNCIL_N, params, out);
}

enum oc_err council_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_COUNCIL_GET, 1, params, out);
}

enum oc_err council_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                               int limit, json_t **items, json_t **next)
{
    const struct council_filter *f = filter;
    const char *params[] = {f->level};
    return OC_DB_PAGE(conn, COUNCIL_PAGE, params, after, limit, items, next);
}

enum oc_err council_store_add_member(PGconn *conn, const char *council_id,
                                     const struct member_input *m, json_t **out)
{
    struct oc_field_param buf[MEMBER_N];
    const char *params[1 + MEMBER_N] = {council_id};
    oc_fields_params(member_fields, MEMBER_N, m->m, buf, params + 1);
    return oc_db_json_row(conn, SQL_MEMBER_INSERT, 1 + MEMBER_N, params, out);
}

/* Runs one statement and returns how many rows it touched or returned in *n. */
static enum oc_err exec_count(PGconn *conn, const char *sql, int nparams, const char *const *params,
                              long *n)
{
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, sql, nparams, params, &res);
    if (rc == OC_OK) {
        const char *tuples = PQcmdTuples(res);
        *n = *tuples != '\0' ? strtol(tuples, NULL, 10) : PQntuples(res);
    }
    PQclear(res);
    return rc;
}

enum oc_err council_store_add_conflict(PGconn *conn, const char *council_id, const char *member_id,
                                       const struct conflict_input *c, json_t **out)
{
    long n = 0;
    const char *who[] = {member_id, council_id};
    enum oc_err rc = exec_count(conn, SQL_MEMBER_EXISTS, 2, who, &n);
    if (rc == OC_OK && n == 0)
        rc = OC_NOT_FOUND;
    struct oc_field_param buf[CONFLICT_N];
    const char *params[1 + CONFLICT_N + 1] = {member_id};
    oc_fields_params(conflict_fields, CONFLICT_N, c->m, buf, params + 1);
    params[1 + CONFLICT_N] = council_id;
    if (rc == OC_OK)
        rc = exec_count(conn, SQL_CONFLICT_INSERT, 4, params, &n);
    if (rc == OC_OK && n == 0)
        rc = OC_INVALID; /* the producer is not known */
    if (rc == OC_OK)
        rc = exec_count(conn, SQL_SHEETS_EXCLUDE, 3, params, &n);
    return rc == OC_OK ? oc_db_json_row(conn, SQL_MEMBER_GET, 2, who, out) : rc;
}

/* Checks that the council exists at the round's level and picks the rule set into rule_set. */
static enum oc_err round_fit(PGconn *conn, const struct round_input *r, char *rule_set, size_t len,
                             const char **field, const char **problem)
{
    PGresult *res = NULL;
    const char *params[] = {r->council_id, r->rule_set, r->starts_on, r->level};
    enum oc_err rc = oc_db_exec(conn, SQL_ROUND_FIT, 4, params, &res);
    if (rc != OC_OK) {
        PQclear(res);
        return rc;
    }
    *field = NULL;
    if (PQgetisnull(res, 0, 0)) {
        *field = "council_id";
        *problem = "no council has this id";
    } else if (strcmp(PQgetvalue(res, 0, 0), r->level) != 0) {
        *field = "council_id";
        *problem = "the council works at another level than the round";
    } else if (PQgetisnull(res, 0, 1)) {
        *field = r->rule_set != NULL ? "rule_set" : "starts_on";
        *problem = r->rule_set != NULL ? "no rule set has this id"
                                       : "no confirmed rule set is in force on this date";
    } else if (strcmp(PQgetvalue(res, 0, 2), "t") != 0) {
        *field = "rule_set";
        *problem = "this rule set is not confirmed: it was reported but never verified in force";
    } else if (strcmp(PQgetvalue(res, 0, 3), "t") != 0) {
        *field = "rule_set";
        *problem = "this rule set is not in force on starts_on";
    } else if (strcmp(PQgetvalue(res, 0, 4), "t") != 0) {
        *field = "level";
        *problem = "the rule set has no council at this level";
    } else {
        snprintf(rule_set, len, "%s", PQgetvalue(res, 0, 1));
    }
    PQclear(res);
    return *field == NULL ? OC_OK : OC_INVALID;
}

enum oc_err round_store_insert(PGconn *conn, const struct round_input *r, json_t **out,
                               const char **field, const char **problem)
{
    char rule_set[64] = "", year[8], seq[8], quorum[8];
    enum oc_err rc = round_fit(conn, r, rule_set, sizeof(rule_set), field, problem);
    if (rc != OC_OK)
        return rc;
    snprintf(year, sizeof(year), "%lld", r->year);
    snprintf(seq, sizeof(seq), "%lld", r->sequence);
    snprintf(quorum, sizeof(quorum), "%lld", r->quorum);
    const char *params[] = {year,         seq,           r->level,
                            r->name,      r->council_id, rule_set,
                            r->starts_on, r->ends_on,    r->quorum > 0 ? quorum : NULL,
                            r->scoring};
    return oc_db_json_row(conn, SQL_ROUND_INSERT, 10, params, out);
}

enum oc_err round_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_ROUND_GET, 1, params, out);
}

enum oc_err round_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                             int limit, json_t **items, json_t **next)
{
    const struct round_filter *f = filter;
    const char *params[] = {f->year, f->level, f->status, f->council_id};
    return OC_DB_PAGE(conn, ROUND_PAGE, params, after, limit, items, next);
}

enum oc_err round_store_lock(PGconn *conn, const char *id, char status[16], long long *version)
{
    PGresult *res = NULL;
    const char *params[] = {id};
    enum oc_err rc = oc_db_exec(conn, SQL_ROUND_LOCK, 1, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    if (rc == OC_OK) {
        snprintf(status, 16, "%s", PQgetvalue(res, 0, 0));
        *version = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
    }
    PQclear(res);
    return rc;
}

enum oc_err round_store_open_entries(PGconn *conn, const char *id, long *count)
{
    const char *params[] = {id};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_ROUND_OPEN_ENTRIES, 1, params, &res);
    if (rc == OC_OK)
        *count = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return rc;
}

enum oc_err round_store_move(PGconn *conn, const char *id, const char *from,
                             const struct round_move *m)
{
    const char *params[] = {id, from, m->to, m->actor, m->reason};
    return oc_db_exec(conn, SQL_ROUND_MOVE, 5, params, NULL);
}

enum oc_err round_store_policy(PGconn *conn, int secretary_scores)
{
    const char *params[] = {secretary_scores ? "t" : "f"};
    return oc_db_exec(conn, SQL_POLICY_SET, 1, params, NULL);
}
