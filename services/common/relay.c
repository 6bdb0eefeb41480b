#include "common/relay.h"

#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>

#include "common/alloc.h"
#include "common/failpoint.h"
#include "common/kafka.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/outbox.h"
#include "common/timeutil.h"

#define RELAY_MAX_INFLIGHT   1000 /* rows handed to Kafka and not yet reported */
#define RELAY_BATCH          200  /* rows read per fetch */
#define RELAY_HOUSEKEEP_MS   1000 /* backlog gauge refresh */
#define RELAY_PURGE_MS       (3600 * 1000)
#define RELAY_RETENTION_DAYS 7

struct oc_relay {
    const struct oc_config *cfg;          /* borrowed */
    struct oc_db_pool *pool;              /* borrowed */
    rd_kafka_t *rk;                       /* the producer; replaced after a fatal error */
    pthread_rwlock_t rk_lock;             /* readers ping rk; the thread writes when replacing it */
    pthread_t thread;                     /* the relay thread */
    int started;                          /* 1 once the thread runs */
    atomic_int stop;                      /* set by oc_relay_stop */
    int grace_ms;                         /* drain budget after stop */
    PGconn *listen;                       /* dedicated LISTEN connection holding the leader lock */
    int leader;                           /* 1 while this process holds the relay lock */
    int64_t inflight[RELAY_MAX_INFLIGHT]; /* ids produced and not yet reported */
    size_t ninflight;                     /* entries used in inflight */
    int64_t acked[RELAY_MAX_INFLIGHT];    /* ids delivered and not yet marked */
    size_t nacked;                        /* entries used in acked */
    int64_t housekeep_at;                 /* next backlog refresh (monotonic ms) */
    int64_t purge_at;                     /* next purge of old published rows */
    atomic_llong kafka_ok_until;          /* monotonic ms until which Kafka counts as reachable */
    pthread_mutex_t ping_lock;            /* one metadata request at a time */
};

static void inflight_remove(struct oc_relay *relay, int64_t id)
{
    for (size_t i = 0; i < relay->ninflight; i++) {
        if (relay->inflight[i] == id) {
            relay->inflight[i] = relay->inflight[--relay->ninflight];
            return;
        }
    }
}

/* Runs inside rd_kafka_poll on the relay thread. */
static void relay_dr(rd_kafka_t *rk, const rd_kafka_message_t *msg, void *opaque)
{
    (void)rk;
    struct oc_relay *relay = opaque;
    int64_t id = (int64_t)(intptr_t)msg->_private;
    inflight_remove(relay, id);
    if (msg->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        relay->acked[relay->nacked++] = id;
        atomic_store(&relay->kafka_ok_until, oc_mono_ms() + 1000);
        return;
    }
    oc_metrics_add(OC_M_OUTBOX_FAILED, 1, OC_M_END);
    oc_logj(OC_LOG_WARN, json_pack("{s:I}", "outbox_id", (json_int_t)id),
            "delivery failed, the event stays in the outbox: %s", rd_kafka_err2str(msg->err));
}

static rd_kafka_t *relay_producer(struct oc_relay *relay, char *err, size_t errlen)
{
    return oc_kafka_producer_new(relay->cfg, "relay", relay_dr, relay, err, errlen);
}

/* Records acknowledged deliveries; on a database error they are kept for the next try. */
static void relay_mark(struct oc_relay *relay)
{
    if (relay->nacked == 0)
        return;
    PGconn *conn = oc_db_acquire(relay->pool);
    if (conn == NULL)
        return;
    if (oc_outbox_mark_published(conn, relay->acked, relay->nacked) == OC_OK) {
        oc_metrics_add(OC_M_OUTBOX_PUBLISHED, (double)relay->nacked, OC_M_END);
        relay->nacked = 0;
    }
    oc_db_release(relay->pool, conn);
}

/* Hands one row to librdkafka. Returns 0, or -1 when the local queue is full. */
static int relay_produce(struct oc_relay *relay, const struct oc_outbox_row *row)
{
    rd_kafka_headers_t *hdrs = rd_kafka_headers_new(8);
    rd_kafka_header_add(hdrs, "ce_specversion", -1, "1.0", -1);
    rd_kafka_header_add(hdrs, "ce_id", -1, row->event_id, -1);
    rd_kafka_header_add(hdrs, "ce_source", -1, row->source, -1);
    rd_kafka_header_add(hdrs, "ce_type", -1, row->type, -1);
    rd_kafka_header_add(hdrs, "ce_subject", -1, row->subject, -1);
    rd_kafka_header_add(hdrs, "ce_time", -1, row->time, -1);
    rd_kafka_header_add(hdrs, "content-type", -1, "application/json", -1);
    if (row->traceparent[0] != '\0')
        rd_kafka_header_add(hdrs, "traceparent", -1, row->traceparent, -1);
    rd_kafka_resp_err_t err =
        oc_kafka_produce(relay->rk, row->topic, row->subject, strlen(row->subject), row->payload,
                         row->payload_len, hdrs, (void *)(intptr_t)row->id);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        rd_kafka_headers_destroy(hdrs); /* not taken on failure */
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
            oc_log(OC_LOG_ERROR, "could not produce event %s: %s", row->event_id,
                   rd_kafka_err2str(err));
        return -1;
    }
    relay->inflight[relay->ninflight++] = row->id;
    return 0;
}

/* Reads unpublished rows that are not in flight and produces them. */
static void relay_publish(struct oc_relay *relay)
{
    int room = RELAY_MAX_INFLIGHT - (int)(relay->ninflight + relay->nacked);
    if (room <= 0)
        return;
    PGconn *conn = oc_db_acquire(relay->pool);
    if (conn == NULL)
        return;
    PGresult *res = NULL;
    if (oc_outbox_fetch(conn, relay->inflight, relay->ninflight,
                        room < RELAY_BATCH ? room : RELAY_BATCH, &res) == OC_OK) {
        int n = PQntuples(res);
        /* failpoint: rows read, none handed to Kafka yet (a crash here loses nothing) */
        if (n > 0 && OC_FAILPOINT("relay.before_publish") != 0)
            n = 0;
        for (int i = 0; i < n; i++) {
            struct oc_outbox_row row;
            oc_outbox_row_get(res, i, &row);
            if (relay_produce(relay, &row) != 0)
                break;
        }
    }
    PQclear(res);
    oc_db_release(relay->pool, conn);
}

/* Records whether this process publishes: the gauge and a log line on every change. */
static void relay_set_leader(struct oc_relay *relay, int leader)
{
    if (leader && !relay->leader)
        oc_log(OC_LOG_INFO, "outbox relay is publishing");
    else if (!leader && relay->leader)
        oc_log(OC_LOG_WARN, "outbox relay lost its database session and with it the leader "
                            "lock; another instance may publish now");
    relay->leader = leader;
    oc_metrics_set(OC_M_OUTBOX_RELAY_LEADER, leader, OC_M_END);
}

/*
 * Opens the LISTEN connection and tries to become the publishing relay. The lock lives as
 * long as that session: input is read first (without waiting) so that a session the server
 * has ended is seen before this relay publishes again.
 */
static void relay_listen(struct oc_relay *relay)
{
    static const char SQL_LEAD[] =
        "SELECT pg_try_advisory_lock(hashtext('ocop.relay.' || current_schema()))";
    if (relay->listen != NULL &&
        (PQconsumeInput(relay->listen) == 0 || PQstatus(relay->listen) != CONNECTION_OK)) {
        PQfinish(relay->listen);
        relay->listen = NULL;
        relay_set_leader(relay, 0);
    }
    if (relay->listen == NULL)
        relay->listen = oc_db_connect_dedicated(relay->pool);
    if (relay->listen == NULL || relay->leader)
        return;
    /* LISTEN takes no parameters; the schema name was validated as an identifier in config.c. */
    char *listen_sql = oc_xasprintf("LISTEN ocop_outbox_%s", relay->cfg->db_schema);
    PGresult *res = NULL;
    if (oc_db_exec(relay->listen, listen_sql, 0, NULL, NULL) == OC_OK &&
        oc_db_exec(relay->listen, SQL_LEAD, 0, NULL, &res) == OC_OK)
        relay_set_leader(relay, strcmp(PQgetvalue(res, 0, 0), "t") == 0);
    PQclear(res);
    free(listen_sql);
}

/* Sleeps until a NOTIFY arrives or timeout_ms passes; drains notifications. */
static void relay_wait(struct oc_relay *relay, int timeout_ms)
{
    if (relay->listen == NULL) {
        oc_sleep_ms(timeout_ms);
        return;
    }
    struct pollfd pfd = {.fd = PQsocket(relay->listen), .events = POLLIN};
    if (poll(&pfd, 1, timeout_ms) > 0 && PQconsumeInput(relay->listen) == 0)
        oc_log(OC_LOG_WARN, "relay lost its database connection: %s",
               PQerrorMessage(relay->listen));
    PGnotify *note;
    while ((note = PQnotifies(relay->listen)) != NULL)
        PQfreemem(note);
}

static void relay_housekeep(struct oc_relay *relay)
{
    int64_t now = oc_mono_ms();
    if (now < relay->housekeep_at)
        return;
    relay->housekeep_at = now + RELAY_HOUSEKEEP_MS;
    PGconn *conn = oc_db_acquire(relay->pool);
    if (conn == NULL)
        return;
    long long backlog = 0;
    if (oc_outbox_backlog(conn, &backlog) == OC_OK)
        oc_metrics_set(OC_M_OUTBOX_BACKLOG, (double)backlog, OC_M_END);
    if (relay->leader && now >= relay->purge_at) {
        relay->purge_at = now + RELAY_PURGE_MS;
        (void)oc_outbox_purge(conn, RELAY_RETENTION_DAYS);
    }
    oc_db_release(relay->pool, conn);
}

/* Replaces the producer after a fatal error; in-flight rows will be read again. */
static void relay_check_fatal(struct oc_relay *relay)
{
    char reason[256], err[256];
    if (rd_kafka_fatal_error(relay->rk, reason, sizeof(reason)) == RD_KAFKA_RESP_ERR_NO_ERROR)
        return;
    oc_log(OC_LOG_ERROR, "relay producer failed fatally (%s); creating a new one", reason);
    rd_kafka_t *fresh = relay_producer(relay, err, sizeof(err));
    if (fresh == NULL)
        return;
    pthread_rwlock_wrlock(&relay->rk_lock);
    rd_kafka_t *old = relay->rk;
    relay->rk = fresh;
    pthread_rwlock_unlock(&relay->rk_lock);
    rd_kafka_purge(old, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_poll(old, 0);
    rd_kafka_destroy(old);
    relay->ninflight = 0;
}

static void relay_drain(struct oc_relay *relay)
{
    int64_t deadline = oc_mono_ms() + relay->grace_ms;
    if (relay->leader)
        relay_publish(relay);
    while (relay->ninflight > 0 && oc_mono_ms() < deadline) {
        rd_kafka_poll(relay->rk, 20);
        relay_mark(relay);
    }
    relay_mark(relay);
    if (relay->ninflight > 0 || relay->nacked > 0)
        oc_log(OC_LOG_WARN,
               "%zu events were not confirmed before shutdown; they stay in the outbox",
               relay->ninflight + relay->nacked);
}

static void *relay_main(void *arg)
{
    struct oc_relay *relay = arg;
    while (!atomic_load(&relay->stop)) {
        relay_listen(relay);
        rd_kafka_poll(relay->rk, 0);
        relay_check_fatal(relay);
        relay_mark(relay);
        if (relay->leader)
            relay_publish(relay);
        relay_housekeep(relay);
        int wait = relay->ninflight > 0 ? 2 : relay->cfg->outbox_poll_ms;
        if (relay->listen == NULL && wait > 200)
            wait = 200;
        relay_wait(relay, wait);
    }
    relay_drain(relay);
    return NULL;
}

struct oc_relay *oc_relay_new(const struct oc_config *cfg, struct oc_db_pool *pool, char *err,
                              size_t errlen)
{
    struct oc_relay *relay = oc_xcalloc(1, sizeof(*relay));
    relay->cfg = cfg;
    relay->pool = pool;
    relay->rk = relay_producer(relay, err, errlen);
    if (relay->rk == NULL) {
        free(relay);
        return NULL;
    }
    pthread_rwlock_init(&relay->rk_lock, NULL);
    pthread_mutex_init(&relay->ping_lock, NULL);
    return relay;
}

int oc_relay_start(struct oc_relay *relay)
{
    if (pthread_create(&relay->thread, NULL, relay_main, relay) != 0)
        return -1;
    relay->started = 1;
    return 0;
}

void oc_relay_stop(struct oc_relay *relay, int grace_ms)
{
    if (relay == NULL || !relay->started)
        return;
    relay->grace_ms = grace_ms;
    atomic_store(&relay->stop, 1);
    pthread_join(relay->thread, NULL);
    relay->started = 0;
}

void oc_relay_free(struct oc_relay *relay)
{
    if (relay == NULL)
        return;
    PQfinish(relay->listen);
    rd_kafka_flush(relay->rk, 0);
    rd_kafka_purge(relay->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_poll(relay->rk, 0);
    rd_kafka_destroy(relay->rk);
    pthread_rwlock_destroy(&relay->rk_lock);
    pthread_mutex_destroy(&relay->ping_lock);
    free(relay);
}

int oc_relay_kafka_ok(struct oc_relay *relay)
{
    if (oc_mono_ms() < atomic_load(&relay->kafka_ok_until))
        return 1;
    pthread_mutex_lock(&relay->ping_lock);
    int ok = oc_mono_ms() < atomic_load(&relay->kafka_ok_until);
    if (!ok) {
        pthread_rwlock_rdlock(&relay->rk_lock);
        ok = oc_kafka_ping(relay->rk, 1000);
        pthread_rwlock_unlock(&relay->rk_lock);
        if (ok)
            atomic_store(&relay->kafka_ok_until, oc_mono_ms() + 1000);
    }
    pthread_mutex_unlock(&relay->ping_lock);
    return ok;
}
