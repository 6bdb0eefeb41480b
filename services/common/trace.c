#include "common/trace.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <string.h>

static _Thread_local struct oc_trace trace_current;
static _Thread_local int trace_is_set;

static int hex_lower(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

static int all_zero(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '0')
            return 0;
    return 1;
}

int oc_trace_parse(const char *text, struct oc_trace *out)
{
    if (text == NULL || strnlen(text, OC_TRACE_HEADER_LEN + 1) < OC_TRACE_HEADER_LEN)
        return 0;
    size_t len = strlen(text);
    int v00 = strncmp(text, "00", 2) == 0;
    /* A later version may append "-..." fields; version 00 may not. */
    if ((v00 && len != OC_TRACE_HEADER_LEN) ||
        (!v00 && len > OC_TRACE_HEADER_LEN && text[OC_TRACE_HEADER_LEN] != '-'))
        return 0;
    if (!hex_lower(text, 2) || strncmp(text, "ff", 2) == 0 || text[2] != '-' ||
        !hex_lower(text + 3, 32) || text[35] != '-' || !hex_lower(text + 36, 16) ||
        text[52] != '-' || !hex_lower(text + 53, 2) || all_zero(text + 3, 32) ||
        all_zero(text + 36, 16))
        return 0;
    memcpy(out->trace_id, text + 3, 32);
    out->trace_id[32] = '\0';
    memcpy(out->span_id, text + 36, 16);
    out->span_id[16] = '\0';
    memcpy(out->flags, text + 53, 2);
    out->flags[2] = '\0';
    return 1;
}

void oc_trace_format(const struct oc_trace *t, char *buf, size_t len)
{
    snprintf(buf, len, "00-%s-%s-%s", t->trace_id, t->span_id, t->flags);
}

/* Fills hex (2 * n digits and a NUL) with n random bytes, never all zero. */
static void random_hex(char *hex, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    unsigned char bytes[16];
    unsigned char any = 0;
    while (any == 0) {
        if (gnutls_rnd(GNUTLS_RND_NONCE, bytes, n) != 0)
            gnutls_rnd(GNUTLS_RND_RANDOM, bytes, n);
        for (size_t i = 0; i < n; i++)
            any |= bytes[i];
    }
    for (size_t i = 0; i < n; i++) {
        hex[2 * i] = digits[bytes[i] >> 4];
        hex[2 * i + 1] = digits[bytes[i] & 15];
    }
    hex[2 * n] = '\0';
}

void oc_trace_new(struct oc_trace *out)
{
    random_hex(out->trace_id, 16);
    random_hex(out->span_id, 8);
    memcpy(out->flags, "01", 3);
}

void oc_trace_child(const struct oc_trace *parent, struct oc_trace *out)
{
    struct oc_trace child = *parent;
    do
        random_hex(child.span_id, 8);
    while (strcmp(child.span_id, parent->span_id) == 0);
    *out = child;
}

void oc_trace_continue(const char *header, struct oc_trace *out)
{
    struct oc_trace parent;
    if (oc_trace_parse(header, &parent))
        oc_trace_child(&parent, out);
    else
        oc_trace_new(out);
}

void oc_trace_set(const struct oc_trace *t)
{
    trace_is_set = t != NULL;
    if (t != NULL)
        trace_current = *t;
}

const struct oc_trace *oc_trace_current(void)
{
    return trace_is_set ? &trace_current : NULL;
}

void oc_trace_outbox(const char *given, char *buf, size_t len)
{
    struct oc_trace row;
    const struct oc_trace *cur = oc_trace_current();
    if (cur != NULL)
        oc_trace_child(cur, &row);
    else
        oc_trace_continue(given, &row);
    oc_trace_format(&row, buf, len);
}
