/*
 * ocopctl status: what waits where for one service. The outbox backlog (rows
 * not yet published and the oldest one's age), the lag of its consumer group
 * per topic and partition (the group's committed offset against the high
 * watermark, both asked of the broker with a short timeout), the inbox's
 * size, and its dead letters (records on its dead-letter topic, those
 * handled by an operator, events the inbox records as dead-lettered).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/ctl.h"
#include "tools/ctl_store.h"

/*
 * The services whose events each service consumes (as its routes.c says:
 * <service>_sources); the lag is asked for these topics.
 */
static const struct {
    const char *service;
    const char *sources[3];
    int n;
} consumed[] = {
    {"registration", {"evaluation", "promotion"}, 2},
    {"evaluation", {"registration", "promotion"}, 2},
    {"promotion", {"registration", "evaluation"}, 2},
    {"notification", {"registration", "evaluation", "promotion"}, 3},
};

/* The group's lag per partition into lag (an array); -1 on a broker failure. */
static int group_lag(struct ctl *c, json_t *lag, long long *total)
{
    char group[160], topics[3][256];
    const char *names[3];
    int n = 0;
    for (size_t i = 0; i < sizeof(consumed) / sizeof(consumed[0]); i++)
        if (strcmp(consumed[i].service, c->args->service) == 0)
            for (n = 0; n < consumed[i].n; n++) {
                oc_config_topic(&c->cfg, consumed[i].sources[n], "events", topics[n],
                                sizeof(topics[n]));
                names[n] = topics[n];
            }
    snprintf(group, sizeof(group), "%s-%s", c->cfg.topic_prefix, c->cfg.service);
    rd_kafka_t *rk = ctl_consumer_new(c, group);
    if (rk == NULL)
        return -1;
    rd_kafka_topic_partition_list_t *high = ctl_watermarks(rk, names, n, NULL);
    rd_kafka_topic_partition_list_t *done = high ? rd_kafka_topic_partition_list_copy(high) : NULL;
    rd_kafka_resp_err_t err = done ? rd_kafka_committed(rk, done, CTL_KAFKA_TIMEOUT_MS) : 0;
    int rc = high != NULL && err == RD_KAFKA_RESP_ERR_NO_ERROR ? 0 : -1;
    if (high != NULL && err != RD_KAFKA_RESP_ERR_NO_ERROR)
        fprintf(stderr, "ocopctl: no committed offsets of group %s: %s\n", group,
                rd_kafka_err2str(err));
    *total = 0;
    for (int i = 0; rc == 0 && i < high->cnt; i++) {
        const rd_kafka_topic_partition_t *h = &high->elems[i], *d = &done->elems[i];
        int64_t at = d->offset >= 0 ? d->offset : 0; /* none committed: from the start */
        long long behind = h->offset > at ? (long long)(h->offset - at) : 0;
        *total += behind;
        json_array_append_new(lag, json_pack("{s:s,s:i,s:I,s:o,s:I}", "topic", h->topic,
                                             "partition", (int)h->partition, "high",
                                             (json_int_t)h->offset, "committed",
                                             d->offset >= 0 ? json_integer(d->offset) : json_null(),
                                             "lag", (json_int_t)behind));
    }
    if (done != NULL)
        rd_kafka_topic_partition_list_destroy(done);
    if (high != NULL)
        rd_kafka_topic_partition_list_destroy(high);
    ctl_consumer_free(rk);
    return rc;
}

/* Records on the dead-letter topic (high less low watermark over its partitions). */
static long long dlq_records(struct ctl *c)
{
    char topic[256], group[64];
    const char *names[] = {topic};
    int64_t *low = NULL;
    long long n = -1;
    oc_config_topic(&c->cfg, c->cfg.service, "dlq", topic, sizeof(topic));
    snprintf(group, sizeof(group), "ocopctl-%d", (int)getpid());
    rd_kafka_t *rk = ctl_consumer_new(c, group);
    rd_kafka_topic_partition_list_t *high = rk ? ctl_watermarks(rk, names, 1, &low) : NULL;
    for (int i = 0; high != NULL && i < high->cnt; i++)
        n = (n < 0 ? 0 : n) + (high->elems[i].offset - low[i]);
    free(low);
    if (high != NULL)
        rd_kafka_topic_partition_list_destroy(high);
    ctl_consumer_free(rk);
    return n;
}

static void print_human(const json_t *doc)
{
    const json_t *lag = json_object_get(doc, "consumer_lag");
    size_t i;
    const json_t *p;
    printf("service %s\n", json_string_value(json_object_get(doc, "service")));
    printf("  outbox backlog: %lld unpublished, oldest %lld s\n",
           json_integer_value(json_object_get(doc, "outbox_unpublished")),
           json_integer_value(json_object_get(doc, "outbox_oldest_age_s")));
    if (json_is_null(json_object_get(doc, "lag_total")))
        printf("  consumer lag: unknown (the broker did not answer)\n");
    else
        printf("  consumer lag of group %s: %lld\n",
               json_string_value(json_object_get(doc, "group")),
               json_integer_value(json_object_get(doc, "lag_total")));
    json_array_foreach(lag, i, p)
    {
        const json_t *committed = json_object_get(p, "committed");
        printf("    %s [%lld]: high %lld, committed %s%lld, lag %lld\n",
               json_string_value(json_object_get(p, "topic")),
               json_integer_value(json_object_get(p, "partition")),
               json_integer_value(json_object_get(p, "high")),
               json_is_null(committed) ? "none " : "", json_integer_value(committed),
               json_integer_value(json_object_get(p, "lag")));
    }
    printf("  inbox: %lld events\n", json_integer_value(json_object_get(doc, "inbox_events")));
    printf("  dead letters: %lld on the topic, %lld handled by an operator, %lld recorded in the "
           "inbox\n",
           json_integer_value(json_object_get(doc, "dead_letters")),
           json_integer_value(json_object_get(doc, "dead_letters_handled")),
           json_integer_value(json_object_get(doc, "inbox_dead_lettered")));
}

int ctl_status(struct ctl *c)
{
    char group[160];
    long long lag_total = 0;
    struct ctl_counts n;
    int db_ok = ctl_store_counts(c->conn, &n) == 0;
    json_t *lag = json_array();
    int kafka_ok = group_lag(c, lag, &lag_total) == 0;
    long long dlq = kafka_ok ? dlq_records(c) : -1;
    snprintf(group, sizeof(group), "%s-%s", c->cfg.topic_prefix, c->cfg.service);
    json_t *doc = json_pack(
        "{s:s,s:I,s:I,s:s,s:o,s:o,s:I,s:I,s:o,s:I}", "service", c->args->service,
        "outbox_unpublished", (json_int_t)n.outbox_unpublished, "outbox_oldest_age_s",
        (json_int_t)n.outbox_oldest_age_s, "group", group, "consumer_lag", lag, "lag_total",
        kafka_ok ? json_integer(lag_total) : json_null(), "inbox_events",
        (json_int_t)n.inbox_events, "inbox_dead_lettered", (json_int_t)n.inbox_dead_lettered,
        "dead_letters", dlq >= 0 ? json_integer(dlq) : json_null(), "dead_letters_handled",
        (json_int_t)n.dead_letters_handled);
    if (c->args->json)
        ctl_print_json(doc);
    else {
        print_human(doc);
        json_decref(doc);
    }
    /* The backlog is worth showing without a broker: the status is still the truth. */
    return db_ok ? (kafka_ok ? CTL_OK : CTL_REFUSED) : CTL_ERROR;
}
