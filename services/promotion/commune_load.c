#include "promotion/commune_load.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/alloc.h"
#include "common/db.h"
#include "common/file.h"
#include "common/log.h"
#include "promotion/commune.h"
#include "promotion/commune_store.h"

#define FILE_MAX_BYTES (1 << 20)

/* Reads the whole file as text (caller frees); NULL with a message when it cannot. */
static char *file_read(const char *path, char *err, size_t errlen)
{
    char why[64];
    char *text = oc_file_read(path, FILE_MAX_BYTES, NULL, why, sizeof(why));
    if (text == NULL)
        snprintf(err, errlen, "communes not loaded: \"%s\" %s", path, why);
    return text;
}

/* Writes the codes in one transaction. */
static enum oc_err codes_store(PGconn *conn, const struct commune_code *codes, size_t n, char *err,
                               size_t errlen)
{
    enum oc_err rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = commune_store_replace(conn, codes, n);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    if (rc != OC_OK) {
        oc_db_rollback(conn);
        snprintf(err, errlen, "communes not loaded: %s; the table was left unchanged",
                 oc_err_title(rc));
        return PQstatus(conn) == CONNECTION_OK ? OC_INTERNAL : OC_DB;
    }
    oc_log(OC_LOG_INFO, "loaded %zu commune codes from %s", n, COMMUNE_SOURCE);
    return OC_OK;
}

enum oc_err commune_load(PGconn *conn, const char *schema_dir, char *err, size_t errlen)
{
    char *path = oc_xasprintf("%s/%s", schema_dir, COMMUNE_SOURCE);
    struct commune_code *codes = NULL;
    size_t n = 0;
    char why[256];
    enum oc_err rc = OC_INTERNAL;
    char *text = file_read(path, err, errlen);
    if (text != NULL && !commune_resolve_csv(text, &codes, &n, why, sizeof(why)))
        snprintf(err, errlen, "communes not loaded: %s: %s", path, why);
    else if (text != NULL)
        rc = codes_store(conn, codes, n, err, errlen);
    free(codes);
    free(text);
    free(path);
    return rc;
}
