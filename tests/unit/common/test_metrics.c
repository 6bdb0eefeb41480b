/* oc_metrics_*: counters, gauges and histograms in the Prometheus text format. */
#include <stdlib.h>
#include <string.h>

#include "common/metrics.h"
#include "unit/test.h"

/* Ends a label list; a typed null pointer, as va_arg(ap, const char *) reads it. */
#define END ((const char *)NULL)

/* Counts the lines of text that start with prefix. */
static int lines_starting(const char *text, const char *prefix)
{
    int n = 0;
    size_t len = strlen(prefix);
    for (const char *line = text; line && *line;
         line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        n += strncmp(line, prefix, len) == 0;
    return n;
}

/* Returns what follows the closing quote of the label value starting at p, or NULL. */
static const char *label_end(const char *p)
{
    for (; *p && *p != '\n'; p++) {
        if (*p == '\\' && (p[1] == '\\' || p[1] == '"' || p[1] == 'n'))
            p++;
        else if (*p == '\\' || *p == '"')
            return *p == '"' ? p + 1 : NULL;
    }
    return NULL;
}

/* Checks that the exposition holds line as a whole line. */
#define CHECK_LINE(text, line)                                                                     \
    do {                                                                                           \
        const char *t_found_ = strstr((text), line "\n");                                          \
        CHECK(t_found_ != NULL && (t_found_ == (text) || t_found_[-1] == '\n'));                   \
        if (t_found_ == NULL)                                                                      \
            fprintf(stderr, "    missing line: %s\n", line);                                       \
    } while (0)

static void test_help_type(void)
{
    oc_metrics_reset();
    char *text = oc_metrics_render();
    CHECK(text != NULL);
    CHECK_INT_EQ(lines_starting(text, "# HELP "), OC_M_METRIC_COUNT + 1); /* + series dropped */
    CHECK_INT_EQ(lines_starting(text, "# TYPE "), OC_M_METRIC_COUNT + 1);
    /* no series yet, but the count of dropped ones */
    CHECK_INT_EQ(lines_starting(text, "ocop_"), 1);
    CHECK_LINE(text, "ocop_metrics_series_dropped_total 0");
    CHECK_LINE(text, "# HELP ocop_http_requests_total HTTP requests served, by route, method and "
                     "status code");
    CHECK_LINE(text, "# TYPE ocop_http_requests_total counter");
    CHECK_LINE(text, "# TYPE ocop_http_request_duration_seconds histogram");
    CHECK_LINE(text, "# TYPE ocop_http_in_flight_requests gauge");
    CHECK_LINE(text, "# TYPE ocop_http_shed_total counter");
    CHECK_LINE(text, "# TYPE ocop_outbox_backlog gauge");
    CHECK_LINE(text, "# TYPE ocop_outbox_published_total counter");
    CHECK_LINE(text, "# TYPE ocop_outbox_delivery_failures_total counter");
    CHECK_LINE(text, "# TYPE ocop_events_consumed_total counter");
    CHECK_LINE(text, "# TYPE ocop_consumer_lag gauge");
    /* HELP comes before TYPE */
    CHECK(strstr(text, "# HELP ocop_outbox_backlog") < strstr(text, "# TYPE ocop_outbox_backlog"));
    CHECK(text[strlen(text) - 1] == '\n');
    free(text);
}

static void test_counters_gauges(void)
{
    oc_metrics_reset();
    oc_metrics_add(OC_M_HTTP_REQUESTS, 1, "route", "/products", "method", "GET", "code", "200",
                   END);
    oc_metrics_add(OC_M_HTTP_REQUESTS, 1, "route", "/products", "method", "GET", "code", "200",
                   END);
    oc_metrics_add(OC_M_HTTP_REQUESTS, 3, "route", "/products", "method", "GET", "code", "200",
                   END);
    oc_metrics_add(OC_M_HTTP_REQUESTS, 1, "route", "/products", "method", "POST", "code", "201",
                   END);
    oc_metrics_add(OC_M_OUTBOX_PUBLISHED, 2, END);
    oc_metrics_add(OC_M_OUTBOX_PUBLISHED, 0.5, END);
    oc_metrics_set(OC_M_OUTBOX_BACKLOG, 7, END);
    oc_metrics_set(OC_M_OUTBOX_BACKLOG, 3, END); /* set replaces */
    oc_metrics_add(OC_M_HTTP_IN_FLIGHT, 1, END);
    oc_metrics_add(OC_M_HTTP_IN_FLIGHT, 1, END);
    oc_metrics_add(OC_M_HTTP_IN_FLIGHT, -1, END);
    oc_metrics_set(OC_M_CONSUMER_LAG, 12, "topic", "ocop.registration.events", END);
    oc_metrics_set(OC_M_CONSUMER_LAG, 0, "topic", "ocop.evaluation.events", END);
    oc_metrics_add(OC_M_EVENTS_CONSUMED, 1, "type", "ocop.registration.product.registered.v1",
                   "outcome", "applied", END);

    char *text = oc_metrics_render();
    CHECK_LINE(text, "ocop_http_requests_total{route=\"/products\",method=\"GET\",code=\"200\"} 5");
    CHECK_LINE(text,
               "ocop_http_requests_total{route=\"/products\",method=\"POST\",code=\"201\"} 1");
    CHECK_INT_EQ(lines_starting(text, "ocop_http_requests_total{"), 2);
    CHECK_LINE(text, "ocop_outbox_published_total{} 2.5");
    CHECK_LINE(text, "ocop_outbox_backlog{} 3");
    CHECK_LINE(text, "ocop_http_in_flight_requests{} 1");
    CHECK_LINE(text, "ocop_consumer_lag{topic=\"ocop.registration.events\"} 12");
    CHECK_LINE(text, "ocop_consumer_lag{topic=\"ocop.evaluation.events\"} 0");
    CHECK_LINE(text, "ocop_events_consumed_total{type=\"ocop.registration.product.registered.v1\","
                     "outcome=\"applied\"} 1");
    /* each series follows its own TYPE line */
    CHECK(strstr(text, "# TYPE ocop_outbox_backlog gauge") < strstr(text, "ocop_outbox_backlog{}"));
    free(text);

    oc_metrics_reset();
    text = oc_metrics_render();
    CHECK(strstr(text, "ocop_outbox_backlog{}") == NULL);
    CHECK_INT_EQ(lines_starting(text, "ocop_"), 1); /* ocop_metrics_series_dropped_total */
    free(text);
}

static void test_histogram(void)
{
    oc_metrics_reset();
    oc_metrics_observe(OC_M_HTTP_DURATION, 0.003, "route", "/products", END);
    oc_metrics_observe(OC_M_HTTP_DURATION, 0.1, "route", "/products", END); /* on a bound */
    oc_metrics_observe(OC_M_HTTP_DURATION, 20, "route", "/products", END);  /* above all */
    oc_metrics_observe(OC_M_HTTP_DURATION, 0.5, "route", "/producers", END);
    char *text = oc_metrics_render();
#define B "ocop_http_request_duration_seconds_bucket{route=\"/products\","
    CHECK_LINE(text, B "le=\"0.001\"} 0");
    CHECK_LINE(text, B "le=\"0.005\"} 1");
    CHECK_LINE(text, B "le=\"0.01\"} 1");
    CHECK_LINE(text, B "le=\"0.05\"} 1");
    CHECK_LINE(text, B "le=\"0.1\"} 2");
    CHECK_LINE(text, B "le=\"0.25\"} 2");
    CHECK_LINE(text, B "le=\"1\"} 2");
    CHECK_LINE(text, B "le=\"10\"} 2");
    CHECK_LINE(text, B "le=\"+Inf\"} 3");
#undef B
    CHECK_LINE(text, "ocop_http_request_duration_seconds_sum{route=\"/products\"} 20.103000");
    CHECK_LINE(text, "ocop_http_request_duration_seconds_count{route=\"/products\"} 3");
    CHECK_LINE(text,
               "ocop_http_request_duration_seconds_bucket{route=\"/producers\",le=\"0.25\"} 0");
    CHECK_LINE(text,
               "ocop_http_request_duration_seconds_bucket{route=\"/producers\",le=\"0.5\"} 1");
    CHECK_LINE(text, "ocop_http_request_duration_seconds_count{route=\"/producers\"} 1");
    /* 12 bounds and +Inf per series */
    CHECK_INT_EQ(lines_starting(text, "ocop_http_request_duration_seconds_bucket{"), 26);
    free(text);

    /* a histogram without labels */
    oc_metrics_reset();
    oc_metrics_observe(OC_M_HTTP_DURATION, 0.02, END);
    text = oc_metrics_render();
    CHECK_LINE(text, "ocop_http_request_duration_seconds_bucket{le=\"0.025\"} 1");
    CHECK_LINE(text, "ocop_http_request_duration_seconds_bucket{le=\"0.01\"} 0");
    CHECK_LINE(text, "ocop_http_request_duration_seconds_count{} 1");
    free(text);
}

static void test_escaping(void)
{
    oc_metrics_reset();
    oc_metrics_add(OC_M_EVENTS_CONSUMED, 1, "type", "say \"hi\" \\ now", "outcome", "line\nbreak",
                   END);
    char *text = oc_metrics_render();
    CHECK_LINE(text, "ocop_events_consumed_total{type=\"say \\\"hi\\\" \\\\ now\","
                     "outcome=\"line break\"} 1");
    free(text);

    /* A long value is cut, and the label stays well-formed, even when an escape falls at
     * the end of the room (245 plain bytes then a quote). */
    static const char tail[] = "\"\"\\\\tail-that-does-not-fit-anywhere";
    char value[300];
    for (size_t cut = 240; cut < 252; cut++) {
        oc_metrics_reset();
        memset(value, 'v', cut);
        memcpy(value + cut, tail, sizeof(tail));
        oc_metrics_add(OC_M_OUTBOX_FAILED, 1, "route", value, END);
        oc_metrics_add(OC_M_OUTBOX_FAILED, 1, "route", value, END); /* the same series */
        text = oc_metrics_render();
        static const char prefix[] = "ocop_outbox_delivery_failures_total{route=\"";
        const char *series = strstr(text, prefix);
        const char *after = series ? label_end(series + strlen(prefix)) : NULL;
        CHECK(after != NULL && strncmp(after, "} 2\n", 4) == 0);
        CHECK(after != NULL && strncmp(series + strlen(prefix), value, 200) == 0);
        CHECK(after != NULL && (size_t)(after - series) < strlen(prefix) + 256);
        CHECK_INT_EQ(lines_starting(text, "ocop_outbox_delivery_failures_total{"), 1);
        free(text);
    }

    /* a second label that no longer fits is left out whole */
    oc_metrics_reset();
    memset(value, 'v', 260);
    value[260] = '\0';
    oc_metrics_add(OC_M_EVENTS_CONSUMED, 1, "type", value, "outcome", "applied", END);
    text = oc_metrics_render();
    const char *series = strstr(text, "ocop_events_consumed_total{type=\"vvv");
    const char *after =
        series ? label_end(series + strlen("ocop_events_consumed_total{type=\"")) : NULL;
    CHECK(after != NULL && strncmp(after, "} 1\n", 4) == 0);
    CHECK(strstr(text, "outcome=") == NULL);
    free(text);
}

/* Past 1024 series, a new one is not kept but counted; updates of kept ones go on. */
static void test_series_cap(void)
{
    char value[16];
    oc_metrics_reset();
    char *text = oc_metrics_render();
    CHECK_LINE(text, "ocop_metrics_series_dropped_total 0");
    free(text);
    for (int i = 0; i < 1100; i++) {
        snprintf(value, sizeof(value), "t%d", i);
        oc_metrics_add(OC_M_EVENTS_CONSUMED, 1, "type", value, END);
    }
    oc_metrics_add(OC_M_EVENTS_CONSUMED, 1, "type", "t0", END);
    text = oc_metrics_render();
    CHECK_INT_EQ(lines_starting(text, "ocop_events_consumed_total{"), 1024);
    CHECK_LINE(text, "ocop_events_consumed_total{type=\"t0\"} 2");
    CHECK_LINE(text, "ocop_metrics_series_dropped_total 76");
    CHECK(strstr(text, "type=\"t1024\"") == NULL);
    free(text);
}

int main(void)
{
    test_help_type();
    test_counters_gauges();
    test_histogram();
    test_escaping();
    test_series_cap();
    oc_metrics_reset();
    TEST_DONE();
}
