#include "common/fields.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/date.h"

/* Reads one present, non-null member into val. */
static void read_member(struct oc_v *v, const struct oc_field *f, struct oc_field_value *val)
{
    json_t *m = json_object_get(v->body, f->name);
    switch (f->kind) {
    case OC_FIELD_INT:
        val->set = oc_v_int(v, f->name, 1, f->min, f->max, &val->n);
        return;
    case OC_FIELD_NUMBER:
        if (!json_is_number(m)) {
            oc_v_error(v, f->name, "type", "must be a number");
        } else if (!(json_number_value(m) > 0) || json_number_value(m) > (double)f->max ||
                   !isfinite(json_number_value(m))) {
            oc_v_error(v, f->name, "range", "must be greater than 0 and at most %lld", f->max);
        } else {
            val->d = json_number_value(m);
            val->set = 1;
        }
        return;
    case OC_FIELD_BOOL:
        if (json_is_boolean(m)) {
            val->n = json_is_true(m);
            val->set = 1;
        } else {
            oc_v_error(v, f->name, "type", "must be true or false");
        }
        return;
    case OC_FIELD_ENUM:
        val->s = oc_v_enum(v, f->name, 1, f->allowed);
        break;
    case OC_FIELD_DIGITS:
        val->s = oc_v_digits(v, f->name, 1, (size_t)f->min, (size_t)f->max);
        break;
    case OC_FIELD_UUID:
        val->s = oc_v_uuid(v, f->name, 1);
        break;
    case OC_FIELD_DATE:
        if (f->max != 0) {
            val->s = oc_v_date(v, f->name, 1, (int)f->min, (int)f->max, NULL);
            break;
        }
        if (json_is_string(m) && !oc_date_ok(json_string_value(m))) {
            oc_v_error(v, f->name, "format", "must be a date YYYY-MM-DD");
            return;
        }
        val->s = oc_v_string(v, f->name, 1, 10, 10);
        break;
    case OC_FIELD_TEXT:
        val->s = oc_v_string(v, f->name, 1, (size_t)f->min, (size_t)f->max);
        break;
    }
    val->set = val->s != NULL;
}

/* The most member names a body may have: a table's and the caller's extra ones. */
#define MAX_NAMES 80

/*
 * Clears out[n] and refuses the members of v's body that are neither in f
 * (but those with a flag in skip) nor in extra. Returns 0 when there are more
 * than MAX_NAMES names to list.
 */
static int only_members(struct oc_v *v, const struct oc_field *f, size_t n, unsigned skip,
                        const char *const *extra, struct oc_field_value *out)
{
    const char *allowed[MAX_NAMES + 1];
    size_t k = 0;
    memset(out, 0, n * sizeof(*out));
    for (size_t i = 0; i < n && k <= MAX_NAMES; i++)
        if (!(f[i].flags & skip))
            allowed[k++] = f[i].name;
    for (const char *const *e = extra; e != NULL && *e && k <= MAX_NAMES; e++)
        allowed[k++] = *e;
    if (k > MAX_NAMES)
        return 0;
    allowed[k] = NULL;
    oc_v_only(v, allowed);
    return 1;
}

int oc_fields_create(struct oc_v *v, const struct oc_field *f, size_t n, const char *const *extra,
                     struct oc_field_value *out)
{
    if (!only_members(v, f, n, 0, extra, out))
        return 0;
    for (size_t i = 0; json_is_object(v->body) && i < n; i++) {
        json_t *m = json_object_get(v->body, f[i].name);
        if (m != NULL && (f[i].flags & OC_FIELD_SERVER))
            oc_v_error(v, f[i].name, "not_allowed", "is set by the service, not in a new record");
        else if (m == NULL && (f[i].flags & OC_FIELD_REQUIRED))
            oc_v_error(v, f[i].name, "required", "is required");
        else if (m != NULL && !(f[i].flags & OC_FIELD_OWN))
            read_member(v, &f[i], &out[i]);
    }
    return oc_v_ok(v);
}

int oc_fields_patch(struct oc_v *v, const struct oc_field *f, size_t n, const char *const *extra,
                    struct oc_field_value *out)
{
    if (!only_members(v, f, n, OC_FIELD_NEW_ONLY, extra, out))
        return 0;
    for (size_t i = 0; json_is_object(v->body) && i < n; i++) {
        json_t *m = json_object_get(v->body, f[i].name);
        if (m == NULL || (f[i].flags & (OC_FIELD_NEW_ONLY | OC_FIELD_OWN)))
            continue;
        if (f[i].flags & OC_FIELD_FIXED)
            oc_v_error(v, f[i].name, "immutable", "never changes once recorded");
        else if (f[i].flags & OC_FIELD_MOVES)
            oc_v_error(v, f[i].name, "not_allowed", "changes only through a transition");
        else if (json_is_null(m) && (f[i].flags & OC_FIELD_CLEARABLE))
            out[i].clear = 1;
        else
            read_member(v, &f[i], &out[i]);
    }
    if (oc_v_ok(v) && json_object_size(v->body) == 0)
        oc_v_error(v, "", "empty", "the patch changes nothing");
    return oc_v_ok(v);
}

void oc_fields_from_view(const json_t *view, const struct oc_field *f, size_t n,
                         struct oc_field_value *out)
{
    memset(out, 0, n * sizeof(*out));
    for (size_t i = 0; i < n; i++) {
        json_t *m = json_object_get(view, f[i].name);
        if (f[i].kind == OC_FIELD_INT && json_is_integer(m)) {
            out[i].n = (long long)json_integer_value(m);
            out[i].set = 1;
        } else if (f[i].kind == OC_FIELD_BOOL && json_is_boolean(m)) {
            out[i].n = json_is_true(m);
            out[i].set = 1;
        } else if (f[i].kind == OC_FIELD_NUMBER && json_is_number(m)) {
            out[i].d = json_number_value(m);
            out[i].set = 1;
        } else if (json_is_string(m)) {
            out[i].s = json_string_value(m);
            out[i].set = 1;
        }
    }
}

void oc_fields_merge(const struct oc_field_value *before, const struct oc_field_value *patch,
                     size_t n, struct oc_field_value *after)
{
    for (size_t i = 0; i < n; i++) {
        if (patch[i].set)
            after[i] = patch[i];
        else if (patch[i].clear)
            memset(&after[i], 0, sizeof(after[i]));
        else
            after[i] = before[i];
        after[i].clear = 0;
    }
}

void oc_fields_params(const struct oc_field *f, size_t n, const struct oc_field_value *values,
                      struct oc_field_param *buf, const char **params)
{
    for (size_t i = 0; i < n; i++) {
        params[i] = NULL;
        if (!values[i].set)
            continue;
        if (f[i].kind == OC_FIELD_INT) {
            snprintf(buf[i].text, sizeof(buf[i].text), "%lld", values[i].n);
            params[i] = buf[i].text;
        } else if (f[i].kind == OC_FIELD_BOOL) {
            params[i] = values[i].n ? "true" : "false";
        } else if (f[i].kind == OC_FIELD_NUMBER) {
            snprintf(buf[i].text, sizeof(buf[i].text), "%.15g", values[i].d);
            params[i] = buf[i].text;
        } else {
            params[i] = values[i].s;
        }
    }
}
