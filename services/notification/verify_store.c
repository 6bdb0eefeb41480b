#include "notification/verify_store.h"

#include "common/db.h"

/*
 * A certificate with what the public may know of its product and producer
 * (the public name: NULL for a household), and the number of the product's
 * certificate issued after it, if any: a later issued_on, or, for one the
 * registry marked superseded, the newest other one issued the same day or
 * later.
 */
static const char SQL_VERIFY_GET[] =
    "SELECT json_build_object('number', c.number, 'product_code', c.product_code,"
    " 'product_name', p.name, 'producer_public_name', r.public_name, 'stars', c.stars,"
    " 'level', c.level, 'rule_set', c.rule_set, 'decision_number', c.decision_number,"
    " 'issued_on', c.issued_on, 'expires_on', c.expires_on, 'status', c.status,"
    " 'reason', c.reason, 'change_decision', c.change_decision, 'changed_on', c.changed_on,"
    " 'change_decision_date', f.change_decision_date,"
    " 'superseded_by', (SELECT n.number FROM certificates n WHERE n.product_id = c.product_id"
    " AND n.certificate_id <> c.certificate_id AND (n.issued_on > c.issued_on"
    " OR (c.status = 'superseded' AND n.issued_on >= c.issued_on))"
    " ORDER BY n.issued_on DESC, n.number DESC LIMIT 1))::text"
    " FROM certificates c LEFT JOIN products p ON p.product_id = c.product_id"
    " LEFT JOIN producers r ON r.producer_id = p.producer_id"
    " LEFT JOIN public_certificate_force f ON f.certificate_id = c.certificate_id"
    " WHERE c.number = $1";

static const char SQL_VERIFY_EXISTS[] = "SELECT 1 FROM certificates WHERE number = $1";

enum oc_err verify_store_get(PGconn *conn, const char *number, json_t **out)
{
    const char *params[] = {number};
    return oc_db_json_row(conn, SQL_VERIFY_GET, 1, params, out);
}

enum oc_err verify_store_exists(PGconn *conn, const char *number, int *found)
{
    PGresult *res = NULL;
    const char *params[] = {number};
    enum oc_err rc = oc_db_exec(conn, SQL_VERIFY_EXISTS, 1, params, &res);
    *found = rc == OC_OK && PQntuples(res) > 0;
    PQclear(res);
    return rc;
}
