/*
 * The webhook dispatcher: OCOP_WEBHOOK_WORKERS threads, each claiming one due
 * delivery at a time (FOR UPDATE SKIP LOCKED, under a lease, within its
 * subscription's max_in_flight), sending it signed without holding a
 * database connection, and recording the attempt and its outcome in one
 * transaction: delivered on a 2xx, else retried on the schedule, else dead
 * (ocop.notification.delivery.dead.v1). A subscription whose consecutive
 * failed attempts reach OCOP_WEBHOOK_PAUSE_AFTER is paused
 * (ocop.notification.subscription.paused.v1, and its contact mailed).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/alloc.h"
#include "common/db.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/outbox.h"
#include "common/timeutil.h"
#include "common/trace.h"
#include "common/waiter.h"
#include "notification/delivery.h"
#include "notification/delivery_events.h"
#include "notification/delivery_store.h"
#include "notification/mail.h"
#include "notification/outbound.h"
#include "notification/webhook.h"

struct webhook_dispatcher {
    struct oc_service *svc;             /* borrowed */
    const struct webhook_settings *cfg; /* borrowed from svc */
    pthread_t threads[32];              /* the workers */
    int nthreads;                       /* started */
    struct oc_waiter waiter;            /* the workers' sleep: kicked by new deliveries, stop */
};

static enum oc_err emit_dead(PGconn *conn, struct webhook_dispatcher *d,
                             const struct delivery_claim *c, const struct delivery_outcome *o)
{
    char now[40];
    oc_time_format_now(now, sizeof(now));
    return oc_outbox_add_draft(conn, &d->svc->emitter, delivery_event_dead(c, o, now), NULL);
}

/* The pause: its event and, when the subscription names a contact, its mail. */
static enum oc_err on_paused(PGconn *conn, struct webhook_dispatcher *d,
                             const struct delivery_claim *c, const struct delivery_sub_state *st,
                             const char *reason)
{
    char now[40], key[128];
    oc_time_format_now(now, sizeof(now));
    enum oc_err rc = oc_outbox_add_draft(conn, &d->svc->emitter,
                                         delivery_event_paused(c, st, reason, now), NULL);
    if (rc != OC_OK || st->contact_email[0] == '\0')
        return rc;
    snprintf(key, sizeof(key), "webhook-paused:%s:%s", c->subscription_id, now);
    json_t *vars =
        json_pack("{s:s,s:s,s:i,s:s,s:s}", "subscription_id", c->subscription_id, "url", c->url,
                  "consecutive_failures", st->failures, "paused_at", now, "reason", reason);
    rc = mail_queue_address(conn, key, st->contact_email, "subscription-paused", vars);
    json_decref(vars);
    return rc;
}

/* Records the attempt and what follows from it, in one transaction. */
static enum oc_err record(struct webhook_dispatcher *d, const struct delivery_claim *c,
                          struct delivery_outcome *o)
{
    int ok = o->error[0] == '\0', recorded = 0;
    char reason[96];
    struct delivery_sub_state st;
    o->status = "delivered";
    if (!ok)
        o->status =
            delivery_next(&d->cfg->schedule, c->attempts + 1 - c->schedule_base, &o->retry_in_s)
                ? "pending"
                : "dead";
    snprintf(reason, sizeof(reason), "%d consecutive failed attempts", d->cfg->pause_after);
    PGconn *conn = oc_db_acquire(d->svc->pool);
    if (conn == NULL)
        return OC_DB;
    enum oc_err rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = delivery_store_record(conn, c->id, c->attempts, o, &recorded);
    if (rc == OC_OK && recorded)
        rc = delivery_store_sub_result(conn, c->subscription_id, ok, d->cfg->pause_after, reason,
                                       &st);
    if (rc == OC_OK && recorded && strcmp(o->status, "dead") == 0)
        rc = emit_dead(conn, d, c, o);
    if (rc == OC_OK && recorded && !ok && st.paused_now)
        rc = on_paused(conn, d, c, &st, reason);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    if (rc != OC_OK)
        oc_db_rollback(conn);
    oc_db_release(d->svc->pool, conn);
    if (rc == OC_OK && recorded)
        oc_metrics_add(OC_M_WEBHOOK_ATTEMPTS, 1, "outcome",
                       strcmp(o->status, "pending") == 0 ? "retry" : o->status, OC_M_END);
    return rc;
}

/*
 * Makes the delivery's span this thread's context: a child of the delivered
 * event's traceparent (a member of its CloudEvent), else a new trace. What the
 * attempt logs and emits (dead, paused) carries it.
 */
static void delivery_trace(const struct delivery_claim *c)
{
    struct oc_trace trace;
    json_t *ce = json_loads(c->payload, 0, NULL);
    oc_trace_continue(json_string_value(json_object_get(ce, "traceparent")), &trace);
    json_decref(ce);
    oc_trace_set(&trace);
}

/* Sends one claimed delivery and records the outcome. */
static void send_one(struct webhook_dispatcher *d, const struct delivery_claim *c)
{
    char signature[2 * DELIVERY_SIG_LEN + 2];
    struct outbound_result r;
    struct delivery_outcome o;
    struct timespec now;
    size_t len = strlen(c->payload);
    clock_gettime(CLOCK_REALTIME, &now);
    long long ts = (long long)now.tv_sec;
    memset(&o, 0, sizeof(o));
    memset(&r, 0, sizeof(r));
    delivery_trace(c);
    if (delivery_signature_header(c->secret, c->previous, c->event_id, ts, c->payload, len,
                                  signature, sizeof(signature)) != 0) {
        snprintf(r.error, sizeof(r.error), "the subscription's secret is malformed");
    } else {
        struct outbound_request req = {c->url,
                                       c->content_type,
                                       c->payload,
                                       len,
                                       c->event_id,
                                       ts,
                                       signature,
                                       &d->cfg->allow,
                                       d->cfg->connect_timeout_ms,
                                       d->cfg->timeout_ms};
        outbound_send(&req, &r);
    }
    o.started_at = (double)now.tv_sec + (double)now.tv_nsec / 1e9;
    o.http_status = r.http_status;
    o.latency_ms = r.latency_ms;
    o.error = r.error;
    enum oc_err rc = record(d, c, (struct delivery_outcome *)&o);
    if (rc != OC_OK)
        oc_log(OC_LOG_ERROR, "webhook delivery %s: could not record attempt %d (%s)", c->id,
               c->attempts + 1, oc_err_name(rc));
    else if (r.error[0] != '\0')
        oc_log(OC_LOG_INFO, "webhook delivery %s of subscription %s: attempt %d failed (%s), %s",
               c->id, c->subscription_id, c->attempts + 1, r.error, o.status);
    oc_trace_set(NULL);
}

/* Claims and sends one delivery. Returns 1 when one was due. */
static int work_once(struct webhook_dispatcher *d)
{
    struct delivery_claim c;
    int found = 0;
    int lease_ms = d->cfg->timeout_ms + d->cfg->connect_timeout_ms + 30000;
    PGconn *conn = oc_db_acquire(d->svc->pool);
    if (conn == NULL)
        return 0;
    enum oc_err rc = delivery_store_claim(conn, lease_ms, &c, &found);
    oc_db_release(d->svc->pool, conn);
    if (rc != OC_OK || !found)
        return 0;
    send_one(d, &c);
    delivery_claim_clean(&c);
    return 1;
}

static void *worker_main(void *arg)
{
    struct webhook_dispatcher *d = arg;
    unsigned long seen = 0; /* the kicks this worker has seen */
    while (!atomic_load(&d->svc->migrated))
        if (oc_waiter_wait(&d->waiter, 100, &seen))
            return NULL;
    for (;;) {
        int busy = !atomic_load(&d->svc->draining) && work_once(d);
        if (oc_waiter_wait(&d->waiter, busy ? 0 : d->cfg->poll_ms, &seen))
            return NULL;
    }
}

struct webhook_dispatcher *webhook_dispatcher_start(struct oc_service *svc)
{
    struct webhook_dispatcher *d = oc_xmalloc(sizeof(*d));
    memset(d, 0, sizeof(*d));
    d->svc = svc;
    d->cfg = webhook_settings_of(svc);
    oc_waiter_init(&d->waiter);
    for (int i = 0; i < d->cfg->workers && i < 32; i++) {
        if (pthread_create(&d->threads[i], NULL, worker_main, d) != 0) {
            oc_log(OC_LOG_ERROR, "could not start a webhook dispatcher thread");
            webhook_dispatcher_stop(d);
            return NULL;
        }
        d->nthreads++;
    }
    return d;
}

void webhook_dispatcher_kick(struct webhook_dispatcher *d)
{
    if (d != NULL)
        oc_waiter_kick(&d->waiter);
}

void webhook_dispatcher_stop(struct webhook_dispatcher *d)
{
    if (d == NULL)
        return;
    oc_waiter_stop(&d->waiter);
    for (int i = 0; i < d->nthreads; i++)
        pthread_join(d->threads[i], NULL);
    oc_waiter_destroy(&d->waiter);
    free(d);
}
