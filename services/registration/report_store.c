#include "registration/report_store.h"

#include <stdio.h>
#include <string.h>

#include "common/db.h"
#include "registration/plan.h"
#include "registration/report.h"
#include "registration/statistics_store.h"

static const char SQL_SNAPSHOT[] = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

/* clang-format off */
/* The locality $1 as {"code", "name"} (its current name, else its last one). */
static const char SQL_LOCALITY[] =
    "SELECT json_build_object('code', $1::text, 'name', plan_locality_name($1))::text";

/*
 * The recognitions dated $1..$2 at locality $3 (plan_in_locality, migration
 * 0016), from the history: how many; by locality ($4 true: legacy district,
 * else current commune), sector, stars and kind (all three always listed);
 * the list of them; and the certificates revoked in the period (every
 * revocation, from product_revocations of migration 0018, so that a product
 * recognised again later stays in the list). No producer is named: the statistics
 * name none, and a household producer's name is personal data.
 */
static const char SQL_FIGURES[] =
    "WITH r AS (SELECT h.product_id, h.kind, h.stars, h.level, h.number, h.recognised_on,"
    "   p.code, p.name, p.sector, p.commune_code"
    "   FROM product_recognition_history h JOIN products p ON p.id = h.product_id"
    "   WHERE h.recognised_on BETWEEN $1::date AND $2::date"
    "   AND plan_in_locality(p.commune_code, h.recognised_on, $3)),"
    " x AS (SELECT p.id, p.code, p.name, v.stars, v.number, v.revoked_on, v.grounds"
    "   FROM product_revocations v JOIN products p ON p.id = v.product_id"
    "   WHERE v.revoked_on BETWEEN $1::date AND $2::date"
    "   AND plan_in_locality(p.commune_code, v.revoked_on, $3))"
    " SELECT json_build_object('in_period', (SELECT count(*) FROM r),"
    " 'by_locality', (SELECT coalesce(json_agg(json_build_object('key', g.k,"
    "   'name', plan_locality_name(g.k), 'count', g.n) ORDER BY g.k NULLS LAST), '[]')"
    "   FROM (SELECT plan_locality_key(commune_code, recognised_on, $4::boolean) AS k,"
    "   count(*) AS n FROM r GROUP BY 1) g),"
    " 'by_sector', (SELECT coalesce(json_agg(json_build_object('key', g.k, 'count', g.n)"
    "   ORDER BY g.k NULLS LAST), '[]') FROM (SELECT sector AS k, count(*) AS n FROM r"
    "   GROUP BY 1) g),"
    " 'by_stars', (SELECT coalesce(json_agg(json_build_object('key', g.k, 'count', g.n)"
    "   ORDER BY g.k), '[]') FROM (SELECT stars AS k, count(*) AS n FROM r GROUP BY 1) g),"
    " 'by_kind', (SELECT json_agg(json_build_object('key', k.k, 'count',"
    "   (SELECT count(*) FROM r WHERE r.kind = k.k)) ORDER BY k.o)"
    "   FROM (VALUES ('new', 1), ('re_recognition', 2), ('upgrade', 3)) k (k, o)),"
    " 'recognised', (SELECT coalesce(json_agg(json_build_object('product_id', product_id,"
    "   'code', code, 'name', name, 'stars', stars, 'kind', kind, 'level', level,"
    "   'certificate_number', number, 'recognised_on', recognised_on)"
    "   ORDER BY recognised_on, code), '[]') FROM r),"
    " 'revoked', (SELECT coalesce(json_agg(json_build_object('product_id', id, 'code', code,"
    "   'name', name, 'stars', stars, 'certificate_number', number, 'revoked_on', revoked_on,"
    "   'grounds', grounds) ORDER BY revoked_on, code), '[]') FROM x))::text";
/* clang-format on */

/* The actual figure of every indicator at locality into {indicator: value} (caller owns). */
static enum oc_err read_actuals(PGconn *conn, const struct statistics_period *p,
                                const char *locality, json_t **out)
{
    enum oc_err rc = OC_OK;
    *out = json_object();
    for (int i = 0; i < PLAN_INDICATOR_COUNT && rc == OC_OK; i++) {
        json_t *value = NULL;
        rc = statistics_store_actual(conn, i, p->from, p->to, locality, &value);
        if (rc == OC_OK && value != NULL)
            json_object_set_new(*out, plan_indicators[i].name, value);
    }
    return rc;
}

/* The parts of the report, inside the caller's transaction; every pointer owned. */
struct report_parts {
    json_t *locality; /* {"code", "name"}, or NULL for the province */
    json_t *targets;  /* as statistics_store_targets */
    json_t *actuals;  /* {indicator: value} */
    json_t *figures;  /* SQL_FIGURES */
};

static enum oc_err read_parts(PGconn *conn, const struct statistics_period *p, const char *locality,
                              struct report_parts *parts)
{
    enum oc_err rc = OC_OK;
    if (*locality != '\0')
        rc = oc_db_json_row(conn, SQL_LOCALITY, 1, &locality, &parts->locality);
    if (rc == OC_OK)
        rc = statistics_store_targets(conn, p->year, locality, &parts->targets);
    if (rc == OC_OK)
        rc = read_actuals(conn, p, locality, &parts->actuals);
    if (rc == OC_OK) {
        const char *params[] = {p->from, p->to, locality,
                                report_by_district(p->year) ? "true" : "false"};
        rc = oc_db_json_row(conn, SQL_FIGURES, 4, params, &parts->figures);
    }
    return rc;
}

enum oc_err report_store_read(PGconn *conn, const struct statistics_period *p, const char *locality,
                              json_t **out)
{
    struct report_parts parts = {NULL, NULL, NULL, NULL};
    *out = NULL;
    enum oc_err rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = oc_db_exec(conn, SQL_SNAPSHOT, 0, NULL, NULL);
    if (rc == OC_OK)
        rc = read_parts(conn, p, locality, &parts);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    else
        oc_db_rollback(conn);
    if (rc == OC_OK)
        *out = report_document(p, parts.locality,
                               statistics_progress(parts.targets, parts.actuals, NULL),
                               json_incref(parts.figures));
    json_decref(parts.locality);
    json_decref(parts.targets);
    json_decref(parts.actuals);
    json_decref(parts.figures);
    return rc;
}
