/* Every SQL statement behind GET /v1/reports/{year}. */
#ifndef REG_REPORT_STORE_H
#define REG_REPORT_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "registration/statistics.h"

/*
 * Reads the report of period p at locality ("" for the province; a legacy
 * district or current commune code already judged by plan_locality_errors) in
 * one read-only snapshot and builds it with report_document into *out
 * (caller owns).
 */
enum oc_err report_store_read(PGconn *conn, const struct statistics_period *p, const char *locality,
                              json_t **out);

#endif
