#include "registration/recognition.h"

#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/event.h"
#include "common/validate.h"
#include "registration/admin_unit.h"
#include "registration/product.h"

/* Longest optional text member kept from an event. */
#define RECOGNITION_TEXT_MAX 100

/* The member name of data when it is a string of 1..max bytes, else NULL. */
static const char *text(const json_t *data, const char *name, size_t max)
{
    const char *s = json_string_value(json_object_get(data, name));
    return s != NULL && s[0] != '\0' && strlen(s) <= max ? s : NULL;
}

int recognition_from_issued(const json_t *data, struct recognition *out)
{
    memset(out, 0, sizeof(*out));
    out->certificate_id = text(data, "certificate_id", RECOGNITION_TEXT_MAX);
    out->product_id = json_string_value(json_object_get(data, "product_id"));
    out->recognised_on = text(data, "issued_on", 10);
    out->stars = (int)json_integer_value(json_object_get(data, "stars"));
    out->level = text(data, "level", RECOGNITION_TEXT_MAX);
    out->rule_set = text(data, "rule_set", RECOGNITION_TEXT_MAX);
    out->number = text(data, "number", RECOGNITION_TEXT_MAX);
    return out->certificate_id != NULL && oc_uuid_ok(out->product_id) &&
           oc_date_ok(out->recognised_on) && out->stars >= 1 && out->stars <= 5;
}

/* The index of s in the NULL-terminated list, or -1. */
static int one_of(const char *s, const char *const *list)
{
    for (int i = 0; s != NULL && list[i] != NULL; i++)
        if (strcmp(s, list[i]) == 0)
            return i;
    return -1;
}

/* The integer member name of data within lo..hi, or 0 when it is not one. */
static long long integer(const json_t *data, const char *name, long long lo, long long hi)
{
    const json_t *v = json_object_get(data, name);
    long long n = json_is_integer(v) ? (long long)json_integer_value(v) : 0;
    return n >= lo && n <= hi ? n : 0;
}

int round_move_from_event(const json_t *data, struct round_move_in *out, char *err, size_t errlen)
{
    static const char *const levels[] = {"commune", "district", "province", "central", NULL};
    static const char *const statuses[] = {"open", "scoring", "closed", "cancelled", NULL};
    memset(out, 0, sizeof(*out));
    out->round_id = json_string_value(json_object_get(data, "round_id"));
    out->year = integer(data, "year", 2000, 2100);
    out->level = json_string_value(json_object_get(data, "level"));
    out->sequence = integer(data, "sequence", 1, 12);
    out->to = json_string_value(json_object_get(data, "to"));
    out->at = json_string_value(json_object_get(data, "at"));
    if (!oc_uuid_ok(out->round_id) || out->year == 0 || out->sequence == 0 ||
        one_of(out->level, levels) < 0 || one_of(out->to, statuses) < 0 || out->at == NULL ||
        !oc_event_time_utc_ok(out->at)) {
        snprintf(err, errlen,
                 "round event: needs round_id (UUID), year 2000-2100, sequence 1-12, a known "
                 "level and to, and at as an RFC 3339 UTC time");
        return 0;
    }
    out->name = text(data, "name", 255);
    out->starts_on = text(data, "starts_on", 10);
    out->ends_on = text(data, "ends_on", 10);
    if (!oc_date_ok(out->starts_on))
        out->starts_on = NULL;
    if (!oc_date_ok(out->ends_on))
        out->ends_on = NULL;
    return 1;
}

/* Returns 1 when a is a non-empty array of at most 8 non-empty strings. */
static int outcome_list(const json_t *a)
{
    size_t i;
    const json_t *o;
    if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > 8)
        return 0;
    json_array_foreach(a, i, o)
    {
        if (!json_is_string(o) || json_string_length(o) == 0 || json_string_length(o) > 64)
            return 0;
    }
    return 1;
}

int revocation_from_event(const json_t *data, struct revocation_in *out)
{
    long day;
    memset(out, 0, sizeof(*out));
    const char *status = json_string_value(json_object_get(data, "status"));
    json_t *stars = json_object_get(data, "stars");
    out->certificate_id = json_string_value(json_object_get(data, "certificate_id"));
    out->product_id = json_string_value(json_object_get(data, "product_id"));
    out->number = json_string_value(json_object_get(data, "number"));
    out->revoked_on = json_string_value(json_object_get(data, "changed_on"));
    out->grounds = json_string_value(json_object_get(data, "grounds"));
    if (json_is_integer(stars) && json_integer_value(stars) >= 1 && json_integer_value(stars) <= 5)
        out->stars = json_integer_value(stars);
    if (out->grounds != NULL && strlen(out->grounds) > 64)
        out->grounds = NULL;
    if (out->number != NULL && strlen(out->number) > 256)
        out->number = NULL;
    return status != NULL && strcmp(status, "revoked") == 0 && out->certificate_id != NULL &&
           *out->certificate_id != '\0' && strlen(out->certificate_id) <= 64 &&
           oc_uuid_ok(out->product_id) && out->revoked_on != NULL &&
           strlen(out->revoked_on) == 10 && oc_date_parse(out->revoked_on, &day);
}

int inspection_from_event(const json_t *data, struct inspection_in *out)
{
    long day;
    memset(out, 0, sizeof(*out));
    out->inspection_id = json_string_value(json_object_get(data, "inspection_id"));
    out->product_id = json_string_value(json_object_get(data, "product_id"));
    out->certificate_id = json_string_value(json_object_get(data, "certificate_id"));
    out->inspected_on = json_string_value(json_object_get(data, "inspected_on"));
    out->outcome = json_string_value(json_object_get(data, "outcome"));
    json_t *list = json_object_get(data, "outcomes");
    if (outcome_list(list)) {
        out->outcomes = list;
        if (out->outcome == NULL)
            out->outcome = json_string_value(json_array_get(list, 0));
    }
    return out->inspection_id != NULL && *out->inspection_id != '\0' &&
           strlen(out->inspection_id) <= 64 && oc_uuid_ok(out->product_id) &&
           out->inspected_on != NULL && strlen(out->inspected_on) == 10 &&
           oc_date_parse(out->inspected_on, &day) && out->outcome != NULL &&
           *out->outcome != '\0' && strlen(out->outcome) <= 64;
}
