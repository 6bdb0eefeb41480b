#include "registration/render.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

void render_put(struct render_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->text = oc_xrealloc(b->text, b->cap);
    }
    memcpy(b->text + b->len, s, n);
    b->len += n;
    b->text[b->len] = '\0';
}

void render_puts(struct render_buf *b, const char *s)
{
    render_put(b, s, strlen(s));
}

void render_printf(struct render_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        render_put(b, small, (size_t)n);
        return;
    }
    char *big = oc_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    render_put(b, big, (size_t)n);
    free(big);
}

void render_html(struct render_buf *b, const char *s)
{
    for (const char *p = s; p != NULL && *p;) {
        size_t n = strcspn(p, "&<>\"'");
        render_put(b, p, n);
        p += n;
        switch (*p) {
        case '&':
            render_puts(b, "&amp;");
            break;
        case '<':
            render_puts(b, "&lt;");
            break;
        case '>':
            render_puts(b, "&gt;");
            break;
        case '"':
            render_puts(b, "&quot;");
            break;
        case '\'':
            render_puts(b, "&#39;");
            break;
        default:
            return; /* the end */
        }
        p++;
    }
}

void render_csv_field(struct render_buf *b, const json_t *value)
{
    char num[32];
    const char *s = "";
    if (json_is_string(value)) {
        s = json_string_value(value);
    } else if (json_is_integer(value)) {
        snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(value));
        s = num;
    } else if (json_is_real(value)) {
        snprintf(num, sizeof(num), "%.1f", json_real_value(value));
        s = num;
    } else if (json_is_boolean(value)) {
        s = json_is_true(value) ? "true" : "false";
    }
    if (strcspn(s, ",\"\r\n") == strlen(s)) {
        render_puts(b, s);
        return;
    }
    render_put(b, "\"", 1);
    for (const char *q = s; *q; q++) {
        if (*q == '"')
            render_put(b, "\"", 1); /* a quote is doubled */
        render_put(b, q, 1);
    }
    render_put(b, "\"", 1);
}

void render_csv_row(struct render_buf *b, const char *section, const json_t *key,
                    const json_t *value)
{
    json_t *s = json_string(section);
    render_csv_field(b, s);
    render_put(b, ",", 1);
    render_csv_field(b, key);
    render_put(b, ",", 1);
    render_csv_field(b, value);
    render_put(b, "\r\n", 2);
    json_decref(s);
}

void render_csv_named(struct render_buf *b, const char *section, const char *key,
                      const json_t *value)
{
    json_t *k = json_string(key);
    render_csv_row(b, section, k, value);
    json_decref(k);
}

void render_csv_grouping(struct render_buf *b, const char *prefix, const char *name,
                         const json_t *group)
{
    char section[96];
    size_t i;
    json_t *item;
    snprintf(section, sizeof(section), "%s%s", prefix, name);
    json_array_foreach(group, i, item)
    {
        render_csv_row(b, section, json_object_get(item, "key"), json_object_get(item, "count"));
    }
}

void render_csv_members(struct render_buf *b, const char *section, const json_t *obj,
                        const char *const *names)
{
    for (size_t i = 0; names[i] != NULL; i++)
        render_csv_named(b, section, names[i], json_object_get(obj, names[i]));
}

void render_csv_keyed(struct render_buf *b, const json_t *key, const json_t *item,
                      const char *const *names)
{
    for (size_t i = 0; names[i] != NULL; i++)
        render_csv_row(b, names[i], key, json_object_get(item, names[i]));
}

void render_csv_groupings(struct render_buf *b, const char *prefix, const json_t *obj,
                          const char *const *names)
{
    for (size_t i = 0; names[i] != NULL; i++)
        render_csv_grouping(b, prefix, names[i], json_object_get(obj, names[i]));
}
