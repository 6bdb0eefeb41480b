#include <stdio.h>
#include <string.h>

#include "registration/application_store.h"
#include "registration/handlers.h"
#include "registration/product_store.h"

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
    json_object_set_new(data, "reason", c->reason ? json_string(c->reason) : json_null());
    rc = oc_outbox_add(conn, &svc->emitter, type, id, traceparent, data);
    json_decref(data);
    return rc;
}

/*
 * ocop.evaluation.evaluation.completed.v1: the council's result for an
 * application. An application still being processed moves to "processed" and
 * keeps the result; one in any other state keeps the result only (the result
 * is recorded, the officer decides what follows).
 */
enum oc_err on_evaluation_completed(PGconn *conn, const struct oc_event_in *ev, void *ctx,
                                    char *err, size_t errlen)
{
    struct oc_service *svc = ctx;
    const char *id = NULL;
    long long stars = 0;
    if (application_result_parse(ev->data, &id, &stars, err, errlen) != OC_OK)
        return OC_INVALID;
    struct application_row row;
    struct reg_scope everything;
    reg_scope_everything(&everything);
    enum oc_err rc = application_store_lock(conn, &everything, id, &row);
    if (rc == OC_NOT_FOUND) {
        snprintf(err, errlen, "evaluation completed: no application %s", id);
        return OC_INVALID;
    }
    if (rc != OC_OK)
        return rc;
    if (strcmp(row.status, "processing") != 0) {
        /* Recorded, not acted on: the officer decides what follows. */
        rc = application_store_keep_result(conn, id, ev->data);
        return rc == OC_OK
                   ? product_store_cycle(conn, id, stars >= 3 ? "evaluated" : "not_recognised")
                   : rc;
    }
    struct application_change c = {
        id,   row.status, "processed", 9,    "system", oc_principal_actor(oc_principal()),
        NULL, ev->id,     NULL,        NULL, ev->data, NULL};
    rc = application_store_move(conn, &c);
    if (rc == OC_OK)
        rc = product_store_cycle(conn, id, stars >= 3 ? "evaluated" : "not_recognised");
    if (rc == OC_OK)
        rc = application_emit(conn, svc, id, EVENT_APPLICATION_STATUS_CHANGED, &c,
                              ev->traceparent[0] ? ev->traceparent : NULL);
    return rc;
}
