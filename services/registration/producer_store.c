#include "registration/producer_store.h"

#include "registration/store_util.h"

#define PRODUCER_JSON                                                                              \
    "json_build_object('id', id, 'type', producer_type, 'name', name, 'identifier', identifier,"  \
    " 'representative', representative, 'commune_code', commune_code, 'address', address,"        \
    " 'phone', phone, 'email', email, 'version', version,"                                        \
    " 'created_at', " SQL_TS("created_at") ", 'updated_at', " SQL_TS("updated_at") ")::text"

static const char SQL_PRODUCER_INSERT[] =
    "INSERT INTO producers (producer_type, name, identifier, representative, commune_code,"
    " address, phone, email) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " PRODUCER_JSON;
static const char SQL_PRODUCER_GET[] = "SELECT " PRODUCER_JSON " FROM producers WHERE id = $1";

enum oc_err producer_store_insert(PGconn *conn, const struct producer_new *p, json_t **out)
{
    const char *params[] = {p->type,         p->name,    p->identifier, p->representative,
                            p->commune_code, p->address, p->phone,      p->email};
    return store_json_row(conn, SQL_PRODUCER_INSERT, 8, params, out);
}

enum oc_err producer_store_get(PGconn *conn, const char *id, json_t **out)
{
    const char *params[] = {id};
    return store_json_row(conn, SQL_PRODUCER_GET, 1, params, out);
}
