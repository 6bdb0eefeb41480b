#include "registration/producer.h"

#include <string.h>

const char *const producer_types[] = {"enterprise", "cooperative", "cooperative_group", "household",
                                      NULL};

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
static void contact_formats(struct oc_v *v, const char *phone, const char *email)
{
    if (phone != NULL && !phone_ok(phone))
        oc_v_error(v, "phone", "format", "must be 8 to 15 digits, optionally with a leading +");
    if (email != NULL && !email_ok(email))
        oc_v_error(v, "email", "format", "must be an e-mail address");
}

int producer_from_json(struct oc_v *v, struct producer_new *out)
{
    static const char *const fields[] = {"type",          "name",    "identifier", "representative",
                                         "commune_code",  "address", "phone",      "email",
                                         "registered_on", NULL};
    oc_v_only(v, fields);
    out->type = oc_v_enum(v, "type", 1, producer_types);
    out->name = oc_v_string(v, "name", 1, 2, 255);
    out->identifier = oc_v_string(v, "identifier", 1, 3, 64);
    out->representative = oc_v_string(v, "representative", 1, 2, 128);
    out->commune_code = oc_v_digits(v, "commune_code", 1, 5, 5);
    out->address = oc_v_string(v, "address", 0, 1, 500);
    out->phone = oc_v_string(v, "phone", 0, 8, 20);
    out->email = oc_v_string(v, "email", 0, 3, 254);
    out->registered_on = oc_v_date(v, "registered_on", 0, PRODUCER_REGISTERED_YEAR_MIN, 2999, NULL);
    if (out->type != NULL && out->identifier != NULL) {
        const char *problem = producer_identifier_problem(out->type, out->identifier);
        if (problem != NULL)
            oc_v_error(v, "identifier", "format", "%s", problem);
    }
    contact_formats(v, out->phone, out->email);
    return oc_v_ok(v);
}

/* An optional member that null clears: returns the string, or NULL and sets *clear. */
static const char *clearable(struct oc_v *v, const char *field, size_t min, size_t max, int *clear)
{
    *clear = json_is_null(json_object_get(v->body, field));
    return *clear ? NULL : oc_v_string(v, field, 0, min, max);
}

int producer_patch_from_json(struct oc_v *v, struct producer_patch *out)
{
    static const char *const fields[] = {"name",    "representative", "commune_code",
                                         "address", "phone",          "email",
                                         "type",    "identifier",     NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    static const char *const fixed[] = {"type", "identifier"};
    for (size_t i = 0; i < 2; i++)
        if (json_object_get(v->body, fixed[i]) != NULL)
            oc_v_error(v, fixed[i], "immutable",
                       "a producer's type and identifier cannot change; register a new producer");
    out->name = oc_v_string(v, "name", 0, 2, 255);
    out->representative = oc_v_string(v, "representative", 0, 2, 128);
    out->commune_code = oc_v_digits(v, "commune_code", 0, 5, 5);
    out->address = clearable(v, "address", 1, 500, &out->clear_address);
    out->phone = clearable(v, "phone", 8, 20, &out->clear_phone);
    out->email = clearable(v, "email", 3, 254, &out->clear_email);
    contact_formats(v, out->phone, out->email);
    if (oc_v_ok(v) && json_object_size(v->body) == 0)
        oc_v_error(v, "", "empty", "the patch changes nothing");
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
