/* Whole small files read as text: migrations, reference data, templates, settings files. */
#ifndef OC_FILE_H
#define OC_FILE_H

#include <stddef.h>

/*
 * Reads the file at path as NUL-terminated text of at most max bytes (caller
 * frees; *len, when not NULL, gets its length). Returns NULL with why in why
 * ("could not be opened", "could not be read", "is larger than 4 MiB", "holds
 * a NUL byte"), for the caller to say what was not loaded.
 */
char *oc_file_read(const char *path, size_t max, size_t *len, char *why, size_t whylen);

#endif
