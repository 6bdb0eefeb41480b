#include "common/validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"

void oc_v_init(struct oc_v *v, json_t *body)
{
    v->body = body;
    v->errors = json_array();
    if (!json_is_object(body))
        oc_v_error(v, "", "type", "the request body must be a JSON object");
}

void oc_v_clean(struct oc_v *v)
{
    json_decref(v->errors);
    v->errors = NULL;
}

void oc_v_error(struct oc_v *v, const char *field, const char *code, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    oc_utf8_cut(msg); /* a value quoted in msg may have been cut inside a character */
    json_t *e = json_pack("{s:s,s:s,s:s}", "field", field, "code", code, "message", msg);
    /* never lose an error: an input is refused whatever its message could say */
    json_array_append_new(v->errors, e != NULL ? e
                                               : json_pack("{s:s,s:s,s:s}", "field", "", "code",
                                                           code, "message", "is not valid"));
}

void oc_utf8_cut(char *s)
{
    size_t n = strlen(s);
    for (int i = 0; i < 3 && n > 0 && !oc_utf8_ok(s, n); i++)
        s[--n] = '\0';
}

void oc_v_only(struct oc_v *v, const char *const *allowed)
{
    const char *key;
    json_t *value;
    if (!json_is_object(v->body))
        return;
    json_object_foreach(v->body, key, value)
    {
        int known = 0;
        for (const char *const *a = allowed; *a && !known; a++)
            known = strcmp(*a, key) == 0;
        if (!known)
            oc_v_error(v, key, "unknown", "this field is not accepted here");
    }
}

/* Length of the UTF-8 sequence at s (at most n bytes left), or 0 when it is not well-formed. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    size_t len = s[0] < 0x80                    ? 1
                 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                 : (s[0] & 0xF0) == 0xE0        ? 3
                 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                                : 0;
    if (len == 0 || len > n || s[0] == 0)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (len == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0)))
        return 0; /* overlong, or a UTF-16 surrogate */
    if (len == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90)))
        return 0; /* overlong, or beyond U+10FFFF */
    return len;
}

int oc_utf8_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_seq(p + i, n - i);
        if (len == 0)
            return 0;
        i += len;
    }
    return 1;
}

size_t oc_utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Unpacks field with json_unpack_ex. Returns 0 absent, 1 present and of the type, -1 wrong type. */
static int unpack_member(struct oc_v *v, const char *field, const char *fmt, void *out)
{
    json_error_t jerr;
    if (!json_is_object(v->body) || json_object_get(v->body, field) == NULL)
        return 0;
    if (json_unpack_ex(v->body, &jerr, 0, fmt, field, out) != 0)
        return -1;
    return 1;
}

static int missing(struct oc_v *v, const char *field, int required)
{
    if (required)
        oc_v_error(v, field, "required", "this field is required");
    return 0;
}

const char *oc_v_string(struct oc_v *v, const char *field, int required, size_t min, size_t max)
{
    const char *s = NULL;
    int got = unpack_member(v, field, "{s:s}", &s);
    if (got == 0) {
        missing(v, field, required);
        return NULL;
    }
    if (got < 0) {
        oc_v_error(v, field, "type", "must be a string");
        return NULL;
    }
    size_t len = oc_utf8_len(s);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            oc_v_error(v, field, "format", "must not contain control characters");
            return NULL;
        }
    }
    if (len > 0 && (s[0] == ' ' || s[strlen(s) - 1] == ' ')) {
        oc_v_error(v, field, "format", "must not start or end with a space");
        return NULL;
    }
    if (len < min || len > max) {
        oc_v_error(v, field, len < min ? "too_short" : "too_long",
                   "must be %zu to %zu characters long", min, max);
        return NULL;
    }
    return s;
}

const char *oc_v_enum(struct oc_v *v, const char *field, int required, const char *const *allowed)
{
    const char *s = oc_v_string(v, field, required, 1, 64);
    if (s == NULL)
        return NULL;
    for (const char *const *a = allowed; *a; a++)
        if (strcmp(*a, s) == 0)
            return s;
    char list[256];
    size_t pos = 0;
    list[0] = '\0';
    for (const char *const *a = allowed; *a && pos < sizeof(list); a++)
        pos += (size_t)snprintf(list + pos, sizeof(list) - pos, "%s%s", pos ? ", " : "", *a);
    oc_v_error(v, field, "enum", "must be one of: %s", list);
    return NULL;
}

const char *oc_v_digits(struct oc_v *v, const char *field, int required, size_t min, size_t max)
{
    const char *s = oc_v_string(v, field, required, min, max);
    if (s == NULL)
        return NULL;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') {
            oc_v_error(v, field, "format", "must be %zu to %zu digits", min, max);
            return NULL;
        }
    }
    return s;
}

const char *oc_v_date(struct oc_v *v, const char *field, int required, int from_year, int to_year,
                      long *day)
{
    long d = 0;
    const char *s = oc_v_string(v, field, required, 10, 10);
    if (s == NULL)
        return NULL;
    int year = (int)strtol(s, NULL, 10);
    if (!oc_date_parse(s, &d) || year < from_year || year > to_year) {
        oc_v_error(v, field, "format", "must be a date YYYY-MM-DD of the years %d to %d", from_year,
                   to_year);
        return NULL;
    }
    if (day != NULL)
        *day = d;
    return s;
}

int oc_uuid_ok(const char *s)
{
    if (s == NULL || strlen(s) != 36)
        return 0;
    for (int i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    }
    return 1;
}

const char *oc_v_uuid(struct oc_v *v, const char *field, int required)
{
    const char *s = oc_v_string(v, field, required, 36, 36);
    if (s != NULL && !oc_uuid_ok(s)) {
        oc_v_error(v, field, "format", "must be a lower-case UUID");
        return NULL;
    }
    return s;
}

int oc_v_int(struct oc_v *v, const char *field, int required, long long min, long long max,
             long long *out)
{
    json_int_t i = 0;
    int got = unpack_member(v, field, "{s:I}", &i);
    if (got == 0)
        return missing(v, field, required);
    if (got < 0) {
        oc_v_error(v, field, "type", "must be an integer");
        return 0;
    }
    if (i < min || i > max) {
        oc_v_error(v, field, "range", "must be from %lld to %lld", min, max);
        return 0;
    }
    *out = (long long)i;
    return 1;
}

int oc_v_ok(const struct oc_v *v)
{
    return json_array_size(v->errors) == 0;
}

json_t *oc_v_take_errors(struct oc_v *v)
{
    json_t *e = v->errors;
    v->errors = json_array();
    return e;
}
