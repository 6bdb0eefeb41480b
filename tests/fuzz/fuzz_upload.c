/*
 * A dossier upload (POST /v1/applications/{id}/documents) as the handler
 * checks it once libmicrohttpd has split the multipart body: the input is
 * three lines (the item part, the file's filename, its declared
 * Content-Type; an empty line is an absent part) and then the file's bytes,
 * whose type is sniffed from its first bytes (dossier_sniff). A file name
 * that passes must be UTF-8, as PostgreSQL requires of text.
 */
#include <stdlib.h>

#include <jansson.h>

#include "fuzz/fuzz.h"
#include "registration/application.h"

enum { ITEM, FILENAME, DECLARED, FILE_BYTES, NPARTS };

static const char *part(const struct fuzz_parts *in, size_t i)
{
    return in->p[i][0] != '\0' ? in->p[i] : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_parts in;
    json_t *errors = json_array();
    (void)dossier_sniff(data, size);
    fuzz_parts_split(&in, data, size, '\n', NPARTS);
    /* the file: the input's bytes after the third line, NULs included */
    size_t at = in.n == NPARTS ? (size_t)(in.p[FILE_BYTES] - in.buf) : size;
    const char *filename = part(&in, FILENAME);
    if (dossier_upload_check(part(&in, ITEM), filename, part(&in, DECLARED), data + at, size - at,
                             errors) != NULL &&
        json_array_size(errors) == 0) {
        /* an accepted file name is stored as text: it must be UTF-8 (jansson checks it too) */
        json_t *name = json_string(filename);
        if (name == NULL)
            abort();
        json_decref(name);
    }
    fuzz_parts_clean(&in);
    json_decref(errors);
    return 0;
}
