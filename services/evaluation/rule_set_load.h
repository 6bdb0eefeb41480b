/*
 * Start-up load of the rule sets and criteria sets from the reference files
 * into the tables of migration 0003:
 *   <schema_dir>/reference/rule-sets/<id>.json   one file per rule set
 *   <schema_dir>/reference/criteria/<name>.json  the criteria indexes the rule
 *                                                sets name, and the detail files
 *                                                the indexes name
 * Files in criteria/ below the top level (criteria/source/) are not read.
 */
#ifndef EVAL_RULE_SET_LOAD_H
#define EVAL_RULE_SET_LOAD_H

#include <stddef.h>

#include <libpq-fe.h>

#include "common/err.h"

/* The folders, relative to the schema folder; their pair is the key in rule_set_loads. */
#define RULE_SET_DIR    "reference/rule-sets"
#define CRITERIA_DIR    "reference/criteria"
#define RULE_SET_SOURCE RULE_SET_DIR " + " CRITERIA_DIR

/*
 * Reads and checks every file (rule_set_parse and rule_set_check_all on the
 * rule sets, criteria_index_parse and criteria_detail_check on the criteria
 * files; a rule set file is named <id>.json; every .json file in criteria/ is
 * named by an index or a rule set), then, in one transaction on conn (a
 * connection whose search_path is the service's schema, after migrations),
 * replaces the tables' content when the files' checksum differs from the one
 * of the last load, and does nothing when it is the same. Concurrent starts
 * load once. Returns OC_OK; OC_DB when the database could not be reached
 * (worth retrying); OC_INTERNAL for a file that cannot be read or breaks a
 * rule, or a failed load, with a message naming the file and the problem in
 * err. On any failure the tables keep their previous content.
 */
enum oc_err rule_set_load(PGconn *conn, const char *schema_dir, char *err, size_t errlen);

#endif
