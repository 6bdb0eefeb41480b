/* Every SQL statement about plan targets. */
#ifndef REG_PLAN_STORE_H
#define REG_PLAN_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "registration/plan.h"

/*
 * Creates the target of t's year and indicator, or replaces it (a new
 * version), and returns its JSON view in *out (caller owns). *created is 1
 * when there was none before.
 */
enum oc_err plan_store_put(PGconn *conn, const struct plan_target_put *t, json_t **out,
                           int *created);

/*
 * Reads every target of year (4 digits), or of all years when year is NULL,
 * as a JSON array in *out (caller owns), newest year first.
 */
enum oc_err plan_store_list(PGconn *conn, const char *year, json_t **out);

#endif
