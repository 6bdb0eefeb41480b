/*
 * Logging: one JSON object per line on stderr, with "ts" (RFC 3339 UTC, ms),
 * "level", "service", "msg" and any extra fields, then the context of the
 * thread: "request_id", "event_id", and "trace_id" and "span_id" while a trace
 * context is current (common/trace.h). Each line is one write. Thread-safe;
 * the level is checked before anything is formatted.
 */
#ifndef OC_LOG_H
#define OC_LOG_H

#include <jansson.h>

enum oc_log_level {
    OC_LOG_DEBUG,
    OC_LOG_INFO,
    OC_LOG_WARN,
    OC_LOG_ERROR,
};

/* Sets the service name (copied) and the minimum level. Call before threads start. */
void oc_log_init(const char *service, enum oc_log_level min_level);

/* Parses "debug", "info", "warn" or "error"; returns -1 for anything else. */
int oc_log_level_parse(const char *text);

/* Returns non-zero when a message at level would be written. */
int oc_log_enabled(enum oc_log_level level);

/* Logs a formatted message. */
void oc_log(enum oc_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Logs a formatted message with extra fields. Takes ownership of fields (an
 * object or NULL) in every case.
 */
void oc_logj(enum oc_log_level level, json_t *fields, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Releases what oc_log_init allocated. */
void oc_log_clean(void);

/*
 * Sets the request id that every line this thread logs carries as "request_id"
 * (the dispatcher sets it for a request's duration); NULL clears it. At most 64
 * bytes are kept.
 */
void oc_log_request_set(const char *request_id);

/*
 * Sets the event id that every line this thread logs carries as "event_id"
 * unless the line names one itself (the consumer sets it while it applies an
 * event); NULL clears it. At most 128 bytes are kept.
 */
void oc_log_event_set(const char *event_id);

/*
 * Writes the access line of one request at level: "msg" "request", method
 * (an HTTP method, else "other"), route as the service's route table names it
 * (the template, "/v1/products/{id}", never the path with its values, nor a
 * query; "unmatched" for none), status, duration_ms, and subject (the verified
 * token's sub, "-" for none, as when subject is NULL); the request id and trace
 * context come from the thread's. The caller passes no value a client chose
 * beyond a method and a verified subject.
 */
void oc_log_access(const char *method, const char *route, int status, double duration_ms,
                   const char *subject, enum oc_log_level level);

#endif
