#include "promotion/standing.h"

#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/validate.h"

const char *const standing_certificate_statuses[] = {
    "valid", "expiring", "suspended", "revoked", "expired", "superseded", NULL};
const char *const standing_inspection_outcomes[] = {"compliant",  "guidance",   "fine", "recall",
                                                    "suspension", "revocation", NULL};

static int one_of(const char *s, const char *const *list)
{
    for (const char *const *p = list; s != NULL && *p; p++)
        if (strcmp(s, *p) == 0)
            return 1;
    return 0;
}

int standing_in_force(const char *status)
{
    static const char *const in_force[] = {"valid", "expiring", NULL};
    return one_of(status, in_force);
}

int standing_status_reacts(const char *status)
{
    static const char *const reacting[] = {"suspended", "revoked", "expired", NULL};
    return one_of(status, reacting);
}

int standing_outcome_blocks(const char *outcome)
{
    static const char *const blocking[] = {"recall", "suspension", "revocation", NULL};
    return one_of(outcome, blocking);
}

/* The certificate as people name it: its number, else its id. */
static const char *cert_name(const struct standing *s)
{
    return s->number != NULL ? s->number : s->certificate_id;
}

/* The checks that do not depend on the days asked about. */
static enum standing_verdict check_certificate(const struct standing *s, char *reason, size_t len)
{
    if (s->certificate_id == NULL) {
        snprintf(reason, len, "no OCOP certificate is known for this product");
        return STANDING_NO_CERTIFICATE;
    }
    if (!standing_in_force(s->status)) {
        snprintf(reason, len, "its certificate %s is %s", cert_name(s), s->status);
        return STANDING_NOT_IN_FORCE;
    }
    if (s->stars < STANDING_MIN_STARS) {
        snprintf(reason, len,
                 "its certificate %s recognises %lld stars; promotion needs %d or more",
                 cert_name(s), s->stars, STANDING_MIN_STARS);
        return STANDING_BELOW_STARS;
    }
    if (s->block_inspection_id != NULL) {
        snprintf(reason, len, "inspection %s%s%s ended in %s, outstanding since its certificate %s",
                 s->block_inspection_id, s->block_inspected_on ? " of " : "",
                 s->block_inspected_on ? s->block_inspected_on : "",
                 s->block_outcome ? s->block_outcome : "a blocking outcome", cert_name(s));
        return STANDING_BLOCKED;
    }
    return STANDING_OK;
}

enum standing_verdict standing_check(const struct standing *s, const char *today, const char *from,
                                     const char *to, char *reason, size_t len)
{
    enum standing_verdict v = check_certificate(s, reason, len);
    if (v != STANDING_OK)
        return v;
    if (s->valid_until != NULL && strcmp(s->valid_until, today) < 0) {
        snprintf(reason, len, "its certificate %s expired on %s", cert_name(s), s->valid_until);
        return STANDING_EXPIRED;
    }
    if (s->issued_on != NULL && strcmp(s->issued_on, today) > 0) {
        snprintf(reason, len, "its certificate %s is valid only from %s", cert_name(s),
                 s->issued_on);
        return STANDING_NOT_YET_VALID;
    }
    if (from != NULL && to != NULL) {
        if (s->issued_on != NULL && strcmp(s->issued_on, from) > 0) {
            snprintf(reason, len,
                     "its certificate %s is valid from %s, after the first day %s of %s to %s",
                     cert_name(s), s->issued_on, from, from, to);
            return STANDING_NOT_OVER_DATES;
        }
        if (s->valid_until != NULL && strcmp(s->valid_until, to) < 0) {
            snprintf(reason, len,
                     "its certificate %s is valid until %s, before the last day %s of %s to %s",
                     cert_name(s), s->valid_until, to, from, to);
            return STANDING_NOT_OVER_DATES;
        }
    }
    if (s->valid_until != NULL)
        snprintf(reason, len, "its certificate %s (%lld stars) is valid until %s", cert_name(s),
                 s->stars, s->valid_until);
    else
        snprintf(reason, len, "its certificate %s (%lld stars) is valid", cert_name(s), s->stars);
    return STANDING_OK;
}

void standing_from_json(const json_t *row, struct standing *out)
{
    memset(out, 0, sizeof(*out));
    out->certificate_id = json_string_value(json_object_get(row, "certificate_id"));
    out->number = json_string_value(json_object_get(row, "number"));
    out->status = json_string_value(json_object_get(row, "status"));
    out->stars = (long long)json_integer_value(json_object_get(row, "stars"));
    out->issued_on = json_string_value(json_object_get(row, "issued_on"));
    out->valid_until = json_string_value(json_object_get(row, "valid_until"));
    out->block_inspection_id = json_string_value(json_object_get(row, "block_inspection_id"));
    out->block_outcome = json_string_value(json_object_get(row, "block_outcome"));
    out->block_inspected_on = json_string_value(json_object_get(row, "block_inspected_on"));
    if (out->certificate_id != NULL && out->status == NULL)
        out->status = "unknown";
}

/* ---- event data ------------------------------------------------------------------------------ */

/* An optional string member: *out is NULL when absent or null; 0 when it is another type. */
static int optional_string(json_t *data, const char *key, const char **out)
{
    json_t *m = json_object_get(data, key);
    *out = json_string_value(m);
    return m == NULL || json_is_null(m) || json_is_string(m);
}

/* As optional_string, and a string must be a calendar date that exists. */
static int optional_date(json_t *data, const char *key, const char **out)
{
    long day;
    return optional_string(data, key, out) && (*out == NULL || oc_date_parse(*out, &day));
}

/* A required id: a string of 1..200 characters. */
static int id_ok(const char *s)
{
    return s != NULL && s[0] != '\0' && strlen(s) <= 200;
}

enum oc_err standing_certificate_parse(json_t *data, struct certificate_fact *out, char *err,
                                       size_t errlen)
{
    memset(out, 0, sizeof(*out));
    json_t *stars = json_object_get(data, "stars");
    out->product_id = json_string_value(json_object_get(data, "product_id"));
    out->certificate_id = json_string_value(json_object_get(data, "certificate_id"));
    out->status = json_string_value(json_object_get(data, "status"));
    out->stars = json_is_integer(stars) ? (long long)json_integer_value(stars) : 0;
    int ok = optional_string(data, "number", &out->number) &&
             optional_date(data, "issued_on", &out->issued_on) &&
             optional_date(data, "expires_on", &out->expires_on) &&
             optional_string(data, "reason", &out->reason);
    if (!oc_uuid_ok(out->product_id) || !id_ok(out->certificate_id) ||
        !one_of(out->status, standing_certificate_statuses) || out->stars < 1 || out->stars > 5 ||
        !ok) {
        snprintf(err, errlen,
                 "certificate event: needs product_id (UUID), certificate_id, a known status and "
                 "stars 1-5; number and reason strings, issued_on and expires_on dates");
        return OC_INVALID;
    }
    if (standing_in_force(out->status) && out->issued_on == NULL) {
        snprintf(err, errlen, "certificate event: a %s certificate needs issued_on", out->status);
        return OC_INVALID;
    }
    return OC_OK;
}

enum oc_err standing_inspection_parse(json_t *data, struct inspection_fact *out, char *err,
                                      size_t errlen)
{
    memset(out, 0, sizeof(*out));
    out->product_id = json_string_value(json_object_get(data, "product_id"));
    out->inspection_id = json_string_value(json_object_get(data, "inspection_id"));
    int ok = optional_string(data, "outcome", &out->outcome) &&
             optional_string(data, "kind", &out->kind) &&
             optional_date(data, "inspected_on", &out->inspected_on);
    if (!oc_uuid_ok(out->product_id) || !id_ok(out->inspection_id) || !ok ||
        (out->outcome != NULL && !one_of(out->outcome, standing_inspection_outcomes))) {
        snprintf(err, errlen,
                 "inspection event: needs product_id (UUID) and inspection_id; outcome one of "
                 "the known outcomes, kind a string, inspected_on a date");
        return OC_INVALID;
    }
    return OC_OK;
}
