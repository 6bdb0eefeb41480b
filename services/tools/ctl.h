/*
 * ocopctl's shared pieces: one run's context (the service's configuration,
 * one database connection on its schema, who acts) and the Kafka
 * helpers the commands read topics with (an ephemeral consumer: assigned
 * partitions, no group membership, no offsets committed).
 */
#ifndef OCOPCTL_CTL_H
#define OCOPCTL_CTL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <libpq-fe.h>
#include <librdkafka/rdkafka.h>

#include "common/config.h"
#include "tools/ctl_args.h"

#define CTL_KAFKA_TIMEOUT_MS 2000 /* a broker request's wait (metadata, watermarks, offsets) */

/* One run of ocopctl. */
struct ctl {
    const struct ctl_args *args; /* the command line */
    struct oc_config cfg;        /* the service's configuration (OCOP_*) */
    PGconn *conn;                /* on the service's schema; owned */
    char actor[96];              /* "ocopctl:" and the OS user or --actor */
};

/* Exit statuses. */
enum { CTL_OK = 0, CTL_REFUSED = 1, CTL_ERROR = 2 };

/* An ephemeral consumer (caller destroys with ctl_consumer_free), or NULL (reported). */
rd_kafka_t *ctl_consumer_new(struct ctl *c, const char *group);

/* Closes and destroys rk; rk may be NULL. */
void ctl_consumer_free(rd_kafka_t *rk);

/* A topic's partition count, or -1 (reported) when its metadata could not be had. */
int ctl_partitions(rd_kafka_t *rk, const char *topic);

/*
 * Every partition of the topics with its offset set to the high watermark;
 * when lows is not NULL, *lows gets the low watermarks in the same order
 * (caller frees). NULL (reported) when the broker did not answer. Caller
 * destroys the list.
 */
rd_kafka_topic_partition_list_t *ctl_watermarks(rd_kafka_t *rk, const char *const *topics,
                                                int ntopics, int64_t **lows);

/* Called for each record read by ctl_replay (msg borrowed); returns 0 to go on, -1 to stop. */
typedef int (*ctl_record_fn)(const rd_kafka_message_t *msg, void *ctx);

/*
 * Reads the partitions of from, each from its offset up to (not including)
 * the offset of the same partition in to, calling fn for each record, with
 * rk assigned (no group, nothing committed) and unassigned after. Returns 0
 * once every partition is read to its end, -1 (reported) when timeout_ms
 * passed first, the assignment failed or fn stopped it.
 */
int ctl_replay(rd_kafka_t *rk, const rd_kafka_topic_partition_list_t *from,
               const rd_kafka_topic_partition_list_t *to, int timeout_ms, ctl_record_fn fn,
               void *ctx);

/* Copies header name of msg into buf (control characters as '?', cut to fit); its length. */
size_t ctl_header(const rd_kafka_message_t *msg, const char *name, char *buf, size_t len);

/* A JSON string of s, with what is not ASCII made '?' when s is not UTF-8 (never NULL). */
json_t *ctl_json_text(const char *s);

/* Prints a JSON document on stdout and frees it. */
void ctl_print_json(json_t *doc);

/* The commands: exit status. */
int ctl_status(struct ctl *c);
int ctl_dlq_list(struct ctl *c);
int ctl_dlq_redrive(struct ctl *c);
int ctl_dlq_discard(struct ctl *c);
int ctl_rebuild(struct ctl *c);

#endif
