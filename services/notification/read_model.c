#include "notification/read_model.h"

#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/validate.h"

const char *const read_model_certificate_statuses[] = {
    "valid", "expiring", "suspended", "revoked", "expired", "superseded", NULL};
static const char *const levels[] = {"district", "province", "central", NULL};

/* A date member: NULL (an error when required) unless a real YYYY-MM-DD date. */
static const char *date_member(struct oc_v *v, const char *field, int required)
{
    long day;
    const char *s = oc_v_string(v, field, required, 10, 10);
    if (s != NULL && !oc_date_parse(s, &day)) {
        oc_v_error(v, field, "invalid", "not a date");
        return NULL;
    }
    return s;
}

/* An optional string member that may also be null (read as absent). */
static const char *nullable_string(struct oc_v *v, const char *field, size_t max)
{
    json_t *member = json_object_get(v->body, field);
    return member == NULL || json_is_null(member) ? NULL : oc_v_string(v, field, 0, 1, max);
}

/* change_decision: null, or {"number", "date"}; its number (NULL when null or absent). */
static const char *decision_number(struct oc_v *v)
{
    json_t *d = json_object_get(v->body, "change_decision");
    if (d == NULL || json_is_null(d))
        return NULL;
    const char *number = json_string_value(json_object_get(d, "number"));
    if (!json_is_object(d) || number == NULL || *number == '\0' || strlen(number) > 400)
        oc_v_error(v, "change_decision", "type", "not null or an object with a number");
    return number;
}

int read_model_number_ok(const char *number)
{
    size_t n = number ? strlen(number) : 0;
    if (n == 0 || n > 4 * RM_NUMBER_MAX || !oc_utf8_ok(number, n) ||
        oc_utf8_len(number) > RM_NUMBER_MAX || number[0] == ' ' || number[n - 1] == ' ' ||
        strpbrk(number, "<>\"'`\\&") != NULL || strstr(number, "\xef\xbb\xbf") != NULL)
        return 0;
    for (const unsigned char *p = (const unsigned char *)number; *p; p++)
        if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
            return 0;
    return 1;
}

enum oc_err read_model_certificate_parse(json_t *data, struct read_model_certificate *out,
                                         char *err, size_t errlen)
{
    struct oc_v v;
    memset(out, 0, sizeof(*out));
    oc_v_init(&v, data);
    out->certificate_id = oc_v_uuid(&v, "certificate_id", 1);
    out->number = oc_v_string(&v, "number", 1, 1, 64);
    out->product_id = oc_v_uuid(&v, "product_id", 1);
    out->product_code = oc_v_string(&v, "product_code", 1, 1, 64);
    out->status = oc_v_enum(&v, "status", 1, read_model_certificate_statuses);
    out->rule_set = oc_v_string(&v, "rule_set", 1, 1, 40);
    out->level = oc_v_enum(&v, "level", 1, levels);
    out->decision_number = oc_v_string(&v, "decision_number", 1, 1, 100);
    out->issued_on = date_member(&v, "issued_on", 1);
    out->expires_on = date_member(&v, "expires_on", 1);
    out->changed_on = date_member(&v, "changed_on", 0);
    out->reason = nullable_string(&v, "reason", 2000);
    out->change_decision = decision_number(&v);
    oc_v_int(&v, "stars", 1, 3, 5, &out->stars);
    oc_v_int(&v, "version", 1, 1, 1LL << 53, &out->version);
    if (out->number != NULL && !read_model_number_ok(out->number))
        oc_v_error(&v, "number", "invalid", "not a certificate number");
    int ok = oc_v_ok(&v);
    if (!ok) {
        json_t *first = json_array_get(v.errors, 0);
        snprintf(err, errlen, "certificate event: %s %s (%zu bad members)",
                 json_string_value(json_object_get(first, "field")),
                 json_string_value(json_object_get(first, "code")), json_array_size(v.errors));
    }
    oc_v_clean(&v);
    return ok ? OC_OK : OC_INVALID;
}

const char *read_model_status_on(const char *status, const char *expires_on, const char *today)
{
    int in_force = strcmp(status, "valid") == 0 || strcmp(status, "expiring") == 0;
    if (in_force && strcmp(expires_on, today) < 0)
        return "expired";
    for (const char *const *s = read_model_certificate_statuses; *s; s++)
        if (strcmp(*s, status) == 0)
            return *s;
    return "expired";
}
