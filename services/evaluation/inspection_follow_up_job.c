#include "evaluation/inspection_follow_up_job.h"

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/log.h"
#include "common/outbox.h"
#include "common/trace.h"
#include "evaluation/inspection_store.h"

#define EVENT_FOLLOW_UP_OVERDUE "ocop.evaluation.inspection.follow_up_overdue.v1"
#define BATCH                   20 /* follow-ups per transaction */

/* ocop.evaluation.inspection.follow_up_overdue.v1 from an inspection's view (no notes, no names).
 */
static enum oc_err overdue_emit(PGconn *conn, struct oc_service *svc, const json_t *view)
{
    const json_t *product = json_object_get(view, "product");
    const json_t *cert = json_object_get(view, "certificate");
    const json_t *f = json_object_get(view, "follow_up");
    json_t *data = json_pack(
        "{s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O}", "inspection_id", json_object_get(view, "id"),
        "product_id", json_object_get(product, "id"), "product_code",
        json_object_get(product, "code"), "certificate_id", json_object_get(cert, "id"),
        "certificate_number", json_object_get(cert, "number"), "inspecting_body",
        json_object_get(view, "inspecting_body"), "inspected_on",
        json_object_get(view, "inspected_on"), "outcomes", json_object_get(view, "outcomes"),
        "due_on", json_object_get(f, "due_on"), "overdue_on", json_object_get(f, "overdue_on"));
    struct oc_trace trace;
    /* each follow-up starts a trace of its own, as each certificate change does */
    oc_trace_new(&trace);
    oc_trace_set(&trace);
    enum oc_err rc = oc_outbox_add(conn, &svc->emitter, EVENT_FOLLOW_UP_OVERDUE,
                                   json_string_value(json_object_get(product, "id")), NULL, data);
    oc_trace_set(NULL);
    json_decref(data);
    return rc;
}

/* One batch in one transaction. Returns how many were marked (0 on failure, rolled back). */
static int overdue_batch(struct oc_service *svc, const char *today)
{
    json_t *views = NULL;
    PGconn *conn = oc_db_acquire(svc->pool);
    if (conn == NULL)
        return 0;
    enum oc_err rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = inspection_store_overdue_claim(conn, today, BATCH, &views);
    for (size_t i = 0; rc == OC_OK && i < json_array_size(views); i++)
        rc = overdue_emit(conn, svc, json_array_get(views, i));
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    int n = rc == OC_OK ? (int)json_array_size(views) : 0;
    if (rc != OC_OK) {
        oc_log(OC_LOG_ERROR, "follow-up job on %s: could not mark overdue follow-ups (%s)", today,
               oc_err_name(rc));
        oc_db_rollback(conn);
    }
    oc_db_release(svc->pool, conn);
    json_decref(views);
    return n;
}

int inspection_follow_up_run(struct oc_service *svc, const char *today)
{
    int total = 0, n;
    do {
        n = overdue_batch(svc, today);
        total += n;
    } while (n == BATCH && !atomic_load(&svc->draining));
    if (total > 0)
        oc_log(OC_LOG_INFO, "follow-up job on %s: %d follow-ups overdue", today, total);
    return total;
}
