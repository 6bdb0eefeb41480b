/*
 * Checks on the field errors a validator recorded (common/validate.h), shared
 * by the unit tests of request bodies.
 */
#ifndef OC_TEST_ERRORS_H
#define OC_TEST_ERRORS_H

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "common/validate.h"

/* The fields named by v's errors, sorted and joined with ",". */
static inline const char *error_fields(const struct oc_v *v)
{
    static char out[512];
    const char *names[32];
    size_t n = 0, pos = 0;
    for (size_t i = 0; i < json_array_size(v->errors) && n < 32; i++)
        names[n++] = json_string_value(json_object_get(json_array_get(v->errors, i), "field"));
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            const char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        pos += (size_t)snprintf(out + pos, sizeof(out) - pos, "%s%s", i ? "," : "", names[i]);
    return out;
}

/* The code of the error about field, or NULL. */
static inline const char *error_code(const struct oc_v *v, const char *field)
{
    for (size_t i = 0; i < json_array_size(v->errors); i++) {
        json_t *e = json_array_get(v->errors, i);
        if (strcmp(json_string_value(json_object_get(e, "field")), field) == 0)
            return json_string_value(json_object_get(e, "code"));
    }
    return NULL;
}

#endif
