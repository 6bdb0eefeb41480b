/* ocopctl's Kafka helpers: an ephemeral consumer, partitions, watermarks, a bounded replay. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/kafka.h"
#include "common/timeutil.h"
#include "tools/ctl.h"

rd_kafka_t *ctl_consumer_new(struct ctl *c, const char *group)
{
    char err[512];
    rd_kafka_t *rk = oc_kafka_consumer_new(&c->cfg, group, NULL, NULL, err, sizeof(err));
    if (rk == NULL)
        fprintf(stderr, "ocopctl: cannot make a Kafka client: %s\n", err);
    return rk;
}

void ctl_consumer_free(rd_kafka_t *rk)
{
    if (rk == NULL)
        return;
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
}

int ctl_partitions(rd_kafka_t *rk, const char *topic)
{
    const struct rd_kafka_metadata *md = NULL;
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, CTL_KAFKA_TIMEOUT_MS);
    int n = -1;
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR && md->topic_cnt != 1)
        err = RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC;
    else if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
        err = md->topics[0].err;
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
        n = md->topics[0].partition_cnt;
    else
        fprintf(stderr, "ocopctl: no metadata of topic %s: %s\n", topic, rd_kafka_err2str(err));
    if (md != NULL)
        rd_kafka_metadata_destroy(md);
    rd_kafka_topic_destroy(rkt);
    return n;
}

rd_kafka_topic_partition_list_t *ctl_watermarks(rd_kafka_t *rk, const char *const *topics,
                                                int ntopics, int64_t **lows)
{
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(8);
    for (int t = 0; t < ntopics; t++) {
        int n = ctl_partitions(rk, topics[t]);
        if (n < 0) {
            rd_kafka_topic_partition_list_destroy(list);
            return NULL;
        }
        for (int p = 0; p < n; p++)
            rd_kafka_topic_partition_list_add(list, topics[t], p);
    }
    int64_t *low = oc_xcalloc((size_t)list->cnt + 1, sizeof(*low));
    for (int i = 0; i < list->cnt; i++) {
        rd_kafka_topic_partition_t *tp = &list->elems[i];
        int64_t hi = 0;
        rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
            rk, tp->topic, tp->partition, &low[i], &hi, CTL_KAFKA_TIMEOUT_MS);
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            fprintf(stderr, "ocopctl: no watermarks of %s [%d]: %s\n", tp->topic,
                    (int)tp->partition, rd_kafka_err2str(err));
            free(low);
            rd_kafka_topic_partition_list_destroy(list);
            return NULL;
        }
        tp->offset = hi;
    }
    if (lows != NULL)
        *lows = low;
    else
        free(low);
    return list;
}

/* The index of (topic, partition) in list, or -1. */
static int find(const rd_kafka_topic_partition_list_t *list, const char *topic, int32_t partition)
{
    for (int i = 0; i < list->cnt; i++)
        if (list->elems[i].partition == partition && strcmp(list->elems[i].topic, topic) == 0)
            return i;
    return -1;
}

/* 1 once every partition's position has reached its end. */
static int all_done(rd_kafka_t *rk, const rd_kafka_topic_partition_list_t *to,
                    rd_kafka_topic_partition_list_t *pos, const int64_t *next)
{
    rd_kafka_position(rk, pos);
    for (int i = 0; i < to->cnt; i++) {
        int64_t at = pos->elems[i].offset > next[i] ? pos->elems[i].offset : next[i];
        if (at < to->elems[i].offset)
            return 0;
    }
    return 1;
}

int ctl_replay(rd_kafka_t *rk, const rd_kafka_topic_partition_list_t *from,
               const rd_kafka_topic_partition_list_t *to, int timeout_ms, ctl_record_fn fn,
               void *ctx)
{
    rd_kafka_topic_partition_list_t *pos = rd_kafka_topic_partition_list_copy(from);
    int64_t *next = oc_xcalloc((size_t)from->cnt + 1, sizeof(*next));
    int64_t deadline = oc_mono_ms() + timeout_ms;
    int rc = 0;
    for (int i = 0; i < from->cnt; i++)
        next[i] = from->elems[i].offset;
    rd_kafka_resp_err_t err = rd_kafka_assign(rk, from);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        fprintf(stderr, "ocopctl: cannot read the topics: %s\n", rd_kafka_err2str(err));
        rc = -1;
    }
    while (rc == 0 && !all_done(rk, to, pos, next)) {
        if (oc_mono_ms() > deadline) {
            fprintf(stderr, "ocopctl: the topics were not read to their end in %d ms\n",
                    timeout_ms);
            rc = -1;
            break;
        }
        rd_kafka_message_t *msg = rd_kafka_consumer_poll(rk, 200);
        if (msg == NULL)
            continue;
        int i = msg->err == RD_KAFKA_RESP_ERR_NO_ERROR
                    ? find(to, rd_kafka_topic_name(msg->rkt), msg->partition)
                    : -1;
        if (i >= 0 && msg->offset < to->elems[i].offset && msg->offset >= next[i]) {
            next[i] = msg->offset + 1;
            rc = fn(msg, ctx);
        } else if (i >= 0 && msg->offset >= next[i])
            next[i] = msg->offset + 1;
        rd_kafka_message_destroy(msg);
    }
    rd_kafka_assign(rk, NULL);
    free(next);
    rd_kafka_topic_partition_list_destroy(pos);
    return rc;
}

size_t ctl_header(const rd_kafka_message_t *msg, const char *name, char *buf, size_t len)
{
    rd_kafka_headers_t *hdrs = NULL;
    const void *val = NULL;
    size_t size = 0, n = 0;
    buf[0] = '\0';
    if (rd_kafka_message_headers(msg, &hdrs) != RD_KAFKA_RESP_ERR_NO_ERROR ||
        rd_kafka_header_get_last(hdrs, name, &val, &size) != RD_KAFKA_RESP_ERR_NO_ERROR ||
        val == NULL)
        return 0;
    /* Hostile bytes: control characters become '?'; the text is cut to fit. */
    for (const unsigned char *p = val; n < size && n + 1 < len; n++)
        buf[n] = (char)(p[n] < 0x20 || p[n] == 0x7f ? '?' : p[n]);
    buf[n] = '\0';
    return n;
}

json_t *ctl_json_text(const char *s)
{
    json_t *str = json_string(s);
    if (str != NULL)
        return str;
    /* Not UTF-8: what is not ASCII becomes '?'. */
    char *copy = oc_xstrdup(s);
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p >= 0x80)
            *p = '?';
    str = json_string(copy);
    free(copy);
    return str;
}
