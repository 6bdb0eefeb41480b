#include "registration/application_events.h"

#include <jansson.h>

#include "common/outbox.h"
#include "registration/application_store.h"

enum oc_err application_emit(PGconn *conn, struct oc_service *svc, const char *id, const char *type,
                             const struct application_change *c, const char *traceparent)
{
    json_t *data = NULL;
    enum oc_err rc = application_store_event(conn, id, &data);
    if (rc != OC_OK)
        return rc;
    json_object_set_new(data, "from_status", json_string(c->from));
    json_object_set_new(data, "portal_status_code", json_integer(c->portal_code));
    json_object_set_new(data, "actor_role", json_string(c->role));
    json_object_set_new(data, "actor", json_string(c->actor));
    json_object_set_new(data, "reason", oc_event_string_or_null(c->reason));
    return oc_outbox_add_draft(conn, &svc->emitter, (struct oc_event_draft){type, id, data},
                               traceparent);
}
