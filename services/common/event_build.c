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

void oc_event_copy(json_t *data, const json_t *view, const struct oc_event_member *members,
                   size_t n)
{
    for (size_t i = 0; i < n; i++) {
        json_t *value =
            oc_event_path(view, members[i].path != NULL ? members[i].path : members[i].name);
        json_object_set_new(data, members[i].name,
                            value != NULL ? json_incref(value) : json_null());
    }
}

json_t *oc_event_data(const json_t *view, const struct oc_event_member *members, size_t n)
{
    json_t *data = json_object();
    oc_event_copy(data, view, members, n);
    return data;
}

json_t *oc_event_string_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}
