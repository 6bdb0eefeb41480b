#include "common/consumer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <librdkafka/rdkafka.h>

#include "common/alloc.h"
#include "common/failpoint.h"
#include "common/inbox.h"
#include "common/kafka.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/timeutil.h"
#include "common/trace.h"

#define MAX_HEADERS    32
#define BACKOFF_MAX_MS 2000
#define LAG_EVERY_MS   1000 /* how often the lag gauge is worked out */

struct oc_consumer {
    const struct oc_config *cfg;             /* borrowed */
    struct oc_db_pool *pool;                 /* borrowed */
    const struct oc_event_route *routes;     /* borrowed table */
    size_t nroutes;                          /* entries in routes */
    struct oc_service *svc;                  /* handed to every handler (borrowed) */
    void (*on_commit)(struct oc_service *);  /* after a transaction of events commits, or NULL */
    rd_kafka_t *rk;                          /* the consumer */
    rd_kafka_t *dlq;                         /* producer for dead letters */
    char dlq_topic[256];                     /* <prefix>.<service>.dlq */
    rd_kafka_topic_partition_list_t *topics; /* subscription */
    pthread_t thread;                        /* consumer thread */
    int started;                             /* 1 once the thread runs */
    atomic_int stop;                         /* set by oc_consumer_stop */
    int dlq_result;                          /* last dead-letter delivery: 0 ok, -1 failed */
    atomic_int assigned;                     /* 1 while the group has given us partitions */
    atomic_int dlq_stuck;                    /* 1 while a dead letter cannot be written */
    int64_t lag_at;                          /* next update of the lag gauge (monotonic ms) */
    rd_kafka_message_t **batch;              /* the records of the batch in hand */
    struct item *items;                      /* what was made of each */
};

enum outcome { DONE, ABANDONED };

/* What the consumer made of one record of a batch. */
struct item {
    struct oc_event_in ev;              /* the event, when parsed */
    struct oc_trace trace;              /* its span here: a child of its traceparent, or new */
    const struct oc_event_route *route; /* its handler; NULL: a type we do not consume */
    const char *refusal;                /* why it goes to the dead-letter topic unapplied */
    char err[256];                      /* room for the parser's reason */
    int parsed;                         /* ev holds an event (to free) */
    int applied;                        /* applied or found a duplicate by the batch */
    int dup;                            /* that was a duplicate */
};

static const struct oc_event_route *route_find(const struct oc_consumer *c, const char *type)
{
    for (size_t i = 0; i < c->nroutes; i++)
        if (strcmp(c->routes[i].type, type) == 0)
            return &c->routes[i];
    return NULL;
}

/*
 * Makes the item's event this thread's context while it is handled: its span (what
 * it emits continues it) and its id, on every line logged meanwhile.
 */
static void item_enter(const struct item *it)
{
    oc_trace_set(&it->trace);
    oc_log_event_set(it->parsed ? it->ev.id : NULL);
}

static void item_leave(void)
{
    oc_trace_set(NULL);
    oc_log_event_set(NULL);
}

/* The line of an event done with: its type and whether it was applied or a duplicate. */
static void event_logged(const char *type, int dup)
{
    if (oc_log_enabled(OC_LOG_INFO))
        oc_logj(OC_LOG_INFO,
                json_pack("{s:s,s:s}", "type", type, "outcome", dup ? "duplicate" : "applied"),
                "event");
}

/*
 * Sets the lag gauge of each consumed topic, at most once a second: the sum over its
 * assigned partitions of the high watermark (as last fetched; no broker request) less the
 * consumer's position (the offset after the records it has taken for applying). Runs on
 * the consumer thread, also while it waits to retry an event, so a consumer stuck behind
 * one shows its lag growing.
 */
static void lag_update(struct oc_consumer *c)
{
    rd_kafka_topic_partition_list_t *parts = NULL;
    if (oc_mono_ms() < c->lag_at ||
        rd_kafka_assignment(c->rk, &parts) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return;
    c->lag_at = oc_mono_ms() + LAG_EVERY_MS;
    rd_kafka_position(c->rk, parts);
    for (int i = 0; i < c->topics->cnt; i++) {
        const char *topic = c->topics->elems[i].topic;
        long long lag = 0;
        for (int j = 0; j < parts->cnt; j++) {
            const rd_kafka_topic_partition_t *tp = &parts->elems[j];
            int64_t lo = 0, hi = 0;
            if (strcmp(tp->topic, topic) != 0 ||
                rd_kafka_get_watermark_offsets(c->rk, topic, tp->partition, &lo, &hi) !=
                    RD_KAFKA_RESP_ERR_NO_ERROR ||
                hi < 0)
                continue;
            int64_t at = tp->offset >= 0 ? tp->offset : lo;
            lag += hi > at ? hi - at : 0;
        }
        oc_metrics_set(OC_M_CONSUMER_LAG, (double)lag, "topic", topic, OC_M_END);
    }
    rd_kafka_topic_partition_list_destroy(parts);
}

/*
 * The type label of an event's metrics: its type when this consumer handles it, "other"
 * for any other (ce_type comes from outside: a label per value would let a sender create
 * series without bound), "unparsable" for a record that is no event.
 */
static const char *type_label(const struct oc_consumer *c, const struct oc_event_in *ev)
{
    const struct oc_event_route *route = ev != NULL ? route_find(c, ev->type) : NULL;
    return ev == NULL ? "unparsable" : route != NULL ? route->type : "other";
}

static void backoff(struct oc_consumer *c, int *delay_ms)
{
    int64_t until = oc_mono_ms() + *delay_ms;
    while (!atomic_load(&c->stop) && oc_mono_ms() < until) {
        lag_update(c);
        oc_sleep_ms(10);
    }
    *delay_ms = *delay_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : *delay_ms * 2;
}

static void dlq_dr(rd_kafka_t *rk, const rd_kafka_message_t *msg, void *opaque)
{
    (void)rk;
    struct oc_consumer *c = opaque;
    c->dlq_result = msg->err == RD_KAFKA_RESP_ERR_NO_ERROR ? 0 : -1;
}

/* Copies msg to the dead-letter topic with the reason; waits for its delivery. */
static int dlq_send(struct oc_consumer *c, const rd_kafka_message_t *msg, const char *reason)
{
    struct oc_event_header hdr[MAX_HEADERS];
    size_t n = oc_kafka_headers(msg, hdr, MAX_HEADERS);
    char part[16], off[24];
    snprintf(part, sizeof(part), "%d", (int)msg->partition);
    snprintf(off, sizeof(off), "%lld", (long long)msg->offset);
    rd_kafka_headers_t *out = rd_kafka_headers_new(n + 5);
    for (size_t i = 0; i < n; i++)
        rd_kafka_header_add(out, hdr[i].name, -1, hdr[i].value, (ssize_t)hdr[i].len);
    rd_kafka_header_add(out, "dlq_reason", -1, reason, -1);
    rd_kafka_header_add(out, "dlq_topic", -1, rd_kafka_topic_name(msg->rkt), -1);
    rd_kafka_header_add(out, "dlq_partition", -1, part, -1);
    rd_kafka_header_add(out, "dlq_offset", -1, off, -1);
    rd_kafka_header_add(out, "dlq_consumer", -1, c->cfg->service, -1);
    c->dlq_result = -1;
    rd_kafka_resp_err_t err = oc_kafka_produce(c->dlq, c->dlq_topic, msg->key, msg->key_len,
                                               msg->payload, msg->len, out, NULL);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        rd_kafka_headers_destroy(out);
        return -1;
    }
    rd_kafka_flush(c->dlq, 10000);
    return c->dlq_result;
}

/* Records a dead-lettered event in the inbox so a redelivery is skipped (best effort). */
static void dead_letter_record(struct oc_consumer *c, const rd_kafka_message_t *msg,
                               const struct oc_event_in *ev, const char *reason)
{
    struct oc_inbox_origin origin = {rd_kafka_topic_name(msg->rkt), msg->partition, msg->offset};
    int fresh = 0;
    PGconn *conn = oc_db_acquire(c->pool);
    if (conn == NULL)
        return;
    if (oc_inbox_claim(conn, ev, &origin, "dead_lettered", reason, &fresh) != OC_OK)
        oc_log(OC_LOG_WARN, "could not record dead-lettered event %s", ev->id);
    oc_db_release(c->pool, conn);
}

/*
 * Dead-letters msg, retrying the send until it is delivered or the consumer
 * stops. ev is the parsed event, or NULL when the record could not be parsed.
 */
static enum outcome dead_letter(struct oc_consumer *c, const rd_kafka_message_t *msg,
                                const struct oc_event_in *ev, const char *reason)
{
    const char *type = type_label(c, ev);
    int delay = c->cfg->consumer_retry_ms;
    while (dlq_send(c, msg, reason) != 0) {
        atomic_store(&c->dlq_stuck, 1);
        oc_log(OC_LOG_WARN, "could not write to the dead-letter topic %s; retrying", c->dlq_topic);
        backoff(c, &delay);
        if (atomic_load(&c->stop))
            return ABANDONED;
    }
    atomic_store(&c->dlq_stuck, 0);
    oc_logj(OC_LOG_ERROR,
            json_pack("{s:s,s:i,s:I,s:s}", "topic", rd_kafka_topic_name(msg->rkt), "partition",
                      (int)msg->partition, "offset", (json_int_t)msg->offset, "reason", reason),
            "event sent to the dead-letter topic");
    oc_metrics_add(OC_M_EVENTS_CONSUMED, 1, "type", type, "outcome", "dead_lettered", OC_M_END);
    if (ev != NULL)
        dead_letter_record(c, msg, ev, reason);
    return DONE;
}

/*
 * One attempt: claim the id and apply the effect in one transaction.
 * Returns OC_OK (applied or duplicate: *dup tells), OC_DB, or the handler's error.
 */
static enum oc_err apply_once(struct oc_consumer *c, const struct oc_event_route *route,
                              const struct oc_event_in *ev, const struct oc_inbox_origin *origin,
                              int *dup, char *err, size_t errlen)
{
    PGconn *conn = oc_db_acquire(c->pool);
    int fresh = 0;
    if (conn == NULL)
        return OC_DB;
    enum oc_err rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = oc_inbox_claim(conn, ev, origin, "applied", NULL, &fresh);
    if (rc == OC_OK && fresh)
        rc = route->fn(conn, ev, c->svc, err, errlen);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    else
        oc_db_rollback(conn);
    oc_db_release(c->pool, conn);
    if (rc == OC_OK && fresh && c->on_commit != NULL)
        c->on_commit(c->svc);
    *dup = !fresh;
    if (rc != OC_OK && err[0] == '\0')
        snprintf(err, errlen, "%s",
                 rc == OC_DB ? "database unavailable" : "the database refused the event's effect");
    return rc;
}

static enum outcome apply_event(struct oc_consumer *c, const rd_kafka_message_t *msg,
                                const struct oc_event_route *route, const struct oc_event_in *ev)
{
    struct oc_inbox_origin origin = {rd_kafka_topic_name(msg->rkt), msg->partition, msg->offset};
    int tries = 0, delay = c->cfg->consumer_retry_ms, dup = 0;
    char err[512];
    while (!atomic_load(&c->stop)) {
        err[0] = '\0';
        enum oc_err rc = apply_once(c, route, ev, &origin, &dup, err, sizeof(err));
        if (rc == OC_OK) {
            oc_metrics_add(OC_M_EVENTS_CONSUMED, 1, "type", route->type, "outcome",
                           dup ? "duplicate" : "applied", OC_M_END);
            event_logged(route->type, dup);
            return DONE;
        }
        if (rc != OC_DB && ++tries >= c->cfg->consumer_max_retries)
            return dead_letter(c, msg, ev, err);
        oc_logj(OC_LOG_WARN,
                json_pack("{s:s,s:s,s:i}", "event_id", ev->id, "type", ev->type, "try", tries),
                "could not apply event: %s", err);
        backoff(c, &delay);
    }
    return ABANDONED;
}

/*
 * An event is trusted only from its owner: a type "ocop.<owner>...." must come
 * on <prefix>.<owner>.events with ce_source "/ocop/<owner>", and its ce_time
 * may not lie in the future beyond the clock skew. Returns NULL or why not.
 */
static const char *event_untrusted(const struct oc_consumer *c, const rd_kafka_message_t *msg,
                                   const struct oc_event_in *ev)
{
    char owner[64], topic[256], source[80];
    long long at;
    const char *start = strncmp(ev->type, "ocop.", 5) == 0 ? ev->type + 5 : NULL;
    size_t n = start ? strcspn(start, ".") : 0;
    if (start == NULL || n == 0 || n >= sizeof(owner) || start[n] != '.')
        return "the event type names no owning service (ocop.<service>.…)";
    memcpy(owner, start, n);
    owner[n] = '\0';
    oc_config_topic(c->cfg, owner, "events", topic, sizeof(topic));
    snprintf(source, sizeof(source), "/ocop/%s", owner);
    if (strcmp(rd_kafka_topic_name(msg->rkt), topic) != 0)
        return "the event came on another topic than its owner's";
    if (strcmp(ev->source, source) != 0)
        return "the event's ce_source is not its owning service";
    if (ev->time[0] != '\0' && !oc_event_time_parse(ev->time, &at))
        return "ce_time is not an RFC 3339 date-time";
    if (ev->time[0] != '\0' && at > (long long)time(NULL) + c->cfg->auth_clock_skew_s)
        return "ce_time lies in the future";
    return NULL;
}

/* Parses msg into it and finds its handler, or says why it is refused. */
static void item_prepare(const struct oc_consumer *c, const rd_kafka_message_t *msg,
                         struct item *it)
{
    struct oc_event_header hdr[MAX_HEADERS];
    size_t n = oc_kafka_headers(msg, hdr, MAX_HEADERS);
    memset(it, 0, sizeof(*it));
    oc_trace_new(&it->trace); /* a record that is no event has a trace of its own */
    if (oc_event_parse(&it->ev, hdr, n, msg->payload, msg->len, it->err, sizeof(it->err)) !=
        OC_OK) {
        it->refusal = it->err;
        return;
    }
    it->parsed = 1;
    oc_trace_continue(it->ev.traceparent[0] ? it->ev.traceparent : NULL, &it->trace);
    it->refusal = event_untrusted(c, msg, &it->ev);
    if (it->refusal == NULL)
        it->route = route_find(c, it->ev.type);
}

/* Finishes one record: counts what the batch did, or dead-letters, ignores or applies it alone. */
static enum outcome item_finish(struct oc_consumer *c, const rd_kafka_message_t *msg,
                                struct item *it)
{
    if (it->applied) {
        oc_metrics_add(OC_M_EVENTS_CONSUMED, 1, "type", it->route->type, "outcome",
                       it->dup ? "duplicate" : "applied", OC_M_END);
        event_logged(it->route->type, it->dup);
        return DONE;
    }
    if (it->refusal != NULL)
        return dead_letter(c, msg, it->parsed ? &it->ev : NULL, it->refusal);
    if (it->route == NULL) {
        oc_metrics_add(OC_M_EVENTS_CONSUMED, 1, "type", "other", "outcome", "ignored", OC_M_END);
        return DONE;
    }
    return apply_event(c, msg, it->route, &it->ev);
}

/*
 * Applies every applicable event of a batch in one transaction: each claims its id in the
 * inbox and, when fresh, has its effect. All or nothing: when one fails, the transaction is
 * rolled back and each event then goes alone through apply_event (its retries and dead
 * letter). Fewer than two applicable events are left to that path too.
 */
static void batch_apply(struct oc_consumer *c, size_t n)
{
    size_t todo = 0;
    for (size_t i = 0; i < n; i++)
        todo += c->items[i].route != NULL;
    if (todo < 2)
        return;
    PGconn *conn = oc_db_acquire(c->pool);
    if (conn == NULL)
        return;
    enum oc_err rc = oc_db_begin(conn);
    for (size_t i = 0; i < n && rc == OC_OK; i++) {
        struct item *it = &c->items[i];
        const rd_kafka_message_t *msg = c->batch[i];
        struct oc_inbox_origin origin = {rd_kafka_topic_name(msg->rkt), msg->partition,
                                         msg->offset};
        int fresh = 0;
        if (it->route == NULL)
            continue;
        item_enter(it);
        rc = oc_inbox_claim(conn, &it->ev, &origin, "applied", NULL, &fresh);
        if (rc == OC_OK && fresh)
            rc = it->route->fn(conn, &it->ev, c->svc, it->err, sizeof(it->err));
        item_leave();
        it->dup = !fresh;
    }
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    else
        oc_db_rollback(conn);
    oc_db_release(c->pool, conn);
    if (rc == OC_OK && c->on_commit != NULL)
        c->on_commit(c->svc);
    for (size_t i = 0; i < n && rc == OC_OK; i++)
        c->items[i].applied = c->items[i].route != NULL;
}

/* Eager rebalancing: take what the group assigns, give up what it revokes. */
static void rebalance_cb(rd_kafka_t *rk, rd_kafka_resp_err_t err,
                         rd_kafka_topic_partition_list_t *partitions, void *opaque)
{
    struct oc_consumer *c = opaque;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        rd_kafka_assign(rk, partitions);
        atomic_store(&c->assigned, 1);
        oc_log(OC_LOG_INFO, "consumer assigned %d partitions", partitions->cnt);
    } else {
        rd_kafka_assign(rk, NULL);
        atomic_store(&c->assigned, 0);
    }
}

static void store_offset(struct oc_consumer *c, const rd_kafka_message_t *msg)
{
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(list, rd_kafka_topic_name(msg->rkt), msg->partition)->offset =
        msg->offset + 1;
    rd_kafka_resp_err_t err = rd_kafka_offsets_store(c->rk, list);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        oc_log(OC_LOG_WARN, "could not store offset: %s", rd_kafka_err2str(err));
    rd_kafka_topic_partition_list_destroy(list);
}

/* Waits up to 100 ms for a record, then takes those already fetched, up to the batch size. */
static size_t poll_batch(struct oc_consumer *c)
{
    size_t n = 0, max = (size_t)c->cfg->consumer_batch;
    rd_kafka_message_t *msg = rd_kafka_consumer_poll(c->rk, 100);
    while (msg != NULL) {
        if (msg->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            c->batch[n++] = msg;
            if (n == max)
                break;
        } else {
            if (msg->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
                oc_log(OC_LOG_DEBUG, "consumer: %s", rd_kafka_message_errstr(msg));
            rd_kafka_message_destroy(msg);
        }
        msg = rd_kafka_consumer_poll(c->rk, 0);
    }
    return n;
}

/*
 * One batch: prepared, applied together where possible, then finished record by record in
 * order, storing each offset once its record is done. After a record abandoned on stop, the
 * rest are left for the next consumer (their offsets not stored).
 */
static void consume_batch(struct oc_consumer *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        item_prepare(c, c->batch[i], &c->items[i]);
    batch_apply(c, n);
    enum outcome out = DONE;
    for (size_t i = 0; i < n; i++) {
        item_enter(&c->items[i]);
        if (out == DONE)
            out = item_finish(c, c->batch[i], &c->items[i]);
        item_leave();
        /* failpoint: the record's effect is committed, its offset not yet stored */
        if (out == DONE && OC_FAILPOINT("consumer.after_commit") == 0)
            store_offset(c, c->batch[i]);
        oc_event_clean(&c->items[i].ev);
        rd_kafka_message_destroy(c->batch[i]);
    }
}

static void *consumer_main(void *arg)
{
    struct oc_consumer *c = arg;
    while (!atomic_load(&c->stop)) {
        size_t n = poll_batch(c);
        if (n > 0)
            consume_batch(c, n);
        lag_update(c);
    }
    return NULL;
}

struct oc_consumer *oc_consumer_new(const struct oc_config *cfg, struct oc_db_pool *pool,
                                    const char *const *topics, size_t ntopics,
                                    const struct oc_event_route *routes, size_t nroutes,
                                    struct oc_service *svc, char *err, size_t errlen)
{
    char group[128];
    struct oc_consumer *c = oc_xcalloc(1, sizeof(*c));
    c->cfg = cfg;
    c->pool = pool;
    c->routes = routes;
    c->nroutes = nroutes;
    c->svc = svc;
    c->batch = oc_xcalloc((size_t)cfg->consumer_batch, sizeof(*c->batch));
    c->items = oc_xcalloc((size_t)cfg->consumer_batch, sizeof(*c->items));
    snprintf(group, sizeof(group), "%s-%s", cfg->topic_prefix, cfg->service);
    oc_config_topic(cfg, cfg->service, "dlq", c->dlq_topic, sizeof(c->dlq_topic));
    c->rk = oc_kafka_consumer_new(cfg, group, rebalance_cb, c, err, errlen);
    if (c->rk != NULL)
        c->dlq = oc_kafka_producer_new(cfg, "dlq", dlq_dr, c, err, errlen);
    if (c->rk == NULL || c->dlq == NULL) {
        oc_consumer_free(c);
        return NULL;
    }
    c->topics = rd_kafka_topic_partition_list_new((int)ntopics);
    for (size_t i = 0; i < ntopics; i++)
        rd_kafka_topic_partition_list_add(c->topics, topics[i], RD_KAFKA_PARTITION_UA);
    return c;
}

int oc_consumer_start(struct oc_consumer *c)
{
    rd_kafka_resp_err_t err = rd_kafka_subscribe(c->rk, c->topics);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        oc_log(OC_LOG_ERROR, "could not subscribe: %s", rd_kafka_err2str(err));
        return -1;
    }
    if (pthread_create(&c->thread, NULL, consumer_main, c) != 0)
        return -1;
    c->started = 1;
    return 0;
}

void oc_consumer_stop(struct oc_consumer *c)
{
    if (c == NULL || !c->started)
        return;
    atomic_store(&c->stop, 1);
    pthread_join(c->thread, NULL);
    c->started = 0;
    rd_kafka_resp_err_t err = rd_kafka_consumer_close(c->rk);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        oc_log(OC_LOG_WARN, "consumer close: %s", rd_kafka_err2str(err));
}

int oc_consumer_dead_letter_ok(struct oc_consumer *c)
{
    return !atomic_load(&c->dlq_stuck);
}

int oc_consumer_assigned(struct oc_consumer *c)
{
    return c != NULL && atomic_load(&c->assigned);
}

void oc_consumer_on_commit(struct oc_consumer *consumer, void (*fn)(struct oc_service *svc))
{
    consumer->on_commit = fn;
}

void oc_consumer_free(struct oc_consumer *c)
{
    if (c == NULL)
        return;
    if (c->topics != NULL)
        rd_kafka_topic_partition_list_destroy(c->topics);
    if (c->dlq != NULL) {
        rd_kafka_flush(c->dlq, 1000);
        rd_kafka_destroy(c->dlq);
    }
    if (c->rk != NULL)
        rd_kafka_destroy(c->rk);
    free(c->batch);
    free(c->items);
    free(c);
}
