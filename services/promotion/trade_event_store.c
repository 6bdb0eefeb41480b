#include "promotion/trade_event_store.h"

#include <stdio.h>

#include "promotion/store_util.h"
#include "promotion/trade_event.h"

#define TRADE_EVENT_JSON                                                                           \
    "json_build_object('id', e.id, 'type', e.type, 'name', e.name, 'starts_on', e.starts_on,"      \
    " 'ends_on', e.ends_on, 'venue', e.venue, 'platform', e.platform,"                             \
    " 'commune_code', e.commune_code, 'organiser', e.organiser, 'budget_vnd', e.budget_vnd,"       \
    " 'status', e.status, 'notes', e.notes, 'participations', (SELECT json_build_object("          \
    " 'registered', count(*) FILTER (WHERE p.status = 'registered'),"                              \
    " 'attended', count(*) FILTER (WHERE p.status = 'attended'),"                                  \
    " 'withdrawn', count(*) FILTER (WHERE p.status = 'withdrawn'))"                                \
    " FROM participations p WHERE p.event_id = e.id), 'version', e.version,"                       \
    " 'created_at', " SQL_TS("e.created_at") ", 'updated_at', " SQL_TS("e.updated_at") ")::text"

/* Microseconds since the epoch of the first day, for the cursor. */
#define TRADE_EVENT_CURSOR_TIME                                                                    \
    "((extract(epoch FROM e.starts_on::timestamp) * 1000000)::bigint)::text"

static const char SQL_TE_INSERT[] =
    "WITH e AS (INSERT INTO trade_events (type, name, starts_on, ends_on, venue, platform,"
    " commune_code, organiser, budget_vnd, status, notes)"
    " VALUES ($1, $2, $3::date, $4::date, $5, $6, $7, $8, $9::bigint, coalesce($10, 'planned'),"
    " $11) RETURNING *) SELECT " TRADE_EVENT_JSON " FROM e";
static const char SQL_TE_GET[] = SQL_BY_ID(TRADE_EVENT_JSON, "trade_events e", "e");
static const char SQL_TE_LOCK[] = SQL_BY_ID(TRADE_EVENT_JSON, "trade_events e", "e") " FOR UPDATE";
static const char SQL_TE_SHARE[] = SQL_BY_ID(TRADE_EVENT_JSON, "trade_events e", "e") " FOR SHARE";
static const char SQL_TE_UPDATE[] =
    "UPDATE trade_events SET type = $2, name = $3, starts_on = $4::date, ends_on = $5::date,"
    " venue = $6, platform = $7, commune_code = $8, organiser = $9, budget_vnd = $10::bigint,"
    " status = $11, notes = $12, version = version + 1, updated_at = now()"
    " WHERE id = $1::uuid";
static const char SQL_TE_ENTRANTS[] =
    "SELECT coalesce(json_agg(p.product_id ORDER BY p.product_id), '[]')::text"
    " FROM participations p WHERE p.event_id = $1::uuid AND p.status <> 'withdrawn'";
static const char SQL_TE_LIST[] =
    "SELECT " TRADE_EVENT_JSON ", " TRADE_EVENT_CURSOR_TIME ", e.id FROM trade_events e"
    " WHERE ($1::text IS NULL OR e.type = $1) AND ($2::text IS NULL OR e.status = $2)"
    " AND ($3::date IS NULL OR e.ends_on >= $3::date)"
    " AND ($4::date IS NULL OR e.starts_on <= $4::date)"
    " AND ($5::bigint IS NULL OR (e.starts_on, e.id) <"
    " ((timestamp 'epoch' + $5::bigint * interval '1 microsecond')::date, $6::uuid))"
    " ORDER BY e.starts_on DESC, e.id DESC LIMIT $7::int";

const struct resource_sql trade_event_sql = {
    .fields = trade_event_fields,
    .n = TRADE_EVENT_N,
    .insert = SQL_TE_INSERT,
    .get = SQL_TE_GET,
    .lock = SQL_TE_LOCK,
    .share = SQL_TE_SHARE,
    .update = SQL_TE_UPDATE,
};

enum oc_err trade_event_store_get(PGconn *conn, const char *id, json_t **out)
{
    return resource_store_get(conn, &trade_event_sql, id, out);
}

enum oc_err trade_event_store_entrants(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_TE_ENTRANTS, 1, params, out);
}

enum oc_err trade_event_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                   int limit, json_t **items, json_t **next)
{
    const struct trade_event_filter *f = filter;
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", limit + 1);
    const char *params[] = {f->type, f->status, f->from, f->to, after->time, after->id, lim};
    return oc_db_json_page(conn, SQL_TE_LIST, 7, params, limit, items, next);
}
