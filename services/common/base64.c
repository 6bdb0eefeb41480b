#include "common/base64.h"

#include <gnutls/gnutls.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

void oc_base64(const unsigned char *in, size_t n, char *out)
{
    gnutls_datum_t data = {(unsigned char *)in, (unsigned)n}, text = {NULL, 0};
    size_t len = 0;
    if (n > 0 && gnutls_base64_encode2(&data, &text) == 0 && text.size == (n + 2) / 3 * 4) {
        len = text.size;
        memcpy(out, text.data, len);
    }
    gnutls_free(text.data);
    out[len] = '\0';
}

long oc_base64_decode(const char *text, unsigned char *out, size_t cap)
{
    size_t len = strlen(text);
    if (len == 0)
        return 0;
    if (len % 4 == 1 || len > (size_t)1 << 20)
        return -1;
    /* GnuTLS wants the padding: put it back when it was left out */
    char *padded = oc_xmalloc(len + 3);
    memcpy(padded, text, len); /* NOLINT(bugprone-not-null-terminated-result): a counted datum */
    while (len % 4 != 0)
        padded[len++] = '=';
    gnutls_datum_t data = {(unsigned char *)padded, (unsigned)len}, bytes = {NULL, 0};
    long n = -1;
    if (gnutls_base64_decode2(&data, &bytes) == 0 && bytes.size <= cap) {
        memcpy(out, bytes.data, bytes.size);
        n = (long)bytes.size;
    }
    gnutls_free(bytes.data);
    free(padded);
    return n;
}
