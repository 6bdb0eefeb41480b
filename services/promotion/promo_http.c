#include "promotion/promo_http.h"

#include <stdio.h>

void rules_begin(struct oc_v *v)
{
    oc_v_init(v, json_object());
}

int rules_end(struct oc_v *v, struct oc_write_result *out, const char *detail)
{
    int ok = oc_v_ok(v);
    if (!ok) {
        out->errors = oc_v_take_errors(v);
        snprintf(out->detail, sizeof(out->detail), "%s", detail);
    }
    json_decref(v->body);
    oc_v_clean(v);
    return ok;
}

int version_ok(const json_t *view, long long version, const char *what, struct oc_write_result *out)
{
    if (json_integer_value(json_object_get(view, "version")) == version)
        return 1;
    oc_write_stale(out, what, version);
    return 0;
}

enum oc_err promo_lock_for_change(PGconn *conn, const struct resource_sql *r,
                                  const struct oc_target *t, const char *missing, const char *what,
                                  json_t **view, struct oc_write_result *out)
{
    enum oc_err rc = resource_store_lock(conn, r, t->id, 1, view);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "%s", missing);
    if (rc == OC_OK && !version_ok(*view, t->version, what, out))
        rc = OC_PRECONDITION;
    return rc;
}

enum oc_err field_problem(struct oc_write_result *out, const char *detail, const char *field,
                          const char *code, const char *message)
{
    return oc_write_refuse(out, OC_INVALID, detail, field, code, message);
}

const char *str_of(const json_t *object, const char *key)
{
    return json_string_value(json_object_get(object, key));
}
