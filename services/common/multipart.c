#include "common/multipart.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define BOUNDARY_MAX 70   /* RFC 2046 */
#define HEADERS_MAX  4096 /* bytes of one part's header block */

/* First occurrence of needle (n bytes) in hay (len bytes), or NULL. */
static const char *find(const char *hay, size_t len, const char *needle, size_t n)
{
    const char *end = hay + len;
    for (const char *p = hay; n <= (size_t)(end - p);) {
        const char *c = memchr(p, needle[0], (size_t)(end - p) - n + 1);
        if (c == NULL)
            return NULL;
        if (memcmp(c, needle, n) == 0)
            return c;
        p = c + 1;
    }
    return NULL;
}

/*
 * Copies the value of parameter name (name="..." or name=token) of a header
 * value into out. Returns 1 when found and it fits, else 0.
 */
static int header_param(const char *value, size_t vlen, const char *name, char *out, size_t outlen)
{
    size_t n = strlen(name);
    for (size_t i = 0; i + n + 1 <= vlen; i++) {
        if ((i > 0 && value[i - 1] != ';' && value[i - 1] != ' ' && value[i - 1] != '\t') ||
            strncasecmp(value + i, name, n) != 0 || value[i + n] != '=')
            continue;
        const char *v = value + i + n + 1, *end = value + vlen;
        size_t k = 0;
        if (v < end && *v == '"') {
            for (v++; v < end && *v != '"'; v++) {
                if (*v == '\\' && v + 1 < end)
                    v++;
                if (k + 1 >= outlen)
                    return 0;
                out[k++] = *v;
            }
            if (v >= end)
                return 0;
        } else {
            for (; v < end && *v != ';' && *v != ' ' && *v != '\t'; v++) {
                if (k + 1 >= outlen)
                    return 0;
                out[k++] = *v;
            }
        }
        out[k] = '\0';
        return 1;
    }
    return 0;
}

/* Returns 1 when the n bytes at s begin with prefix, compared case-insensitively. */
static int starts_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && strncasecmp(s, prefix, k) == 0;
}

/* Reads one part's header block (without its final CRLF CRLF) into part. Returns 0 or -1. */
static int part_headers(const char *h, size_t len, struct oc_part *part)
{
    int disposition = 0;
    for (const char *line = h, *end = h + len; line < end;) {
        const char *eol = find(line, (size_t)(end - line), "\r\n", 2);
        size_t n = eol ? (size_t)(eol - line) : (size_t)(end - line);
        const char *colon = memchr(line, ':', n);
        if (colon != NULL) {
            size_t nlen = (size_t)(colon - line), off = nlen + 1;
            while (off < n && (line[off] == ' ' || line[off] == '\t'))
                off++;
            const char *v = line + off;
            size_t vlen = n - off;
            if (nlen == 19 && starts_ci(line, nlen, "Content-Disposition")) {
                if (!starts_ci(v, vlen, "form-data") ||
                    !header_param(v, vlen, "name", part->name, sizeof(part->name)))
                    return -1;
                disposition = 1;
                part->is_file =
                    header_param(v, vlen, "filename", part->filename, sizeof(part->filename));
            } else if (nlen == 12 && starts_ci(line, nlen, "Content-Type")) {
                if (vlen >= sizeof(part->content_type))
                    return -1;
                memcpy(part->content_type, v, vlen);
                part->content_type[vlen] = '\0';
            }
        }
        line += n + 2;
    }
    return disposition ? 0 : -1;
}

static void add_error(json_t *errors, const char *field, const char *code, const char *message)
{
    json_array_append_new(
        errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", code, "message", message));
}

static enum oc_err broken(char *detail, size_t detail_len, const char *why)
{
    snprintf(detail, detail_len, "the multipart body is malformed: %s", why);
    return OC_BAD_REQUEST;
}

enum oc_err oc_multipart_parse(const char *content_type, const char *body, size_t len,
                               struct oc_multipart *mp, json_t *errors, char *detail,
                               size_t detail_len)
{
    char boundary[BOUNDARY_MAX + 1], delim[BOUNDARY_MAX + 5];
    memset(mp, 0, sizeof(*mp));
    if (content_type == NULL ||
        !header_param(content_type, strlen(content_type), "boundary", boundary, sizeof(boundary)) ||
        boundary[0] == '\0')
        return broken(detail, detail_len, "no boundary of 1 to 70 characters");
    /* Every delimiter but the first follows a CRLF; look for the first after a CRLF too. */
    size_t dn = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
    const char *p =
        len >= dn - 2 && memcmp(body, delim + 2, dn - 2) == 0 ? body : find(body, len, delim, dn);
    if (p == NULL)
        return broken(detail, detail_len, "no delimiter");
    p += p == body ? dn - 2 : dn;
    const char *end = body + len;
    size_t sent = 0;
    for (;;) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            break; /* the close delimiter */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            return broken(detail, detail_len, "a delimiter is not followed by CRLF");
        p += 2;
        size_t room = (size_t)(end - p) < HEADERS_MAX ? (size_t)(end - p) : HEADERS_MAX;
        const char *hend = find(p, room, "\r\n\r\n", 4);
        const char *next = hend ? find(hend + 4, (size_t)(end - hend - 4), delim, dn) : NULL;
        if (hend == NULL || next == NULL)
            return broken(detail, detail_len, "a part lacks its headers or its closing delimiter");
        struct oc_part scratch; /* a part past the limit, only counted */
        memset(&scratch, 0, sizeof(scratch));
        struct oc_part *part = mp->n < OC_MULTIPART_MAX_PARTS ? &mp->parts[mp->n] : &scratch;
        memset(part, 0, sizeof(*part));
        if (part_headers(p, (size_t)(hend - p), part) != 0)
            return broken(detail, detail_len, "a part has no form-data Content-Disposition name");
        part->data = hend + 4;
        part->len = (size_t)(next - part->data);
        sent++;
        if (part != &scratch && oc_multipart_get(mp, part->name) != NULL)
            add_error(errors, part->name, "duplicate", "is sent more than once");
        else if (part != &scratch)
            mp->n++;
        p = next + dn;
    }
    if (sent > OC_MULTIPART_MAX_PARTS) {
        char msg[80];
        snprintf(msg, sizeof(msg), "may hold at most %d parts, not %zu", OC_MULTIPART_MAX_PARTS,
                 sent);
        add_error(errors, "body", "parts", msg);
    }
    return json_array_size(errors) > 0 ? OC_INVALID : OC_OK;
}

const struct oc_part *oc_multipart_get(const struct oc_multipart *mp, const char *name)
{
    for (size_t i = 0; i < mp->n; i++)
        if (strcmp(mp->parts[i].name, name) == 0)
            return &mp->parts[i];
    return NULL;
}
