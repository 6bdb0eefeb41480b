#include "evaluation/certificate_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/alloc.h"
#include "common/date.h"
#include "common/validate.h"

/* The columns a list may have, in the order of the cells of a row below. */
enum column {
    COL_NUMBER,
    COL_PRODUCT,
    COL_STARS,
    COL_LEVEL,
    COL_RULE_SET,
    COL_DECISION_NUMBER,
    COL_ISSUED_ON,
    COL_EXPIRES_ON,
    COL_STATUS,
    COL_APPLICATION_ID,
    NCOLUMNS
};

static const struct {
    const char *name; /* as written in the header */
    int required;     /* 1: the header must name it and every line must fill it */
} columns[NCOLUMNS] = {
    {"number", 0},   {"product", 1},         {"stars", 1},     {"level", 1},
    {"rule_set", 1}, {"decision_number", 1}, {"issued_on", 1}, {"expires_on", 0},
    {"status", 0},   {"application_id", 0},
};

#define FIELDS_MAX 32 /* cells in one line; a list has at most NCOLUMNS */

static const char *const import_statuses[] = {"valid", "expiring", "expired", NULL};

void certificate_import_error(json_t *errors, long line, const char *column, const char *code,
                              const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    char field[96];
    if (column[0] != '\0')
        snprintf(field, sizeof(field), "line %ld: %s", line, column);
    else
        snprintf(field, sizeof(field), "line %ld", line);
    oc_utf8_cut(msg); /* a long cell cut in the middle of a character is no JSON string */
    oc_utf8_cut(field);
    json_array_append_new(errors,
                          json_pack("{s:I,s:s,s:s,s:s,s:s}", "line", (json_int_t)line, "column",
                                    column, "field", field, "code", code, "message", msg));
}

const char *certificate_import_column(const char *field)
{
    return strcmp(field, "product_id") == 0 ? "product" : field;
}

/* ---- CSV ------------------------------------------------------------------------------------ */

/* The reader: text is parsed in place (a cell's unquoted text is never longer than itself). */
struct reader {
    char *p, *end; /* the next byte and the end */
    long line;     /* the line of p */
};

/* 1 when the reader stands at the end of a cell (a comma, a line end or the end). */
static int cell_end(const struct reader *r)
{
    return r->p >= r->end || *r->p == ',' || *r->p == '\n' || *r->p == '\r';
}

/*
 * Reads a quoted cell's text (r at the opening quote) into *out, doubled
 * quotes as one. Returns 0, or -1 when the quote is not closed.
 */
static int read_quoted(struct reader *r, char **out, const char **problem)
{
    r->p++;
    for (;;) {
        if (r->p >= r->end) {
            *problem = "a quoted cell is not closed";
            return -1;
        }
        if (*r->p == '"' && r->p + 1 < r->end && r->p[1] == '"') {
            *(*out)++ = '"';
            r->p += 2;
        } else if (*r->p == '"') {
            r->p++;
            break;
        } else {
            r->line += *r->p == '\n';
            *(*out)++ = *r->p++;
        }
    }
    if (!cell_end(r) && *problem == NULL)
        *problem = "a quote inside a quoted cell must be doubled (\"\")";
    while (!cell_end(r))
        r->p++;
    return 0;
}

/* Reads an unquoted cell's text into *out; a quote in it is a problem. */
static void read_plain(struct reader *r, char **out, const char **problem)
{
    while (!cell_end(r)) {
        if (*r->p == '"' && *problem == NULL)
            *problem = "a cell holding a quote must be quoted, the quote doubled";
        *(*out)++ = *r->p++;
    }
}

/*
 * Reads one record into cells (at most FIELDS_MAX; *n is how many were
 * there). Returns 1 when a record was read, 0 at the end, -1 on a problem
 * (what in *problem); the record's first line is in *line.
 */
static int read_record(struct reader *r, char **cells, size_t *n, long *line, const char **problem)
{
    if (r->p >= r->end)
        return 0;
    *line = r->line;
    *n = 0;
    *problem = NULL;
    for (;;) {
        char *out = r->p;
        if (*n < FIELDS_MAX)
            cells[*n] = out;
        (*n)++;
        if (r->p < r->end && *r->p == '"') {
            if (read_quoted(r, &out, problem) != 0)
                return -1;
        } else {
            read_plain(r, &out, problem);
        }
        int more = r->p < r->end && *r->p == ',';
        char *stop = r->p;
        if (r->p < r->end && *r->p == '\r')
            r->p++;
        if (!more && r->p < r->end && *r->p == '\n')
            r->p++;
        if (more)
            r->p++;
        else if (stop < r->end)
            r->line++;
        *out = '\0';
        if (!more)
            return *problem != NULL ? -1 : 1;
    }
}

/* Trims spaces and tabs around s in place. */
static char *trim(char *s)
{
    s += strspn(s, " \t");
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* ---- the header ----------------------------------------------------------------------------- */

/* Maps each header cell to its column (map[i], -1 for none). Returns 1 when the header is usable.
 */
static int read_header(char **cells, size_t n, long line, int *map, json_t *errors)
{
    int seen[NCOLUMNS] = {0};
    int ok = 1; /* not the count of errors: a full list takes no more */
    if (n > FIELDS_MAX) {
        certificate_import_error(errors, line, "", "columns",
                                 "has %zu cells; a list has at most %d", n, NCOLUMNS);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char *name = trim(cells[i]);
        map[i] = -1;
        for (int c = 0; c < NCOLUMNS; c++)
            if (strcasecmp(name, columns[c].name) == 0)
                map[i] = c;
        ok &= map[i] >= 0 && !seen[map[i]];
        if (map[i] < 0)
            certificate_import_error(
                errors, line, name, "unknown",
                "is not a column of a certificate list (number, product, stars, level, "
                "rule_set, decision_number, issued_on, expires_on, status, application_id)");
        else if (seen[map[i]]++)
            certificate_import_error(errors, line, columns[map[i]].name, "duplicate",
                                     "is named twice in the header");
    }
    for (int c = 0; c < NCOLUMNS; c++) {
        ok &= !columns[c].required || seen[c];
        if (columns[c].required && !seen[c])
            certificate_import_error(errors, line, columns[c].name, "required",
                                     "the header must name this column");
    }
    return ok;
}

/* ---- a line --------------------------------------------------------------------------------- */

/* Checks the cells of one line (by column, NULL when empty) into row. */
static void read_row(const char *const *cell, struct certificate_import_row *row, json_t *errors)
{
    struct certificate_fields *f = &row->fields;
    int reported[NCOLUMNS] = {0};
    long day;
    size_t before = json_array_size(errors);
    for (int c = 0; c < NCOLUMNS; c++)
        if (columns[c].required && cell[c] == NULL) {
            certificate_import_error(errors, row->line, columns[c].name, "required",
                                     "must not be empty");
            reported[c] = 1;
        }
    const char *product = cell[COL_PRODUCT];
    if (product != NULL && oc_uuid_ok(product)) {
        f->product_id = product;
    } else if (product != NULL && (oc_utf8_len(product) > 64 || strchr(product, ' ') != NULL)) {
        certificate_import_error(errors, row->line, "product", "format",
                                 "must be the product's id (UUID) or its code");
        reported[COL_PRODUCT] = 1;
    } else {
        row->product_code = product;
    }
    const char *stars = cell[COL_STARS];
    f->stars = stars != NULL && strlen(stars) == 1 && stars[0] >= '0' && stars[0] <= '9'
                   ? stars[0] - '0'
                   : 0;
    f->level = cell[COL_LEVEL];
    f->rule_set = cell[COL_RULE_SET];
    f->decision_number = cell[COL_DECISION_NUMBER];
    f->issued_on = cell[COL_ISSUED_ON];
    f->application_id = cell[COL_APPLICATION_ID];
    f->number = cell[COL_NUMBER];
    row->expires_on = cell[COL_EXPIRES_ON];
    row->status = cell[COL_STATUS];

    /* the members' own rules, as POST /v1/certificates applies them */
    struct oc_v v;
    json_t *none = json_object();
    oc_v_init(&v, none);
    certificate_fields_check(&v, f);
    for (size_t i = 0; i < json_array_size(v.errors); i++) {
        const json_t *e = json_array_get(v.errors, i);
        const char *column =
            certificate_import_column(json_string_value(json_object_get(e, "field")));
        int skip = 0;
        for (int c = 0; c < NCOLUMNS; c++)
            skip |= reported[c] && strcmp(columns[c].name, column) == 0;
        skip |= strcmp(column, "product") == 0 && row->product_code != NULL;
        if (!skip)
            certificate_import_error(errors, row->line, column,
                                     json_string_value(json_object_get(e, "code")), "%s",
                                     json_string_value(json_object_get(e, "message")));
    }
    oc_v_clean(&v);
    json_decref(none);
    if (row->expires_on != NULL && !oc_date_read(row->expires_on, &day))
        certificate_import_error(errors, row->line, "expires_on", "format",
                                 "must be a date YYYY-MM-DD");
    int status_ok = row->status == NULL;
    for (const char *const *s = import_statuses; !status_ok && *s; s++)
        status_ok = strcmp(*s, row->status) == 0;
    if (!status_ok)
        certificate_import_error(errors, row->line, "status", "enum",
                                 "must be valid, expiring or expired (a revoked certificate is "
                                 "loaded, then revoked by its decision)");
    row->ok = json_array_size(errors) == before;
}

/* A line repeating a certificate of an earlier line (same number, or product and decision). */
static void check_repeats(struct certificate_import *imp)
{
    for (size_t i = 1; i < imp->n; i++) {
        struct certificate_import_row *a = &imp->rows[i];
        const char *product = a->fields.product_id ? a->fields.product_id : a->product_code;
        for (size_t k = 0; a->ok && k < i; k++) {
            const struct certificate_import_row *b = &imp->rows[k];
            const char *other = b->fields.product_id ? b->fields.product_id : b->product_code;
            if (a->fields.number != NULL && b->fields.number != NULL &&
                strcmp(a->fields.number, b->fields.number) == 0) {
                certificate_import_error(imp->errors, a->line, "number", "repeated",
                                         "%s is the number of line %ld too", a->fields.number,
                                         b->line);
                a->ok = 0;
            } else if (product != NULL && other != NULL && strcmp(product, other) == 0 &&
                       a->fields.decision_number != NULL && b->fields.decision_number != NULL &&
                       strcmp(a->fields.decision_number, b->fields.decision_number) == 0) {
                certificate_import_error(imp->errors, a->line, "decision_number", "repeated",
                                         "line %ld gives this product a certificate of the same "
                                         "decision",
                                         b->line);
                a->ok = 0;
            }
        }
    }
}

/* ---- the file ------------------------------------------------------------------------------- */

enum oc_err certificate_import_parse(const char *data, size_t len, struct certificate_import *out)
{
    char *cells[FIELDS_MAX];
    int map[FIELDS_MAX];
    int have_header = 0;
    size_t n, cap = 0, header_n = 0;
    long line;
    const char *problem;
    memset(out, 0, sizeof(*out));
    out->errors = json_array();
    if (len > CERTIFICATE_IMPORT_MAX_BYTES)
        return OC_TOO_LARGE;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
        data += 3;
        len -= 3;
    }
    out->text = oc_xmalloc(len + 1);
    memcpy(out->text, data, len);
    out->text[len] = '\0';
    struct reader r = {out->text, out->text + len, 1};
    int got;
    while ((got = read_record(&r, cells, &n, &line, &problem)) != 0) {
        if (got < 0) {
            certificate_import_error(out->errors, line, "", "csv", "%s", problem);
            if (strcmp(problem, "a quoted cell is not closed") == 0)
                break;
            continue;
        }
        if (n == 1 && cells[0][0] == '\0')
            continue; /* an empty line */
        int utf8 = 1;
        for (size_t i = 0; i < n && i < FIELDS_MAX; i++)
            utf8 &= oc_utf8_ok(cells[i], strlen(cells[i]));
        if (!utf8) {
            certificate_import_error(out->errors, line, "", "encoding", "is not UTF-8 text");
            continue;
        }
        if (!have_header) {
            have_header = 1;
            if (!read_header(cells, n, line, map, out->errors))
                return OC_OK; /* nothing below can be read without its columns */
            header_n = n;
            continue;
        }
        if (out->n == CERTIFICATE_IMPORT_MAX_ROWS)
            return OC_TOO_LARGE;
        if (out->n == cap) {
            cap = cap ? cap * 2 : 64;
            out->rows = oc_xrealloc(out->rows, cap * sizeof(*out->rows));
        }
        struct certificate_import_row *row = &out->rows[out->n++];
        memset(row, 0, sizeof(*row));
        row->line = line;
        if (n != header_n) {
            certificate_import_error(out->errors, line, "", "columns",
                                     "has %zu cells where the header has %zu", n, header_n);
            continue;
        }
        const char *cell[NCOLUMNS] = {NULL};
        for (size_t i = 0; i < n; i++) {
            char *value = trim(cells[i]);
            if (map[i] >= 0) /* read_header accepted every column; kept as a bound */
                cell[map[i]] = value[0] != '\0' ? value : NULL;
        }
        read_row(cell, row, out->errors);
    }
    if (!have_header)
        certificate_import_error(out->errors, 1, "", "empty",
                                 "the file holds no header line and no certificate");
    check_repeats(out);
    return OC_OK;
}

void certificate_import_clean(struct certificate_import *imp)
{
    free(imp->rows);
    free(imp->text);
    json_decref(imp->errors);
    memset(imp, 0, sizeof(*imp));
}

/* ---- loading against what is there -------------------------------------------------------- */

static int by_issue(const void *a, const void *b)
{
    const struct certificate_import_row *x = *(const struct certificate_import_row *const *)a;
    const struct certificate_import_row *y = *(const struct certificate_import_row *const *)b;
    int c = strcmp(x->fields.issued_on, y->fields.issued_on);
    return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

void certificate_import_order(const struct certificate_import_row **rows, size_t n)
{
    qsort(rows, n, sizeof(*rows), by_issue);
}

/* 1 when the view's member name is the text s (a missing member is never equal). */
static int member_is(const json_t *view, const char *name, const char *s)
{
    const char *v = json_string_value(json_object_get(view, name));
    return v != NULL && s != NULL && strcmp(v, s) == 0;
}

int certificate_import_same(const json_t *view, const struct certificate_fields *f)
{
    return member_is(json_object_get(view, "product"), "id", f->product_id) &&
           json_integer_value(json_object_get(view, "stars")) == f->stars &&
           member_is(view, "rule_set", f->rule_set) && member_is(view, "level", f->level) &&
           member_is(view, "decision_number", f->decision_number) &&
           member_is(view, "issued_on", f->issued_on) &&
           (f->number == NULL || member_is(view, "number", f->number));
}

int certificate_import_agrees(const struct certificate_import_row *row, const json_t *view,
                              json_t *errors)
{
    const char *expires = json_string_value(json_object_get(view, "expires_on"));
    int expired = member_is(view, "status", "expired");
    int ok = 1;
    if (row->expires_on != NULL && !member_is(view, "expires_on", row->expires_on)) {
        certificate_import_error(errors, row->line, "expires_on", "mismatch",
                                 "the rule set %s makes a certificate of %s expire on %s",
                                 row->fields.rule_set, row->fields.issued_on,
                                 expires ? expires : "no date");
        ok = 0;
    }
    if (row->status != NULL && (strcmp(row->status, "expired") == 0) != expired) {
        certificate_import_error(errors, row->line, "status", "mismatch",
                                 "the certificate is %s by its dates (in force through %s)",
                                 expired ? "expired" : "in force", expires ? expires : "no date");
        ok = 0;
    }
    return ok;
}
