/*
 * The upload route's own multipart/form-data reader (common/multipart.h): the
 * input's first line is the request's Content-Type, the rest its body. Every
 * part it returns must lie inside the body, and a form it accepts names no
 * field twice and has at most OC_MULTIPART_MAX_PARTS parts.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/multipart.h"
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t head = nl != NULL ? (size_t)(nl - data) : size;
    char *content_type = fuzz_cstr(data, head);
    const char *body = (const char *)data + (nl != NULL ? head + 1 : size);
    size_t len = size - (size_t)(body - (const char *)data);
    struct oc_multipart *mp = calloc(1, sizeof(*mp));
    json_t *errors = json_array();
    char detail[256];
    if (mp != NULL &&
        oc_multipart_parse(content_type, body, len, mp, errors, detail, sizeof(detail)) == OC_OK) {
        if (mp->n > OC_MULTIPART_MAX_PARTS || json_array_size(errors) != 0)
            abort();
        for (size_t i = 0; i < mp->n; i++) {
            const struct oc_part *p = &mp->parts[i];
            if (p->len > len || p->data < body || p->data + p->len > body + len)
                abort();
            for (size_t k = 0; k < i; k++)
                if (strcmp(mp->parts[k].name, p->name) == 0)
                    abort();
            if (oc_multipart_get(mp, p->name) != p)
                abort();
        }
    }
    json_decref(errors);
    free(mp);
    free(content_type);
    return 0;
}
