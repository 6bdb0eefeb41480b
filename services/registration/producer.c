#include "registration/producer.h"

#include <string.h>

const char *const producer_types[] = {"enterprise", "cooperative", "cooperative_group", "household",
                                      NULL};

const struct oc_field producer_fields[PRODUCER_N] = {
    [PRODUCER_TYPE] = {"type", OC_FIELD_ENUM, 0, 0, producer_types,
                       OC_FIELD_REQUIRED | OC_FIELD_FIXED},
    [PRODUCER_NAME] = {"name", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_REQUIRED},
    [PRODUCER_IDENTIFIER] = {"identifier", OC_FIELD_TEXT, 3, 64, NULL,
                             OC_FIELD_REQUIRED | OC_FIELD_FIXED},
    [PRODUCER_REPRESENTATIVE] = {"representative", OC_FIELD_TEXT, 2, 128, NULL, OC_FIELD_REQUIRED},
    [PRODUCER_COMMUNE_CODE] = {"commune_code", OC_FIELD_DIGITS, 5, 5, NULL, OC_FIELD_REQUIRED},
    [PRODUCER_ADDRESS] = {"address", OC_FIELD_TEXT, 1, 500, NULL, OC_FIELD_CLEARABLE},
    [PRODUCER_PHONE] = {"phone", OC_FIELD_TEXT, 8, 20, NULL, OC_FIELD_CLEARABLE},
    [PRODUCER_EMAIL] = {"email", OC_FIELD_TEXT, 3, 254, NULL, OC_FIELD_CLEARABLE},
    [PRODUCER_REGISTERED_ON] = {"registered_on", OC_FIELD_DATE, PRODUCER_REGISTERED_YEAR_MIN, 2999,
                                NULL, OC_FIELD_NEW_ONLY},
};

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int enterprise_code_ok(const char *id)
{
    size_t n = strlen(id);
    if (n == 10)
        return all_digits(id, 10);
    return n == 14 && all_digits(id, 10) && id[10] == '-' && all_digits(id + 11, 3);
}

static int household_code_ok(const char *id)
{
    size_t n = strlen(id);
    if (n < 6 || n > 20)
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')))
            return 0;
    return 1;
}

const char *producer_identifier_problem(const char *type, const char *identifier)
{
    if (strcmp(type, "enterprise") == 0 || strcmp(type, "cooperative") == 0)
        return enterprise_code_ok(identifier)
                   ? NULL
                   : "must be the 10-digit enterprise code, optionally followed by "
                     "\"-\" and a 3-digit branch number";
    if (strcmp(type, "household") == 0)
        return household_code_ok(identifier)
                   ? NULL
                   : "must be the household business code: 6 to 20 upper-case letters and digits";
    size_t n = oc_utf8_len(identifier); /* characters, as oc_v_string counts them */
    return n >= 3 && n <= 64 ? NULL
                             : "must be the cooperation contract reference, 3 to 64 "
                               "characters";
}

static int phone_ok(const char *s)
{
    size_t digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (!(*p == ' ' || *p == '.' || (*p == '+' && p == s)))
            return 0;
    }
    return digits >= 8 && digits <= 15;
}

static int email_ok(const char *s)
{
    const char *at = strchr(s, '@');
    return at != NULL && at != s && strchr(at + 1, '@') == NULL && strchr(at + 1, '.') != NULL &&
           at[1] != '.' && s[strlen(s) - 1] != '.' && strchr(s, ' ') == NULL;
}

/* Checks the formats that both a new producer and a patch must respect. */
static void contact_formats(struct oc_v *v, const struct oc_field_value *p)
{
    const char *phone = p[PRODUCER_PHONE].s, *email = p[PRODUCER_EMAIL].s;
    if (phone != NULL && !phone_ok(phone))
        oc_v_error(v, "phone", "format", "must be 8 to 15 digits, optionally with a leading +");
    if (email != NULL && !email_ok(email))
        oc_v_error(v, "email", "format", "must be an e-mail address");
}

int producer_from_json(struct oc_v *v, struct oc_field_value *out)
{
    oc_fields_create(v, producer_fields, PRODUCER_N, NULL, out);
    if (out[PRODUCER_TYPE].set && out[PRODUCER_IDENTIFIER].set) {
        const char *problem =
            producer_identifier_problem(out[PRODUCER_TYPE].s, out[PRODUCER_IDENTIFIER].s);
        if (problem != NULL)
            oc_v_error(v, "identifier", "format", "%s", problem);
    }
    contact_formats(v, out);
    return oc_v_ok(v);
}

int producer_patch_from_json(struct oc_v *v, struct oc_field_value *out)
{
    oc_fields_patch(v, producer_fields, PRODUCER_N, NULL, out);
    contact_formats(v, out);
    return oc_v_ok(v);
}

const char *const producer_personal_fields[] = {"identifier", "representative", "address",
                                                "phone",      "email",          NULL};

int producer_personal_visible(const json_t *view, const struct oc_principal *p)
{
    const char *type = json_string_value(json_object_get(view, "type"));
    const char *id = json_string_value(json_object_get(view, "id"));
    const char *commune = json_string_value(json_object_get(view, "current_commune_code"));
    if (type == NULL || strcmp(type, "household") != 0)
        return 1;
    if (oc_principal_acts_as(p, OC_ROLE_PROVINCE_OFFICER))
        return 1;
    if (oc_principal_acts_as(p, OC_ROLE_COMMUNE_OFFICER) && p->commune[0] != '\0' &&
        commune != NULL && strcmp(commune, p->commune) == 0)
        return 1;
    return oc_principal_acts_as(p, OC_ROLE_PRODUCER) && id != NULL &&
           oc_principal_has_producer(p, id);
}

void producer_view_redact(json_t *view, const struct oc_principal *p)
{
    if (producer_personal_visible(view, p))
        return;
    for (const char *const *f = producer_personal_fields; *f; f++)
        json_object_del(view, *f);
}
