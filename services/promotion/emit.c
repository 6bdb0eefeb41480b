#include "promotion/emit.h"

#include <string.h>

#include "common/outbox.h"
#include "common/timeutil.h"
#include "promotion/reaction_store.h"

/* A new reference to obj's member key, or JSON null when obj or the member is absent. */
static json_t *member(const json_t *obj, const char *key)
{
    json_t *m = json_object_get(obj, key);
    return m != NULL ? json_incref(m) : json_null();
}

/* Adds data (stolen) as an event of type about product_id. */
static enum oc_err emit(PGconn *conn, struct oc_service *svc, const char *type,
                        const char *product_id, const char *traceparent, json_t *data)
{
    enum oc_err rc = oc_outbox_add(conn, &svc->emitter, type, product_id, traceparent, data);
    json_decref(data);
    return rc;
}

enum oc_err emit_catalogue(PGconn *conn, struct oc_service *svc, const json_t *view,
                           const struct oc_event_in *cause)
{
    const char *product_id = json_string_value(json_object_get(view, "id"));
    const char *reason = json_string_value(json_object_get(view, "promotable_reason"));
    int promotable = json_is_true(json_object_get(view, "promotable"));
    const json_t *cert = json_object_get(view, "certificate");
    char now[40];
    oc_time_format_now(now, sizeof(now));
    enum oc_err rc =
        reaction_store_catalogue(conn, product_id, promotable, reason, cause->id, cause->type);
    if (rc != OC_OK)
        return rc;
    json_t *data =
        json_pack("{s:s,s:o,s:o,s:b,s:s,s:o,s:o,s:o,s:o,s:s,s:s,s:s}", "product_id", product_id,
                  "product_code", member(view, "code"), "product_name", member(view, "name"),
                  "promotable", promotable, "reason", reason, "stars", member(view, "stars"),
                  "certificate_id", member(cert, "id"), "certificate_number",
                  member(cert, "number"), "valid_until", member(cert, "valid_until"),
                  "cause_event_id", cause->id, "cause_event_type", cause->type, "changed_at", now);
    return emit(conn, svc, EVENT_CATALOGUE_CHANGED, product_id,
                cause->traceparent[0] ? cause->traceparent : NULL, data);
}

/* Copies the members keys of from into data, null when absent. */
static void copy_members(json_t *data, const json_t *from, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        json_object_set_new(data, keys[i], member(from, keys[i]));
}

enum oc_err emit_participation(PGconn *conn, struct oc_service *svc, const json_t *view,
                               const char *from_status, const char *traceparent)
{
    static const char *const own[] = {
        "product_id",     "event_id",  "status",           "booth",
        "support_vnd",    "sales_vnd", "contracts_signed", "contracts_value_vnd",
        "cause_event_id", "version"};
    const json_t *event = json_object_get(view, "event");
    json_t *data =
        json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "participation_id", member(view, "id"),
                  "event_type", member(event, "type"), "event_name", member(event, "name"),
                  "starts_on", member(event, "starts_on"), "ends_on", member(event, "ends_on"),
                  "from_status", from_status ? json_string(from_status) : json_null(), "reason",
                  member(view, "status_reason"), "changed_at", member(view, "updated_at"));
    copy_members(data, view, own, sizeof(own) / sizeof(own[0]));
    return emit(conn, svc, EVENT_PARTICIPATION_CHANGED,
                json_string_value(json_object_get(view, "product_id")), traceparent, data);
}

/* A new JSON string of s, or JSON null. */
static json_t *string_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

enum oc_err emit_linkage(PGconn *conn, struct oc_service *svc, const json_t *view,
                         const char *from_status, const struct emit_why *why,
                         const char *traceparent)
{
    static const char *const own[] = {
        "product_id", "status", "partner_kind", "partner_name", "partner_tax_code", "channel",
        "volume",     "unit",   "value_vnd",    "starts_on",    "ends_on",          "version"};
    const json_t *product = json_object_get(view, "product");
    json_t *data = json_pack(
        "{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "linkage_id", member(view, "id"), "product_code",
        member(product, "code"), "from_status", string_or_null(from_status), "actor",
        string_or_null(why->actor), "reason", string_or_null(why->reason), "cause_event_id",
        string_or_null(why->cause_event_id), "changed_at", member(view, "updated_at"));
    copy_members(data, view, own, sizeof(own) / sizeof(own[0]));
    return emit(conn, svc, EVENT_LINKAGE_CHANGED,
                json_string_value(json_object_get(view, "product_id")), traceparent, data);
}

enum oc_err emit_listing(PGconn *conn, struct oc_service *svc, const json_t *view,
                         const char *traceparent)
{
    static const char *const own[] = {"product_id", "point_of_sale_id", "status",
                                      "reason",     "cause_event_id",   "version"};
    const json_t *pos = json_object_get(view, "point_of_sale");
    const char *status = json_string_value(json_object_get(view, "status"));
    int delisted = status != NULL && strcmp(status, "delisted") == 0;
    json_t *data = json_pack(
        "{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "listing_id", member(view, "id"), "product_code",
        member(json_object_get(view, "product"), "code"), "point_of_sale_name", member(pos, "name"),
        "location_type", member(pos, "location_type"), "commune_code", member(pos, "commune_code"),
        "from_status", delisted ? json_string("listed") : json_null(), "changed_at",
        member(view, delisted ? "delisted_at" : "listed_at"));
    copy_members(data, view, own, sizeof(own) / sizeof(own[0]));
    return emit(conn, svc, EVENT_LISTING_CHANGED,
                json_string_value(json_object_get(view, "product_id")), traceparent, data);
}
