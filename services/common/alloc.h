/*
 * The aborting allocator. Out of memory is not recoverable in a service: it
 * aborts, as Redis and PostgreSQL do. oc_alloc_install() makes Jansson and
 * orcania (the allocator ulfius uses) allocate through it as well.
 */
#ifndef OC_ALLOC_H
#define OC_ALLOC_H

#include <stddef.h>

/* Returns n bytes (n may be 0); never NULL. */
void *oc_xmalloc(size_t n);
/* Returns zeroed memory for count objects of size bytes; never NULL. */
void *oc_xcalloc(size_t count, size_t size);
/* Resizes p (may be NULL); never NULL. */
void *oc_xrealloc(void *p, size_t n);
/* Returns a copy of s (must not be NULL) that the caller frees; never NULL. */
char *oc_xstrdup(const char *s);
/* Returns a formatted string the caller frees; never NULL. */
char *oc_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Installs the aborting allocator into Jansson and orcania. Call once, first. */
void oc_alloc_install(void);

#endif
