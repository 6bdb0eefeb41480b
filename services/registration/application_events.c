/*
 * The application's events (submitted, status_changed): the data the store
 * reads for the application as it now is (application_store_event), with
 * the change that was made. Keyed by the application's id.
 */
#include <jansson.h>

#include "common/outbox.h"
#include "registration/application_store.h"
#include "registration/handlers.h"

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
