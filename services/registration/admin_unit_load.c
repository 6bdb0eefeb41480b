#include "registration/admin_unit_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/db.h"
#include "common/file.h"
#include "common/log.h"
#include "common/validate.h"
#include "registration/admin_unit.h"
#include "registration/admin_unit_store.h"

#define FILE_MAX_BYTES (4 << 20)

/* Reads the whole file as UTF-8 text (caller frees); NULL with a message when it cannot. */
static char *file_read(const char *path, char *err, size_t errlen)
{
    char why[64];
    size_t n = 0;
    char *text = oc_file_read(path, FILE_MAX_BYTES, &n, why, sizeof(why));
    if (text != NULL && !oc_utf8_ok(text, n)) {
        snprintf(why, sizeof(why), "is not UTF-8 text");
        free(text);
        text = NULL;
    }
    if (text == NULL)
        snprintf(err, errlen, "administrative units not loaded: \"%s\" %s", path, why);
    return text;
}

/*
 * Parses and checks a copy of text into *units (caller frees; the strings
 * point into *copy, which the caller frees too). Returns 1, or 0 with a
 * message naming the line in err.
 */
static int units_read(const char *path, const char *text, char **copy, struct admin_unit **units,
                      size_t *n, char *err, size_t errlen)
{
    char msg[512];
    *copy = oc_xstrdup(text);
    if (!admin_unit_csv_parse(*copy, units, n, msg, sizeof(msg))) {
        snprintf(err, errlen, "administrative units not loaded: %s: %s", path, msg);
        return 0;
    }
    for (size_t i = 0; i < *n; i++) {
        if (!admin_unit_check(&(*units)[i], msg, sizeof(msg))) {
            snprintf(err, errlen, "administrative units not loaded: %s: line %zu: %s", path, i + 2,
                     msg);
            return 0;
        }
    }
    size_t bad = admin_unit_check_set(*units, *n, msg, sizeof(msg));
    if (bad < *n) {
        snprintf(err, errlen, "administrative units not loaded: %s: line %zu: %s", path, bad + 2,
                 msg);
        return 0;
    }
    return 1;
}

/* Replaces the table's content when text changed, in one transaction. */
static enum oc_err units_store(PGconn *conn, const struct admin_unit *units, size_t n,
                               const char *text, char *err, size_t errlen)
{
    struct admin_unit_load_state st;
    enum oc_err rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = admin_unit_store_load_state(conn, ADMIN_UNIT_SOURCE, text, &st);
    if (rc == OC_OK && st.unchanged) {
        oc_db_rollback(conn); /* nothing was written */
        oc_log(OC_LOG_INFO, "administrative units unchanged since %s (%s, checksum %s)",
               st.loaded_at, ADMIN_UNIT_SOURCE, st.checksum);
        return OC_OK;
    }
    if (rc == OC_OK)
        rc = admin_unit_store_replace(conn, units, n, ADMIN_UNIT_SOURCE, text);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    if (rc != OC_OK) {
        oc_db_rollback(conn);
        snprintf(err, errlen,
                 "administrative units not loaded: %s: %s; the table was left "
                 "unchanged",
                 ADMIN_UNIT_SOURCE, oc_err_title(rc));
        return PQstatus(conn) == CONNECTION_OK ? OC_INTERNAL : OC_DB;
    }
    oc_log(OC_LOG_INFO, "loaded %zu administrative units from %s (checksum %s)", n,
           ADMIN_UNIT_SOURCE, st.checksum);
    return OC_OK;
}

enum oc_err admin_unit_load(PGconn *conn, const char *schema_dir, char *err, size_t errlen)
{
    char *path = oc_xasprintf("%s/%s", schema_dir, ADMIN_UNIT_SOURCE);
    char *copy = NULL;
    struct admin_unit *units = NULL;
    size_t n = 0;
    enum oc_err rc = OC_INTERNAL;
    char *text = file_read(path, err, errlen);
    if (text == NULL)
        goto out_path;
    if (units_read(path, text, &copy, &units, &n, err, errlen))
        rc = units_store(conn, units, n, text, err, errlen);
    free(units);
    free(copy);
    free(text);
out_path:
    free(path);
    return rc;
}
