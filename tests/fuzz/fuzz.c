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

json_t *fuzz_pick_json(const uint8_t *data, size_t size, int object, unsigned *pick)
{
    if (size < 1)
        return NULL;
    *pick = data[0];
    json_t *value = fuzz_json(data + 1, size - 1);
    if (value != NULL && object && !json_is_object(value)) {
        json_decref(value);
        return NULL;
    }
    return value;
}

void fuzz_body_parsers(const uint8_t *data, size_t size, int (*const parsers[])(struct oc_v *v),
                       size_t n)
{
    unsigned pick = 0;
    json_t *body = fuzz_pick_json(data, size, 0, &pick);
    if (body == NULL)
        return;
    struct oc_v v;
    oc_v_init(&v, body);
    parsers[pick % n](&v);
    oc_v_clean(&v);
    json_decref(body);
}
