#include "common/contracts.h"

#include <stdio.h>
#include <string.h>

#include "common/validate.h"

static int commune_ok(const char *s)
{
    return strlen(s) == 5 && strspn(s, "0123456789") == 5;
}

enum oc_err oc_producer_registered_parse(json_t *data, struct oc_producer_registered *out,
                                         char *err, size_t errlen)
{
    json_error_t jerr;
    json_int_t version = 0;
    memset(out, 0, sizeof(*out));
    if (json_unpack_ex(data, &jerr, 0, "{s:s,s:s,s:s,s:s,s:I}", "producer_id", &out->producer_id,
                       "type", &out->type, "name", &out->name, "commune_code", &out->commune_code,
                       "version", &version) != 0) {
        snprintf(err, errlen, "producer registered: %s", jerr.text);
        return OC_INVALID;
    }
    out->version = (long long)version;
    if (!oc_uuid_ok(out->producer_id) || !commune_ok(out->commune_code) || version < 1 ||
        strlen(out->name) == 0) {
        snprintf(err, errlen,
                 "producer registered: bad producer_id, commune_code, name or version");
        return OC_INVALID;
    }
    return OC_OK;
}

enum oc_err oc_product_registered_parse(json_t *data, struct oc_product_registered *out, char *err,
                                        size_t errlen)
{
    json_error_t jerr;
    json_int_t version = 0;
    json_t *set = NULL, *sector = NULL, *district = NULL, *current = NULL;
    memset(out, 0, sizeof(*out));
    if (json_unpack_ex(data, &jerr, 0, "{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s?o,s?o,s:s,s:s,s:I,s?o,s?o}",
                       "product_id", &out->product_id, "code", &out->code, "name", &out->name,
                       "producer_id", &out->producer_id, "producer_name", &out->producer_name,
                       "producer_type", &out->producer_type, "rule_set", &out->rule_set,
                       "criteria_set", &set, "sector", &sector, "commune_code", &out->commune_code,
                       "status", &out->status, "version", &version, "legacy_district_code",
                       &district, "current_commune_code", &current) != 0) {
        snprintf(err, errlen, "product registered: %s", jerr.text);
        return OC_INVALID;
    }
    out->version = (long long)version;
    /* criteria_set and sector are null (or absent) for products classified under QĐ 1048. */
    int set_ok = set == NULL || json_is_null(set) || json_is_integer(set);
    int sector_ok = sector == NULL || json_is_null(sector) || json_is_string(sector);
    out->criteria_set = json_is_integer(set) ? (long long)json_integer_value(set) : 0;
    out->sector = json_string_value(sector);
    /* legacy_district_code: 3 digits, null or absent (a commune not known before 2025-07-01) */
    out->legacy_district_code = json_string_value(district);
    int district_ok =
        district == NULL || json_is_null(district) ||
        (out->legacy_district_code != NULL && strlen(out->legacy_district_code) == 3 &&
         strspn(out->legacy_district_code, "0123456789") == 3);
    /* current_commune_code: 5 digits, null or absent (the reference data does not know it) */
    out->current_commune_code = json_string_value(current);
    int current_ok = current == NULL || json_is_null(current) ||
                     (out->current_commune_code != NULL && commune_ok(out->current_commune_code));
    if (!set_ok || !district_ok || !current_ok || !sector_ok || !oc_uuid_ok(out->product_id) ||
        !oc_uuid_ok(out->producer_id) || !commune_ok(out->commune_code) || version < 1 ||
        out->criteria_set < 0 || out->criteria_set > 26) {
        snprintf(err, errlen,
                 "product registered: bad product_id, producer_id, commune_code, criteria_set "
                 "or version");
        return OC_INVALID;
    }
    return OC_OK;
}

/* Producer types that are organisations, whose registered names are public. */
static const char *const organisation_types[] = {"enterprise", "cooperative", "cooperative_group"};

const char *oc_producer_public_name(const char *producer_type, const char *producer_name)
{
    for (size_t i = 0;
         producer_type != NULL && i < sizeof(organisation_types) / sizeof(organisation_types[0]);
         i++)
        if (strcmp(producer_type, organisation_types[i]) == 0)
            return producer_name;
    return NULL; /* households, and any type not known to be an organisation */
}
