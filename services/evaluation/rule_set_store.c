#include "evaluation/rule_set_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "common/log.h"

/*
 * The SQL below is built from object-like macros only: clang-format keeps a
 * concatenation of literals and plain names as written.
 */

/* ---- reads ---------------------------------------------------------------------------------- */

/* The parts of the rule set named by column rule_set of p as [{code, name_vi, ...}]. */
#define SQL_PARTS                                                                                  \
    "(SELECT json_agg(json_build_object('code', p.code, 'name_vi', p.name_vi,"                     \
    " 'name_en', p.name_en, 'max_points', p.max_points) ORDER BY p.position)"                      \
    " FROM rule_set_parts p WHERE p.rule_set = "

/* The members of a rule set r shared by the listing and the detail. */
#define SQL_RULE_SET_FIELDS                                                                        \
    "'id', r.id, 'decision', r.decision, 'decision_date', r.decision_date, 'title', r.title,"      \
    " 'confirmed', r.confirmed, 'valid_from', r.valid_from, 'valid_to', r.valid_to,"               \
    " 'amends', r.amends, 'replaces', r.replaces, 'criteria_from', r.criteria_from,"               \
    " 'parts', " SQL_PARTS "r.id),"                                                                \
    " 'star_bands', (SELECT json_agg(json_build_object('stars', b.stars,"                          \
    "   'min_score', b.min_score, 'max_score', b.max_score) ORDER BY b.stars)"                     \
    "   FROM rule_set_star_bands b WHERE b.rule_set = r.id),"                                      \
    " 'recognition', (SELECT json_agg(json_build_object('level', l.level, 'role', l.role,"         \
    "   'stars', to_json(l.stars)) ORDER BY l.position)"                                           \
    "   FROM rule_set_levels l WHERE l.rule_set = r.id),"                                          \
    " 'potential_5_star', CASE WHEN r.potential_level IS NOT NULL THEN"                            \
    "   json_build_object('level', r.potential_level, 'min_score', r.potential_min_score,"         \
    "   'forwarded_to', r.potential_forwarded_to) END,"                                            \
    " 'certificate_validity_months', r.certificate_validity_months,"                               \
    " 'min_rounds_per_year', r.min_rounds_per_year,"                                               \
    " 'criteria_set_count', (SELECT count(*) FROM criteria_sets c"                                 \
    "   WHERE c.rule_set = r.criteria_from)"

static const char SQL_RULE_SET_LIST[] =
    "SELECT json_build_object(" SQL_RULE_SET_FIELDS ")::text, r.position, r.id FROM rule_sets r"
    " WHERE ($1::date IS NULL OR (r.confirmed"
    "   AND daterange(r.valid_from, r.valid_to, '[]') @> $1::date))"
    " AND ($2::int IS NULL OR r.position > $2::int)"
    " ORDER BY r.position LIMIT $3::int";

static const char SQL_RULE_SET_GET[] =
    "SELECT json_build_object(" SQL_RULE_SET_FIELDS ", 'sources', r.sources,"
    " 'confidence', r.confidence, 'notes', r.notes, 'source_file', r.source_file)::text"
    " FROM rule_sets r WHERE r.id = $1";

/* The members of a criteria set c shared by the listing and the detail. */
#define SQL_CRITERIA_SET_FIELDS                                                                    \
    "'id', c.id, 'rule_set', c.rule_set, 'number', c.number,"                                      \
    " 'sector', json_build_object('code', c.sector, 'name_en', c.sector_name_en),"                 \
    " 'name_en', c.name_en, 'name_vi', c.name_vi, 'detailed', c.detailed,"                         \
    " 'detail_note', c.detail_note, 'confidence', c.confidence,"                                   \
    " 'criteria_count', c.criteria_count, 'option_count', c.option_count"

static const char SQL_CRITERIA_SET_LIST[] =
    "SELECT json_build_object(" SQL_CRITERIA_SET_FIELDS ", 'parts', " SQL_PARTS "c.rule_set))"
    "::text, c.position, c.id FROM criteria_sets c"
    " WHERE ($1::text IS NULL OR c.rule_set ="
    "   (SELECT r.criteria_from FROM rule_sets r WHERE r.id = $1))"
    " AND ($2::boolean IS NULL OR c.detailed = $2::boolean)"
    " AND ($3::int IS NULL OR c.position > $3::int)"
    " ORDER BY c.position LIMIT $4::int";

/* The options of criterion k. */
#define SQL_OPTIONS                                                                                \
    "(SELECT json_agg(json_build_object('position', o.position, 'label_vi', o.label_vi,"           \
    " 'points', o.points, 'star_marker', o.star_marker,"                                           \
    " 'text_truncated_in_source', o.text_truncated_in_source) ORDER BY o.position)"                \
    " FROM criteria_options o WHERE o.criteria_set = k.criteria_set"                               \
    " AND o.criterion_code = k.code)"

/* The criteria of group g, each with its options. */
#define SQL_CRITERIA                                                                               \
    "(SELECT json_agg(json_build_object('code', k.code, 'name_vi', k.name_vi,"                     \
    " 'name_en', k.name_en, 'max_points', k.max_points,"                                           \
    " 'mandatory_for_stars', to_json(k.mandatory_for_stars),"                                      \
    " 'min_points_for_stars', k.min_points_for_stars,"                                             \
    " 'criterion_marked_mandatory', k.criterion_marked_mandatory, 'notes_vi', k.notes_vi,"         \
    " 'options', " SQL_OPTIONS ") ORDER BY k.position)"                                            \
    " FROM criteria k WHERE k.criteria_set = g.criteria_set AND k.group_code = g.code)"

/* The groups of part p of criteria set c, each with its criteria; [] without detail. */
#define SQL_GROUPS                                                                                 \
    "coalesce((SELECT json_agg(json_build_object('code', g.code, 'name_vi', g.name_vi,"            \
    " 'name_en', g.name_en, 'max_points', g.max_points, 'criteria', " SQL_CRITERIA ")"             \
    " ORDER BY g.position) FROM criteria_groups g"                                                 \
    " WHERE g.criteria_set = c.id AND g.part_code = p.code), '[]')"

static const char SQL_CRITERIA_SET_GET[] =
    "SELECT json_build_object(" SQL_CRITERIA_SET_FIELDS ","
    " 'parts', (SELECT json_agg(json_build_object('code', p.code, 'name_vi', p.name_vi,"
    "   'name_en', p.name_en, 'max_points', p.max_points, 'groups', " SQL_GROUPS ")"
    "   ORDER BY p.position) FROM rule_set_parts p WHERE p.rule_set = c.rule_set),"
    " 'provenance', c.provenance, 'index_file', c.index_file,"
    " 'detail_file', c.detail_file)::text"
    " FROM criteria_sets c WHERE c.id = $1";

/* ---- loading -------------------------------------------------------------------------------- */

/* Options, criteria and groups go with their criteria set (ON DELETE CASCADE). */
static const char SQL_CRITERIA_SETS_DELETE[] = "DELETE FROM criteria_sets";
static const char SQL_RULE_SETS_DELETE[] = "DELETE FROM rule_sets";

/* $1 is a rule set file's text, $2 its position, $3 its path. */
static const char SQL_RULE_SET_INSERT[] =
    "INSERT INTO rule_sets (id, position, decision, decision_date, title, confirmed,"
    " valid_from, valid_to, amends, replaces, criteria_from, potential_level,"
    " potential_min_score, potential_forwarded_to, certificate_validity_months,"
    " min_rounds_per_year, source_file, sources, confidence, notes)"
    " SELECT j->>'id', $2::int, j->>'decision', (j->>'decision_date')::date, j->>'title',"
    " (j->>'confirmed')::boolean, (j->>'valid_from')::date, (j->>'valid_to')::date,"
    " j->>'amends', j->>'replaces', j->>'criteria_from', j->'potential_5_star'->>'level',"
    " (j->'potential_5_star'->>'min_score')::int, j->'potential_5_star'->>'forwarded_to',"
    " (j->>'certificate_validity_months')::int, (j->>'min_rounds_per_year')::int, $3,"
    " j->'sources', j->'confidence',"
    " CASE jsonb_typeof(j->'notes') WHEN 'array' THEN j->'notes' ELSE '[]'::jsonb END"
    " FROM (SELECT $1::jsonb AS j) d";
static const char SQL_PARTS_INSERT[] =
    "INSERT INTO rule_set_parts (rule_set, position, code, name_vi, name_en, max_points)"
    " SELECT $1::jsonb->>'id', e.n, e.v->>'code', e.v->>'name_vi', e.v->>'name_en',"
    " (e.v->>'max_points')::int"
    " FROM jsonb_array_elements($1::jsonb->'parts') WITH ORDINALITY AS e (v, n)";
static const char SQL_BANDS_INSERT[] =
    "INSERT INTO rule_set_star_bands (rule_set, stars, min_score, max_score)"
    " SELECT $1::jsonb->>'id', (e.v->>'stars')::int, (e.v->>'min_score')::int,"
    " (e.v->>'max_score')::int"
    " FROM jsonb_array_elements($1::jsonb->'star_bands') AS e (v)";
static const char SQL_LEVELS_INSERT[] =
    "INSERT INTO rule_set_levels (rule_set, position, level, role, stars)"
    " SELECT $1::jsonb->>'id', e.n, e.v->>'level', e.v->>'role',"
    " ARRAY(SELECT s::int FROM jsonb_array_elements_text(e.v->'stars') AS s)"
    " FROM jsonb_array_elements($1::jsonb->'recognition') WITH ORDINALITY AS e (v, n)";

static const char SQL_CRITERIA_SETS_INSERT[] =
    "INSERT INTO criteria_sets (id, rule_set, number, position, sector, sector_name_en,"
    " name_en, name_vi, detailed, detail_note, confidence, criteria_count, option_count,"
    " index_file, detail_file, provenance)"
    " SELECT r.id, r.rule_set, r.number, r.position, r.sector, r.sector_name_en, r.name_en,"
    " r.name_vi, r.detailed, r.detail_note, r.confidence, r.criteria_count, r.option_count,"
    " r.index_file, r.detail_file, r.provenance"
    " FROM jsonb_to_recordset($1::jsonb) AS r (id text, rule_set text, number int,"
    " position int, sector text, sector_name_en text, name_en text, name_vi text,"
    " detailed boolean, detail_note text, confidence text, criteria_count int,"
    " option_count int, index_file text, detail_file text, provenance jsonb)";

/* The parts of a detail file ($2) and, within each, its groups and criteria in order. */
#define SQL_DETAIL_PARTS "jsonb_array_elements($2::jsonb->'parts') WITH ORDINALITY AS p (v, n)"
#define SQL_DETAIL_GROUPS                                                                          \
    SQL_DETAIL_PARTS ", jsonb_array_elements(p.v->'groups') WITH ORDINALITY AS g (v, n)"
#define SQL_DETAIL_CRITERIA                                                                        \
    SQL_DETAIL_PARTS ", jsonb_array_elements(p.v->'criteria') WITH ORDINALITY AS k (v, n)"

static const char SQL_GROUPS_INSERT[] =
    "INSERT INTO criteria_groups (criteria_set, code, part_code, position, name_vi, name_en,"
    " max_points)"
    " SELECT $1, g.v->>'code', p.v->>'code', row_number() OVER (ORDER BY p.n, g.n),"
    " g.v->>'name_vi', g.v->>'name_en', (g.v->>'max_points')::int FROM " SQL_DETAIL_GROUPS;
static const char SQL_CRITERIA_INSERT[] =
    "INSERT INTO criteria (criteria_set, code, group_code, part_code, position, name_vi,"
    " name_en, max_points, mandatory_for_stars, min_points_for_stars,"
    " criterion_marked_mandatory, notes_vi)"
    " SELECT $1, k.v->>'code', k.v->>'group_code', p.v->>'code',"
    " row_number() OVER (ORDER BY p.n, k.n), k.v->>'name_vi', k.v->>'name_en',"
    " (k.v->>'max_points')::int,"
    " ARRAY(SELECT s::int FROM jsonb_array_elements_text(CASE"
    "   jsonb_typeof(k.v->'mandatory_for_stars') WHEN 'array'"
    "   THEN k.v->'mandatory_for_stars' ELSE '[]'::jsonb END) AS s),"
    " CASE jsonb_typeof(k.v->'min_points_for_stars') WHEN 'object'"
    "   THEN k.v->'min_points_for_stars' ELSE '{}'::jsonb END,"
    " (k.v->>'criterion_marked_mandatory')::int,"
    " CASE jsonb_typeof(k.v->'notes_vi') WHEN 'array' THEN k.v->'notes_vi' ELSE '[]'::jsonb END"
    " FROM " SQL_DETAIL_CRITERIA;
static const char SQL_OPTIONS_INSERT[] =
    "INSERT INTO criteria_options (criteria_set, criterion_code, position, label_vi, points,"
    " star_marker, text_truncated_in_source)"
    " SELECT $1, k.v->>'code', o.n, o.v->>'label_vi', (o.v->>'points')::int,"
    " (o.v->>'star_marker')::int, coalesce((o.v->>'text_truncated_in_source')::boolean, false)"
    " FROM " SQL_DETAIL_CRITERIA ","
    " jsonb_array_elements(k.v->'options') WITH ORDINALITY AS o (v, n)";

/* ---- reads ---------------------------------------------------------------------------------- */

/*
 * Runs a listing whose rows are (JSON text, position, id), oc_db_json_page's
 * shape, and which asks for limit + 1 rows; fills *items and *next
 * ({"p": position of the last item}).
 */
static enum oc_err position_page(PGconn *conn, const char *sql, int n, const char *const *params,
                                 int limit, json_t **items, json_t **next)
{
    json_t *cursor = NULL;
    enum oc_err rc = oc_db_json_page(conn, sql, n, params, limit, items, &cursor);
    *next = cursor ? json_pack("{s:O}", "p", json_object_get(cursor, "t")) : NULL;
    json_decref(cursor);
    if (rc != OC_OK) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}

enum oc_err rule_set_store_list(PGconn *conn, const void *filter, int limit, json_t **items,
                                json_t **next)
{
    const struct rule_set_filter *f = filter;
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", limit + 1);
    const char *params[] = {f->valid_on, f->after, lim};
    return position_page(conn, SQL_RULE_SET_LIST, 3, params, limit, items, next);
}

enum oc_err criteria_set_store_list(PGconn *conn, const void *filter, int limit, json_t **items,
                                    json_t **next)
{
    const struct criteria_set_filter *f = filter;
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", limit + 1);
    const char *params[] = {f->rule_set, f->detailed, f->after, lim};
    return position_page(conn, SQL_CRITERIA_SET_LIST, 4, params, limit, items, next);
}

enum oc_err rule_set_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_RULE_SET_GET, 1, params, out);
}

enum oc_err criteria_set_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, SQL_CRITERIA_SET_GET, 1, params, out);
}

/* ---- loading -------------------------------------------------------------------------------- */

enum oc_err rule_set_store_clear(PGconn *conn)
{
    enum oc_err rc = oc_db_exec(conn, SQL_CRITERIA_SETS_DELETE, 0, NULL, NULL);
    return rc == OC_OK ? oc_db_exec(conn, SQL_RULE_SETS_DELETE, 0, NULL, NULL) : rc;
}

/* Runs an INSERT and checks that it wrote want rows; what names the rows in the log. */
static enum oc_err insert_rows(PGconn *conn, const char *sql, int n, const char *const *params,
                               size_t want, const char *what)
{
    PGresult *res = NULL;
    char count[24];
    snprintf(count, sizeof(count), "%zu", want);
    enum oc_err rc = oc_db_exec(conn, sql, n, params, &res);
    if (rc == OC_OK && strcmp(PQcmdTuples(res), count) != 0) {
        oc_log(OC_LOG_ERROR, "inserted %s %s instead of %s", PQcmdTuples(res), what, count);
        rc = OC_INTERNAL;
    }
    PQclear(res);
    return rc;
}

enum oc_err rule_set_store_insert(PGconn *conn, const struct rule_set *rs, const char *text,
                                  int position, const char *source_file)
{
    char pos[16];
    snprintf(pos, sizeof(pos), "%d", position);
    const char *params[] = {text, pos, source_file};
    enum oc_err rc = insert_rows(conn, SQL_RULE_SET_INSERT, 3, params, 1, "rule sets");
    if (rc == OC_OK)
        rc = insert_rows(conn, SQL_PARTS_INSERT, 1, params, rs->nparts, "parts");
    if (rc == OC_OK)
        rc = insert_rows(conn, SQL_BANDS_INSERT, 1, params, rs->nbands, "star bands");
    if (rc == OC_OK)
        rc = insert_rows(conn, SQL_LEVELS_INSERT, 1, params, rs->nlevels, "levels");
    return rc;
}

enum oc_err criteria_set_store_insert(PGconn *conn, const char *rows, size_t n)
{
    const char *params[] = {rows};
    return insert_rows(conn, SQL_CRITERIA_SETS_INSERT, 1, params, n, "criteria sets");
}

enum oc_err criteria_set_store_detail(PGconn *conn, const char *id, const char *text,
                                      const struct criteria_counts *c)
{
    const char *params[] = {id, text};
    enum oc_err rc = insert_rows(conn, SQL_GROUPS_INSERT, 2, params, c->groups, "groups");
    if (rc == OC_OK)
        rc = insert_rows(conn, SQL_CRITERIA_INSERT, 2, params, c->criteria, "criteria");
    if (rc == OC_OK)
        rc = insert_rows(conn, SQL_OPTIONS_INSERT, 2, params, c->options, "options");
    return rc;
}
