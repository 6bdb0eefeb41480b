#include "evaluation/inspection_store.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/db.h"
#include "common/sql.h"

#define SQL_CREATED_AT SQL_TS("i.created_at")

/* An inspection i with its product p and certificate c. */
#define SQL_INSPECTION_JSON                                                                        \
    "json_build_object('id', i.id,"                                                                \
    " 'product', json_build_object('id', p.product_id, 'code', p.code, 'name', p.name),"           \
    " 'certificate', json_build_object('id', c.id, 'number', c.number,"                            \
    "   'status_before', i.certificate_status_before,"                                             \
    "   'status_after', i.certificate_status_after, 'status', c.status),"                          \
    " 'kind', i.kind, 'place', i.place, 'inspecting_body', i.inspecting_body,"                     \
    " 'inspected_on', i.inspected_on, 'findings', i.findings, 'lab_results', i.lab_results,"       \
    " 'failed_findings', i.failed_findings, 'failed_lab_results', i.failed_lab_results,"           \
    " 'outcome', i.outcome, 'outcomes', to_json(i.outcomes), 'fix_deadline', i.fix_deadline,"      \
    " 'fine_amount_vnd', i.fine_amount_vnd, 'fine_decision_number', i.fine_decision_number,"       \
    " 'recall_notice', i.recall_notice, 'decision_number', i.decision_number,"                     \
    " 'decided_on', i.decided_on, 'grounds', i.grounds, 'reason', i.reason, 'notes', i.notes,"     \
    " 'follows_up', i.follows_up, 'follow_up', CASE WHEN i.follow_up_due_on IS NOT NULL THEN"      \
    "   json_build_object('due_on', i.follow_up_due_on, 'status', NULL,"                           \
    "   'closed_by', i.follow_up_closed_by, 'closed_on', i.follow_up_closed_on,"                   \
    "   'overdue_on', i.follow_up_overdue_on) END,"                                                \
    " 'actor', i.actor, 'version', i.version, 'created_at', " SQL_CREATED_AT ")::text"

#define SQL_INSPECTION_FROM                                                                        \
    " JOIN products p ON p.product_id = i.product_id"                                              \
    " JOIN certificates c ON c.id = i.certificate_id"

static const char SQL_INSERT[] =
    "WITH i AS (INSERT INTO inspections (product_id, certificate_id, kind, place,"
    " inspecting_body, inspected_on, findings, lab_results, failed_findings, failed_lab_results,"
    " outcome, fix_deadline, fine_amount_vnd, fine_decision_number, recall_notice,"
    " decision_number, decided_on, grounds, reason, certificate_status_before,"
    " certificate_status_after, notes, actor, outcomes, follows_up, follow_up_due_on)"
    " VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::date,"
    " $7::jsonb, $8::jsonb, $9::int, $10::int, $11, $12::date, $13::bigint, $14, $15, $16,"
    " $17::date, $18, $19, $20, $21, $22, $23, $24::text[], $25::uuid,"
    " CASE WHEN 'guidance' = ANY ($24::text[]) THEN $12::date END) RETURNING *) "
    "SELECT " SQL_INSPECTION_JSON " FROM i" SQL_INSPECTION_FROM;
static const char SQL_GET[] = "SELECT " SQL_INSPECTION_JSON
                              " FROM inspections i" SQL_INSPECTION_FROM " WHERE i.id = $1::uuid";
static const char SQL_LIST[] = OC_SQL_PAGE(
    SQL_INSPECTION_JSON,
    " FROM inspections i" SQL_INSPECTION_FROM " WHERE ($1::uuid IS NULL OR i.product_id = $1::uuid)"
    " AND ($2::text IS NULL OR $2 = ANY (i.outcomes))"
    " AND ($3::int IS NULL OR extract(year FROM i.inspected_on) = $3::int)"
    /* the follow-up state on $5 as inspection_follow_up_status decides it */
    " AND ($4::text IS NULL OR (i.follow_up_due_on IS NOT NULL AND $4 = CASE"
    "   WHEN i.follow_up_closed_by IS NOT NULL THEN 'closed'"
    "   WHEN i.follow_up_due_on < $5::date THEN 'overdue' ELSE 'due' END))",
    "i.created_at", "i.id", 5);
static const char SQL_FOLLOWED_LOCK[] =
    "SELECT json_build_object('product_id', product_id, 'inspected_on', inspected_on,"
    " 'due_on', follow_up_due_on, 'closed_by', follow_up_closed_by)::text"
    " FROM inspections WHERE id = $1::uuid FOR UPDATE";
static const char SQL_FOLLOWED_CLOSE[] =
    "UPDATE inspections SET follow_up_closed_by = $2::uuid, follow_up_closed_on = $3::date,"
    " version = version + 1 WHERE id = $1::uuid AND follow_up_closed_by IS NULL";
/* Claims up to $2 open follow-ups due before $1 not yet found overdue, and marks them. */
static const char SQL_OVERDUE_CLAIM[] =
    "WITH due AS (SELECT id FROM inspections WHERE follow_up_due_on < $1::date"
    " AND follow_up_closed_by IS NULL AND follow_up_overdue_on IS NULL"
    " ORDER BY follow_up_due_on, id LIMIT $2::int FOR UPDATE SKIP LOCKED),"
    " i AS (UPDATE inspections x SET follow_up_overdue_on = $1::date, version = x.version + 1"
    " FROM due WHERE x.id = due.id RETURNING x.*)"
    " SELECT coalesce(json_agg(v.j ORDER BY v.j->>'id'), '[]')::text FROM (SELECT "
    "(" SQL_INSPECTION_JSON ")::json AS j FROM i" SQL_INSPECTION_FROM ") v";

enum oc_err inspection_store_insert(PGconn *conn, const struct inspection_input *in,
                                    const char *certificate_id, const char *status_before,
                                    const char *status_after, json_t **view)
{
    char failed_findings[24], failed_lab[24], fine[24];
    json_t *empty = json_array();
    char *findings = json_dumps(in->findings_json, JSON_COMPACT);
    char *lab = json_dumps(in->lab_json != NULL ? in->lab_json : empty, JSON_COMPACT);
    snprintf(failed_findings, sizeof(failed_findings), "%zu", inspection_failed_findings(in));
    snprintf(failed_lab, sizeof(failed_lab), "%zu", inspection_failed_lab(in));
    snprintf(fine, sizeof(fine), "%lld", in->fine_amount_vnd);
    char outcomes[96];
    size_t pos = 0;
    outcomes[pos++] = '{';
    for (size_t i = 0; i < in->noutcomes; i++)
        pos += (size_t)snprintf(outcomes + pos, sizeof(outcomes) - pos, "%s%s", i ? "," : "",
                                in->outcomes[i]);
    snprintf(outcomes + pos, sizeof(outcomes) - pos, "}");
    const char *params[] = {in->product_id,
                            certificate_id,
                            in->kind,
                            in->place,
                            in->body,
                            in->inspected_on,
                            findings,
                            lab,
                            failed_findings,
                            failed_lab,
                            in->outcome,
                            in->fix_deadline,
                            in->has_fine ? fine : NULL,
                            in->fine_decision_number,
                            in->recall_notice,
                            in->decision_number,
                            in->decided_on,
                            in->grounds,
                            in->reason,
                            status_before,
                            status_after,
                            in->notes,
                            in->actor,
                            outcomes,
                            in->follows_up};
    enum oc_err rc = oc_db_json_row(conn, SQL_INSERT, 25, params, view);
    free(findings);
    free(lab);
    json_decref(empty);
    return rc;
}

enum oc_err inspection_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_GET, 1, params, out);
}

enum oc_err inspection_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                  int limit, json_t **items, json_t **next)
{
    const struct inspection_filter *f = filter;
    const char *params[] = {f->product_id, f->outcome, f->year, f->follow_up, f->today};
    return OC_DB_PAGE(conn, SQL_LIST, params, after, limit, items, next);
}

enum oc_err inspection_store_followed_lock(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_FOLLOWED_LOCK, 1, params, out);
}

enum oc_err inspection_store_followed_close(PGconn *conn, const char *id, const char *closed_by,
                                            const char *closed_on)
{
    const char *params[] = {id, closed_by, closed_on};
    return oc_db_exec(conn, SQL_FOLLOWED_CLOSE, 3, params, NULL);
}

enum oc_err inspection_store_overdue_claim(PGconn *conn, const char *today, int limit,
                                           json_t **views)
{
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", limit);
    const char *params[] = {today, lim};
    return oc_db_json_row(conn, SQL_OVERDUE_CLAIM, 2, params, views);
}
