#include "evaluation/entry_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluation/round_store.h"

/* Points of a hundredths column, as a JSON number with at most two decimals. */
#define POINTS(col) "round((" col ")::numeric / 100, 2)"

/* Column expressions used inside the statements below. */
#define SQLX_PTS_E_SCORE       POINTS("e.score")
#define SQLX_PTS_S_TOTAL       POINTS("s.total")
#define SQLX_PTS_X_V_TEXT      POINTS("x.v::text")
#define SQLX_TS_E_CREATED_AT   SQL_TS("e.created_at")
#define SQLX_TS_E_FINALISED_AT SQL_TS("e.finalised_at")
#define SQLX_TS_E_UPDATED_AT   SQL_TS("e.updated_at")
#define SQLX_TS_S_SUBMITTED_AT SQL_TS("s.submitted_at")

#define ENTRY_JSON                                                                                 \
    "json_build_object('id', e.id,"                                                                \
    " 'round', json_build_object('id', r.id, 'name', r.name, 'year', r.year, 'level', r.level,"    \
    "   'rule_set', r.rule_set, 'status', r.status),"                                              \
    " 'application', json_build_object('id', e.application_id, 'dossier_code', a.dossier_code,"    \
    "   'kind', a.kind, 'rule_set', a.rule_set, 'registry_status', a.registry_status),"            \
    " 'product', json_build_object('id', e.product_id, 'code', p.code, 'name', p.name,"            \
    "   'producer', json_build_object('id', e.producer_id, 'name', p.producer_name,"               \
    "   'type', p.producer_type)),"                                                                \
    " 'criteria_set', e.criteria_set, 'status', e.status, 'entered_by', e.entered_by,"             \
    " 'withdrawn_reason', e.withdrawn_reason, 'previous_entry_id', e.previous_entry,"              \
    " 'sheets', (SELECT json_build_object('submitted', count(*) FILTER (WHERE s.status ="          \
    "   'submitted'), 'excluded', count(*) FILTER (WHERE s.status = 'excluded'))"                  \
    "   FROM score_sheets s WHERE s.entry_id = e.id),"                                             \
    " 'result', CASE WHEN e.status = 'finalised' THEN json_build_object("                          \
    "   'score', " SQLX_PTS_E_SCORE ", 'band_stars', e.band_stars,"                                \
    "   'mandatory_cap', e.mandatory_cap, 'stars', e.stars, 'outcome', e.outcome,"                 \
    "   'potential_5_star', e.potential_5_star, 'forwarded_to', e.forwarded_to,"                   \
    "   'rule_set', r.rule_set, 'decision_number', e.decision_number,"                             \
    "   'decided_on', e.decided_on, 'certificate_id', e.certificate_id,"                           \
    "   'sheets_counted', e.result->'sheets', 'quorum', e.result->'quorum',"                       \
    "   'failed_mandatory', e.result->'failed_mandatory',"                                         \
    "   'mandatory_reading_confirmed', e.result->'mandatory_reading_confirmed',"                   \
    "   'mandatory_cap_unapplied', e.result->'mandatory_cap_unapplied',"                           \
    "   'scoring', e.result->'scoring',"                                                           \
    "   'precheck', e.result->'precheck', 'precheck_reason', e.result->'reason',"                  \
    "   'finalised_by', e.finalised_by, 'finalised_at', " SQLX_TS_E_FINALISED_AT ") END,"          \
    " 'market_evidence', e.market_evidence,"                                                       \
    " 'version', e.version, 'created_at', " SQLX_TS_E_CREATED_AT ","                               \
    " 'updated_at', " SQLX_TS_E_UPDATED_AT ")::text"

#define ENTRY_FROM                                                                                 \
    " FROM entries e JOIN rounds r ON r.id = e.round_id"                                           \
    " LEFT JOIN applications a ON a.application_id = e.application_id"                             \
    " LEFT JOIN products p ON p.product_id = e.product_id"

static const char SQL_ENTRY_GET[] = "SELECT " ENTRY_JSON ENTRY_FROM " WHERE e.id = $1::uuid";
static const char ENTRY_PAGE[] =
    OC_SQL_PAGE(ENTRY_JSON,
                ENTRY_FROM " WHERE ($1::uuid IS NULL OR e.round_id = $1::uuid)"
                           " AND ($2::uuid IS NULL OR e.application_id = $2::uuid)"
                           " AND ($3::uuid IS NULL OR e.product_id = $3::uuid)"
                           " AND ($4::text IS NULL OR e.status = $4)",
                "e.created_at", "e.id", 4);

/* What entering an application needs to know, in one row. */
static const char SQL_ENTRY_FACTS[] =
    "SELECT a.application_id IS NOT NULL, coalesce(a.registry_status, ''),"
    " p.product_id IS NOT NULL, p.producer_id, p.product_id,"
    " (SELECT cs.id FROM criteria_sets cs JOIN rule_sets rs ON rs.criteria_from = cs.rule_set"
    "   WHERE rs.id = r.rule_set AND cs.number = p.criteria_set),"
    " (SELECT r2.name FROM entries e JOIN rounds r2 ON r2.id = e.round_id"
    "   WHERE e.application_id = a.application_id AND e.status = 'entered'"
    "   AND r2.status NOT IN ('closed', 'cancelled') LIMIT 1),"
    " f.id, r.level, r.rule_set, f.level, c.territory, p.commune_code, p.legacy_district_code,"
    " p.current_commune_code, f.outcome"
    " FROM rounds r JOIN councils c ON c.id = r.council_id"
    " LEFT JOIN applications a ON a.application_id = $2::uuid"
    " LEFT JOIN products p ON p.product_id = a.product_id"
    /* the level below's latest result for the application: it must forward it here */
    " LEFT JOIN LATERAL (SELECT CASE WHEN e.outcome = 'forwarded' AND e.forwarded_to = r.level"
    "   THEN e.id END AS id, r3.level, e.outcome"
    "   FROM entries e JOIN rounds r3 ON r3.id = e.round_id"
    "   WHERE e.application_id = a.application_id AND e.status = 'finalised' AND r3.level = $3"
    "   ORDER BY e.finalised_at DESC LIMIT 1) f ON true"
    " WHERE r.id = $1::uuid";
/* The rule set of a round, as scoring reads it, and the round's level. */
static const char SQL_ROUND_RULES[] =
    "SELECT r.level, r.rule_set FROM rounds r WHERE r.id = $1::uuid";
static const char SQL_ENTRY_INSERT[] =
    "INSERT INTO entries (round_id, application_id, product_id, producer_id, criteria_set,"
    " entered_by, previous_entry) VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6,"
    " $7::uuid) RETURNING id";

static const char SQL_ENTRY_LOCK[] =
    "SELECT e.id, e.round_id, e.status, r.status, r.level, r.rule_set,"
    " coalesce(e.criteria_set, ''), r.council_id, e.product_id, e.producer_id, e.application_id,"
    " e.version, coalesce(r.quorum, 0), (SELECT count(*) FROM council_members m"
    "   WHERE m.council_id = r.council_id AND (m.role <> 'secretary'"
    "   OR (SELECT secretary_scores FROM council_policy))), r.starts_on::text, r.scoring"
    " FROM entries e JOIN rounds r ON r.id = e.round_id WHERE e.id = $1::uuid"
    " FOR UPDATE OF e FOR SHARE OF r";

/* What scoring needs of the round's rule set: its parts, bands and levels (as in its view). */
static const char SQL_SCORING_RULE_SET[] =
    "SELECT json_build_object('id', r.id,"
    " 'parts', (SELECT json_agg(json_build_object('code', p.code, 'max_points', p.max_points)"
    "   ORDER BY p.position) FROM rule_set_parts p WHERE p.rule_set = r.criteria_from),"
    " 'star_bands', (SELECT json_agg(json_build_object('stars', b.stars,"
    "   'min_score', b.min_score, 'max_score', b.max_score) ORDER BY b.stars)"
    "   FROM rule_set_star_bands b WHERE b.rule_set = r.id),"
    " 'recognition', (SELECT json_agg(json_build_object('level', l.level, 'role', l.role,"
    "   'stars', to_json(l.stars)) ORDER BY l.position) FROM rule_set_levels l"
    "   WHERE l.rule_set = r.id),"
    " 'potential_5_star', CASE WHEN r.potential_level IS NOT NULL THEN"
    "   json_build_object('level', r.potential_level, 'min_score', r.potential_min_score,"
    "   'forwarded_to', r.potential_forwarded_to) END)::text"
    " FROM rule_sets r WHERE r.id = $1";
/* What scoring needs of a criteria set: codes, option points and mandatory minima, no texts. */
static const char SQL_SCORING_CRITERIA[] =
    "SELECT json_build_object('id', c.id, 'detailed', c.detailed,"
    " 'provenance', json_build_object('mandatory_reading',"
    "   c.provenance->'mandatory_reading'),"
    " 'parts', (SELECT json_agg(json_build_object('code', p.code, 'groups',"
    "   coalesce((SELECT json_agg(json_build_object('code', g.code, 'criteria',"
    "     (SELECT json_agg(json_build_object('code', k.code,"
    "       'min_points_for_stars', k.min_points_for_stars,"
    "       'options', (SELECT json_agg(json_build_object('points', o.points)"
    "         ORDER BY o.position) FROM criteria_options o"
    "         WHERE o.criteria_set = k.criteria_set AND o.criterion_code = k.code))"
    "       ORDER BY k.position) FROM criteria k"
    "       WHERE k.criteria_set = g.criteria_set AND k.group_code = g.code))"
    "     ORDER BY g.position) FROM criteria_groups g"
    "     WHERE g.criteria_set = c.id AND g.part_code = p.code), '[]'))"
    "   ORDER BY p.position) FROM rule_set_parts p WHERE p.rule_set = c.rule_set))::text"
    " FROM criteria_sets c WHERE c.id = $1";

static const char SQL_MEMBER[] =
    "SELECT m.role, EXISTS (SELECT 1 FROM member_conflicts k WHERE k.member_id = m.id"
    "   AND k.producer_id = $3::uuid),"
    " coalesce((SELECT s.version FROM score_sheets s WHERE s.entry_id = $4::uuid"
    "   AND s.member_id = m.id), 0)"
    " FROM council_members m WHERE m.id = $1::uuid AND m.council_id = $2::uuid";

#define SHEET_JSON                                                                                 \
    "json_build_object('entry_id', s.entry_id, 'member', json_build_object('id', m.id,"            \
    "   'full_name', m.full_name, 'role', m.role),"                                                \
    " 'lines', s.lines, 'parts', (SELECT jsonb_object_agg(x.k, " SQLX_PTS_X_V_TEXT ")"             \
    "   FROM jsonb_each(s.parts) AS x(k, v)), 'total', " SQLX_PTS_S_TOTAL ","                      \
    " 'status', s.status, 'excluded_reason', s.excluded_reason, "                                  \
    "'comment', s.comment,"                                                                        \
    " 'version', s.version, 'submitted_at', " SQLX_TS_S_SUBMITTED_AT ")"

static const char SQL_SHEET_PUT[] =
    "WITH s AS (INSERT INTO score_sheets (entry_id, member_id, lines, parts, total, comment)"
    " VALUES ($1::uuid, $2::uuid, $3::jsonb, $4::jsonb, $5::int, $6)"
    " ON CONFLICT (entry_id, member_id) DO UPDATE SET lines = EXCLUDED.lines,"
    " parts = EXCLUDED.parts, total = EXCLUDED.total, comment = EXCLUDED.comment,"
    " version = score_sheets.version + 1, submitted_at = now() RETURNING *)"
    " SELECT " SHEET_JSON "::text FROM s JOIN council_members m ON m.id = s.member_id";
static const char SQL_SHEETS[] =
    "SELECT json_build_object('items', coalesce((SELECT json_agg(" SHEET_JSON
    " ORDER BY s.submitted_at, s.member_id) FROM score_sheets s"
    " JOIN council_members m ON m.id = s.member_id WHERE s.entry_id = e.id), '[]'))::text"
    " FROM entries e WHERE e.id = $1::uuid";
static const char SQL_COUNTED[] =
    "SELECT coalesce(json_agg(json_build_object('member_id', s.member_id, 'total', s.total,"
    " 'lines', s.lines) ORDER BY s.member_id), '[]')::text FROM score_sheets s"
    " WHERE s.entry_id = $1::uuid AND s.status = 'submitted'";

static const char SQL_FINALISE[] =
    "UPDATE entries SET status = 'finalised', score = $2::int, band_stars = $3::int,"
    " mandatory_cap = $4::int, stars = $5::int, outcome = $6, potential_5_star = $7::boolean,"
    " forwarded_to = $8, result = $9::jsonb, market_evidence = $10::jsonb,"
    " decision_number = $11, decided_on = $12::date, finalised_by = $13, finalised_at = now(),"
    " version = version + 1, updated_at = now() WHERE id = $1::uuid";
static const char SQL_WITHDRAW[] =
    "UPDATE entries SET status = 'withdrawn', withdrawn_reason = $3, finalised_by = $2,"
    " version = version + 1, updated_at = now() WHERE id = $1::uuid";
static const char SQL_APPLICATION_ENDED[] =
    "UPDATE entries SET status = 'withdrawn', finalised_by = 'registration',"
    " withdrawn_reason = 'the application is ' || $2 || ' in the registry (event ' || $3 || ')',"
    " version = version + 1, updated_at = now()"
    " WHERE application_id = $1::uuid AND status = 'entered'";
static const char SQL_LINK_CERTIFICATE[] =
    "UPDATE entries SET certificate_id = $2::uuid WHERE id = $1::uuid";

enum oc_err entry_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_ENTRY_GET, 1, params, out);
}

enum oc_err entry_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                             int limit, json_t **items, json_t **next)
{
    const char *const *f = filter; /* round_id, application_id, product_id, status */
    const char *params[] = {f[0], f[1], f[2], f[3]};
    return OC_DB_PAGE(conn, ENTRY_PAGE, params, after, limit, items, next);
}

static const char *value(const PGresult *res, int col)
{
    return PQgetisnull(res, 0, col) ? NULL : PQgetvalue(res, 0, col);
}

/*
 * Applies the entering rules to the facts; returns OC_OK or the refusal. below
 * is the level of the round's rule set that forwards to the round's level
 * (NULL: the lowest level, which takes applications straight from the registry).
 */
static enum oc_err entry_check(const PGresult *f, const char *below, struct entry_refusal *why)
{
    const char *status = value(f, 1), *waiting = value(f, 6), *level = value(f, 8);
    const char *forwarded_by = value(f, 7) != NULL ? value(f, 10) : NULL;
    why->field = NULL;
    if (strcmp(value(f, 0), "t") != 0) {
        why->field = "application_id";
        snprintf(why->problem, sizeof(why->problem),
                 "no submitted application has this id in the evaluation's view");
        return OC_INVALID;
    }
    if (strcmp(status, "accepted") != 0 && strcmp(status, "processing") != 0) {
        snprintf(why->problem, sizeof(why->problem),
                 "the application is %s in the registry; only accepted dossiers are evaluated",
                 status);
        return OC_CONFLICT;
    }
    if (strcmp(value(f, 2), "t") != 0) {
        snprintf(why->problem, sizeof(why->problem),
                 "the application's product is not known here yet; try again shortly");
        return OC_CONFLICT;
    }
    if (waiting != NULL) {
        snprintf(why->problem, sizeof(why->problem),
                 "the application already waits for a result in round \"%.180s\"", waiting);
        return OC_CONFLICT;
    }
    if (!council_territory_holds(value(f, 11), value(f, 12), value(f, 14), value(f, 13))) {
        snprintf(why->problem, sizeof(why->problem),
                 "the round's council acts for territory %s; the product's commune %s%s%s lies "
                 "outside it",
                 value(f, 11), value(f, 12), value(f, 13) != NULL ? " of former district " : "",
                 value(f, 13) != NULL ? value(f, 13) : "");
        return OC_CONFLICT;
    }
    /* one level at a time: a round takes only what the level below it forwarded to it */
    if (below != NULL && (forwarded_by == NULL || strcmp(forwarded_by, below) != 0)) {
        snprintf(why->problem, sizeof(why->problem),
                 "under %s a %s round evaluates only applications the %s council forwarded to "
                 "it (its latest finalised %s entry forwarded to %s)%s",
                 value(f, 9), level, below, below, level,
                 value(f, 15) != NULL && strcmp(value(f, 15), "returned") == 0
                     ? "; the latest returned the dossier"
                     : "");
        return OC_CONFLICT;
    }
    return OC_OK;
}

/*
 * The level of the round's rule set below the round's level (the level that
 * forwards to it), into below ("" when the round's level is the lowest).
 */
static enum oc_err entry_level_below(PGconn *conn, const char *round_id, char below[16])
{
    PGresult *res = NULL;
    json_t *view = NULL;
    struct rule_set rs;
    const char *params[] = {round_id};
    below[0] = '\0';
    enum oc_err rc = oc_db_exec(conn, SQL_ROUND_RULES, 1, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    if (rc == OC_OK) {
        const char *rule_set[] = {PQgetvalue(res, 0, 1)};
        rc = oc_db_json_row(conn, SQL_SCORING_RULE_SET, 1, rule_set, &view);
    }
    if (rc == OC_OK && !result_rules_from_view(view, &rs))
        rc = OC_INTERNAL;
    const char *level = rc == OC_OK ? result_level_below(&rs, PQgetvalue(res, 0, 0)) : NULL;
    if (level != NULL)
        snprintf(below, 16, "%s", level);
    json_decref(view);
    PQclear(res);
    return rc;
}

enum oc_err entry_store_insert(PGconn *conn, const char *round_id, const struct entry_input *e,
                               json_t **out, struct entry_refusal *why)
{
    PGresult *f = NULL, *ins = NULL;
    char below[16] = "";
    enum oc_err rc = entry_level_below(conn, round_id, below);
    if (rc == OC_OK) {
        const char *params[] = {round_id, e->m[ENTRY_APPLICATION_ID].s,
                                below[0] != '\0' ? below : NULL};
        rc = oc_db_exec(conn, SQL_ENTRY_FACTS, 3, params, &f);
    }
    if (rc == OC_OK && PQntuples(f) == 0)
        rc = OC_NOT_FOUND;
    if (rc == OC_OK)
        rc = entry_check(f, below[0] != '\0' ? below : NULL, why);
    if (rc == OC_OK) {
        const char *row[] = {
            round_id, e->m[ENTRY_APPLICATION_ID].s, value(f, 4), value(f, 3), value(f, 5),
            e->actor, below[0] ? value(f, 7) : NULL};
        rc = oc_db_exec(conn, SQL_ENTRY_INSERT, 7, row, &ins);
        if (rc == OC_CONFLICT)
            snprintf(why->problem, sizeof(why->problem),
                     "the application is already entered in this round");
    }
    if (rc == OC_OK)
        rc = entry_store_get(conn, PQgetvalue(ins, 0, 0), out);
    PQclear(f);
    PQclear(ins);
    return rc;
}

/* Copies column col of res's first row into dst. */
static void copy(char *dst, size_t len, const PGresult *res, int col)
{
    snprintf(dst, len, "%s", PQgetvalue(res, 0, col));
}

enum oc_err entry_store_lock(PGconn *conn, const char *id, struct entry_row *row)
{
    PGresult *res = NULL;
    const char *params[] = {id};
    enum oc_err rc = oc_db_exec(conn, SQL_ENTRY_LOCK, 1, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = OC_NOT_FOUND;
    if (rc == OC_OK) {
        copy(row->id, sizeof(row->id), res, 0);
        copy(row->round_id, sizeof(row->round_id), res, 1);
        copy(row->status, sizeof(row->status), res, 2);
        copy(row->round_status, sizeof(row->round_status), res, 3);
        copy(row->level, sizeof(row->level), res, 4);
        copy(row->rule_set, sizeof(row->rule_set), res, 5);
        copy(row->criteria_set, sizeof(row->criteria_set), res, 6);
        copy(row->council_id, sizeof(row->council_id), res, 7);
        copy(row->product_id, sizeof(row->product_id), res, 8);
        copy(row->producer_id, sizeof(row->producer_id), res, 9);
        copy(row->application_id, sizeof(row->application_id), res, 10);
        row->version = strtoll(PQgetvalue(res, 0, 11), NULL, 10);
        row->quorum = strtoll(PQgetvalue(res, 0, 12), NULL, 10);
        row->scoring_members = strtol(PQgetvalue(res, 0, 13), NULL, 10);
        copy(row->starts_on, sizeof(row->starts_on), res, 14);
        copy(row->scoring, sizeof(row->scoring), res, 15);
    }
    PQclear(res);
    return rc;
}

enum oc_err entry_store_rules(PGconn *conn, const struct entry_row *row, json_t **rule_set,
                              json_t **criteria)
{
    const char *rs[] = {row->rule_set};
    *criteria = NULL;
    enum oc_err rc = oc_db_json_row(conn, SQL_SCORING_RULE_SET, 1, rs, rule_set);
    if (rc == OC_OK && row->criteria_set[0] != '\0') {
        const char *cs[] = {row->criteria_set};
        rc = oc_db_json_row(conn, SQL_SCORING_CRITERIA, 1, cs, criteria);
    }
    return rc == OC_NOT_FOUND ? OC_INTERNAL : rc; /* the round's rule set always exists */
}

enum oc_err entry_store_member(PGconn *conn, const struct entry_row *row, const char *member_id,
                               char role[16], int *conflict, long long *sheet_version)
{
    PGresult *res = NULL;
    const char *params[] = {member_id, row->council_id, row->producer_id, row->id};
    enum oc_err rc = oc_db_exec(conn, SQL_MEMBER, 4, params, &res);
    role[0] = '\0';
    *conflict = 0;
    *sheet_version = 0;
    if (rc == OC_OK && PQntuples(res) == 1) {
        copy(role, 16, res, 0);
        *conflict = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
        *sheet_version = strtoll(PQgetvalue(res, 0, 2), NULL, 10);
    }
    PQclear(res);
    return rc;
}

enum oc_err entry_store_put_sheet(PGconn *conn, const char *entry_id, const char *member_id,
                                  const json_t *lines, const json_t *parts, long total,
                                  const char *comment, json_t **out)
{
    char *l = lines != NULL ? json_dumps(lines, JSON_COMPACT) : NULL;
    char *p = json_dumps(parts, JSON_COMPACT);
    char t[16];
    snprintf(t, sizeof(t), "%ld", total);
    const char *params[] = {entry_id, member_id, l, p, t, comment};
    enum oc_err rc = oc_db_json_row(conn, SQL_SHEET_PUT, 6, params, out);
    free(l);
    free(p);
    return rc;
}

enum oc_err entry_store_sheets(PGconn *conn, const char *entry_id, json_t **out)
{
    const char *params[] = {entry_id};
    return oc_db_json_row(conn, SQL_SHEETS, 1, params, out);
}

enum oc_err entry_store_counted_sheets(PGconn *conn, const char *entry_id, json_t **out)
{
    const char *params[] = {entry_id};
    return oc_db_json_row(conn, SQL_COUNTED, 1, params, out);
}

enum oc_err entry_store_finalise(PGconn *conn, const struct entry_row *row, const struct result *r,
                                 const json_t *detail, const struct result_input *d,
                                 const json_t *evidence)
{
    char score[16], band[4], cap[4], stars[4];
    snprintf(score, sizeof(score), "%ld", r->score);
    snprintf(band, sizeof(band), "%d", r->band_stars);
    snprintf(cap, sizeof(cap), "%d", r->cap);
    snprintf(stars, sizeof(stars), "%d", r->stars);
    char *det = json_dumps(detail, JSON_COMPACT);
    char *ev = evidence != NULL ? json_dumps(evidence, JSON_COMPACT) : NULL;
    const char *params[] = {row->id,
                            r->scored ? score : NULL,
                            r->scored ? band : NULL,
                            r->scored ? cap : NULL,
                            r->scored ? stars : NULL,
                            r->outcome,
                            r->potential_5_star ? "true" : "false",
                            r->forwarded_to,
                            det,
                            ev,
                            d->m[RESULT_DECISION_NUMBER].s,
                            d->m[RESULT_DECIDED_ON].s,
                            d->actor};
    enum oc_err rc = oc_db_exec(conn, SQL_FINALISE, 13, params, NULL);
    free(det);
    free(ev);
    return rc;
}

enum oc_err entry_store_withdraw(PGconn *conn, const char *entry_id,
                                 const struct entry_withdrawal *w)
{
    const char *params[] = {entry_id, w->actor, w->m[WITHDRAWAL_REASON].s};
    return oc_db_exec(conn, SQL_WITHDRAW, 3, params, NULL);
}

enum oc_err entry_store_application_ended(PGconn *conn, const char *application_id,
                                          const char *status, const char *event_id)
{
    const char *params[] = {application_id, status, event_id};
    return oc_db_exec(conn, SQL_APPLICATION_ENDED, 3, params, NULL);
}

enum oc_err entry_store_link_certificate(PGconn *conn, const char *entry_id,
                                         const char *certificate_id)
{
    const char *params[] = {entry_id, certificate_id};
    return oc_db_exec(conn, SQL_LINK_CERTIFICATE, 2, params, NULL);
}
