/*
 * Open data, pure C: the files of a day's snapshot (OCOP products in force and
 * their certificates; the revocation list of certificates revoked or
 * suspended) as JSON and CSV, built only from allow-listed fields, and the
 * field dictionary in Vietnamese and English. No I/O.
 */
#ifndef NOTIF_OPEN_DATA_H
#define NOTIF_OPEN_DATA_H

#include <stddef.h>

#include <jansson.h>

/* One published field. */
struct open_data_field {
    const char *name; /* the JSON member and CSV column */
    const char *type; /* string, integer or date */
    int nullable;     /* 1 when it may be null (an empty CSV cell) */
    const char *vi;   /* its meaning in Vietnamese */
    const char *en;   /* its meaning in English */
};

/* The two datasets. */
enum open_data_set {
    OPEN_DATA_PRODUCTS,    /* products in force and their certificates */
    OPEN_DATA_REVOCATIONS, /* certificates revoked or suspended */
};

/* A published file. */
struct open_data_file {
    const char *name;       /* e.g. "products.csv" */
    const char *media_type; /* e.g. "text/csv; charset=utf-8" */
    enum open_data_set set; /* its dataset */
    int csv;                /* 1 CSV, 0 JSON */
};

/* The four files of a snapshot, in a fixed order. */
extern const struct open_data_file open_data_files[];
#define OPEN_DATA_FILES 4

/* The file called name, or NULL. */
const struct open_data_file *open_data_file_find(const char *name);

/* The fields of a dataset, ended by a row whose name is NULL. */
const struct open_data_field *open_data_fields(enum open_data_set set);

/*
 * The content of file f for day (YYYY-MM-DD) from rows (borrowed; an array of
 * objects as the store reads them): only the allow-listed fields, in their
 * order, are published, whatever else a row holds. JSON: {"dataset", "date",
 * "licence", "count", "fields", "items"}. CSV (RFC 4180, CRLF, UTF-8): a
 * header line of the field names, one line per row, null as an empty cell.
 * Caller frees.
 */
char *open_data_render(const struct open_data_file *f, const json_t *rows, const char *day,
                       const char *licence);

/* The field dictionary {"products": [...], "revocations": [...]} (caller owns). */
json_t *open_data_dictionary(void);

/* Appends s to a CSV line as one cell (quoted when it holds , " CR or LF). Exposed for tests. */
char *open_data_csv_cell(const char *s);

#endif
