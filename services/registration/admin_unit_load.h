/*
 * Start-up load of the administrative units from reference files under the
 * schema folder into table admin_units: by default the whole merged Vĩnh Long
 * province (the former Bến Tre, Trà Vinh and Vĩnh Long, 354 legacy communes
 * and 124 current units); OCOP_ADMIN_UNIT_FILES names other files in the same
 * format, comma-separated, whose records are loaded together (a record that
 * two files give identically is loaded once; two that disagree on a code's
 * dates are refused).
 */
#ifndef REG_ADMIN_UNIT_LOAD_H
#define REG_ADMIN_UNIT_LOAD_H

#include <stddef.h>

#include <libpq-fe.h>

#include "common/err.h"

/* The reference files, relative to the schema folder; the list is the load's key in
 * admin_unit_loads. */
#define ADMIN_UNIT_SOURCES_DEFAULT "reference/admin-units-vinh-long-2025.csv"

/* The files to load: configured (OCOP_ADMIN_UNIT_FILES) unless empty, else
 * ADMIN_UNIT_SOURCES_DEFAULT. */
const char *admin_unit_sources(const char *configured);

/*
 * Reads and checks every file (admin_unit_csv_parse, admin_unit_check on
 * every record, admin_unit_check_set), then, in one transaction on conn (a
 * connection whose search_path is the service's schema, after migrations),
 * replaces the table's content when the files' checksum differs from the one
 * of the last load, and does nothing when it is the same. Concurrent starts
 * load once. Returns OC_OK; OC_DB when the database could not be reached
 * (worth retrying); OC_INTERNAL for a file that cannot be read or breaks a
 * rule, or a failed load, with a message naming the file and line in err. On
 * any failure the table keeps its previous content.
 */
enum oc_err admin_unit_load(PGconn *conn, const char *schema_dir, const char *files, char *err,
                            size_t errlen);

#endif
