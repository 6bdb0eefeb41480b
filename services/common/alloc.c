#include "common/alloc.h"

#include <malloc.h>
#include <orcania.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static void oom(size_t n)
{
    fprintf(stderr, "{\"level\":\"fatal\",\"msg\":\"out of memory allocating %zu bytes\"}\n", n);
    abort();
}

void *oc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        oom(n);
    return p;
}

void *oc_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (p == NULL)
        oom(count * size);
    return p;
}

void *oc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (q == NULL)
        oom(n);
    return q;
}

char *oc_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = oc_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

char *oc_xasprintf(const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        abort();
    char *p = oc_xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void oc_alloc_install(void)
{
    /* Request bodies and libpq's buffers grow by realloc. With glibc's sliding mmap threshold
       a freed large buffer moves the threshold up, the next body grows on the heap, and each
       move copies it, so a request would hold its body twice. A fixed threshold keeps every
       buffer of 256 KiB or more in its own mapping: it grows by mremap without a copy, and
       goes back to the system when freed. */
    (void)mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    json_set_alloc_funcs(oc_xmalloc, free);
    o_set_alloc_funcs(oc_xmalloc, oc_xrealloc, free);
}
