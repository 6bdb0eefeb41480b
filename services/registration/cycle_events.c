#include "registration/cycle_events.h"

#include "common/auth.h"
#include "common/outbox.h"

enum oc_err cycle_emit(PGconn *conn, struct oc_service *svc, const struct cycle_kind *k,
                       const char *id, const char *from, const char *role, const json_t *reasons,
                       const char *traceparent)
{
    json_t *data = NULL;
    enum oc_err rc = k->event(conn, id, &data);
    if (rc != OC_OK)
        return rc;
    json_object_set_new(data, "from_status", oc_event_string_or_null(from));
    json_object_set_new(data, "actor_role", json_string(role));
    json_object_set_new(data, "actor", json_string(oc_principal_actor(oc_principal())));
    json_object_set_new(data, "reasons", reasons ? json_deep_copy(reasons) : json_null());
    return oc_outbox_add_draft(conn, &svc->emitter,
                               (struct oc_event_draft){k->event_type, id, data}, traceparent);
}
