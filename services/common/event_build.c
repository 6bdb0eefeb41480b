#include "common/event_build.h"

#include <string.h>

json_t *oc_event_path(const json_t *view, const char *path)
{
    json_t *at = (json_t *)view;
    const char *step = path;
    for (;;) {
        const char *dot = strchr(step, '.');
        size_t len = dot != NULL ? (size_t)(dot - step) : strlen(step);
        if (!json_is_object(at))
            return NULL;
        at = json_object_getn(at, step, len);
        if (dot == NULL || at == NULL)
            return at;
        step = dot + 1;
    }
}

const char *oc_event_path_string(const json_t *view, const char *path)
{
    return json_string_value(oc_event_path(view, path));
}

void oc_event_copy(json_t *data, const json_t *view, const char *const *members)
{
    for (const char *const *m = members; *m != NULL; m++) {
        const char *eq = strchr(*m, '=');
        size_t len = eq != NULL ? (size_t)(eq - *m) : strlen(*m);
        json_t *value = oc_event_path(view, eq != NULL ? eq + 1 : *m);
        json_object_setn_new(data, *m, len, value != NULL ? json_incref(value) : json_null());
    }
}

json_t *oc_event_data(const json_t *view, const char *const *members)
{
    json_t *data = json_object();
    oc_event_copy(data, view, members);
    return data;
}

json_t *oc_event_string_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}
