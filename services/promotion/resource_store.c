#include "promotion/resource_store.h"

#include <assert.h>

#include "common/db.h"

/*
 * Fills params with values' members as r's list names them (all in table
 * order when members is NULL), after skip leading slots; returns how many
 * parameters there are in all.
 */
static int bind(const struct resource_sql *r, const int *members,
                const struct oc_field_value *values, struct oc_field_param *buf,
                const char **params, int skip)
{
    const char *all[RESOURCE_MEMBERS_MAX];
    assert(r->n <= RESOURCE_MEMBERS_MAX);
    oc_fields_params(r->fields, r->n, values, buf, all);
    int count = skip;
    for (size_t i = 0; members != NULL ? members[i] != RESOURCE_END : i < r->n; i++)
        params[count++] = all[members != NULL ? (size_t)members[i] : i];
    return count;
}

enum oc_err resource_store_insert(PGconn *conn, const struct resource_sql *r,
                                  const struct oc_field_value *values, json_t **out)
{
    struct oc_field_param buf[RESOURCE_MEMBERS_MAX];
    const char *params[RESOURCE_MEMBERS_MAX];
    int n = bind(r, r->insert_members, values, buf, params, 0);
    return oc_db_json_row(conn, r->insert, n, params, out);
}

enum oc_err resource_store_get(PGconn *conn, const struct resource_sql *r, const char *id,
                               json_t **out)
{
    const char *params[] = {id};
    return oc_db_json_row(conn, r->get, 1, params, out);
}

enum oc_err resource_store_lock(PGconn *conn, const struct resource_sql *r, const char *id,
                                int exclusive, json_t **out)
{
    const char *params[] = {id};
    assert(exclusive || r->share != NULL);
    return oc_db_json_row(conn, exclusive ? r->lock : r->share, 1, params, out);
}

enum oc_err resource_store_update(PGconn *conn, const struct resource_sql *r, const char *id,
                                  const struct oc_field_value *values, json_t **out)
{
    struct oc_field_param buf[RESOURCE_MEMBERS_MAX];
    const char *params[RESOURCE_MEMBERS_MAX + 1];
    params[0] = id;
    int n = bind(r, r->update_members, values, buf, params, 1);
    return out != NULL ? oc_db_json_row(conn, r->update, n, params, out)
                       : oc_db_exec(conn, r->update, n, params, NULL);
}
