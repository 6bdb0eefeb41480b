/*
 * Reference data loaded at start (administrative units, rule sets and
 * criteria, communes, support policies): one shape for every load, so that a
 * new kind of reference file is a reader and a replace step.
 *
 *   oc_refdata_read_list  reads the comma-separated files of a setting under
 *                         the schema folder, each whole and UTF-8, in order
 *   oc_refdata_store      in one transaction, under an advisory lock held by
 *                         the load: reads the checksum of the source's last
 *                         load from its table; the same text does nothing;
 *                         else runs the load's replace step and records the
 *                         load (source, checksum, count). A failure leaves the
 *                         tables as they were.
 *
 * The loads tables have the columns (source text PRIMARY KEY, checksum text,
 * <count column> integer, loaded_at timestamptz DEFAULT now()).
 */
#ifndef OC_REFDATA_H
#define OC_REFDATA_H

#include <stddef.h>

#include <libpq-fe.h>

#include "common/err.h"

/* Called for each file read: name as listed, its path, its text (NUL-terminated) and length. */
typedef int (*oc_refdata_file_fn)(const char *name, const char *path, const char *text, size_t len,
                                  void *ctx, char *err, size_t errlen);

/* A list of reference files, as a setting names them. */
struct oc_refdata_list {
    const char *what;       /* for messages: "administrative units" */
    const char *setting;    /* the setting that names the files: "OCOP_ADMIN_UNIT_FILES" */
    const char *schema_dir; /* the folder they lie under */
    const char *list;       /* the names, comma-separated */
    size_t max_files;       /* files it may name */
    size_t max_bytes;       /* bytes one file may hold */
};

/*
 * Reads each file of l (none may hold "..") and hands it to fn. Messages
 * start with what and " not loaded: ". Returns 1, or 0 with err when a file
 * cannot be read or is not UTF-8, the list is empty or too long, or fn
 * returned 0.
 */
int oc_refdata_read_list(const struct oc_refdata_list *l, oc_refdata_file_fn fn, void *ctx,
                         char *err, size_t errlen);

/* The statements of a kind of load, constant text: OC_REFDATA_SQL(LOCK, TABLE, COUNT_COLUMN). */
struct oc_refdata_sql {
    const char *lock;   /* waits for the load's advisory lock (until the transaction ends) */
    const char *state;  /* ($1 source, $2 text): md5($2), whether the last load had it, when */
    const char *record; /* ($1 source, $2 text, $3 count): records this load */
};

/*
 * The statements of loads recorded in TABLE (its count column COUNT_COLUMN)
 * under the advisory lock named LOCK and the schema ("ocop.admin_units.").
 */
#define OC_REFDATA_SQL(LOCK, TABLE, COUNT_COLUMN)                                                  \
    {                                                                                              \
        "SELECT pg_advisory_xact_lock(hashtext('" LOCK "' || current_schema()))",                  \
            "SELECT md5($2), coalesce(l.checksum = md5($2), false)::text, coalesce(to_char("       \
            "l.loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), '')"            \
            " FROM (VALUES (1)) AS one (n) LEFT JOIN " TABLE " l ON l.source = $1",                \
            "INSERT INTO " TABLE " (source, checksum, " COUNT_COLUMN ")"                           \
            " VALUES ($1, md5($2), $3::int) ON CONFLICT (source) DO UPDATE SET"                    \
            " checksum = excluded.checksum, " COUNT_COLUMN " = excluded." COUNT_COLUMN             \
            ", loaded_at = now()"                                                                  \
    }

/* One load's writing. */
struct oc_refdata_load {
    const char *what;                                /* for messages: "administrative units" */
    const struct oc_refdata_sql *sql;                /* the kind's statements */
    const char *source;                              /* the load's key: the files as configured */
    const char *text;                                /* what the checksum covers */
    size_t count;                                    /* recorded with the load (records or files) */
    enum oc_err (*replace)(PGconn *conn, void *ctx); /* writes the tables, inside the transaction */
    void *ctx;                                       /* replace's */
};

/* What a load did. */
struct oc_refdata_result {
    int loaded; /* 1: the tables were replaced (the caller logs what); 0: unchanged (logged) */
    char checksum[33]; /* md5 of the text, hex */
};

/*
 * Runs the load l on conn (no transaction open). Returns OC_OK when loaded
 * or unchanged; OC_DB when the database could not be reached (the start is
 * retried); else OC_INTERNAL with err.
 */
enum oc_err oc_refdata_store(PGconn *conn, const struct oc_refdata_load *l,
                             struct oc_refdata_result *out, char *err, size_t errlen);

#endif
