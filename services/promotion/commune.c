#include "promotion/commune.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

#define HEADER       "level,code,name,type,parent_code,valid_from,valid_to,successor_code"
#define FIELDS       8
#define MAX_HOPS     16
#define MAX_COMMUNES 4096

/* A commune row as the file states it. */
struct row {
    char code[6];      /* 5 digits */
    char successor[6]; /* 5 digits, or "" */
    int current;       /* 1 when valid_to is empty */
};

static int five_digits(const char *s, size_t n)
{
    return n == 5 && strspn(s, "0123456789") >= 5;
}

/* Splits one line (len bytes) into FIELDS fields; returns 1 when it has exactly that many. */
static int split(const char *line, size_t len, const char *field[FIELDS], size_t flen[FIELDS])
{
    size_t f = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != ',')
            continue;
        if (f == FIELDS)
            return 0;
        field[f] = line + start;
        flen[f++] = i - start;
        start = i + 1;
    }
    return f == FIELDS;
}

/*
 * Reads one commune row; returns 1, or 0 when its codes are malformed. A
 * commune split between two units (NQ 1687) names both, "29767;29770": it
 * resolves to the first, the unit that received a part first.
 */
static int row_read(const char *field[FIELDS], size_t flen[FIELDS], struct row *r)
{
    if (flen[7] == 11 && field[7][5] == ';' && five_digits(field[7] + 6, 5))
        flen[7] = 5;
    if (!five_digits(field[1], flen[1]) || (flen[7] != 0 && !five_digits(field[7], flen[7])))
        return 0;
    memcpy(r->code, field[1], 5);
    r->code[5] = '\0';
    memcpy(r->successor, field[7], flen[7]);
    r->successor[flen[7]] = '\0';
    r->current = flen[6] == 0;
    return 1;
}

static int is_current(const struct row *rows, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].current && strcmp(rows[i].code, code) == 0)
            return 1;
    return 0;
}

/*
 * The successor a legacy code names, or NULL. A code reused before the
 * reform names itself as the successor of its earlier version (28855 Xã An
 * Hiệp, then Xã Tường Đa): the later version's successor is the one to follow.
 */
static const char *successor_of(const struct row *rows, size_t n, const char *code)
{
    const char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].current || strcmp(rows[i].code, code) != 0 || rows[i].successor[0] == '\0')
            continue;
        if (strcmp(rows[i].successor, code) != 0)
            return rows[i].successor;
        found = rows[i].successor;
    }
    return found;
}

/* Reads the commune rows of text into rows (capacity MAX_COMMUNES); 0 with err on a bad line. */
static int rows_read(const char *text, struct row *rows, size_t *n, char *err, size_t errlen)
{
    const char *field[FIELDS];
    size_t flen[FIELDS], line_no = 1;
    const char *eol = strchr(text, '\n');
    size_t hlen = eol ? (size_t)(eol - text) : strlen(text);
    if (hlen > 0 && text[hlen - 1] == '\r')
        hlen--;
    if (hlen != strlen(HEADER) || strncmp(text, HEADER, hlen) != 0) {
        snprintf(err, errlen, "line 1: the header must be %s", HEADER);
        return 0;
    }
    *n = 0;
    for (const char *line = eol ? eol + 1 : text + hlen; *line; line_no++) {
        eol = strchr(line, '\n');
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        size_t used = len;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len > 0 && !split(line, len, field, flen)) {
            snprintf(err, errlen, "line %zu: expected %d fields", line_no + 1, FIELDS);
            return 0;
        }
        if (len > 0 && flen[0] == 7 && strncmp(field[0], "commune", 7) == 0) {
            if (*n == MAX_COMMUNES || !row_read(field, flen, &rows[*n])) {
                snprintf(err, errlen, "line %zu: a bad commune row", line_no + 1);
                return 0;
            }
            (*n)++;
        }
        line += used + (eol ? 1 : 0);
    }
    return 1;
}

int commune_resolve_csv(const char *text, struct commune_code **out, size_t *n, char *err,
                        size_t errlen)
{
    struct row *rows = oc_xmalloc(sizeof(*rows) * MAX_COMMUNES);
    size_t nrows = 0;
    *out = NULL;
    *n = 0;
    if (!rows_read(text, rows, &nrows, err, errlen)) {
        free(rows);
        return 0;
    }
    *out = oc_xmalloc(sizeof(**out) * (nrows ? nrows : 1));
    for (size_t i = 0; i < nrows; i++) {
        int seen = 0;
        for (size_t j = 0; j < *n && !seen; j++)
            seen = strcmp((*out)[j].code, rows[i].code) == 0;
        if (seen)
            continue;
        const char *at = rows[i].code;
        for (int hop = 0; at != NULL && !is_current(rows, nrows, at) && hop < MAX_HOPS; hop++)
            at = successor_of(rows, nrows, at);
        if (at == NULL || !is_current(rows, nrows, at))
            continue; /* ended without a successor (the sources do not say where it went) */
        snprintf((*out)[*n].code, sizeof((*out)[*n].code), "%s", rows[i].code);
        snprintf((*out)[*n].current, sizeof((*out)[*n].current), "%s", at);
        (*n)++;
    }
    free(rows);
    return 1;
}
