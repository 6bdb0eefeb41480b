/*
 * librdkafka handles configured the one way the platform uses them: an
 * idempotent producer (acks=all) for the outbox relay and dead letters, and a
 * consumer that stores offsets only after the inbox transaction commits.
 */
#ifndef OC_KAFKA_H
#define OC_KAFKA_H

#include <stddef.h>

#include <librdkafka/rdkafka.h>

#include "common/config.h"
#include "common/event.h"

/* Delivery report callback, as rd_kafka_conf_set_dr_msg_cb takes it. */
typedef void (*oc_kafka_dr_fn)(rd_kafka_t *rk, const rd_kafka_message_t *msg, void *opaque);

/*
 * Returns a new idempotent producer (caller destroys), or NULL with the reason
 * in err. dr may be NULL; opaque reaches dr.
 */
rd_kafka_t *oc_kafka_producer_new(const struct oc_config *cfg, const char *role, oc_kafka_dr_fn dr,
                                  void *opaque, char *err, size_t errlen);

/* Rebalance callback, as rd_kafka_conf_set_rebalance_cb takes it. */
typedef void (*oc_kafka_rebalance_fn)(rd_kafka_t *rk, rd_kafka_resp_err_t err,
                                      rd_kafka_topic_partition_list_t *partitions, void *opaque);

/*
 * Returns a new consumer in group (caller closes and destroys), or NULL with
 * the reason in err. rebalance assigns partitions; opaque reaches it.
 * Statistics every 5 s feed the consumer-lag gauge.
 */
rd_kafka_t *oc_kafka_consumer_new(const struct oc_config *cfg, const char *group,
                                  oc_kafka_rebalance_fn rebalance, void *opaque, char *err,
                                  size_t errlen);

/*
 * Queues one message (copying key and value) with headers and a per-message
 * opaque for the delivery report. Takes hdrs only on success; the caller
 * destroys them on failure.
 */
rd_kafka_resp_err_t oc_kafka_produce(rd_kafka_t *rk, const char *topic, const void *key,
                                     size_t keylen, const void *value, size_t len,
                                     rd_kafka_headers_t *hdrs, void *opaque);

/* Returns 1 when a broker answered a metadata request within timeout_ms. */
int oc_kafka_ping(rd_kafka_t *rk, int timeout_ms);

/* Fills out[] with msg's headers (borrowed from msg) and returns how many, at most max. */
size_t oc_kafka_headers(const rd_kafka_message_t *msg, struct oc_event_header *out, size_t max);

#endif
