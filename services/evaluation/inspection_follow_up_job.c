#include "evaluation/inspection_follow_up_job.h"

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/log.h"
#include "common/outbox.h"
#include "common/trace.h"
#include "evaluation/inspection_events.h"
#include "evaluation/inspection_store.h"

#define BATCH 20 /* follow-ups per transaction */

/* Adds the overdue event of an inspection's view, in a trace of its own. */
static enum oc_err overdue_emit(PGconn *conn, struct oc_service *svc, const json_t *view)
{
    struct oc_trace trace;
    /* each follow-up starts a trace of its own, as each certificate change does */
    oc_trace_new(&trace);
    oc_trace_set(&trace);
    enum oc_err rc = oc_outbox_add_draft(conn, &svc->emitter, inspection_event_overdue(view), NULL);
    oc_trace_set(NULL);
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
