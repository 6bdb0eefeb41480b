#include "promotion/commune_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/db.h"
#include "common/log.h"
#include "common/refdata.h"
#include "promotion/commune.h"
#include "promotion/commune_store.h"

#define FILE_MAX_BYTES (4 << 20)
#define SOURCES_MAX    16

/* The files read, one after another. */
struct commune_text {
    char *all; /* their texts, each ending with a newline */
};

/* Appends one file's text (an oc_refdata_file_fn). */
static int text_add(const char *name, const char *path, const char *text, size_t len, void *ctx,
                    char *err, size_t errlen)
{
    struct commune_text *t = ctx;
    (void)name;
    (void)path;
    (void)len;
    (void)err;
    (void)errlen;
    char *all = oc_xasprintf("%s%s\n", t->all != NULL ? t->all : "", text);
    free(t->all);
    t->all = all;
    return 1;
}

/* The codes to write (oc_refdata_load.replace's context). */
struct commune_codes {
    const struct commune_code *codes;
    size_t n;
};

static enum oc_err codes_replace(PGconn *conn, void *ctx)
{
    const struct commune_codes *c = ctx;
    return commune_store_replace(conn, c->codes, c->n);
}

enum oc_err commune_load(PGconn *conn, const char *schema_dir, const char *files, char *err,
                         size_t errlen)
{
    const char *list = files != NULL && files[0] != '\0' ? files : COMMUNE_SOURCES_DEFAULT;
    const struct oc_refdata_list l = {"communes",  "OCOP_ADMIN_UNIT_FILES", schema_dir, list,
                                      SOURCES_MAX, FILE_MAX_BYTES};
    struct commune_text t = {NULL};
    struct commune_code *codes = NULL;
    size_t n = 0;
    char why[256];
    enum oc_err rc = OC_INTERNAL;
    if (!oc_refdata_read_list(&l, text_add, &t, err, errlen)) {
        /* err says why */
    } else if (!commune_resolve_csv(t.all, &codes, &n, why, sizeof(why))) {
        snprintf(err, errlen, "communes not loaded: %s: %s", list, why);
    } else {
        struct commune_codes c = {codes, n};
        static const struct oc_refdata_sql sql =
            OC_REFDATA_SQL("ocop.communes.", "commune_loads", "row_count");
        const struct oc_refdata_load load = {"communes", &sql, list, t.all, n, codes_replace, &c};
        struct oc_refdata_result r = {0};
        rc = oc_refdata_store(conn, &load, &r, err, errlen);
        if (rc == OC_OK && r.loaded)
            oc_log(OC_LOG_INFO, "loaded %zu commune codes from %s (checksum %s)", n, list,
                   r.checksum);
    }
    free(codes);
    free(t.all);
    return rc;
}
