#include "common/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/alloc.h"
#include "common/timeutil.h"
#include "common/trace.h"

static char *log_service;
static _Thread_local char log_request[65]; /* the request this thread handles, "" when none */
static _Thread_local char log_event[129];  /* the event this thread applies, "" when none */
static enum oc_log_level log_min = OC_LOG_INFO;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void oc_log_init(const char *service, enum oc_log_level min_level)
{
    free(log_service);
    log_service = oc_xstrdup(service);
    log_min = min_level;
}

void oc_log_clean(void)
{
    free(log_service);
    log_service = NULL;
}

int oc_log_level_parse(const char *text)
{
    for (size_t i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
        if (strcmp(text, level_names[i]) == 0)
            return (int)i;
    return -1;
}

int oc_log_enabled(enum oc_log_level level)
{
    return level >= log_min;
}

static void log_write(enum oc_log_level level, json_t *fields, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* Room for the trace fields appended to a line: ,"trace_id":"<32>","span_id":"<16>"} and \n. */
#define TRACE_FIELDS_MAX 96

/*
 * Writes text (len bytes of a JSON object, room for TRACE_FIELDS_MAX more) with
 * the current trace context's fields and a newline, in one write.
 */
static void line_put(char *text, size_t len)
{
    const struct oc_trace *t = oc_trace_current();
    if (t != NULL && len > 2 && text[len - 1] == '}')
        len = len - 1 +
              (size_t)snprintf(text + len - 1, TRACE_FIELDS_MAX,
                               ",\"trace_id\":\"%s\",\"span_id\":\"%s\"}", t->trace_id, t->span_id);
    text[len++] = '\n';
    flockfile(stderr);
    fwrite(text, 1, len, stderr);
    funlockfile(stderr);
}

static void log_write(enum oc_log_level level, json_t *fields, const char *fmt, va_list ap)
{
    char msg[2048];
    char ts[40];
    char buf[4096];
    /* Ten significant digits: 1.23 stays "1.23" (not 1.2299999999999999), a coordinate keeps its.
     */
    const size_t flags = JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(10);
    json_t *line = json_object();

    vsnprintf(msg, sizeof(msg), fmt, ap);
    oc_time_format_now(ts, sizeof(ts));
    json_object_set_new(line, "ts", json_string(ts));
    json_object_set_new(line, "level", json_string(level_names[level]));
    json_object_set_new(line, "service", json_string(log_service ? log_service : "ocop"));
    json_object_set_new(line, "msg", json_string(msg));
    if (log_request[0] != '\0')
        json_object_set_new(line, "request_id", json_string(log_request));
    if (fields != NULL)
        json_object_update_missing(line, fields);
    if (log_event[0] != '\0' && json_object_get(line, "event_id") == NULL)
        json_object_set_new(line, "event_id", json_string(log_event));
    /* Most lines fit the stack; a longer one is dumped again into the heap. */
    size_t len = json_dumpb(line, buf, sizeof(buf) - TRACE_FIELDS_MAX, flags);
    if (len > 0 && len <= sizeof(buf) - TRACE_FIELDS_MAX) {
        line_put(buf, len);
    } else if (len > 0) {
        char *text = oc_xmalloc(len + TRACE_FIELDS_MAX);
        if (json_dumpb(line, text, len, flags) == len)
            line_put(text, len);
        free(text);
    }
    json_decref(line);
}

void oc_log_request_set(const char *request_id)
{
    snprintf(log_request, sizeof(log_request), "%s", request_id ? request_id : "");
}

void oc_log_event_set(const char *event_id)
{
    snprintf(log_event, sizeof(log_event), "%s", event_id ? event_id : "");
}

void oc_log(enum oc_log_level level, const char *fmt, ...)
{
    if (!oc_log_enabled(level))
        return;
    va_list ap;
    va_start(ap, fmt);
    log_write(level, NULL, fmt, ap);
    va_end(ap);
}

void oc_logj(enum oc_log_level level, json_t *fields, const char *fmt, ...)
{
    if (oc_log_enabled(level)) {
        va_list ap;
        va_start(ap, fmt);
        log_write(level, fields, fmt, ap);
        va_end(ap);
    }
    json_decref(fields);
}

/* A method for the access line: one of HTTP's, else "other" (the text is the client's). */
static const char *method_label(const char *verb)
{
    static const char *const known[] = {"GET",    "HEAD",    "POST",  "PUT",    "PATCH",
                                        "DELETE", "OPTIONS", "TRACE", "CONNECT"};
    for (size_t i = 0; verb != NULL && i < sizeof(known) / sizeof(known[0]); i++)
        if (strcmp(verb, known[i]) == 0)
            return known[i];
    return "other";
}

void oc_log_access(const char *method, const char *route, int status, double duration_ms,
                   const char *subject, enum oc_log_level level)
{
    if (!oc_log_enabled(level))
        return;
    /* Microsecond resolution is plenty for a duration, and keeps the number short. */
    double ms = (double)(long long)(duration_ms * 1000.0 + 0.5) / 1000.0;
    oc_logj(level,
            json_pack("{s:s,s:s,s:i,s:f,s:s}", "method", method_label(method), "route", route,
                      "status", status, "duration_ms", ms, "subject",
                      subject && subject[0] ? subject : "-"),
            "request");
}
