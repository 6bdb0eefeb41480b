#include "promotion/reaction.h"

#include <stdio.h>
#include <string.h>

int reaction_for_certificate(const json_t *after, const struct certificate_fact *f, char *reason,
                             size_t len)
{
    const json_t *cert = json_object_get(after, "certificate");
    const char *id = json_string_value(json_object_get(cert, "id"));
    const char *status = json_string_value(json_object_get(cert, "status"));
    if (id == NULL || strcmp(id, f->certificate_id) != 0 || !standing_status_reacts(status))
        return 0;
    const char *number = json_string_value(json_object_get(cert, "number"));
    snprintf(reason, len, "certificate %s %s%s%s", number ? number : id, status,
             f->reason ? ": " : "", f->reason ? f->reason : "");
    return 1;
}

int reaction_for_inspection(const json_t *after, const struct inspection_fact *f, char *reason,
                            size_t len)
{
    const json_t *insp = json_object_get(after, "latest_inspection");
    const char *id = json_string_value(json_object_get(insp, "id"));
    if (id == NULL || strcmp(id, f->inspection_id) != 0 ||
        !json_is_true(json_object_get(insp, "outstanding")))
        return 0;
    char kind[160] = "", day[24] = "";
    if (f->kind != NULL)
        snprintf(kind, sizeof(kind), " (%s)", f->kind);
    if (f->inspected_on != NULL)
        snprintf(day, sizeof(day), " of %s", f->inspected_on);
    snprintf(reason, len, "inspection %s%s%s ended in %s", f->inspection_id, kind, day, f->outcome);
    return 1;
}
