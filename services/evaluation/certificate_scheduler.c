#include "evaluation/certificate_scheduler.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/alloc.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/db.h"
#include "common/log.h"
#include "common/trace.h"
#include "common/waiter.h"
#include "evaluation/certificate_change.h"
#include "evaluation/certificate_events.h"
#include "evaluation/certificate_settings.h"
#include "evaluation/certificate_store.h"
#include "evaluation/inspection_follow_up_job.h"

#define BATCH 20 /* certificates per transaction */

struct certificate_scheduler {
    struct oc_service *svc;                        /* borrowed */
    const struct certificate_settings *cfg;        /* borrowed from svc */
    char offsets[CERTIFICATE_NOTICES_MAX * 6 + 3]; /* the notice days as an int[] literal */
    pthread_t thread;                              /* the ticking thread */
    struct oc_waiter waiter;                       /* its sleep, cut short on stop */
};

/* Waits up to ms or until stopped. Returns 1 when stopped. */
static int sched_wait(struct certificate_scheduler *s, int ms)
{
    unsigned long seen = 0; /* nothing kicks the scheduler: it ticks */
    return oc_waiter_wait(&s->waiter, ms, &seen);
}

/* Expires one certificate (locked by the caller's statement). */
static enum oc_err expire_one(PGconn *conn, struct certificate_scheduler *s, const char *id,
                              const char *expires_on, struct oc_write_result *out)
{
    char reason[64], cause[32];
    snprintf(reason, sizeof(reason), "in force through %s", expires_on);
    snprintf(cause, sizeof(cause), "expiry:%s", expires_on);
    struct certificate_why why = {"scheduler", reason, NULL, NULL, NULL, "schedule", cause};
    struct certificate_move m = {id, -1, "expired", &why};
    return certificate_move(conn, s->svc, &m, NULL, out);
}

/* Sends the notice due for one certificate, if still due; *sent counts it. */
static enum oc_err notice_one(PGconn *conn, struct certificate_scheduler *s,
                              const struct certificate_due *cert, long today,
                              const char *today_text, int *sent)
{
    const char *id = cert->id, *status = cert->status;
    long expires;
    int handled = cert->handled;
    int skipped[CERTIFICATE_NOTICES_MAX], inserted = 0;
    char due_on[11], reason[96], cause[32];
    if (!oc_date_parse(cert->expires_on, &expires))
        return OC_INTERNAL;
    int due = certificate_notice_due(&s->cfg->notice_days, expires, today, handled);
    if (due == 0)
        return OC_OK;
    oc_day_format(expires - due, due_on, sizeof(due_on));
    enum oc_err rc = certificate_store_notice_add(conn, id, due, due_on, 1, today_text, &inserted);
    if (rc != OC_OK || !inserted)
        return rc; /* another instance sent it */
    size_t nskipped = certificate_notice_skipped(&s->cfg->notice_days, due, handled, skipped);
    for (size_t i = 0; rc == OC_OK && i < nskipped; i++) {
        char skipped_on[11];
        oc_day_format(expires - skipped[i], skipped_on, sizeof(skipped_on));
        rc = certificate_store_notice_add(conn, id, skipped[i], skipped_on, 0, today_text,
                                          &inserted);
    }
    struct oc_write_result out = {NULL, "", NULL};
    snprintf(reason, sizeof(reason), "expiry notice %d days before %s", due, cert->expires_on);
    snprintf(cause, sizeof(cause), "notice:%d", due);
    struct certificate_why why = {"scheduler", reason, NULL, NULL, NULL, "schedule", cause};
    struct certificate_move m = {id, -1, "expiring", &why};
    if (rc == OC_OK && strcmp(status, "valid") == 0)
        rc = certificate_move(conn, s->svc, &m, NULL, &out);
    else if (rc == OC_OK)
        rc = certificate_store_set_status(conn, id, status, &out.view); /* a new version */
    struct certificate_notice n = {due, due_on, expires - today, skipped, nskipped};
    if (rc == OC_OK)
        rc = certificate_emit_notice(conn, s->svc, out.view, &n, today_text, NULL);
    if (rc == OC_OK)
        ++*sent;
    json_decref(out.view);
    json_decref(out.errors);
    return rc;
}

/* Handles row i of a batch under a savepoint, so that one failing certificate spoils nothing else.
 */
static void sched_row(PGconn *conn, struct certificate_scheduler *s, int notices,
                      const struct certificate_due *cert, long today, const char *today_text,
                      int *done)
{
    struct oc_write_result out = {NULL, "", NULL};
    struct oc_trace trace;
    int before = *done;
    /* Each certificate's change starts a trace of its own, which its events and lines carry. */
    oc_trace_new(&trace);
    oc_trace_set(&trace);
    enum oc_err rc = certificate_store_savepoint(conn);
    if (rc == OC_OK && notices) {
        rc = notice_one(conn, s, cert, today, today_text, done);
    } else if (rc == OC_OK) {
        rc = expire_one(conn, s, cert->id, cert->expires_on, &out);
        *done += rc == OC_OK;
    }
    if (rc != OC_OK) {
        oc_log(OC_LOG_ERROR, "scheduler: certificate %s: %s (%s)", cert->id,
               out.detail[0] ? out.detail : "failed", oc_err_name(rc));
        *done = before;
        certificate_store_rollback_to_savepoint(conn);
    }
    json_decref(out.view);
    json_decref(out.errors);
    oc_trace_set(NULL);
}

/*
 * One batch of expiries (notices == 0) or notices in one transaction: up to
 * BATCH certificates claimed. Returns how many were claimed (0 on failure,
 * rolled back) and adds those done to *done.
 */
static int sched_batch(struct certificate_scheduler *s, int notices, long today,
                       const char *today_text, int *done)
{
    struct certificate_due due[BATCH];
    int n = 0, before = *done;
    PGconn *conn = oc_db_acquire(s->svc->pool);
    if (conn == NULL)
        return 0;
    enum oc_err rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = notices ? certificate_store_due_notices(conn, today_text, s->offsets, BATCH, due, &n)
                     : certificate_store_due_expiries(conn, today_text, BATCH, due, &n);
    for (int i = 0; i < n; i++)
        sched_row(conn, s, notices, &due[i], today, today_text, done);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    if (rc != OC_OK) {
        oc_db_rollback(conn);
        *done = before;
        n = 0;
    }
    oc_db_release(s->svc->pool, conn);
    return n;
}

/* Expires, then sends notices, in batches while full batches make progress. */
static void sched_tick(struct certificate_scheduler *s)
{
    char today_text[11], detail[128];
    long today;
    int done[2] = {0, 0};
    if (certificate_today(s->svc, &today, today_text, detail, sizeof(detail)) != OC_OK)
        return;
    for (int notices = 0; notices < 2; notices++) {
        int before, claimed;
        do {
            before = done[notices];
            claimed = sched_batch(s, notices, today, today_text, &done[notices]);
        } while (claimed == BATCH && done[notices] > before && !atomic_load(&s->svc->draining));
    }
    if (done[0] > 0 || done[1] > 0)
        oc_log(OC_LOG_INFO, "scheduler on %s: %d certificates expired, %d expiry notices sent",
               today_text, done[0], done[1]);
    if (!atomic_load(&s->svc->draining))
        inspection_follow_up_run(s->svc, today_text);
}

static void *sched_main(void *arg)
{
    struct certificate_scheduler *s = arg;
    while (!atomic_load(&s->svc->migrated))
        if (sched_wait(s, 100))
            return NULL;
    do {
        if (!atomic_load(&s->svc->draining))
            sched_tick(s);
    } while (!sched_wait(s, s->cfg->scheduler_interval_ms));
    return NULL;
}

struct certificate_scheduler *certificate_scheduler_start(struct oc_service *svc)
{
    struct certificate_scheduler *s = oc_xmalloc(sizeof(*s));
    memset(s, 0, sizeof(*s));
    s->svc = svc;
    s->cfg = certificate_settings_of(svc);
    size_t pos = 0;
    s->offsets[pos++] = '{';
    for (size_t i = 0; i < s->cfg->notice_days.n; i++)
        pos += (size_t)snprintf(s->offsets + pos, sizeof(s->offsets) - pos, "%s%d", i ? "," : "",
                                s->cfg->notice_days.days[i]);
    snprintf(s->offsets + pos, sizeof(s->offsets) - pos, "}");
    oc_waiter_init(&s->waiter);
    if (pthread_create(&s->thread, NULL, sched_main, s) != 0) {
        oc_log(OC_LOG_ERROR, "could not start the certificate scheduler thread");
        oc_waiter_destroy(&s->waiter);
        free(s);
        return NULL;
    }
    return s;
}

void certificate_scheduler_stop(struct certificate_scheduler *sched)
{
    if (sched == NULL)
        return;
    oc_waiter_stop(&sched->waiter);
    pthread_join(sched->thread, NULL);
    oc_waiter_destroy(&sched->waiter);
    free(sched);
}
