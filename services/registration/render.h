/*
 * Writing text documents, pure C: a growing buffer, CSV fields and rows
 * (RFC 4180, CRLF line ends) as GET /v1/statistics and GET /v1/reports/{year}
 * send them, and HTML-escaped text. No I/O.
 */
#ifndef REG_RENDER_H
#define REG_RENDER_H

#include <stddef.h>

#include <jansson.h>

/* A growing text buffer; start it as {NULL, 0, 0} and take text when done (caller frees). */
struct render_buf {
    char *text; /* NUL-terminated once anything was put (owned) */
    size_t len; /* bytes before the NUL */
    size_t cap; /* bytes allocated */
};

/* Appends the n bytes at s. */
void render_put(struct render_buf *b, const char *s, size_t n);

/* Appends the string s. */
void render_puts(struct render_buf *b, const char *s);

/* Appends formatted text. */
void render_printf(struct render_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Appends s (NULL: nothing) with &, <, >, " and ' written as entities, so
 * that it is text in HTML content and in a quoted attribute value.
 */
void render_html(struct render_buf *b, const char *s);

/*
 * Appends one CSV field: a string, an integer, a real (one decimal, as
 * percentages are shown), true/false, or nothing for null and anything else;
 * quoted when it holds a comma, a quote or a line break.
 */
void render_csv_field(struct render_buf *b, const json_t *value);

/* Appends the row section,key,value and CRLF. */
void render_csv_row(struct render_buf *b, const char *section, const json_t *key,
                    const json_t *value);

/* A row whose key is a constant. */
void render_csv_named(struct render_buf *b, const char *section, const char *key,
                      const json_t *value);

/* One row per entry of a grouping [{"key", "count"}], in section prefix + name. */
void render_csv_grouping(struct render_buf *b, const char *prefix, const char *name,
                         const json_t *group);

/* The rows section,name,value of obj's members named in names (NULL-terminated), in order. */
void render_csv_members(struct render_buf *b, const char *section, const json_t *obj,
                        const char *const *names);

/* The rows name,key,value of item's members named in names (NULL-terminated): a keyed record. */
void render_csv_keyed(struct render_buf *b, const json_t *key, const json_t *item,
                      const char *const *names);

/* render_csv_grouping of each of obj's groupings named in names (NULL-terminated), in order. */
void render_csv_groupings(struct render_buf *b, const char *prefix, const json_t *obj,
                          const char *const *names);

#endif
