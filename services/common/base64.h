/* Standard base64 (RFC 4648 §4, with padding), through GnuTLS. */
#ifndef OC_BASE64_H
#define OC_BASE64_H

#include <stddef.h>

/* The base64 of n bytes into out, which holds 4 * ceil(n / 3) + 1 bytes (NUL-terminated). */
void oc_base64(const unsigned char *in, size_t n, char *out);

/*
 * Decodes base64 text (the padding may be left out) into out (room for cap
 * bytes). Returns the bytes written, or -1 when text is not base64 or its
 * bytes do not fit.
 */
long oc_base64_decode(const char *text, unsigned char *out, size_t cap);

#endif
