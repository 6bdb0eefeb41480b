/*
 * multipart/form-data (RFC 7578) read from a whole request body, without
 * copying the parts' data: a part's bytes are borrowed from the body. Used by
 * the upload route only; no other route parses a form.
 */
#ifndef OC_MULTIPART_H
#define OC_MULTIPART_H

#include <stddef.h>

#include <jansson.h>

#include "common/err.h"

#define OC_MULTIPART_MAX_PARTS 8 /* parts a form may hold */

/* One part of a form. */
struct oc_part {
    char name[65];          /* the form field's name */
    int is_file;            /* 1 when the part names a filename */
    char filename[1024];    /* the file name as sent ("" when none) */
    char content_type[128]; /* the part's Content-Type ("" when none) */
    const char *data;       /* the part's bytes (borrowed from the body) */
    size_t len;             /* their number */
};

/* A parsed form. */
struct oc_multipart {
    struct oc_part parts[OC_MULTIPART_MAX_PARTS]; /* in the order sent */
    size_t n;                                     /* parts used */
};

/*
 * Parses body (len bytes, borrowed by mp for as long as mp is used) as the
 * multipart/form-data of content_type. Returns OC_OK; OC_BAD_REQUEST with
 * detail when the framing is broken (no boundary, a part without its
 * headers, no closing delimiter); OC_INVALID with one entry in errors per
 * problem when a field name is sent twice (a duplicate file part is refused
 * rather than spliced) or there are more than OC_MULTIPART_MAX_PARTS parts.
 */
enum oc_err oc_multipart_parse(const char *content_type, const char *body, size_t len,
                               struct oc_multipart *mp, json_t *errors, char *detail,
                               size_t detail_len);

/* The part named name, or NULL. */
const struct oc_part *oc_multipart_get(const struct oc_multipart *mp, const char *name);

#endif
