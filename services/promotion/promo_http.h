/* Helpers the promotion service's write handlers share. */
#ifndef PROMO_HTTP_H
#define PROMO_HTTP_H

#include <jansson.h>

#include "common/validate.h"
#include "common/write.h"
#include "promotion/resource_store.h"

/* Starts a validator for the rules between members (its body is an empty object it owns). */
void rules_begin(struct oc_v *v);

/*
 * Ends it: returns 1 when no rule was broken; otherwise hands the errors to
 * out with detail and returns 0. v is cleaned either way.
 */
int rules_end(struct oc_v *v, struct oc_write_result *out, const char *detail);

/*
 * Returns 1 when view's "version" is version; otherwise fills out's detail
 * ("the <what> changed since version N; read it again") and returns 0.
 */
int version_ok(const json_t *view, long long version, const char *what,
               struct oc_write_result *out);

/*
 * Locks resource t->id of r for a change (FOR UPDATE) into *view (caller
 * owns) at the version the client read: OC_NOT_FOUND with detail missing
 * ("no <what> has this id"), or OC_PRECONDITION when it changed since
 * (version_ok, naming what).
 */
enum oc_err promo_lock_for_change(PGconn *conn, const struct resource_sql *r,
                                  const struct oc_target *t, const char *missing, const char *what,
                                  json_t **view, struct oc_write_result *out);

/* Sets out to one field error (field, code, message) with detail; returns OC_INVALID. */
enum oc_err field_problem(struct oc_write_result *out, const char *detail, const char *field,
                          const char *code, const char *message);

/* A string member of a JSON object, or NULL. */
const char *str_of(const json_t *object, const char *key);

#endif
