#include "evaluation/evidence.h"

#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/event.h"
#include "common/validate.h"

const char *const evidence_linkage_statuses[] = {"proposed",  "signed", "active",
                                                 "suspended", "ended",  NULL};

/* A member that must be a string when present: the string, or NULL (*bad set when not one). */
static const char *optional_string(const json_t *data, const char *key, int *bad)
{
    const json_t *m = json_object_get(data, key);
    if (m == NULL || json_is_null(m))
        return NULL;
    if (!json_is_string(m) || json_string_length(m) == 0) {
        *bad = 1;
        return NULL;
    }
    return json_string_value(m);
}

enum oc_err evidence_linkage_parse(const json_t *data, const char *time,
                                   struct evidence_linkage *out, char *err, size_t errlen)
{
    int bad = 0, status_ok = 0;
    memset(out, 0, sizeof(*out));
    out->linkage_id = json_string_value(json_object_get(data, "linkage_id"));
    out->product_id = json_string_value(json_object_get(data, "product_id"));
    out->status = json_string_value(json_object_get(data, "status"));
    out->partner_name = optional_string(data, "partner_name", &bad);
    out->channel = optional_string(data, "channel", &bad);
    for (const char *const *s = evidence_linkage_statuses; out->status && *s; s++)
        status_ok |= strcmp(*s, out->status) == 0;
    const json_t *version = json_object_get(data, "version");
    if (version != NULL && (!json_is_integer(version) || json_integer_value(version) < 1))
        bad = 1;
    out->version = json_is_integer(version) ? (long long)json_integer_value(version) : 0;
    if (!oc_uuid_ok(out->product_id) || out->linkage_id == NULL || out->linkage_id[0] == '\0' ||
        oc_utf8_len(out->linkage_id) > 200 || !status_ok || bad) {
        snprintf(err, errlen,
                 "linkage event: needs product_id (UUID), linkage_id (1-200 characters), status "
                 "(proposed, signed, active, suspended, ended), string partner_name and channel "
                 "and a positive integer version when present");
        return OC_INVALID;
    }
    if (!oc_event_time_utc_ok(time)) {
        snprintf(err, errlen, "linkage event: ce_time \"%s\" is not an RFC 3339 UTC time", time);
        return OC_INVALID;
    }
    return OC_OK;
}
