#include "registration/cycle_store.h"

#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "registration/store_util.h"

/* clang-format off */
static const char SQL_CYCLE_LINKS[] =
    "SELECT json_build_object("
    " 'producer_id', (SELECT p.producer_id FROM products p WHERE p.id = $1::uuid"
    "   AND " SQL_PRODUCER_IN_SCOPE("p.producer_id", "4", "5", "6") "),"
    " 'idea', (SELECT json_build_object('status', i.status, 'product_id', i.product_id,"
    "   'producer_id', i.producer_id) FROM ideas i WHERE i.id = $2::uuid"
    "   AND " SQL_PRODUCER_IN_SCOPE("i.producer_id", "4", "5", "6") "),"
    " 'plan', (SELECT json_build_object('status', b.status, 'product_id', i.product_id,"
    "   'producer_id', i.producer_id, 'idea_id', b.idea_id) FROM business_plans b"
    "   JOIN ideas i ON i.id = b.idea_id WHERE b.id = $3::uuid"
    "   AND " SQL_PRODUCER_IN_SCOPE("i.producer_id", "4", "5", "6") "))::text";

/* The day of a timestamp in the province. */
#define DAY_OF(ts) "((" ts " AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)"

/*
 * ==== EXTENSION POINT: the sources of a product's cycle history ====
 *
 * One SELECT per source, for the product $1, with the columns
 * (on_day date, at timestamptz or NULL, step text, kind text, id text,
 * detail jsonb or NULL, o int: the source's order among same-time steps).
 * To add a source, write its fragment and add it to HISTORY_SOURCES.
 */
#define HISTORY_IDEAS                                                                              \
    "SELECT " DAY_OF("h.at") " AS on_day, h.at, 'idea' AS step,"                                   \
    " CASE WHEN h.from_status = 'returned' THEN 'resubmitted' ELSE h.to_status END AS kind,"       \
    " i.id::text AS id, CASE WHEN h.reasons IS NOT NULL"                                           \
    "   THEN jsonb_build_object('reasons', h.reasons) END AS detail, 1 AS o"                       \
    " FROM idea_history h JOIN ideas i ON i.id = h.idea_id"                                        \
    " WHERE i.product_id = $1::uuid AND h.kind = 'moved'"

#define HISTORY_BUSINESS_PLANS                                                                     \
    "SELECT " DAY_OF("h.at") ", h.at, 'business_plan',"                                            \
    " CASE WHEN h.from_status = 'returned' THEN 'resubmitted' ELSE h.to_status END,"               \
    " b.id::text, CASE WHEN h.reasons IS NOT NULL"                                                 \
    "   THEN jsonb_build_object('reasons', h.reasons) END, 2"                                      \
    " FROM business_plan_history h JOIN business_plans b ON b.id = h.business_plan_id"             \
    " JOIN ideas i ON i.id = b.idea_id WHERE i.product_id = $1::uuid AND h.kind = 'moved'"

#define HISTORY_APPLICATIONS                                                                       \
    "SELECT " DAY_OF("t.at") ", t.at, 'application', t.to_status, a.id::text,"                     \
    " jsonb_strip_nulls(jsonb_build_object('kind', a.kind, 'dossier_code', a.dossier_code,"        \
    "   'reason', t.reason)), 3"                                                                   \
    " FROM application_transitions t JOIN applications a ON a.id = t.application_id"               \
    " WHERE a.product_id = $1::uuid"

#define HISTORY_RECOGNITIONS                                                                       \
    "SELECT h.recognised_on, h.event_time, 'recognition', h.kind, h.certificate_id,"               \
    " jsonb_strip_nulls(jsonb_build_object('stars', h.stars, 'number', h.number,"                  \
    "   'level', h.level)), 4"                                                                     \
    " FROM product_recognition_history h WHERE h.product_id = $1::uuid"

/* Support received (cycle step 4, the support ledger), on the day it was paid. */
#define HISTORY_SUPPORT                                                                            \
    "SELECT s.paid_on, s.created_at, 'support', s.kind, s.id::text,"                               \
    " jsonb_strip_nulls(jsonb_build_object('amount_vnd', s.amount_vnd, 'status', s.status,"        \
    "   'business_plan_id', s.business_plan_id)), 5"                                              \
    " FROM support_payments s WHERE s.product_id = $1::uuid"

#define HISTORY_SOURCES                                                                            \
    HISTORY_IDEAS " UNION ALL " HISTORY_BUSINESS_PLANS " UNION ALL " HISTORY_APPLICATIONS          \
    " UNION ALL " HISTORY_RECOGNITIONS " UNION ALL " HISTORY_SUPPORT

static const char SQL_CYCLE_HISTORY[] =
    "SELECT json_build_object('product_id', p.id,"
    " 'items', coalesce((SELECT json_agg(json_build_object('on', s.on_day,"
    "   'at', " SQL_TS("s.at") ", 'step', s.step, 'kind', s.kind, 'id', s.id,"
    "   'detail', s.detail) ORDER BY s.on_day, s.at NULLS FIRST, s.o, s.id)"
    "   FROM (" HISTORY_SOURCES ") s), '[]'))::text"
    " FROM products p WHERE p.id = $1::uuid"
    " AND " SQL_PRODUCER_IN_SCOPE("p.producer_id", "2", "3", "4");
/*
 * ==== The screened records' shared statements, one per enum cycle_record ====
 *
 * table is the record's table, history its history table and fk the column
 * there naming the record.
 */

/* " column = $4 when moved to status": the day of a move, stamped on the record. */
#define DAY_SET(column, status)                                                                    \
    " " column " = CASE WHEN $3 = '" status "' THEN $4::date ELSE " column " END"

/* $1 id, $2 from, $3 to, $4 day, $5 reasons, $6 role, $7 actor; days: the DAY_SETs. */
#define SQL_MOVE(table, history, fk, days)                                                         \
    "WITH h AS (INSERT INTO " history " (" fk ", kind, from_status, to_status, reasons,"         \
    " actor_role, actor) VALUES ($1::uuid, 'moved', $2, $3, $5::jsonb, $6, $7) RETURNING " fk ")" \
    " UPDATE " table " SET status = $3, version = version + 1, updated_at = now()," days           \
    " WHERE id = (SELECT " fk " FROM h)"

/* $1 id, $2 changes, $3 role, $4 actor. */
#define SQL_NOTE_CHANGE(history, fk)                                                               \
    "INSERT INTO " history " (" fk ", kind, changes, actor_role, actor)"                          \
    " VALUES ($1::uuid, 'changed', $2::jsonb, $3, $4)"

/* $1 id. */
#define SQL_CHANGED(history, fk)                                                                   \
    "SELECT EXISTS (SELECT 1 FROM " history " c WHERE c." fk " = $1::uuid"                       \
    " AND c.kind = 'changed' AND c.id > (SELECT coalesce(max(r.id), 0) FROM " history " r"        \
    "   WHERE r." fk " = $1::uuid AND r.to_status = 'returned'))"

/* The statements of one kind of screened record. */
struct record_sql {
    const char *move;        /* SQL_MOVE */
    const char *note_change; /* SQL_NOTE_CHANGE */
    const char *changed;     /* SQL_CHANGED */
};

static const struct record_sql records[] = {
    [CYCLE_IDEA] = {
        .move = SQL_MOVE("ideas", "idea_history", "idea_id",
                         DAY_SET("returned_on", "returned") "," DAY_SET("accepted_on", "accepted")),
        .note_change = SQL_NOTE_CHANGE("idea_history", "idea_id"),
        .changed = SQL_CHANGED("idea_history", "idea_id"),
    },
    [CYCLE_BUSINESS_PLAN] = {
        .move = SQL_MOVE("business_plans", "business_plan_history", "business_plan_id",
                         DAY_SET("approved_on", "approved")),
        .note_change = SQL_NOTE_CHANGE("business_plan_history", "business_plan_id"),
        .changed = SQL_CHANGED("business_plan_history", "business_plan_id"),
    },
};
/* clang-format on */

enum oc_err cycle_store_links(PGconn *conn, const struct reg_scope *scope, const char *product_id,
                              const char *idea_id, const char *plan_id, json_t **out)
{
    const char *params[] = {product_id, idea_id,          plan_id,
                            scope->all, scope->producers, scope->commune};
    return oc_db_json_row(conn, SQL_CYCLE_LINKS, 6, params, out);
}

enum oc_err cycle_store_history(PGconn *conn, const struct reg_scope *scope, const char *id,
                                json_t **out)
{
    return reg_store_scoped_row(conn, SQL_CYCLE_HISTORY, scope, id, out);
}

enum oc_err cycle_store_move(PGconn *conn, enum cycle_record r, const struct cycle_change *c)
{
    char *reasons = c->reasons ? json_dumps(c->reasons, JSON_COMPACT) : NULL;
    const char *params[] = {c->id, c->from, c->to, c->day, reasons, c->role, c->actor};
    enum oc_err rc = oc_db_exec(conn, records[r].move, 7, params, NULL);
    free(reasons);
    return rc;
}

enum oc_err cycle_store_note_change(PGconn *conn, enum cycle_record r, const struct cycle_change *c)
{
    char *changes = json_dumps(c->changes, JSON_COMPACT);
    const char *params[] = {c->id, changes, c->role, c->actor};
    enum oc_err rc = oc_db_exec(conn, records[r].note_change, 4, params, NULL);
    free(changes);
    return rc;
}

enum oc_err cycle_store_changed_since_return(PGconn *conn, enum cycle_record r, const char *id,
                                             int *changed)
{
    const char *params[] = {id};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, records[r].changed, 1, params, &res);
    if (rc == OC_OK)
        *changed = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return rc;
}
