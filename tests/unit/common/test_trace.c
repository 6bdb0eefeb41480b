/*
 * The W3C trace context: parsing (malformed values refused), formatting,
 * children and new traces, the thread's current context and the fields it
 * puts on log lines, and the outbox's choice of parent.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "common/log.h"
#include "common/trace.h"
#include "unit/test.h"

#define TP "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

static int is_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return strlen(s) == n;
}

static void test_parse_format(void)
{
    struct oc_trace t;
    char buf[OC_TRACE_HEADER_LEN + 1];
    CHECK_INT_EQ(oc_trace_parse(TP, &t), 1);
    CHECK_STR_EQ(t.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
    CHECK_STR_EQ(t.span_id, "00f067aa0ba902b7");
    CHECK_STR_EQ(t.flags, "01");
    oc_trace_format(&t, buf, sizeof(buf));
    CHECK_STR_EQ(buf, TP);
    /* a later version is read by its first fields; it is written back as version 00 */
    CHECK_INT_EQ(oc_trace_parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-what", &t),
                 1);
    CHECK_STR_EQ(t.flags, "00");
    oc_trace_format(&t, buf, sizeof(buf));
    CHECK_STR_EQ(buf, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
}

static void test_malformed(void)
{
    static const char *const bad[] = {
        "",
        "garbage",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",    /* short */
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x", /* 00 with more */
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",   /* version ff */
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",   /* zero trace id */
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",   /* zero parent id */
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",   /* upper case */
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",   /* separator */
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",   /* not hex */
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z",   /* flags */
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",  /* later, no dash */
        " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  /* leading space */
    };
    struct oc_trace t;
    memset(&t, 'x', sizeof(t));
    CHECK_INT_EQ(oc_trace_parse(NULL, &t), 0);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int ok = oc_trace_parse(bad[i], &t);
        CHECK_INT_EQ(ok, 0);
        if (ok)
            fprintf(stderr, "    accepted \"%s\"\n", bad[i]);
    }
    CHECK(t.trace_id[0] == 'x'); /* untouched */
}

static void test_new_child_continue(void)
{
    struct oc_trace a, b, parent, child;
    oc_trace_new(&a);
    oc_trace_new(&b);
    CHECK(is_hex(a.trace_id, 32) && is_hex(a.span_id, 16));
    CHECK_STR_EQ(a.flags, "01");
    CHECK(strcmp(a.trace_id, b.trace_id) != 0);
    CHECK(strcmp(a.span_id, b.span_id) != 0);
    char buf[OC_TRACE_HEADER_LEN + 1];
    oc_trace_format(&a, buf, sizeof(buf));
    CHECK_INT_EQ(oc_trace_parse(buf, &b), 1);

    oc_trace_parse(TP, &parent);
    oc_trace_child(&parent, &child);
    CHECK_STR_EQ(child.trace_id, parent.trace_id);
    CHECK_STR_EQ(child.flags, parent.flags);
    CHECK(is_hex(child.span_id, 16) && strcmp(child.span_id, parent.span_id) != 0);

    /* continued: a child of a good header, a new trace for a bad or missing one */
    oc_trace_continue(TP, &child);
    CHECK_STR_EQ(child.trace_id, parent.trace_id);
    CHECK(strcmp(child.span_id, parent.span_id) != 0);
    oc_trace_continue("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", &child);
    CHECK(strcmp(child.trace_id, parent.trace_id) != 0 && is_hex(child.trace_id, 32));
    oc_trace_continue(NULL, &child);
    CHECK(is_hex(child.trace_id, 32) && is_hex(child.span_id, 16));
}

static void test_current_and_outbox(void)
{
    struct oc_trace cur, row, other;
    char buf[OC_TRACE_HEADER_LEN + 1];
    CHECK(oc_trace_current() == NULL);
    /* no context: a child of what is given, else a new trace */
    oc_trace_outbox(TP, buf, sizeof(buf));
    CHECK_INT_EQ(oc_trace_parse(buf, &row), 1);
    CHECK_STR_EQ(row.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
    CHECK(strcmp(row.span_id, "00f067aa0ba902b7") != 0);
    oc_trace_outbox("bogus", buf, sizeof(buf));
    CHECK_INT_EQ(oc_trace_parse(buf, &row), 1);
    CHECK(strcmp(row.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736") != 0);
    /* a current context wins over what is given */
    oc_trace_new(&cur);
    oc_trace_set(&cur);
    CHECK(oc_trace_current() != NULL && strcmp(oc_trace_current()->span_id, cur.span_id) == 0);
    oc_trace_outbox(TP, buf, sizeof(buf));
    CHECK_INT_EQ(oc_trace_parse(buf, &row), 1);
    CHECK_STR_EQ(row.trace_id, cur.trace_id);
    CHECK(strcmp(row.span_id, cur.span_id) != 0);
    oc_trace_outbox(NULL, buf, sizeof(buf));
    CHECK_INT_EQ(oc_trace_parse(buf, &other), 1);
    CHECK(strcmp(other.span_id, row.span_id) != 0); /* each row a span of its own */
    oc_trace_set(NULL);
    CHECK(oc_trace_current() == NULL);
}

/* Logs through fn with stderr sent to a file; returns the lines written (caller frees). */
static char *captured(void (*fn)(void))
{
    char path[] = "/tmp/ocop-test-trace-XXXXXX";
    int fd = mkstemp(path);
    int saved = dup(2);
    fflush(stderr);
    dup2(fd, 2);
    fn();
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char *text = calloc(1, 65536);
    lseek(fd, 0, SEEK_SET);
    ssize_t n = read(fd, text, 65535);
    text[n > 0 ? n : 0] = '\0';
    close(fd);
    unlink(path);
    return text;
}

static struct oc_trace logged_trace;

static void log_some(void)
{
    oc_log(OC_LOG_INFO, "before");
    oc_trace_set(&logged_trace);
    oc_log_request_set("req-1");
    oc_log_event_set("ev-1");
    oc_log(OC_LOG_INFO, "inside");
    char big[3000];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    oc_logj(OC_LOG_INFO, json_pack("{s:s,s:s}", "big", big, "more", big), "long line");
    oc_log_access("GET", "/v1/products/{id}", 200, 1.23456789, NULL, OC_LOG_INFO);
    oc_log_access("GET", "/health", 200, 0.1, NULL, OC_LOG_DEBUG); /* not written at info */
    oc_log_request_set(NULL);
    oc_log_event_set(NULL);
    oc_trace_set(NULL);
    oc_log(OC_LOG_INFO, "after");
}

static void test_log_fields(void)
{
    oc_trace_new(&logged_trace);
    char *text = captured(log_some);
    char *save = NULL;
    int n = 0;
    for (char *line = strtok_r(text, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save), n++) {
        json_t *j = json_loads(line, 0, NULL);
        CHECK(j != NULL); /* every line is one JSON object */
        const char *msg = json_string_value(json_object_get(j, "msg"));
        int inside = n >= 1 && n <= 3;
        const char *tid = json_string_value(json_object_get(j, "trace_id"));
        CHECK(inside ? tid != NULL && strcmp(tid, logged_trace.trace_id) == 0 : tid == NULL);
        const char *sid = json_string_value(json_object_get(j, "span_id"));
        CHECK(inside ? sid != NULL && strcmp(sid, logged_trace.span_id) == 0 : sid == NULL);
        CHECK(inside == (json_object_get(j, "event_id") != NULL));
        if (n == 3) {
            CHECK_STR_EQ(msg, "request");
            CHECK_STR_EQ(json_string_value(json_object_get(j, "route")), "/v1/products/{id}");
            CHECK_STR_EQ(json_string_value(json_object_get(j, "subject")), "-");
            CHECK_STR_EQ(json_string_value(json_object_get(j, "request_id")), "req-1");
            CHECK(json_real_value(json_object_get(j, "duration_ms")) == 1.235);
            CHECK(strstr(line, "\"duration_ms\":1.235") != NULL);
        }
        if (n == 2)
            CHECK(strlen(json_string_value(json_object_get(j, "more"))) == 2999);
        json_decref(j);
    }
    CHECK_INT_EQ(n, 5);
    free(text);
}

int main(void)
{
    oc_log_init("test", OC_LOG_INFO);
    test_parse_format();
    test_malformed();
    test_new_child_continue();
    test_current_and_outbox();
    test_log_fields();
    oc_log_clean();
    TEST_DONE();
}
