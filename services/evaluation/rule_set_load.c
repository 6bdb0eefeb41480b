#include "evaluation/rule_set_load.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/db.h"
#include "common/file.h"
#include "common/log.h"
#include "common/refdata.h"
#include "evaluation/rule_set.h"
#include "evaluation/rule_set_store.h"

#define FILE_MAX_BYTES (4 << 20)
#define FILES_MAX      500
#define ERR_PREFIX     "rule sets not loaded: "

/* One file read. */
struct source_file {
    char *rel;   /* path under the schema folder, e.g. "reference/rule-sets/qd148-2023.json" */
    char *text;  /* the whole file */
    json_t *doc; /* its JSON */
};

/* A detailed criteria set: where its detail came from and its size. */
struct detail_ref {
    size_t set;                    /* the rule set (index into sets) */
    size_t entry;                  /* the criteria set (index into its index's sets) */
    size_t file;                   /* the detail file (index into files) */
    struct criteria_counts counts; /* its size */
};

/* Everything read from the folders; freed by bundle_clean. */
struct bundle {
    const char *schema_dir;         /* borrowed */
    struct source_file *files;      /* every file, in load order */
    size_t nfiles;                  /* entries in files */
    struct rule_set *sets;          /* one per rule set file (files[i] for i < nsets) */
    size_t nsets;                   /* entries in sets */
    struct criteria_index *indexes; /* one per rule set; zeroed when it has none */
    size_t *index_file;             /* the file of each rule set's index */
    struct detail_ref *details;     /* the detailed criteria sets */
    size_t ndetails;                /* entries in details */
};

static void bundle_clean(struct bundle *b)
{
    for (size_t i = 0; i < b->nfiles; i++) {
        free(b->files[i].rel);
        free(b->files[i].text);
        json_decref(b->files[i].doc);
    }
    for (size_t i = 0; i < b->nsets; i++)
        criteria_index_clean(&b->indexes[i]);
    free(b->files);
    free(b->sets);
    free(b->indexes);
    free(b->index_file);
    free(b->details);
}

/* Writes "rule sets not loaded: <schema_dir>/<rel>: <msg>" into err and returns 0. */
static int fail(const struct bundle *b, const char *rel, const char *msg, char *err, size_t errlen)
{
    snprintf(err, errlen, ERR_PREFIX "%s/%s: %s", b->schema_dir, rel, msg);
    return 0;
}

/* ---- files ---------------------------------------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Lists the *.json files of the folder rel under the schema folder, sorted
 * (caller frees each and the array). Returns 1, or 0 with err when the folder
 * cannot be read (a missing folder is an empty list when may_miss).
 */
static int list_json(const struct bundle *b, const char *rel, int may_miss, char ***names,
                     size_t *n, char *err, size_t errlen)
{
    char *path = oc_xasprintf("%s/%s", b->schema_dir, rel);
    DIR *dir = opendir(path);
    struct dirent *de;
    *names = NULL;
    *n = 0;
    free(path);
    if (dir == NULL)
        return may_miss || fail(b, rel, "the folder could not be read", err, errlen);
    while ((de = readdir(dir)) != NULL) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        if (*n == FILES_MAX) {
            (void)closedir(dir);
            return fail(b, rel, "the folder holds more than 500 .json files", err, errlen);
        }
        *names = oc_xrealloc(*names, (*n + 1) * sizeof(**names));
        (*names)[(*n)++] = oc_xstrdup(de->d_name);
    }
    (void)closedir(dir);
    if (*n > 0)
        qsort(*names, *n, sizeof(**names), by_name);
    return 1;
}

static void names_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Reads the whole file as text (caller frees); NULL with a message in msg when it cannot. */
static char *file_read(const char *path, char *msg, size_t len)
{
    return oc_file_read(path, FILE_MAX_BYTES, NULL, msg, len);
}

/*
 * Reads and parses the file folder/name into b->files; *at gets its index.
 * Returns 1, or 0 with err naming the file.
 */
static int file_add(struct bundle *b, const char *folder, const char *name, size_t *at, char *err,
                    size_t errlen)
{
    char msg[512];
    json_error_t jerr;
    char *rel = oc_xasprintf("%s/%s", folder, name);
    for (size_t i = 0; i < b->nfiles; i++) {
        if (strcmp(b->files[i].rel, rel) == 0) {
            fail(b, rel, "is named twice (by two rule sets or two criteria sets)", err, errlen);
            free(rel);
            return 0;
        }
    }
    char *path = oc_xasprintf("%s/%s", b->schema_dir, rel);
    char *text = file_read(path, msg, sizeof(msg));
    json_t *doc = text ? json_loads(text, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    free(path);
    if (text != NULL && doc == NULL)
        snprintf(msg, sizeof(msg), "not valid JSON: line %d, column %d: %s", jerr.line, jerr.column,
                 jerr.text);
    if (doc == NULL) {
        fail(b, rel, msg, err, errlen);
        free(text);
        free(rel);
        return 0;
    }
    b->files = oc_xrealloc(b->files, (b->nfiles + 1) * sizeof(*b->files));
    b->files[b->nfiles] = (struct source_file){rel, text, doc};
    *at = b->nfiles++;
    return 1;
}

/* ---- reading and checking ------------------------------------------------------------------- */

/* Reads and checks every rule set file. */
static int rule_sets_read(struct bundle *b, char *err, size_t errlen)
{
    char **names, msg[512];
    size_t n, at, bad;
    int ok = list_json(b, RULE_SET_DIR, 0, &names, &n, err, errlen);
    if (ok && n == 0)
        ok = fail(b, RULE_SET_DIR, "the folder holds no rule set file (*.json)", err, errlen);
    b->sets = oc_xcalloc(n + 1, sizeof(*b->sets));
    b->indexes = oc_xcalloc(n + 1, sizeof(*b->indexes));
    b->index_file = oc_xcalloc(n + 1, sizeof(*b->index_file));
    for (size_t i = 0; ok && i < n; i++) {
        ok = file_add(b, RULE_SET_DIR, names[i], &at, err, errlen);
        if (ok && !rule_set_parse(b->files[at].doc, &b->sets[i], msg, sizeof(msg)))
            ok = fail(b, b->files[at].rel, msg, err, errlen);
        b->nsets = ok ? i + 1 : b->nsets;
        char *want = ok ? oc_xasprintf("%s.json", b->sets[i].id) : NULL;
        if (ok && strcmp(names[i], want) != 0) {
            snprintf(msg, sizeof(msg), "the file of rule set %s must be named %s", b->sets[i].id,
                     want);
            ok = fail(b, b->files[at].rel, msg, err, errlen);
        }
        free(want);
    }
    names_free(names, n);
    if (ok && (bad = rule_set_check_all(b->sets, b->nsets, msg, sizeof(msg))) < b->nsets)
        ok = fail(b, b->files[bad].rel, msg, err, errlen);
    return ok;
}

/* Reads and checks the criteria index of rule set i and the detail files it names. */
static int criteria_read(struct bundle *b, size_t i, char *err, size_t errlen)
{
    const struct rule_set *rs = &b->sets[i];
    struct criteria_index *idx = &b->indexes[i];
    char msg[512];
    size_t at;
    if (!file_add(b, CRITERIA_DIR, rs->criteria_index, &b->index_file[i], err, errlen))
        return 0;
    if (!criteria_index_parse(b->files[b->index_file[i]].doc, rs, idx, msg, sizeof(msg)))
        return fail(b, b->files[b->index_file[i]].rel, msg, err, errlen);
    for (size_t k = 0; k < idx->nsets; k++) {
        struct criteria_counts counts;
        if (idx->sets[k].detail_file == NULL)
            continue;
        if (!file_add(b, CRITERIA_DIR, idx->sets[k].detail_file, &at, err, errlen))
            return 0;
        if (!criteria_detail_check(b->files[at].doc, rs, &idx->sets[k], &counts, msg, sizeof(msg)))
            return fail(b, b->files[at].rel, msg, err, errlen);
        b->details = oc_xrealloc(b->details, (b->ndetails + 1) * sizeof(*b->details));
        b->details[b->ndetails++] = (struct detail_ref){i, k, at, counts};
    }
    return 1;
}

/* Refuses a .json file in criteria/ that no rule set or index names (a set left out by mistake). */
static int criteria_strays(struct bundle *b, char *err, size_t errlen)
{
    char **names;
    size_t n;
    int ok = list_json(b, CRITERIA_DIR, 1, &names, &n, err, errlen);
    for (size_t i = 0; ok && i < n; i++) {
        char *rel = oc_xasprintf("%s/%s", CRITERIA_DIR, names[i]);
        int named = 0;
        for (size_t k = 0; k < b->nfiles && !named; k++)
            named = strcmp(b->files[k].rel, rel) == 0;
        if (!named)
            ok = fail(b, rel, "no rule set or criteria index names this file", err, errlen);
        free(rel);
    }
    names_free(names, n);
    return ok;
}

static int bundle_read(struct bundle *b, char *err, size_t errlen)
{
    if (!rule_sets_read(b, err, errlen))
        return 0;
    for (size_t i = 0; i < b->nsets; i++)
        if (b->sets[i].criteria_index != NULL && !criteria_read(b, i, err, errlen))
            return 0;
    return criteria_strays(b, err, errlen);
}

/* ---- storing -------------------------------------------------------------------------------- */

/* Listing order of rule sets: confirmed ones by first day, then unconfirmed ones, each by id. */
static int rule_set_before(const struct rule_set *a, const struct rule_set *b)
{
    if (a->confirmed != b->confirmed)
        return a->confirmed;
    if (a->from_day != b->from_day)
        return a->from_day < b->from_day;
    return strcmp(a->id, b->id) < 0;
}

/* Fills order with the rule sets' indexes in listing order (insertion sort: a handful). */
static void rule_sets_order(const struct bundle *b, size_t *order)
{
    for (size_t i = 0; i < b->nsets; i++) {
        size_t k = i;
        for (; k > 0 && rule_set_before(&b->sets[i], &b->sets[order[k - 1]]); k--)
            order[k] = order[k - 1];
        order[k] = i;
    }
}

/* The detail of criteria set k of rule set i, or NULL. */
static const struct detail_ref *detail_of(const struct bundle *b, size_t i, size_t k)
{
    for (size_t d = 0; d < b->ndetails; d++)
        if (b->details[d].set == i && b->details[d].entry == k)
            return &b->details[d];
    return NULL;
}

/* Writes the id of criteria set k of rule set i ("qd148-2023-set-01") into id. */
static void criteria_set_id(const struct bundle *b, size_t i, size_t k, char *id, size_t len)
{
    snprintf(id, len, "%s-set-%02ld", b->sets[i].id, b->indexes[i].sets[k].number);
}

/* The row of criteria set k of rule set i (a new reference), at listing position. */
static json_t *criteria_row(const struct bundle *b, size_t i, size_t k, int position)
{
    const struct criteria_set_entry *e = &b->indexes[i].sets[k];
    const struct detail_ref *d = detail_of(b, i, k);
    json_t *index = b->files[b->index_file[i]].doc;
    json_t *detail = d != NULL ? b->files[d->file].doc : NULL, *provenance;
    char id[RULE_SET_ID_MAX + 16];
    criteria_set_id(b, i, k, id, sizeof(id));
    if (detail != NULL) {
        provenance = json_deep_copy(detail);
        json_object_del(provenance, "parts");
    } else {
        provenance = json_pack("{s:O?,s:O?,s:O?,s:O?}", "index", json_object_get(index, "title"),
                               "sources", json_object_get(index, "sources"), "confidence",
                               json_object_get(index, "confidence"), "notes",
                               json_object_get(index, "notes"));
    }
    return json_pack("{s:s,s:s,s:I,s:i,s:s,s:s,s:s,s:O?,s:b,s:s?,s:O?,s:I,s:I,s:s,s:s?,s:o}", "id",
                     id, "rule_set", b->sets[i].id, "number", (json_int_t)e->number, "position",
                     position, "sector", e->sector, "sector_name_en", e->sector_name_en, "name_en",
                     e->name_en, "name_vi", json_object_get(detail, "name_vi"), "detailed",
                     d != NULL, "detail_note", d != NULL ? NULL : b->indexes[i].detail_note,
                     "confidence", json_object_get(detail, "confidence"), "criteria_count",
                     (json_int_t)(d ? d->counts.criteria : 0), "option_count",
                     (json_int_t)(d ? d->counts.options : 0), "index_file",
                     b->files[b->index_file[i]].rel, "detail_file",
                     d != NULL ? b->files[d->file].rel : NULL, "provenance", provenance);
}

/* Inserts every rule set and criteria set, in listing order. */
static enum oc_err bundle_insert(PGconn *conn, const struct bundle *b, size_t *ncriteria)
{
    size_t *order = oc_xcalloc(b->nsets + 1, sizeof(*order));
    json_t *rows = json_array();
    int position = 0;
    enum oc_err rc = rule_set_store_clear(conn);
    rule_sets_order(b, order);
    for (size_t o = 0; o < b->nsets && rc == OC_OK; o++) {
        size_t i = order[o];
        rc =
            rule_set_store_insert(conn, &b->sets[i], b->files[i].text, (int)o + 1, b->files[i].rel);
        for (size_t k = 0; k < b->indexes[i].nsets; k++)
            json_array_append_new(rows, criteria_row(b, i, k, ++position));
    }
    *ncriteria = json_array_size(rows);
    char *text = json_dumps(rows, JSON_COMPACT);
    if (rc == OC_OK && *ncriteria > 0)
        rc = criteria_set_store_insert(conn, text, *ncriteria);
    for (size_t d = 0; d < b->ndetails && rc == OC_OK; d++) {
        char id[RULE_SET_ID_MAX + 16];
        criteria_set_id(b, b->details[d].set, b->details[d].entry, id, sizeof(id));
        rc = criteria_set_store_detail(conn, id, b->files[b->details[d].file].text,
                                       &b->details[d].counts);
    }
    free(text);
    json_decref(rows);
    free(order);
    return rc;
}

/* Every file's name, size and text in load order: what the checksum covers (caller frees). */
static char *bundle_text(const struct bundle *b)
{
    size_t len = 1;
    for (size_t i = 0; i < b->nfiles; i++)
        len += strlen(b->files[i].rel) + strlen(b->files[i].text) + 32;
    char *text = oc_xmalloc(len), *p = text;
    for (size_t i = 0; i < b->nfiles; i++) {
        int n = snprintf(p, len - (size_t)(p - text), "%s %zu\n%s\n", b->files[i].rel,
                         strlen(b->files[i].text), b->files[i].text);
        p += n;
    }
    *p = '\0';
    return text;
}

/* The load's replace step (oc_refdata_load.replace) and what it counted. */
struct bundle_write {
    const struct bundle *b;
    size_t ncriteria; /* criteria sets written */
};

static enum oc_err bundle_replace(PGconn *conn, void *ctx)
{
    struct bundle_write *w = ctx;
    return bundle_insert(conn, w->b, &w->ncriteria);
}

/* Replaces the tables' content when the files changed, in one transaction. */
static enum oc_err bundle_store(PGconn *conn, const struct bundle *b, char *err, size_t errlen)
{
    struct bundle_write w = {b, 0};
    struct oc_refdata_result r = {0};
    char *text = bundle_text(b);
    static const struct oc_refdata_sql sql =
        OC_REFDATA_SQL("ocop.rule_sets.", "rule_set_loads", "file_count");
    const struct oc_refdata_load load = {"rule sets",    &sql, RULE_SET_SOURCE, text, b->nfiles,
                                         bundle_replace, &w};
    enum oc_err rc = oc_refdata_store(conn, &load, &r, err, errlen);
    free(text);
    if (rc == OC_OK && r.loaded)
        oc_log(OC_LOG_INFO,
               "loaded %zu rule sets and %zu criteria sets (%zu detailed) from %zu files under "
               "%s (checksum %s)",
               b->nsets, w.ncriteria, b->ndetails, b->nfiles, RULE_SET_SOURCE, r.checksum);
    return rc;
}

enum oc_err rule_set_load(PGconn *conn, const char *schema_dir, char *err, size_t errlen)
{
    struct bundle b;
    memset(&b, 0, sizeof(b));
    b.schema_dir = schema_dir;
    enum oc_err rc =
        bundle_read(&b, err, errlen) ? bundle_store(conn, &b, err, errlen) : OC_INTERNAL;
    bundle_clean(&b);
    return rc;
}
