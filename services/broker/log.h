/*
 * Broker logging: one JSON object per line on stderr,
 * {"ts":"<RFC 3339 UTC, ms>","level":"...","service":"broker","msg":"..."}.
 * Thread-safe (librdkafka threads log through it). The message is truncated at
 * BLOG_MSG_MAX bytes; control bytes are escaped and non-ASCII bytes replaced
 * with '?', so every line is valid JSON whatever the input.
 */
#ifndef OCOP_BROKER_LOG_H
#define OCOP_BROKER_LOG_H

#define BLOG_MSG_MAX 1024

enum blog_level {
    BLOG_DEBUG,
    BLOG_INFO,
    BLOG_WARN,
    BLOG_ERROR,
};

/* Formats and writes one log line. */
void blog(enum blog_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
