#include "registration/recognition_store.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/db.h"
#include "registration/store_util.h"

/* clang-format off */
static const char SQL_RECOGNITION_ADD[] =
    "WITH h AS (INSERT INTO product_recognitions (certificate_id, product_id, recognised_on,"
    "   stars, level, rule_set, number, event_id, event_time)"
    " VALUES ($1, $2::uuid, $3::date, $4::smallint, $5, $6, $7, $8, nullif($9, '')::timestamptz)"
    " ON CONFLICT (certificate_id) DO NOTHING RETURNING product_id, recognised_on)"
    " UPDATE products p SET first_recognised_on = LEAST(p.first_recognised_on, h.recognised_on)"
    " FROM h WHERE p.id = h.product_id";

static const char SQL_RECOGNITION_LIST[] =
    "SELECT json_build_object('product_id', p.id, 'first_recognised_on', p.first_recognised_on,"
    " 'items', coalesce((SELECT json_agg(json_build_object('certificate_id', h.certificate_id,"
    "   'number', h.number, 'recognised_on', h.recognised_on, 'stars', h.stars,"
    "   'stars_before', h.stars_before, 'kind', h.kind, 'level', h.level,"
    "   'rule_set', h.rule_set, 'backfilled', h.backfilled)"
    "   ORDER BY h.recognised_on, h.event_time NULLS FIRST, h.certificate_id)"
    "   FROM product_recognition_history h WHERE h.product_id = p.id), '[]'))::text"
    " FROM products p JOIN producers pr ON pr.id = p.producer_id"
    " WHERE p.id = $1 AND " SQL_IN_SCOPE("pr", "2", "3", "4");

static const char SQL_ROUND_APPLY[] =
    "INSERT INTO evaluation_rounds (round_id, year, level, sequence, name, status, starts_on,"
    " ends_on, closed_on, at, event_id)"
    " VALUES ($1::uuid, $2::int, $3, $4::int, $5, $6, $7::date, $8::date,"
    "   CASE WHEN $6 = 'closed' THEN ($9::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END,"
    "   $9::timestamptz, $10)"
    " ON CONFLICT (round_id) DO UPDATE SET year = EXCLUDED.year, level = EXCLUDED.level,"
    " sequence = EXCLUDED.sequence, name = EXCLUDED.name, status = EXCLUDED.status,"
    " starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on,"
    " closed_on = EXCLUDED.closed_on, at = EXCLUDED.at, event_id = EXCLUDED.event_id,"
    " updated_at = now() WHERE evaluation_rounds.at < EXCLUDED.at";
/* clang-format on */

enum oc_err recognition_store_add(PGconn *conn, const struct recognition *r, const char *event_id,
                                  const char *event_time)
{
    char stars[4];
    snprintf(stars, sizeof(stars), "%d", r->stars);
    const char *params[] = {r->certificate_id, r->product_id, r->recognised_on, stars,     r->level,
                            r->rule_set,       r->number,     event_id,         event_time};
    return oc_db_exec(conn, SQL_RECOGNITION_ADD, 9, params, NULL);
}

enum oc_err recognition_store_list(PGconn *conn, const struct reg_scope *scope, const char *id,
                                   json_t **out)
{
    return reg_store_scoped_row(conn, SQL_RECOGNITION_LIST, scope, id, out);
}

/* One revocation, once; a product that is not registered here is no revocation of ours. */
static const char SQL_REVOCATION_ADD[] =
    "INSERT INTO product_revocations (certificate_id, product_id, number, stars, revoked_on,"
    " grounds, event_id, event_time)"
    " SELECT $1, p.id, $3, nullif($4::int, 0), $5::date, $6, $7, $8::timestamptz"
    " FROM products p WHERE p.id = $2::uuid ON CONFLICT (certificate_id) DO NOTHING";

enum oc_err revocation_store_add(PGconn *conn, const struct revocation_in *in, const char *event_id,
                                 const char *event_time)
{
    char stars[8];
    snprintf(stars, sizeof(stars), "%lld", in->stars);
    const char *params[] = {in->certificate_id, in->product_id, in->number, stars,
                            in->revoked_on,     in->grounds,    event_id,   event_time};
    return oc_db_exec(conn, SQL_REVOCATION_ADD, 8, params, NULL);
}

/* One inspection, once (a second event for the same inspection changes nothing). */
static const char SQL_INSPECTION_ADD[] =
    "INSERT INTO product_inspections (inspection_id, product_id, certificate_id, inspected_on,"
    " outcome, outcomes, event_id, event_time)"
    " VALUES ($1, $2::uuid, $3, $4::date, $5, coalesce($6::jsonb, jsonb_build_array($5::text)),"
    " $7, $8::timestamptz) ON CONFLICT (inspection_id) DO NOTHING";

enum oc_err inspection_store_add(PGconn *conn, const struct inspection_in *in, const char *event_id,
                                 const char *event_time)
{
    char *outcomes = in->outcomes ? json_dumps(in->outcomes, JSON_COMPACT) : NULL;
    const char *params[] = {in->inspection_id, in->product_id, in->certificate_id, in->inspected_on,
                            in->outcome,       outcomes,       event_id,           event_time};
    enum oc_err rc = oc_db_exec(conn, SQL_INSPECTION_ADD, 8, params, NULL);
    free(outcomes);
    return rc;
}

enum oc_err round_model_store_apply(PGconn *conn, const struct round_move_in *m,
                                    const char *event_id)
{
    char year[8], sequence[8];
    snprintf(year, sizeof(year), "%lld", m->year);
    snprintf(sequence, sizeof(sequence), "%lld", m->sequence);
    const char *params[] = {m->round_id, year,         m->level,   sequence, m->name,
                            m->to,       m->starts_on, m->ends_on, m->at,    event_id};
    return oc_db_exec(conn, SQL_ROUND_APPLY, 10, params, NULL);
}
