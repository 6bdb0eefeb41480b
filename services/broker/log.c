#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

/* Worst case every message byte becomes a 6-byte \u00XX escape. */
#define LINE_MAX_BYTES (BLOG_MSG_MAX * 6 + 128)

static const char *level_name(enum blog_level level)
{
    switch (level) {
    case BLOG_DEBUG:
        return "debug";
    case BLOG_INFO:
        return "info";
    case BLOG_WARN:
        return "warn";
    case BLOG_ERROR:
        return "error";
    }
    return "error";
}

/* Writes "YYYY-MM-DDTHH:MM:SS.mmmZ" (24 chars + NUL) into out. */
static void format_ts(char *out, size_t cap)
{
    struct timespec ts;
    struct tm tm;

    if (clock_gettime(CLOCK_REALTIME, &ts) != 0 || gmtime_r(&ts.tv_sec, &tm) == NULL) {
        (void)snprintf(out, cap, "1970-01-01T00:00:00.000Z");
        return;
    }
    size_t n = strftime(out, cap, "%Y-%m-%dT%H:%M:%S", &tm);
    (void)snprintf(out + n, cap - n, ".%03dZ", (int)(ts.tv_nsec / 1000000));
}

/*
 * Appends s as JSON string contents to out[pos..cap) and returns the new
 * length. Stops early rather than overflow; out is not NUL-terminated.
 */
static size_t json_escape(char *out, size_t pos, size_t cap, const char *s)
{
    for (; *s != '\0' && pos + 6 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            out[pos++] = '\\';
            out[pos++] = (char)c;
        } else if (c == '\n') {
            out[pos++] = '\\';
            out[pos++] = 'n';
        } else if (c < 0x20 || c == 0x7f) {
            int n = snprintf(out + pos, cap - pos, "\\u%04x", (unsigned)c);
            pos += (n > 0) ? (size_t)n : 0;
        } else if (c < 0x80) {
            out[pos++] = *s;
        } else {
            out[pos++] = '?';
        }
    }
    return pos;
}

void blog(enum blog_level level, const char *fmt, ...)
{
    char msg[BLOG_MSG_MAX];
    char ts[32];
    char line[LINE_MAX_BYTES];
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    format_ts(ts, sizeof ts);

    int head = snprintf(line, sizeof line,
                        "{\"ts\":\"%s\",\"level\":\"%s\",\"service\":\"broker\",\"msg\":\"", ts,
                        level_name(level));
    if (head < 0) {
        return;
    }
    size_t pos = json_escape(line, (size_t)head, sizeof line - 3, msg);
    line[pos++] = '"';
    line[pos++] = '}';
    line[pos++] = '\n';
    /* One fwrite per line: stdio locks the stream, so threads never interleave. */
    (void)fwrite(line, 1, pos, stderr);
    (void)fflush(stderr);
}
