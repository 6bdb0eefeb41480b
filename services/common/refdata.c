#include "common/refdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/db.h"
#include "common/file.h"
#include "common/log.h"
#include "common/validate.h"

/* Reads one file of the list and hands it to fn. */
static int list_file(const struct oc_refdata_list *l, const char *name, oc_refdata_file_fn fn,
                     void *ctx, char *err, size_t errlen)
{
    char why[64];
    size_t n = 0;
    char *path = oc_xasprintf("%s/%s", l->schema_dir, name);
    char *text = oc_file_read(path, l->max_bytes, &n, why, sizeof(why));
    if (text != NULL && !oc_utf8_ok(text, n)) {
        snprintf(why, sizeof(why), "is not UTF-8 text");
        free(text);
        text = NULL;
    }
    int ok = text != NULL;
    if (!ok)
        snprintf(err, errlen, "%s not loaded: \"%s\" %s", l->what, path, why);
    else
        ok = fn(name, path, text, n, ctx, err, errlen);
    free(text);
    free(path);
    return ok;
}

int oc_refdata_read_list(const struct oc_refdata_list *l, oc_refdata_file_fn fn, void *ctx,
                         char *err, size_t errlen)
{
    char *names = oc_xstrdup(l->list), *save = NULL;
    size_t count = 0;
    int ok = 1;
    for (char *name = strtok_r(names, ",", &save); name != NULL && ok;
         name = strtok_r(NULL, ",", &save)) {
        if (count == l->max_files || strstr(name, "..") != NULL) {
            snprintf(err, errlen,
                     "%s not loaded: %s names at most %zu files under the schema folder", l->what,
                     l->setting, l->max_files);
            ok = 0;
        } else {
            count++;
            ok = list_file(l, name, fn, ctx, err, errlen);
        }
    }
    free(names);
    if (ok && count == 0) {
        snprintf(err, errlen, "%s not loaded: %s is empty", l->what, l->setting);
        ok = 0;
    }
    return ok;
}

/* The lock, then the last load's checksum: *same is 1 when it is text's; checksum gets text's. */
static enum oc_err load_state(PGconn *conn, const struct oc_refdata_load *l, int *same,
                              char checksum[33], char loaded_at[40])
{
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, l->sql->lock, 0, NULL, NULL);
    if (rc == OC_OK) {
        const char *params[] = {l->source, l->text};
        rc = oc_db_exec(conn, l->sql->state, 2, params, &res);
    }
    if (rc == OC_OK) {
        snprintf(checksum, 33, "%s", PQgetvalue(res, 0, 0));
        *same = strcmp(PQgetvalue(res, 0, 1), "true") == 0;
        snprintf(loaded_at, 40, "%s", PQgetvalue(res, 0, 2));
    }
    PQclear(res);
    return rc;
}

/* Records the load of l->source with its checksum and count. */
static enum oc_err load_record(PGconn *conn, const struct oc_refdata_load *l)
{
    char count[24];
    snprintf(count, sizeof(count), "%zu", l->count);
    const char *params[] = {l->source, l->text, count};
    return oc_db_exec(conn, l->sql->record, 3, params, NULL);
}

enum oc_err oc_refdata_store(PGconn *conn, const struct oc_refdata_load *l,
                             struct oc_refdata_result *out, char *err, size_t errlen)
{
    char *checksum = out->checksum, loaded_at[40] = "";
    int same = 0;
    memset(out, 0, sizeof(*out));
    enum oc_err rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = load_state(conn, l, &same, checksum, loaded_at);
    if (rc == OC_OK && same) {
        oc_db_rollback(conn); /* nothing was written */
        oc_log(OC_LOG_INFO, "%s unchanged since %s (%s, checksum %s)", l->what, loaded_at,
               l->source, checksum);
        return OC_OK;
    }
    if (rc == OC_OK)
        rc = l->replace(conn, l->ctx);
    if (rc == OC_OK)
        rc = load_record(conn, l);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    if (rc != OC_OK) {
        oc_db_rollback(conn);
        snprintf(err, errlen, "%s not loaded: %s: %s; the tables were left unchanged", l->what,
                 l->source, oc_err_title(rc));
        return PQstatus(conn) == CONNECTION_OK ? OC_INTERNAL : OC_DB;
    }
    out->loaded = 1;
    return OC_OK;
}
