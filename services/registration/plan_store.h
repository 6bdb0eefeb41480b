/* Every SQL statement about plan targets and plan periods. */
#ifndef REG_PLAN_STORE_H
#define REG_PLAN_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "registration/plan.h"

/*
 * Creates the target of t's year, indicator and locality, or replaces it (a
 * new version), and returns its JSON view in *out (caller owns). *created is
 * 1 when there was none before.
 */
enum oc_err plan_store_put(PGconn *conn, const struct plan_target_put *t, json_t **out,
                           int *created);

/*
 * Reads every target of year (4 digits), or of all years when year is NULL,
 * at locality ("" or NULL: the province's), as a JSON array in *out (caller
 * owns), newest year first.
 */
enum oc_err plan_store_list(PGconn *conn, const char *year, const char *locality, json_t **out);

/* Looks locality ("" or NULL: the province) up in the admin units into *kind. */
enum oc_err plan_store_locality_kind(PGconn *conn, const char *locality,
                                     enum plan_locality_kind *kind);

/* Reads every plan period as a JSON array in *out (caller owns), earliest first. */
enum oc_err plan_store_period_list(PGconn *conn, json_t **out);

/*
 * Reads period id with its targets (every year and locality) and each
 * target's actual figure and status, in one read-only snapshot, into *out
 * (caller owns). OC_NOT_FOUND when there is no such period.
 */
enum oc_err plan_store_period_get(PGconn *conn, const char *id, json_t **out);

/*
 * Creates period p when version is NULL (OC_PRECONDITION_REQUIRED when it
 * exists: a change needs If-Match), else replaces it when its version is
 * version (decimal text): OC_PRECONDITION when it is not, OC_NOT_FOUND when
 * there is no such period. Returns its JSON view in *out (caller owns).
 */
enum oc_err plan_store_period_put(PGconn *conn, const struct plan_period_put *p,
                                  const char *version, json_t **out);

#endif
