#include "common/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/alloc.h"
#include "common/timeutil.h"

static char *log_service;
static _Thread_local char log_request[65]; /* the request this thread handles, "" when none */
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

static void log_write(enum oc_log_level level, json_t *fields, const char *fmt, va_list ap)
{
    char msg[2048];
    char ts[40];
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
    char *text = json_dumps(line, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (text != NULL) {
        flockfile(stderr);
        fputs(text, stderr);
        fputc('\n', stderr);
        funlockfile(stderr);
        free(text);
    }
    json_decref(line);
}

void oc_log_request_set(const char *request_id)
{
    snprintf(log_request, sizeof(log_request), "%s", request_id ? request_id : "");
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
