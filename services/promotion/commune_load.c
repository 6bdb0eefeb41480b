#include "promotion/commune_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
static enum oc_err codes_store(PGconn *conn, const struct commune_code *codes, size_t n,
                               const char *list, char *err, size_t errlen)
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
    oc_log(OC_LOG_INFO, "loaded %zu commune codes from %s", n, list);
    return OC_OK;
}

/* Reads every file of the comma-separated list, one after another, into one text (caller frees). */
static char *files_read(const char *schema_dir, const char *list, char *err, size_t errlen)
{
    char *names = oc_xstrdup(list), *save = NULL, *all = oc_xstrdup("");
    for (char *name = strtok_r(names, ",", &save); name != NULL && all != NULL;
         name = strtok_r(NULL, ",", &save)) {
        char *path = oc_xasprintf("%s/%s", schema_dir, name);
        char *text = strstr(name, "..") == NULL ? file_read(path, err, errlen) : NULL;
        if (text == NULL && strstr(name, "..") != NULL)
            snprintf(err, errlen, "communes not loaded: \"%s\" is outside the schema folder", name);
        char *joined = text != NULL ? oc_xasprintf("%s%s\n", all, text) : NULL;
        free(all);
        all = joined;
        free(text);
        free(path);
    }
    free(names);
    return all;
}

enum oc_err commune_load(PGconn *conn, const char *schema_dir, const char *files, char *err,
                         size_t errlen)
{
    const char *list = files;
    struct commune_code *codes = NULL;
    size_t n = 0;
    char why[256];
    enum oc_err rc = OC_INTERNAL;
    list = list != NULL && list[0] != '\0' ? list : COMMUNE_SOURCES_DEFAULT;
    char *text = files_read(schema_dir, list, err, errlen);
    if (text != NULL && !commune_resolve_csv(text, &codes, &n, why, sizeof(why)))
        snprintf(err, errlen, "communes not loaded: %s: %s", list, why);
    else if (text != NULL)
        rc = codes_store(conn, codes, n, list, err, errlen);
    free(codes);
    free(text);
    return rc;
}
