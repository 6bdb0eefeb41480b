/*
 * ocopctl dead-letters: the service's dead-letter topic (<prefix>.<service>.dlq),
 * read from the start by an ephemeral consumer. The consumer (common/consumer.c)
 * writes each dead letter with the original key, value and headers, plus
 * dlq_reason, dlq_topic, dlq_partition, dlq_offset and dlq_consumer. A letter
 * is named by its place on the dead-letter topic, "P:O"; one with a redrive or
 * discard in operator_actions is handled.
 *
 * Redrive, in one transaction under the letter's advisory lock: refuse a
 * handled letter (unless --force), remove the inbox's "dead_lettered" claim of
 * its event so the service applies the copy, record the action and its audit
 * row, publish the original record to its original topic and commit only once
 * the broker has it. The service's consumer that meets the copy before the
 * commit waits on the inbox row (INSERT ... ON CONFLICT waits for the deleting
 * transaction), so the copy is applied exactly once. Other services that also
 * consume that topic find the event in their inbox and skip it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/alloc.h"
#include "common/kafka.h"
#include "tools/ctl.h"
#include "tools/ctl_store.h"

#define READ_TIMEOUT_MS 20000

/* One dead letter, as read from the topic (owned copies). */
struct letter {
    int32_t partition;        /* on the dead-letter topic */
    int64_t offset;           /* on the dead-letter topic */
    char object[300];         /* "<dlq topic>:P:O" */
    char reason[512];         /* dlq_reason */
    char topic[256];          /* dlq_topic: where it came from */
    char type[201];           /* ce_type, "" when not an event */
    char id[129];             /* ce_id, "" when not an event */
    void *key;                /* record key, or NULL */
    size_t keylen;            /* its length */
    void *value;              /* record value, or NULL */
    size_t len;               /* its length */
    rd_kafka_headers_t *hdrs; /* the headers but dlq_*, or NULL */
};

/* What a read of the dead-letter topic collects. */
struct reading {
    struct ctl *c;          /* the run */
    const char *dlq;        /* the topic */
    struct letter *letters; /* read so far */
    size_t n, cap;          /* their count and room */
    int keep_record;        /* copy key, value and headers too */
    long limit;             /* letters kept at most */
    long long seen;         /* letters read */
};

static void letter_clean(struct letter *l)
{
    free(l->key);
    free(l->value);
    if (l->hdrs != NULL)
        rd_kafka_headers_destroy(l->hdrs);
}

/* The headers of msg but the dead-letter ones: what the original record carried. */
static rd_kafka_headers_t *original_headers(const rd_kafka_message_t *msg)
{
    rd_kafka_headers_t *hdrs = NULL;
    const char *name;
    const void *val;
    size_t size;
    if (rd_kafka_message_headers(msg, &hdrs) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return rd_kafka_headers_new(0);
    rd_kafka_headers_t *out = rd_kafka_headers_new(rd_kafka_header_cnt(hdrs));
    for (size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &val, &size) == 0; i++)
        if (strncmp(name, "dlq_", 4) != 0)
            rd_kafka_header_add(out, name, -1, val, (ssize_t)size);
    return out;
}

static void *copy_bytes(const void *p, size_t n)
{
    if (p == NULL)
        return NULL;
    void *out = oc_xmalloc(n + 1);
    memcpy(out, p, n);
    return out;
}

static int on_letter(const rd_kafka_message_t *msg, void *ctx)
{
    struct reading *r = ctx;
    r->seen++;
    if ((long)r->n >= r->limit)
        return 0;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->letters = oc_xrealloc(r->letters, r->cap * sizeof(*r->letters));
    }
    struct letter *l = &r->letters[r->n++];
    memset(l, 0, sizeof(*l));
    l->partition = msg->partition;
    l->offset = msg->offset;
    snprintf(l->object, sizeof(l->object), "%s:%d:%lld", r->dlq, (int)msg->partition,
             (long long)msg->offset);
    ctl_header(msg, "dlq_reason", l->reason, sizeof(l->reason));
    ctl_header(msg, "dlq_topic", l->topic, sizeof(l->topic));
    ctl_header(msg, "ce_type", l->type, sizeof(l->type));
    ctl_header(msg, "ce_id", l->id, sizeof(l->id));
    if (r->keep_record) {
        l->key = copy_bytes(msg->key, msg->key_len);
        l->keylen = msg->key_len;
        l->value = copy_bytes(msg->payload, msg->len);
        l->len = msg->len;
        l->hdrs = original_headers(msg);
    }
    return 0;
}

/*
 * Reads the dead-letter topic: every partition from its start, or only the
 * record at partition:offset when offset >= 0. Returns 0 or -1 (reported).
 */
static int read_letters(struct ctl *c, struct reading *r, char *dlq, size_t dlqlen,
                        int32_t partition, int64_t offset)
{
    char group[64];
    const char *names[] = {dlq};
    int64_t *low = NULL;
    int rc = -1;
    oc_config_topic(&c->cfg, c->cfg.service, "dlq", dlq, dlqlen);
    r->c = c;
    r->dlq = dlq;
    snprintf(group, sizeof(group), "ocopctl-%d", (int)getpid());
    rd_kafka_t *rk = ctl_consumer_new(c, group);
    rd_kafka_topic_partition_list_t *to = rk ? ctl_watermarks(rk, names, 1, &low) : NULL;
    if (to == NULL)
        goto out;
    rd_kafka_topic_partition_list_t *from = rd_kafka_topic_partition_list_copy(to);
    for (int i = 0; i < from->cnt; i++) {
        from->elems[i].offset = low[i];
        if (offset < 0)
            continue;
        /* One letter: that partition from that offset for one record; the others not at all. */
        int here = from->elems[i].partition == partition && offset >= low[i] &&
                   offset < to->elems[i].offset;
        from->elems[i].offset = here ? offset : to->elems[i].offset;
        to->elems[i].offset = here ? offset + 1 : to->elems[i].offset;
    }
    rc = ctl_replay(rk, from, to, READ_TIMEOUT_MS, on_letter, r);
    rd_kafka_topic_partition_list_destroy(from);
    rd_kafka_topic_partition_list_destroy(to);
out:
    free(low);
    ctl_consumer_free(rk);
    return rc;
}

static void reading_clean(struct reading *r)
{
    for (size_t i = 0; i < r->n; i++)
        letter_clean(&r->letters[i]);
    free(r->letters);
}

int ctl_dlq_list(struct ctl *c)
{
    char dlq[256];
    struct reading r = {.limit = c->args->limit};
    struct ctl_handled *handled = NULL;
    int nhandled = 0;
    if (ctl_store_handled(c->conn, &handled, &nhandled) != 0)
        return CTL_ERROR;
    int rc = read_letters(c, &r, dlq, sizeof(dlq), -1, -1) == 0 ? CTL_OK : CTL_ERROR;
    json_t *list = json_array();
    for (size_t i = 0; rc == CTL_OK && i < r.n; i++) {
        const struct letter *l = &r.letters[i];
        const struct ctl_handled *h = ctl_handled_find(handled, nhandled, l->object);
        json_array_append_new(
            list, json_pack("{s:i,s:I,s:o,s:o,s:o,s:o,s:s?,s:o?,s:o?}", "partition",
                            (int)l->partition, "offset", (json_int_t)l->offset, "topic",
                            ctl_json_text(l->topic), "type", ctl_json_text(l->type), "id",
                            ctl_json_text(l->id), "reason", ctl_json_text(l->reason), "handled",
                            h ? h->action : NULL, "handled_by", h ? ctl_json_text(h->actor) : NULL,
                            "handled_reason", h ? ctl_json_text(h->reason) : NULL));
        if (c->args->json)
            continue;
        printf("%d:%lld  %s  %s  %s\n    reason: %s\n", (int)l->partition, (long long)l->offset,
               l->topic, l->type[0] ? l->type : "(not an event)", l->id[0] ? l->id : "-",
               l->reason);
        if (h != NULL)
            printf("    handled: %s by %s on %.19s: %s\n", h->action, h->actor, h->at, h->reason);
    }
    if (rc == CTL_OK && c->args->json)
        ctl_print_json(json_pack("{s:s,s:o,s:I}", "topic", dlq, "dead_letters", list, "total",
                                 (json_int_t)r.seen));
    else {
        if (rc == CTL_OK)
            printf("%zu of %lld dead letters on %s\n", r.n, r.seen, dlq);
        json_decref(list);
    }
    ctl_handled_free(handled, nhandled);
    reading_clean(&r);
    return rc;
}

/* Waits for the delivery report of the one message produced. */
static void delivered(rd_kafka_t *rk, const rd_kafka_message_t *msg, void *opaque)
{
    (void)rk;
    (void)opaque;
    int *ok = msg->_private;
    *ok = msg->err == RD_KAFKA_RESP_ERR_NO_ERROR;
}

/* 1 when topic is one of the platform's event topics (never republish elsewhere). */
static int event_topic(const struct ctl *c, const char *topic)
{
    static const char *const services[] = {"registration", "evaluation", "promotion",
                                           "notification"};
    char name[256];
    for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++) {
        oc_config_topic(&c->cfg, services[i], "events", name, sizeof(name));
        if (strcmp(name, topic) == 0)
            return 1;
    }
    return 0;
}

/* Publishes l to its original topic and waits for the broker (10 s). 0 or -1 (reported). */
static int republish(rd_kafka_t *producer, struct letter *l)
{
    int ok = 0;
    rd_kafka_resp_err_t err =
        oc_kafka_produce(producer, l->topic, l->key, l->keylen, l->value, l->len, l->hdrs, &ok);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        fprintf(stderr, "ocopctl: cannot publish to %s: %s\n", l->topic, rd_kafka_err2str(err));
        return -1;
    }
    l->hdrs = NULL; /* taken */
    rd_kafka_flush(producer, 10000);
    if (ok)
        return 0;
    /* Not delivered in time: purged, and its delivery report served while ok still lives. */
    rd_kafka_purge(producer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_flush(producer, 1000);
    fprintf(stderr, "ocopctl: the broker did not take the record on %s\n", l->topic);
    return -1;
}

/* Records a refusal (409) in the audit trail, in its own transaction. */
static void refuse(struct ctl *c, const char *action, const struct letter *l, const char *why)
{
    ctl_store_step(c->conn, CTL_ROLLBACK);
    if (ctl_store_step(c->conn, CTL_BEGIN) == 0 &&
        ctl_record(c, action, l->object, l->id[0] ? l->id : NULL, 0, 409) == 0)
        ctl_store_step(c->conn, CTL_COMMIT);
    else
        ctl_store_step(c->conn, CTL_ROLLBACK);
    printf("%s %d:%lld refused: %s\n", action, (int)l->partition, (long long)l->offset, why);
}

/* One redrive or discard of l in its own transaction: CTL_OK, CTL_REFUSED or CTL_ERROR. */
static int act(struct ctl *c, rd_kafka_t *producer, struct letter *l, const char *action)
{
    int redrive = strcmp(action, "redrive") == 0;
    if (redrive && !event_topic(c, l->topic)) {
        refuse(c, action, l, "its original topic is not one of the platform's event topics");
        return CTL_REFUSED;
    }
    if (ctl_store_step(c->conn, CTL_BEGIN) != 0 || ctl_store_letter_lock(c->conn, l->object) != 0)
        goto fail;
    int handled = ctl_store_letter_handled(c->conn, l->object); /* inside the letter's lock */
    if (handled < 0)
        goto fail;
    if (handled && !(redrive && c->args->force)) {
        refuse(c, action, l, "already handled (a redrive again needs --force)");
        return CTL_REFUSED;
    }
    if (redrive && l->id[0] != '\0' && ctl_store_unclaim(c->conn, l->id) != 0)
        goto fail;
    if (ctl_record(c, action, l->object, l->id[0] ? l->id : NULL, handled, 200) != 0)
        goto fail;
    if (redrive && republish(producer, l) != 0)
        goto fail;
    if (ctl_store_step(c->conn, CTL_COMMIT) != 0)
        return CTL_ERROR;
    if (c->args->json)
        ctl_print_json(json_pack("{s:s,s:i,s:I,s:o,s:b}", "action", action, "partition",
                                 (int)l->partition, "offset", (json_int_t)l->offset, "topic",
                                 ctl_json_text(l->topic), "forced", handled));
    else
        printf("%s %d:%lld%s%s%s\n", redrive ? "redriven" : "discarded", (int)l->partition,
               (long long)l->offset, redrive ? " to " : "", redrive ? l->topic : "",
               handled ? " (forced)" : "");
    return CTL_OK;
fail:
    ctl_store_step(c->conn, CTL_ROLLBACK);
    return CTL_ERROR;
}

static int act_on_letters(struct ctl *c, const char *action)
{
    char dlq[256], err[512];
    struct reading r = {.limit = 1000000, .keep_record = 1};
    int32_t partition = c->args->all ? -1 : c->args->partition;
    int64_t offset = c->args->all ? -1 : c->args->offset;
    struct ctl_handled *handled = NULL;
    int nhandled = 0;
    rd_kafka_t *producer = NULL;
    int rc = CTL_ERROR;
    if (read_letters(c, &r, dlq, sizeof(dlq), partition, offset) != 0)
        goto out;
    if (!c->args->all && r.n == 0) {
        fprintf(stderr, "ocopctl: no dead letter at %d:%lld on %s\n", (int)partition,
                (long long)offset, dlq);
        rc = CTL_REFUSED;
        goto out;
    }
    if (strcmp(action, "redrive") == 0) {
        producer = oc_kafka_producer_new(&c->cfg, "ocopctl", delivered, NULL, err, sizeof(err));
        if (producer == NULL) {
            fprintf(stderr, "ocopctl: cannot make a Kafka producer: %s\n", err);
            goto out;
        }
    }
    /* --all: the letters not handled yet, each in its own transaction. */
    if (c->args->all && ctl_store_handled(c->conn, &handled, &nhandled) != 0)
        goto out;
    rc = CTL_OK;
    for (size_t i = 0; i < r.n; i++) {
        if (c->args->all && ctl_handled_find(handled, nhandled, r.letters[i].object) != NULL)
            continue;
        int one = act(c, producer, &r.letters[i], action);
        rc = one > rc ? one : rc;
    }
out:
    ctl_handled_free(handled, nhandled);
    if (producer != NULL)
        rd_kafka_destroy(producer);
    reading_clean(&r);
    return rc;
}

int ctl_dlq_redrive(struct ctl *c)
{
    return act_on_letters(c, "redrive");
}

int ctl_dlq_discard(struct ctl *c)
{
    return act_on_letters(c, "discard");
}
