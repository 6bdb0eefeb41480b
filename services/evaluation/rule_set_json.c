#include "evaluation/rule_set_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/err.h"
#include "evaluation/rule_set.h"

int rsj_one_of(const char *const *allowed, const char *s)
{
    for (; *allowed != NULL; allowed++)
        if (strcmp(*allowed, s) == 0)
            return 1;
    return 0;
}

int rsj_same(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* A plain file name under criteria/: [a-z0-9][a-z0-9.-]*.json, no path. */
int rsj_file_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 6 || n > RSJ_FILE_NAME_MAX || strcmp(s + n - 5, ".json") != 0 || s[0] == '.' ||
        strstr(s, "..") != NULL)
        return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789.-") == n;
}

/* ---- reading members ------------------------------------------------------------------------ */

/* Writes the name of member key of the object at where ("parts[1].code", or "code" at the top). */
const char *rsj_member(char *buf, size_t len, const char *where, const char *key)
{
    snprintf(buf, len, "%s%s%s", where, *where != '\0' ? "." : "", key);
    return buf;
}

/* Refuses members of obj not named in allowed (NULL-terminated). */
int rsj_only(json_t *obj, const char *where, const char *const *allowed, char *msg, size_t len)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value)
    {
        (void)value;
        if (!rsj_one_of(allowed, key))
            return oc_say(msg, len, "%s%s\"%s\" is not a known member", where,
                          *where != '\0' ? ": " : "", key);
    }
    return 1;
}

/*
 * Reads string member key (1..max bytes, no NUL) into *out. An absent or null
 * member is refused when required, else gives NULL.
 */
int rsj_text_at(json_t *obj, const char *where, const char *key, int required, size_t max,
                const char **out, char *msg, size_t len)
{
    char name[160];
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL || json_is_null(v))
        return required
                   ? oc_say(msg, len, "%s is required", rsj_member(name, sizeof(name), where, key))
                   : 1;
    if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > max ||
        strlen(json_string_value(v)) != json_string_length(v))
        return oc_say(msg, len, "%s must be a string of 1 to %zu bytes",
                      rsj_member(name, sizeof(name), where, key), max);
    *out = json_string_value(v);
    return 1;
}

/*
 * Reads whole-number member key within min..max into *out. An absent or null
 * member is refused when required, else leaves *out alone.
 */
int rsj_int_at(json_t *obj, const char *where, const char *key, int required, long min, long max,
               long *out, char *msg, size_t len)
{
    char name[160];
    json_t *v = json_object_get(obj, key);
    rsj_member(name, sizeof(name), where, key);
    if (v == NULL || json_is_null(v))
        return required ? oc_say(msg, len, "%s is required", name) : 1;
    if (!json_is_integer(v))
        return oc_say(msg, len, "%s must be a whole number", name);
    json_int_t x = json_integer_value(v);
    if (x < min || x > max)
        return oc_say(msg, len, "%s must be %ld to %ld, not %lld", name, min, max, (long long)x);
    *out = (long)x;
    return 1;
}

/* Reads an optional date member; *day is left alone when it is absent or null. */
int rsj_date_at(json_t *obj, const char *key, const char **out, long *day, char *msg, size_t len)
{
    if (!rsj_text_at(obj, "", key, 0, 10, out, msg, len))
        return oc_say(msg, len, "%s must be a YYYY-MM-DD date or null", key);
    if (*out != NULL && !oc_date_parse(*out, day))
        return oc_say(msg, len, "%s \"%s\" is not a YYYY-MM-DD date", key, *out);
    return 1;
}

int rsj_bool_at(json_t *obj, const char *where, const char *key, int required, int *out, char *msg,
                size_t len)
{
    char name[160];
    json_t *v = json_object_get(obj, key);
    rsj_member(name, sizeof(name), where, key);
    if (v == NULL || json_is_null(v))
        return required ? oc_say(msg, len, "%s is required", name) : 1;
    if (!json_is_boolean(v))
        return oc_say(msg, len, "%s must be true or false", name);
    *out = json_is_true(v);
    return 1;
}

/* Reads array member key of min..max items into *out (borrowed); absent counts as empty. */
int rsj_array_at(json_t *obj, const char *where, const char *key, size_t min, size_t max,
                 json_t **out, char *msg, size_t len)
{
    char name[160];
    json_t *v = json_object_get(obj, key);
    rsj_member(name, sizeof(name), where, key);
    *out = v;
    if ((v == NULL || json_is_null(v)) && min == 0)
        return 1;
    if (!json_is_array(v) || json_array_size(v) < min || json_array_size(v) > max)
        return oc_say(msg, len, "%s must be an array of %zu to %zu items", name, min, max);
    return 1;
}

/* Checks that item i of an array (named at) is an object of the allowed members. */
int rsj_item_ok(json_t *item, const char *at, const char *const *allowed, char *msg, size_t len)
{
    if (!json_is_object(item))
        return oc_say(msg, len, "%s must be an object", at);
    return rsj_only(item, at, allowed, msg, len);
}

int rsj_heading_at(json_t *item, const char *at, const char *const *allowed,
                   struct rule_set_part *out, char *msg, size_t len)
{
    return rsj_item_ok(item, at, allowed, msg, len) &&
           rsj_text_at(item, at, "code", 1, RSJ_CODE_MAX, &out->code, msg, len) &&
           rsj_text_at(item, at, "name_vi", 1, RSJ_NAME_MAX_LEN, &out->name_vi, msg, len) &&
           rsj_text_at(item, at, "name_en", 0, RSJ_NAME_MAX_LEN, &out->name_en, msg, len) &&
           rsj_int_at(item, at, "max_points", 1, 1, 100, &out->max_points, msg, len);
}

/* An optional array of strings (notes, known issues), member key of the object at where. */
int rsj_texts_ok(json_t *obj, const char *where, const char *key, char *msg, size_t len)
{
    char name[160];
    json_t *arr, *v;
    size_t i;
    if (!rsj_array_at(obj, where, key, 0, 100, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, v)
    {
        if (!json_is_string(v) || json_string_length(v) == 0)
            return oc_say(msg, len, "%s[%zu] must be a non-empty string",
                          rsj_member(name, sizeof(name), where, key), i);
    }
    return 1;
}

/*
 * Checks "sources": 1 or more objects, each with a unique "id" and where it
 * came from ("url", "repo" or "document"); other members are free.
 */
int rsj_sources_ok(json_t *doc, char *msg, size_t len)
{
    json_t *arr, *src;
    size_t i;
    if (!rsj_array_at(doc, "", "sources", 1, 100, &arr, msg, len))
        return 0;
    json_array_foreach(arr, i, src)
    {
        char at[40];
        const char *id;
        snprintf(at, sizeof(at), "sources[%zu]", i);
        if (!json_is_object(src))
            return oc_say(msg, len, "%s must be an object", at);
        if (!rsj_text_at(src, at, "id", 1, 40, &id, msg, len))
            return 0;
        if (!json_is_string(json_object_get(src, "url")) &&
            !json_is_string(json_object_get(src, "repo")) &&
            !json_is_string(json_object_get(src, "document")))
            return oc_say(msg, len, "%s (%s) must say where it came from: url, repo or document",
                          at, id);
        for (size_t j = 0; j < i; j++)
            if (rsj_same(id, json_string_value(json_object_get(json_array_get(arr, j), "id"))))
                return oc_say(msg, len, "%s: id \"%s\" is used twice", at, id);
    }
    return 1;
}

/* Checks "confidence" of a rule set: an object of one or more non-empty strings. */
int rsj_confidence_ok(json_t *doc, char *msg, size_t len)
{
    json_t *obj = json_object_get(doc, "confidence"), *v;
    const char *key;
    if (!json_is_object(obj) || json_object_size(obj) == 0)
        return oc_say(msg, len, "confidence must be an object of notes, one per topic");
    json_object_foreach(obj, key, v)
    {
        if (!json_is_string(v) || json_string_length(v) == 0)
            return oc_say(msg, len, "confidence.%s must be a non-empty string", key);
    }
    return 1;
}
