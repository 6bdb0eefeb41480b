#include "promotion/potential.h"

#include <stddef.h>
#include <string.h>

int potential_feature_parse(const char *value, int *on)
{
    static const char *const yes[] = {"on", "true", "1"}, *const no[] = {"off", "false", "0", ""};
    *on = 0;
    if (value == NULL)
        return 0;
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
        if (strcmp(value, yes[i]) == 0) {
            *on = 1;
            return 0;
        }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
        if (strcmp(value, no[i]) == 0)
            return 0;
    return -1;
}

enum potential_change potential_change_of(int on, const char *type, const char *level,
                                          int potential_5_star)
{
    if (!on || type == NULL)
        return POTENTIAL_NONE;
    if (strcmp(type, "ocop.evaluation.evaluation.forwarded.v1") == 0 && potential_5_star)
        return POTENTIAL_MARK;
    if (strcmp(type, "ocop.evaluation.evaluation.completed.v1") == 0 && level != NULL &&
        strcmp(level, "central") == 0)
        return POTENTIAL_CLEAR;
    return POTENTIAL_NONE;
}
