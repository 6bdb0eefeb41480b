/* Loads commune codes then and now from the reference file at start-up. */
#ifndef PROMO_COMMUNE_LOAD_H
#define PROMO_COMMUNE_LOAD_H

#include <stddef.h>

#include <libpq-fe.h>

#include "common/err.h"

/*
 * The reference files, relative to OCOP_SCHEMA_DIR: OCOP_ADMIN_UNIT_FILES
 * (comma-separated), as registration loads them, else this default.
 */
#define COMMUNE_SOURCES_DEFAULT "reference/admin-units-vinh-long-2025.csv"

/*
 * Reads the reference files under schema_dir (files, OCOP_ADMIN_UNIT_FILES, unless empty;
 * else COMMUNE_SOURCES_DEFAULT) and replaces the communes table with what
 * it says, in one transaction on conn (no transaction may be open). Returns
 * OC_OK; OC_DB when the database failed (the start is retried); another error
 * with the reason in err when the file is missing or malformed (the table is
 * left as it was and the service does not start).
 */
enum oc_err commune_load(PGconn *conn, const char *schema_dir, const char *files, char *err,
                         size_t errlen);

#endif
