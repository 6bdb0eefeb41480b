/*
 * Per-field validation of JSON request bodies. Each check unpacks one member
 * with json_unpack_ex, applies its bounds and, on failure, appends
 * {"field", "code", "message"} to the error list, so one response names every
 * bad field. Strings are measured in characters (code points), not bytes.
 */
#ifndef OC_VALIDATE_H
#define OC_VALIDATE_H

#include <stddef.h>

#include <jansson.h>

struct oc_v {
    json_t *body;   /* the object being validated (borrowed) */
    json_t *errors; /* array of field errors (owned) */
};

/* Starts validating body (borrowed). A body that is not an object is one error. */
void oc_v_init(struct oc_v *v, json_t *body);

/* Releases the error list (when it was not taken with oc_v_take_errors). */
void oc_v_clean(struct oc_v *v);

/* Appends an error for field with a code such as "required" or "too_long". */
void oc_v_error(struct oc_v *v, const char *field, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Flags every member of the body not named in allowed (NULL-terminated). */
void oc_v_only(struct oc_v *v, const char *const *allowed);

/*
 * Returns the string member field (borrowed from the body) when present and
 * valid: min..max characters, no control characters, leading and trailing
 * spaces refused. Returns NULL when absent (an error if required) or invalid.
 */
const char *oc_v_string(struct oc_v *v, const char *field, int required, size_t min, size_t max);

/* As oc_v_string, and the value must be one of allowed (NULL-terminated). */
const char *oc_v_enum(struct oc_v *v, const char *field, int required, const char *const *allowed);

/* As oc_v_string, and the value must be exactly min..max ASCII digits. */
const char *oc_v_digits(struct oc_v *v, const char *field, int required, size_t min, size_t max);

/*
 * As oc_v_string, and the value must be a calendar date YYYY-MM-DD of the
 * years from_year..to_year that exists (2023-02-29 does not). Into *day
 * (days since 1970-01-01) when day is not NULL.
 */
const char *oc_v_date(struct oc_v *v, const char *field, int required, int from_year, int to_year,
                      long *day);

/* As oc_v_string, and the value must be a canonical lower-case UUID. */
const char *oc_v_uuid(struct oc_v *v, const char *field, int required);

/* Reads an integer member into *out. Returns 1 when present and within min..max. */
int oc_v_int(struct oc_v *v, const char *field, int required, long long min, long long max,
             long long *out);

/* Returns 1 when no error was recorded. */
int oc_v_ok(const struct oc_v *v);

/* Hands the error array to the caller (who owns it) and leaves an empty one. */
json_t *oc_v_take_errors(struct oc_v *v);

/* Returns 1 when s is a canonical lower-case UUID text. */
int oc_uuid_ok(const char *s);

/*
 * Returns 1 when the n bytes at s are well-formed UTF-8 (RFC 3629): no NUL, no
 * overlong form, no UTF-16 surrogate, nothing beyond U+10FFFF. Bytes that come
 * without JSON's check (query strings, multipart parts, files) must pass it
 * before they reach PostgreSQL, which refuses anything else as text.
 */
int oc_utf8_ok(const char *s, size_t n);

/*
 * Cuts s (valid UTF-8 before a truncating snprintf) back to whole characters: a message
 * cut in the middle of one is no JSON string, and json_pack would drop the error.
 */
void oc_utf8_cut(char *s);

/* Number of UTF-8 code points in s (s is valid UTF-8). */
size_t oc_utf8_len(const char *s);

#endif
