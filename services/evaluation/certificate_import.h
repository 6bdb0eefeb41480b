/*
 * A province's list of certificates as CSV (POST /v1/certificates/imports),
 * pure C: the file's text into rows of recognitions, every problem named by
 * line and column. No I/O.
 *
 * The file is UTF-8 (a byte-order mark is skipped), RFC 4180: fields
 * separated by commas, quoted with '"' when they hold a comma, a quote
 * (doubled) or a line break; lines end with CRLF or LF; empty lines are
 * skipped. The first line is the header naming the columns, in any order:
 *
 *   number           the printed number (certificate.h: required for a central
 *                    recognition and one issued before the platform's start)
 *   product          the product's id (UUID) or its code (e.g. OCOP-TV-2022-00015)
 *   stars            3, 4 or 5
 *   level            district, province or central
 *   rule_set         the rule set the decision was made under, e.g. qd1048-2019
 *   decision_number  the recognition decision, e.g. 1234/QĐ-UBND
 *   issued_on        YYYY-MM-DD
 *   expires_on       optional: when given it must be the expiry the rule set gives
 *   status           optional: valid, expiring or expired; must agree with the dates
 *   application_id   optional: the registry's application (UUID)
 *
 * Cells are trimmed of spaces; an empty cell is an absent value. Lines are
 * counted in the file as an editor shows them (the header is line 1; a quoted
 * field over two lines counts two).
 */
#ifndef EVAL_CERTIFICATE_IMPORT_H
#define EVAL_CERTIFICATE_IMPORT_H

#include <stddef.h>

#include <jansson.h>

#include "common/err.h"
#include "evaluation/certificate.h"

#define CERTIFICATE_IMPORT_MAX_BYTES (2 * 1024 * 1024) /* the largest file */
#define CERTIFICATE_IMPORT_MAX_ROWS  5000              /* certificates in one file */

/* One line of the list. Strings point into the import's text. */
struct certificate_import_row {
    long line;                        /* where it starts in the file (the header is line 1) */
    int ok;                           /* 1 when every cell is well-formed */
    struct certificate_fields fields; /* the recognition; product_id NULL when given by code */
    const char *product_code;         /* the product cell when it is not a UUID, else NULL */
    const char *expires_on;           /* YYYY-MM-DD, or NULL */
    const char *status;               /* valid, expiring or expired, or NULL */
};

/* A parsed list (certificate_import_parse); free with certificate_import_clean. */
struct certificate_import {
    struct certificate_import_row *rows; /* the data lines in file order (owned) */
    size_t n;                            /* entries in rows */
    json_t *errors; /* every problem (owned): {line, column, field, code, message} */
    char *text;     /* storage of the cells (owned) */
};

/*
 * Parses len bytes of CSV into out (always to be cleaned). Returns OC_OK with
 * out->errors listing every bad line (empty when the file is well-formed), or
 * OC_TOO_LARGE when it holds more than CERTIFICATE_IMPORT_MAX_BYTES bytes or
 * CERTIFICATE_IMPORT_MAX_ROWS lines of certificates.
 */
enum oc_err certificate_import_parse(const char *data, size_t len, struct certificate_import *out);

void certificate_import_clean(struct certificate_import *imp);

/* Adds a problem of line (column "" for the whole line) to errors. */
void certificate_import_error(json_t *errors, long line, const char *column, const char *code,
                              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The column a certificate member's problem belongs to ("product_id" is "product"). */
const char *certificate_import_column(const char *field);

/*
 * Sorts n rows to load: oldest issued_on first, then in file order, so that a
 * product's certificates supersede one another in order.
 */
void certificate_import_order(const struct certificate_import_row **rows, size_t n);

/*
 * Returns 1 when the loaded certificate view records the same recognition as
 * f: product, stars, rule set, level, decision and its date, and the number
 * when f gives one. Such a line is "unchanged"; any other is a conflict.
 */
int certificate_import_same(const json_t *view, const struct certificate_fields *f);

/*
 * The row's optional expires_on and status must agree with the certificate
 * issued from it (view): the expiry its rule set gives, expired or in force by
 * its dates. Adds a "mismatch" problem to errors for each that does not;
 * returns 1 when both agree.
 */
int certificate_import_agrees(const struct certificate_import_row *row, const json_t *view,
                              json_t *errors);

#endif
