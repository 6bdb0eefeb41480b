#include "notification/subscription.h"

#include <string.h>

const char *const subscription_formats[] = {"cloudevents", "dossier_status", NULL};
const char *const subscription_statuses[] = {"active", "paused", NULL};

static int type_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

/* 1 when s ends in ".v" and one or more digits. */
static int has_version(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
        i--;
    return i < len && i >= 2 && s[i - 1] == 'v' && s[i - 2] == '.';
}

const char *subscription_type_problem(const char *entry)
{
    size_t len = strlen(entry);
    if (len < 5 || len > 200)
        return "must be 5 to 200 characters";
    if (strncmp(entry, "ocop.", 5) != 0)
        return "must start with \"ocop.\"";
    for (size_t i = 0; i < len; i++) {
        if (!type_char_ok(entry[i]))
            return "may hold only a-z, 0-9, '_' and '.'";
        if (entry[i] == '.' && i + 1 < len && entry[i + 1] == '.')
            return "has an empty segment";
    }
    if (entry[len - 1] == '.' || has_version(entry, len))
        return NULL;
    return "must be an event type ending in .v<N> or a prefix ending in '.'";
}

int subscription_type_matches(const char *entry, const char *type)
{
    size_t len = strlen(entry);
    if (len > 0 && entry[len - 1] == '.')
        return strncmp(entry, type, len) == 0 && type[len] != '\0';
    return strcmp(entry, type) == 0;
}

int subscription_matches(const json_t *types, const char *type)
{
    size_t i;
    const json_t *t;
    json_array_foreach(types, i, t)
    {
        const char *entry = json_string_value(t);
        if (entry != NULL && subscription_type_matches(entry, type))
            return 1;
    }
    return 0;
}

int subscription_format_carries(const char *format, const char *type)
{
    if (strcmp(format, "dossier_status") != 0)
        return 1;
    return strcmp(type, "ocop.registration.application.submitted.v1") == 0 ||
           strcmp(type, "ocop.registration.application.status_changed.v1") == 0;
}
