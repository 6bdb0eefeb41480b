#include "evaluation/certificate_events.h"

#include <stdio.h>

#include "common/outbox.h"

/* The members every certificate event carries, copied from the view (caller owns). */
static json_t *event_base(const json_t *view)
{
    static const char *const members[] = {"certificate_id=id",
                                          "product_id=product.id",
                                          "product_code=product.code",
                                          "number",
                                          "stars",
                                          "status",
                                          "rule_set",
                                          "level",
                                          "decision_number",
                                          "issued_on",
                                          "expires_on",
                                          "version",
                                          NULL};
    return oc_event_data(view, members);
}

/* Adds data (stolen) as an event of type, keyed by the product. */
static enum oc_err event_add(PGconn *conn, struct oc_service *svc, const char *type,
                             const json_t *view, json_t *data, const char *traceparent)
{
    struct oc_event_draft draft = {type, oc_event_path_string(view, "product.id"), data};
    return oc_outbox_add_draft(conn, &svc->emitter, draft, traceparent);
}

enum oc_err certificate_emit_issued(PGconn *conn, struct oc_service *svc, const json_t *view,
                                    const char *supersedes, const char *actor,
                                    const char *traceparent)
{
    json_t *data = event_base(view);
    json_object_set(data, "result_id", json_object_get(view, "result_id"));
    json_object_set(data, "application_id", json_object_get(view, "application_id"));
    json_object_set_new(data, "supersedes", oc_event_string_or_null(supersedes));
    json_object_set(data, "issued_at", json_object_get(view, "created_at"));
    json_object_set_new(data, "actor", oc_event_string_or_null(actor));
    return event_add(conn, svc, EVENT_CERTIFICATE_ISSUED, view, data, traceparent);
}

enum oc_err certificate_emit_changed(PGconn *conn, struct oc_service *svc, const json_t *view,
                                     const char *from, const struct certificate_why *why,
                                     const char *today, const char *traceparent)
{
    json_t *data = event_base(view);
    json_object_set_new(data, "from_status", json_string(from));
    json_object_set_new(data, "reason", oc_event_string_or_null(why->reason));
    json_object_set_new(data, "grounds", oc_event_string_or_null(why->grounds));
    json_object_set_new(
        data, "change_decision",
        why->decision_number == NULL
            ? json_null()
            : json_pack("{s:s,s:s?}", "number", why->decision_number, "date", why->decided_on));
    json_object_set_new(data, "cause",
                        why->cause_type == NULL
                            ? json_null()
                            : json_pack("{s:s,s:s}", "type", why->cause_type, "id", why->cause_id));
    json_object_set_new(data, "changed_on", json_string(today));
    json_object_set(data, "changed_at", json_object_get(view, "updated_at"));
    json_object_set_new(data, "actor", oc_event_string_or_null(why->actor));
    return event_add(conn, svc, EVENT_CERTIFICATE_STATUS_CHANGED, view, data, traceparent);
}

enum oc_err certificate_emit_notice(PGconn *conn, struct oc_service *svc, const json_t *view,
                                    const struct certificate_notice *n, const char *today,
                                    const char *traceparent)
{
    json_t *data = event_base(view);
    json_t *skipped = json_array();
    for (size_t i = 0; i < n->nskipped; i++)
        json_array_append_new(skipped, json_integer(n->skipped[i]));
    json_object_set(data, "product_name",
                    json_object_get(json_object_get(view, "product"), "name"));
    json_object_set_new(data, "offset_days", json_integer(n->offset_days));
    json_object_set_new(data, "due_on", json_string(n->due_on));
    json_object_set_new(data, "days_left", json_integer(n->days_left));
    json_object_set_new(data, "sent_on", json_string(today));
    json_object_set_new(data, "skipped_offsets", skipped);
    return event_add(conn, svc, EVENT_CERTIFICATE_EXPIRY_NOTICE, view, data, traceparent);
}
