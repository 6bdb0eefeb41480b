#include "common/file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

/* "4 MiB", "64 KiB" or "100 bytes". */
static void size_text(size_t n, char *buf, size_t len)
{
    if (n >= (1u << 20) && n % (1u << 20) == 0)
        snprintf(buf, len, "%zu MiB", n >> 20);
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(buf, len, "%zu KiB", n >> 10);
    else
        snprintf(buf, len, "%zu bytes", n);
}

char *oc_file_read(const char *path, size_t max, size_t *len, char *why, size_t whylen)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(why, whylen, "could not be opened");
        return NULL;
    }
    char *buf = oc_xmalloc(max + 1);
    size_t n = fread(buf, 1, max + 1, f);
    int failed = ferror(f);
    (void)fclose(f);
    if (failed || n > max || memchr(buf, '\0', n) != NULL) {
        char limit[32];
        size_text(max, limit, sizeof(limit));
        if (failed)
            snprintf(why, whylen, "could not be read");
        else if (n > max)
            snprintf(why, whylen, "is larger than %s", limit);
        else
            snprintf(why, whylen, "holds a NUL byte");
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (len != NULL)
        *len = n;
    return buf;
}
