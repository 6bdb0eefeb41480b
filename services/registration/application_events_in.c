/*
 * The evaluation events the registration service consumes (routes.c lists
 * them): a council's result, a dossier forwarded to the level above, a
 * dossier returned for supplements. Each moves the application, when the
 * transition table lets the service do it, and says so in
 * application.status_changed (application_events.c).
 */
#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "registration/application_events.h"
#include "registration/application_store.h"
#include "registration/handlers.h"
#include "registration/product_store.h"
#include "registration/trademark.h"

/*
 * ocop.evaluation.evaluation.completed.v1: the council's result for an
 * application. An application still being processed moves to "processed" and
 * keeps the result; one in any other state keeps the result only (the result
 * is recorded, the officer decides what follows).
 */
enum oc_err on_evaluation_completed(PGconn *conn, const struct oc_event_in *ev,
                                    struct oc_service *svc, char *err, size_t errlen)
{
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
    /* the central council decided: the product is no longer potential 5 stars */
    const char *level = json_string_value(json_object_get(ev->data, "level"));
    if (rc == OC_OK && level != NULL && strcmp(level, "central") == 0)
        rc = product_store_potential(conn, id, NULL, NULL, NULL);
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

/*
 * Moves the locked application row to to as "system" because of ev, when the
 * transition table lets the service do it; otherwise leaves it (the officer
 * decides). reason may be NULL.
 */
static enum oc_err level_move(PGconn *conn, struct oc_service *svc, const struct oc_event_in *ev,
                              const struct application_row *row, const char *id, const char *to,
                              const char *reason)
{
    if (!application_system_moves(row->status, to))
        return OC_OK;
    struct application_change c = {id,       row->status,
                                   to,       application_status_find(to)->portal_code,
                                   "system", oc_principal_actor(oc_principal()),
                                   reason,   ev->id,
                                   NULL,     NULL,
                                   NULL,     NULL};
    enum oc_err rc = application_store_move(conn, &c);
    if (rc == OC_OK)
        rc = application_emit(conn, svc, id, EVENT_APPLICATION_STATUS_CHANGED, &c,
                              ev->traceparent[0] ? ev->traceparent : NULL);
    return rc;
}

/* Locks the application an evaluation level event names; OC_INVALID when unknown. */
static enum oc_err level_lock(PGconn *conn, const struct oc_event_in *ev,
                              struct application_level_event *e, struct application_row *row,
                              char *err, size_t errlen)
{
    struct reg_scope everything;
    if (application_level_event_parse(ev->data, e, err, errlen) != OC_OK)
        return OC_INVALID;
    reg_scope_everything(&everything);
    enum oc_err rc = application_store_lock(conn, &everything, e->application_id, row);
    if (rc == OC_NOT_FOUND) {
        snprintf(err, errlen, "%s: no application %s", ev->type, e->application_id);
        return OC_INVALID;
    }
    return rc;
}

/*
 * ocop.evaluation.evaluation.forwarded.v1: a council passed the dossier to the
 * level above (the commune's proposal under QĐ 1489, a district's 4 stars+, a
 * province's potential 5 stars). An accepted application (intake done) moves
 * to processing: the dossier is with the province. A potential 5 stars marks
 * the product (ocop.potential_5_star) until the central council's result.
 */
enum oc_err on_evaluation_forwarded(PGconn *conn, const struct oc_event_in *ev,
                                    struct oc_service *svc, char *err, size_t errlen)
{
    struct application_level_event e;
    struct application_row row;
    enum oc_err rc = level_lock(conn, ev, &e, &row, err, errlen);
    if (rc == OC_OK && strcmp(row.status, "accepted") == 0)
        rc = level_move(conn, svc, ev, &row, e.application_id, "processing", NULL);
    if (rc != OC_OK || !e.potential_5_star)
        return rc;
    char since[11];
    const char *day = e.decided_on != NULL ? e.decided_on : e.at;
    snprintf(since, sizeof(since), "%s", day != NULL ? day : "");
    if (!oc_date_ok(since)) {
        snprintf(err, errlen, "%s: no decided_on or forwarded_at date", ev->type);
        return OC_INVALID;
    }
    return product_store_potential(conn, e.application_id, since, e.score, e.entry_id);
}

/*
 * ocop.evaluation.dossier.returned.v1: the commune council's pre-check found
 * the dossier wanting. An accepted or processing application moves to
 * supplement_requested (portal code 5) with the council's reasons; the
 * producer supplements it and resubmits (supplement_requested -> processing).
 */
enum oc_err on_dossier_returned(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                                char *err, size_t errlen)
{
    struct application_level_event e;
    struct application_row row;
    enum oc_err rc = level_lock(conn, ev, &e, &row, err, errlen);
    if (rc != OC_OK)
        return rc;
    char reason[2100];
    snprintf(reason, sizeof(reason), "%s",
             e.reason != NULL && strlen(e.reason) >= 3 ? e.reason
                                                       : "Hội đồng cấp xã trả hồ sơ để bổ sung");
    return level_move(conn, svc, ev, &row, e.application_id, "supplement_requested", reason);
}
