#include "evaluation/evidence.h"

#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/validate.h"

const char *const evidence_linkage_statuses[] = {"proposed",  "signed", "active",
                                                 "suspended", "ended",  NULL};

/* Returns 1 when s[0..n) are n digits forming a number no greater than max. */
static int digits_upto(const char *s, size_t n, int max)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v <= max;
}

int evidence_time_ok(const char *s)
{
    char date[11];
    long day;
    size_t n = s != NULL ? strlen(s) : 0;
    if (n < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[n - 1] != 'Z')
        return 0;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!oc_date_parse(date, &day) || !digits_upto(s + 11, 2, 23) || !digits_upto(s + 14, 2, 59) ||
        !digits_upto(s + 17, 2, 60))
        return 0;
    return n == 20 || (s[19] == '.' && n > 21 && strspn(s + 20, "0123456789") == n - 21);
}

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
    if (!evidence_time_ok(time)) {
        snprintf(err, errlen, "linkage event: ce_time \"%s\" is not an RFC 3339 UTC time", time);
        return OC_INVALID;
    }
    return OC_OK;
}
