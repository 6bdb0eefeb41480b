#include "fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "common/log.h"

char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        abort();
    if (size > 0)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

json_t *fuzz_json(const uint8_t *data, size_t size)
{
    return json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
}

void fuzz_parts_split(struct fuzz_parts *parts, const uint8_t *data, size_t size, char sep,
                      size_t max)
{
    parts->buf = fuzz_cstr(data, size);
    parts->n = 0;
    if (max > sizeof(parts->p) / sizeof(parts->p[0]))
        max = sizeof(parts->p) / sizeof(parts->p[0]);
    for (size_t i = 0; i < sizeof(parts->p) / sizeof(parts->p[0]); i++)
        parts->p[i] = "";
    char *at = parts->buf;
    while (parts->n < max) {
        parts->p[parts->n++] = at;
        char *next = parts->n < max ? strchr(at, sep) : NULL;
        if (next == NULL)
            break;
        *next = '\0';
        at = next + 1;
    }
}

void fuzz_parts_clean(struct fuzz_parts *parts)
{
    free(parts->buf);
    parts->buf = NULL;
}

void fuzz_quiet(void)
{
    oc_log_init("fuzz", OC_LOG_ERROR);
}

/* The harnesses' start unless one defines its own (a strong definition wins over this weak one):
 * the services' log lines kept to errors. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    return 0;
}
