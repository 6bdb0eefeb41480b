#include "notification/read_model_store.h"

#include <stdio.h>
#include <string.h>

#include "common/db.h"

static const char SQL_PRODUCER[] =
    "INSERT INTO producers (producer_id, type, public_name, commune_code, version)"
    " VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (producer_id) DO UPDATE SET type = EXCLUDED.type,"
    " public_name = EXCLUDED.public_name, commune_code = EXCLUDED.commune_code,"
    " version = EXCLUDED.version WHERE producers.version < EXCLUDED.version";

/* A producer first seen in a product event: version 0, so its own event replaces it. */
static const char SQL_PRODUCER_SEEN[] =
    "INSERT INTO producers (producer_id, type, public_name, commune_code, version)"
    " VALUES ($1, $2, $3, $4, 0) ON CONFLICT (producer_id) DO NOTHING";

static const char SQL_PRODUCT[] =
    "INSERT INTO products (product_id, code, name, producer_id, sector, commune_code, status,"
    " version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (product_id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name,"
    " producer_id = EXCLUDED.producer_id, sector = EXCLUDED.sector,"
    " commune_code = EXCLUDED.commune_code, status = EXCLUDED.status,"
    " version = EXCLUDED.version WHERE products.version < EXCLUDED.version";

static const char SQL_CERTIFICATE[] =
    "INSERT INTO certificates (certificate_id, number, product_id, product_code, stars, status,"
    " rule_set, level, decision_number, issued_on, expires_on, version, reason,"
    " change_decision, changed_on)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
    " ON CONFLICT (certificate_id) DO UPDATE SET number = EXCLUDED.number,"
    " product_code = EXCLUDED.product_code, stars = EXCLUDED.stars, status = EXCLUDED.status,"
    " rule_set = EXCLUDED.rule_set, level = EXCLUDED.level,"
    " decision_number = EXCLUDED.decision_number, issued_on = EXCLUDED.issued_on,"
    " expires_on = EXCLUDED.expires_on, version = EXCLUDED.version,"
    " reason = COALESCE(EXCLUDED.reason, certificates.reason),"
    " change_decision = COALESCE(EXCLUDED.change_decision, certificates.change_decision),"
    " changed_on = COALESCE(EXCLUDED.changed_on, certificates.changed_on), updated_at = now()"
    " WHERE certificates.version < EXCLUDED.version";

static const char SQL_PRODUCT_PRODUCER[] = "SELECT producer_id FROM products WHERE product_id = $1";

enum oc_err read_model_store_producer(PGconn *conn, const struct oc_producer_registered *p)
{
    char version[24];
    snprintf(version, sizeof(version), "%lld", p->version);
    const char *params[] = {p->producer_id, p->type, oc_producer_public_name(p->type, p->name),
                            p->commune_code, version};
    return oc_db_exec(conn, SQL_PRODUCER, 5, params, NULL);
}

enum oc_err read_model_store_product(PGconn *conn, const struct oc_product_registered *p)
{
    char version[24];
    snprintf(version, sizeof(version), "%lld", p->version);
    const char *producer[] = {p->producer_id, p->producer_type,
                              oc_producer_public_name(p->producer_type, p->producer_name),
                              p->commune_code};
    const char *params[] = {p->product_id, p->code,         p->name,   p->producer_id,
                            p->sector,     p->commune_code, p->status, version};
    enum oc_err rc = oc_db_exec(conn, SQL_PRODUCER_SEEN, 4, producer, NULL);
    return rc == OC_OK ? oc_db_exec(conn, SQL_PRODUCT, 8, params, NULL) : rc;
}

enum oc_err read_model_store_certificate(PGconn *conn, const struct read_model_certificate *c)
{
    char stars[8], version[24];
    snprintf(stars, sizeof(stars), "%lld", c->stars);
    snprintf(version, sizeof(version), "%lld", c->version);
    const char *params[] = {
        c->certificate_id, c->number,   c->product_id, c->product_code,    stars,
        c->status,         c->rule_set, c->level,      c->decision_number, c->issued_on,
        c->expires_on,     version,     c->reason,     c->change_decision, c->changed_on};
    return oc_db_exec(conn, SQL_CERTIFICATE, 15, params, NULL);
}

enum oc_err read_model_store_product_producer(PGconn *conn, const char *product_id, char *out,
                                              int *found)
{
    PGresult *res = NULL;
    const char *params[] = {product_id};
    enum oc_err rc = oc_db_exec(conn, SQL_PRODUCT_PRODUCER, 1, params, &res);
    *found = rc == OC_OK && PQntuples(res) == 1;
    if (*found)
        snprintf(out, 37, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return rc;
}

static int type_is(const struct oc_event_in *ev, const char *type)
{
    return strcmp(ev->type, type) == 0;
}

enum oc_err read_model_store_apply(PGconn *conn, const struct oc_event_in *ev, char *err,
                                   size_t errlen)
{
    if (type_is(ev, "ocop.registration.producer.registered.v1") ||
        type_is(ev, "ocop.registration.producer.updated.v1")) {
        struct oc_producer_registered p;
        enum oc_err rc = oc_producer_registered_parse(ev->data, &p, err, errlen);
        return rc == OC_OK ? read_model_store_producer(conn, &p) : rc;
    }
    if (type_is(ev, "ocop.registration.product.registered.v1") ||
        type_is(ev, "ocop.registration.product.updated.v1")) {
        struct oc_product_registered p;
        enum oc_err rc = oc_product_registered_parse(ev->data, &p, err, errlen);
        return rc == OC_OK ? read_model_store_product(conn, &p) : rc;
    }
    if (strncmp(ev->type, "ocop.evaluation.certificate.", 28) == 0) {
        struct read_model_certificate c;
        enum oc_err rc = read_model_certificate_parse(ev->data, &c, err, errlen);
        return rc == OC_OK ? read_model_store_certificate(conn, &c) : rc;
    }
    return OC_OK;
}
