#include "promotion/listing.h"

#include <string.h>

static const char *member(const json_t *object, const char *key)
{
    return json_string_value(json_object_get(object, key));
}

void listing_standing(const json_t *view, struct standing *out)
{
    const json_t *cert = json_object_get(view, "certificate");
    const json_t *insp = json_object_get(view, "latest_inspection");
    memset(out, 0, sizeof(*out));
    if (json_is_object(cert)) {
        out->certificate_id = member(cert, "id");
        out->number = member(cert, "number");
        out->status = member(cert, "status");
        out->stars = (long long)json_integer_value(json_object_get(cert, "stars"));
        out->issued_on = member(cert, "issued_on");
        out->valid_until = member(cert, "valid_until");
        if (out->certificate_id != NULL && out->status == NULL)
            out->status = "unknown";
    }
    if (json_is_object(insp) && json_is_true(json_object_get(insp, "outstanding"))) {
        out->block_inspection_id = member(insp, "id");
        out->block_outcome = member(insp, "outcome");
        out->block_inspected_on = member(insp, "inspected_on");
    }
}

enum standing_verdict listing_decorate(json_t *view, const char *today)
{
    struct standing s;
    char reason[512];
    listing_standing(view, &s);
    enum standing_verdict v = standing_check(&s, today, NULL, NULL, reason, sizeof(reason));
    json_object_set_new(view, "promotable", json_boolean(v == STANDING_OK));
    json_object_set_new(view, "promotable_reason", json_string(reason));
    /* The stars the product holds: those of a certificate in force and not past its end. */
    int holds = v != STANDING_NO_CERTIFICATE && v != STANDING_NOT_IN_FORCE && v != STANDING_EXPIRED;
    json_object_set_new(view, "stars", holds ? json_integer((json_int_t)s.stars) : json_null());
    return v;
}
