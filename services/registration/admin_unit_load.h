/*
 * Start-up load of the administrative units from the reference file
 * <schema_dir>/reference/admin-units-tra-vinh.csv into table admin_units.
 */
#ifndef REG_ADMIN_UNIT_LOAD_H
#define REG_ADMIN_UNIT_LOAD_H

#include <stddef.h>

#include <libpq-fe.h>

#include "common/err.h"

/* The reference file, relative to the schema folder; also its key in admin_unit_loads. */
#define ADMIN_UNIT_SOURCE "reference/admin-units-tra-vinh.csv"

/*
 * Reads and checks the whole file (admin_unit_csv_parse, admin_unit_check on
 * every record, admin_unit_check_set), then, in one transaction on conn (a
 * connection whose search_path is the service's schema, after migrations),
 * replaces the table's content when the file's checksum differs from the one
 * of the last load, and does nothing when it is the same. Concurrent starts
 * load once. Returns OC_OK; OC_DB when the database could not be reached
 * (worth retrying); OC_INTERNAL for a file that cannot be read or breaks a
 * rule, or a failed load, with a message naming the file and line in err. On
 * any failure the table keeps its previous content.
 */
enum oc_err admin_unit_load(PGconn *conn, const char *schema_dir, char *err, size_t errlen);

#endif
