/*
 * librdkafka properties passed through the configuration, so that a service
 * reaches a managed Kafka (TLS, SASL/SCRAM, ...) without code: a properties
 * file (OCOP_KAFKA_PROPERTIES_FILE: "name=value" lines, '#' or '!' comments,
 * at most 64 KiB) and environment variables OCOP_KAFKA_PROP_<NAME> (NAME is
 * the property upper-cased with '.' written '_', e.g.
 * OCOP_KAFKA_PROP_SECURITY_PROTOCOL=SASL_SSL), the environment winning. The
 * properties the platform's guarantees rest on (idempotent producer, stored
 * offsets, read_committed, the group and the bootstrap servers, which have
 * their own settings) may not be set this way.
 */
#ifndef OC_KAFKA_PROPS_H
#define OC_KAFKA_PROPS_H

#include <stddef.h>

#include <jansson.h>
#include <librdkafka/rdkafka.h>

/*
 * Reads the file (path may be NULL or "") and the environment into an object
 * of property names to values (caller owns), each checked by librdkafka.
 * Returns NULL with the reason in err (naming the line or variable) when one
 * is malformed, unknown, refused by librdkafka or protected.
 */
json_t *oc_kafka_props_load(const char *path, char *err, size_t errlen);

/* Parses properties text (a file's contents) into props. Returns 0, or -1 with the line in err. */
int oc_kafka_props_parse(const char *text, json_t *props, char *err, size_t errlen);

/* Sets every property of props on conf. Returns 0, or -1 with librdkafka's reason in err. */
int oc_kafka_props_apply(rd_kafka_conf_t *conf, const json_t *props, char *err, size_t errlen);

/* A copy of props for logs: the values of secret properties (passwords, secrets, keys) hidden. */
json_t *oc_kafka_props_redacted(const json_t *props);

#endif
