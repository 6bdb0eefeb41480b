/*
 * Control commands for the embedded broker. Lines come from stdin and the
 * control FIFO; each command gets exactly one reply line on stdout,
 * "ok <command echoed>[ <details>]" or "error <command>: <reason>", and one
 * log line. Blank lines are ignored (no reply). Never aborts on bad input.
 */
#ifndef OCOP_BROKER_CONTROL_H
#define OCOP_BROKER_CONTROL_H

#include <stdbool.h>
#include <stddef.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#define BROKER_MAX_BROKERS    32
#define BROKER_MAX_PARTITIONS 1000
#define CONTROL_LINE_MAX      512 /* bytes per line, excluding the newline */

/* What the command handlers act on. */
struct broker_state {
    rd_kafka_mock_cluster_t *mc;
    int broker_cnt;                    /* mock broker ids are 1..broker_cnt */
    const char *bootstraps;            /* owned by mc */
    bool down[BROKER_MAX_BROKERS + 1]; /* by broker id; the mock has no getter */
    bool quit;                         /* set by "quit"; the event loop then stops */
};

/* Splits a byte stream into lines; lines over CONTROL_LINE_MAX are rejected. */
struct line_reader {
    const char *source; /* "stdin" or "control", used in log lines */
    char buf[CONTROL_LINE_MAX + 1];
    size_t len;
    bool overlong; /* discarding the rest of a too-long line */
};

void line_reader_init(struct line_reader *lr, const char *source);

/* Executes every complete line in data; stops early once st->quit is set. */
void line_reader_feed(struct line_reader *lr, struct broker_state *st, const char *data, size_t n);

/* At end of input: executes a pending unterminated line, if any. */
void line_reader_finish(struct line_reader *lr, struct broker_state *st);

/* Parses a whole base-10 integer in [min, max]; returns false otherwise. */
bool parse_long(const char *text, long min, long max, long *out);

/* Kafka topic name rules: 1..249 chars of [A-Za-z0-9._-], not "." or "..". */
bool topic_name_valid(const char *name);

#endif
