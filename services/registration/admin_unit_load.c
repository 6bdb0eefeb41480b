#include "registration/admin_unit_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/db.h"
#include "common/log.h"
#include "common/refdata.h"
#include "common/validate.h"
#include "registration/admin_unit.h"
#include "registration/admin_unit_store.h"

#define FILE_MAX_BYTES (4 << 20)
#define SOURCES_MAX    16

/* Where a record came from, for messages. */
struct origin {
    const char *source; /* the file's path */
    size_t line;        /* its line in that file */
};

/* The files of one load, read and parsed, and the records they give together. */
struct unit_set {
    char *paths[SOURCES_MAX];  /* each file's path, for messages */
    char *copies[SOURCES_MAX]; /* each file's text, which its records point into */
    size_t nfiles;
    struct admin_unit *units; /* the records, identical repeats across files dropped */
    struct origin *origins;   /* units' origins, same indexes */
    size_t n;
    char *all;  /* the files' texts one after another: what the checksum covers */
    char *list; /* the sources as configured: the load's key in admin_unit_loads */
};

static void unit_set_clean(struct unit_set *s)
{
    for (size_t i = 0; i < s->nfiles; i++) {
        free(s->paths[i]);
        free(s->copies[i]);
    }
    free(s->units);
    free(s->origins);
    free(s->all);
    free(s->list);
}

static int same(const char *a, const char *b)
{
    return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Returns 1 when a and b say the same thing, field by field. */
static int unit_same(const struct admin_unit *a, const struct admin_unit *b)
{
    return same(a->level, b->level) && same(a->code, b->code) && same(a->name, b->name) &&
           same(a->type, b->type) && same(a->parent_code, b->parent_code) &&
           same(a->valid_from, b->valid_from) && same(a->valid_to, b->valid_to) &&
           same(a->successor_code, b->successor_code) && same(a->split_code, b->split_code);
}

/* Adds the records of one parsed file, dropping those an earlier file already gave. */
static void units_add(struct unit_set *s, const char *source, const struct admin_unit *units,
                      size_t n)
{
    s->units = oc_xrealloc(s->units, (s->n + n) * sizeof(*s->units));
    s->origins = oc_xrealloc(s->origins, (s->n + n) * sizeof(*s->origins));
    size_t before = s->n;
    for (size_t i = 0; i < n; i++) {
        int repeat = 0;
        for (size_t j = 0; j < before && !repeat; j++)
            repeat = unit_same(&s->units[j], &units[i]);
        if (repeat)
            continue;
        s->units[s->n] = units[i];
        s->origins[s->n] = (struct origin){source, i + 2};
        s->n++;
    }
}

/* Parses one file of the load into s (an oc_refdata_file_fn). Returns 1, or 0 with a message. */
static int source_add(const char *name, const char *path, const char *text, size_t len, void *ctx,
                      char *err, size_t errlen)
{
    struct unit_set *s = ctx;
    char msg[512];
    (void)name;
    (void)len;
    size_t i = s->nfiles++;
    s->paths[i] = oc_xstrdup(path);
    s->copies[i] = oc_xstrdup(text);
    struct admin_unit *units = NULL;
    size_t n = 0;
    if (!admin_unit_csv_parse(s->copies[i], &units, &n, msg, sizeof(msg))) {
        snprintf(err, errlen, "administrative units not loaded: %s: %s", path, msg);
        return 0;
    }
    units_add(s, s->paths[i], units, n);
    free(units);
    char *all = oc_xasprintf("%s%s", s->all != NULL ? s->all : "", text);
    free(s->all);
    s->all = all;
    return 1;
}

/* Checks every record, then the records as a whole. Returns 1, or 0 naming file and line. */
static int units_check(const struct unit_set *s, char *err, size_t errlen)
{
    char msg[512];
    size_t bad = s->n;
    for (size_t i = 0; i < s->n && bad == s->n; i++)
        if (!admin_unit_check(&s->units[i], msg, sizeof(msg)))
            bad = i;
    if (bad == s->n)
        bad = admin_unit_check_set(s->units, s->n, msg, sizeof(msg));
    if (bad == s->n)
        return 1;
    snprintf(err, errlen, "administrative units not loaded: %s: line %zu: %s",
             s->origins[bad].source, s->origins[bad].line, msg);
    return 0;
}

/* Reads every file of list (comma-separated) into s. Returns 1, or 0 with a message. */
static int sources_read(struct unit_set *s, const char *schema_dir, const char *list, char *err,
                        size_t errlen)
{
    const struct oc_refdata_list l = {
        "administrative units", "OCOP_ADMIN_UNIT_FILES", schema_dir, list, SOURCES_MAX,
        FILE_MAX_BYTES};
    s->list = oc_xstrdup(list);
    return oc_refdata_read_list(&l, source_add, s, err, errlen) && units_check(s, err, errlen);
}

/* The load's replace step (oc_refdata_load.replace). */
static enum oc_err units_replace(PGconn *conn, void *ctx)
{
    const struct unit_set *s = ctx;
    return admin_unit_store_replace(conn, s->units, s->n);
}

/* Replaces the table's content when the files changed, in one transaction. */
static enum oc_err units_store(PGconn *conn, struct unit_set *s, char *err, size_t errlen)
{
    static const struct oc_refdata_sql sql =
        OC_REFDATA_SQL("ocop.admin_units.", "admin_unit_loads", "row_count");
    const struct oc_refdata_load load = {"administrative units", &sql, s->list, s->all, s->n,
                                         units_replace,          s};
    struct oc_refdata_result r = {0};
    enum oc_err rc = oc_refdata_store(conn, &load, &r, err, errlen);
    if (rc == OC_OK && r.loaded)
        oc_log(OC_LOG_INFO, "loaded %zu administrative units from %s (checksum %s)", s->n, s->list,
               r.checksum);
    return rc;
}

const char *admin_unit_sources(const char *configured)
{
    return configured != NULL && configured[0] != '\0' ? configured : ADMIN_UNIT_SOURCES_DEFAULT;
}

enum oc_err admin_unit_load(PGconn *conn, const char *schema_dir, const char *files, char *err,
                            size_t errlen)
{
    struct unit_set s;
    memset(&s, 0, sizeof(s));
    enum oc_err rc = OC_INTERNAL;
    if (sources_read(&s, schema_dir, admin_unit_sources(files), err, errlen))
        rc = units_store(conn, &s, err, errlen);
    unit_set_clean(&s);
    return rc;
}
