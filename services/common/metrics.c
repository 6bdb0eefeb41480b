#include "common/metrics.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

#define MAX_SERIES 1024
#define LABELS_MAX 256

enum kind { COUNTER, GAUGE, HISTOGRAM };

static const struct {
    const char *name;
    enum kind kind;
    const char *help;
} metric_table[OC_M_METRIC_COUNT] = {
    [OC_M_HTTP_REQUESTS] = {"ocop_http_requests_total", COUNTER,
                            "HTTP requests served, by route, method and status code"},
    [OC_M_HTTP_DURATION] = {"ocop_http_request_duration_seconds", HISTOGRAM,
                            "Time spent handling HTTP requests, by route"},
    [OC_M_HTTP_IN_FLIGHT] = {"ocop_http_in_flight_requests", GAUGE,
                             "HTTP requests being handled now"},
    [OC_M_HTTP_SHED] = {"ocop_http_shed_total", COUNTER,
                        "Requests refused to protect the service, by reason: queue (503, waited "
                        "too long for a worker), address or subject (429, rate limit), deadline "
                        "(connection closed, request not in on time)"},
    [OC_M_OUTBOX_BACKLOG] = {"ocop_outbox_backlog", GAUGE,
                             "Outbox events not yet acknowledged by Kafka"},
    [OC_M_OUTBOX_PUBLISHED] = {"ocop_outbox_published_total", COUNTER,
                               "Outbox events acknowledged by Kafka"},
    [OC_M_OUTBOX_FAILED] = {"ocop_outbox_delivery_failures_total", COUNTER,
                            "Failed deliveries of outbox events (each is retried)"},
    [OC_M_OUTBOX_RELAY_LEADER] = {"ocop_outbox_relay_publishing", GAUGE,
                                  "1 while this instance's outbox relay holds its service's "
                                  "leader lock and publishes, 0 while it stands by"},
    [OC_M_EVENTS_CONSUMED] = {"ocop_events_consumed_total", COUNTER,
                              "Consumed events, by type and outcome"},
    [OC_M_CONSUMER_LAG] = {"ocop_consumer_lag", GAUGE,
                           "Records of each consumed topic not yet taken for applying (high "
                           "watermark less position, every second)"},
    [OC_M_WEBHOOK_ATTEMPTS] = {"ocop_webhook_attempts_total", COUNTER,
                               "Webhook delivery attempts, by outcome: delivered, retry (failed, "
                               "tried again later) or dead (failed, the last on the schedule)"},
};

static const double buckets[] = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
#define NBUCKETS (sizeof(buckets) / sizeof(buckets[0]))

struct series {
    enum oc_metric metric;               /* which metric */
    char labels[LABELS_MAX];             /* rendered labels without braces, may be "" */
    double value;                        /* counter or gauge value; histogram sum */
    unsigned long long count;            /* histogram observation count */
    unsigned long long bucket[NBUCKETS]; /* histogram cumulative-later bucket counts */
};

static struct series series_table[MAX_SERIES];
static size_t series_count;
static unsigned long long series_dropped; /* updates refused because the table was full */
static pthread_mutex_t metrics_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * Renders name="value" pairs, escaping the values. A value too long for buf is
 * cut, keeping room for its closing quote; a pair whose name does not fit is dropped.
 */
static void labels_render(char *buf, size_t len, va_list ap)
{
    size_t pos = 0;
    const char *name;
    buf[0] = '\0';
    while ((name = va_arg(ap, const char *)) != NULL) {
        const char *value = va_arg(ap, const char *);
        int n = snprintf(buf + pos, len - pos, "%s%s=\"", pos ? "," : "", name);
        if (n < 0 || (size_t)n + 2 > len - pos) { /* no room for the closing quote and NUL */
            buf[pos] = '\0';
            return;
        }
        pos += (size_t)n;
        for (const char *p = value; *p; p++) {
            size_t need = *p == '"' || *p == '\\' ? 2 : 1;
            if (pos + need + 2 > len)
                break;
            if (need == 2)
                buf[pos++] = '\\';
            buf[pos++] = (char)(*p == '\n' ? ' ' : *p);
        }
        buf[pos++] = '"';
        buf[pos] = '\0';
    }
}

/* Finds or creates a series; NULL when the table is full. Call with the lock held. */
static struct series *series_get(enum oc_metric m, const char *labels)
{
    for (size_t i = 0; i < series_count; i++)
        if (series_table[i].metric == m && strcmp(series_table[i].labels, labels) == 0)
            return &series_table[i];
    if (series_count == MAX_SERIES) {
        series_dropped++;
        return NULL;
    }
    struct series *s = &series_table[series_count++];
    memset(s, 0, sizeof(*s));
    s->metric = m;
    snprintf(s->labels, sizeof(s->labels), "%s", labels);
    return s;
}

static void metrics_update(enum oc_metric m, double value, int set, va_list ap)
{
    char labels[LABELS_MAX];
    labels_render(labels, sizeof(labels), ap);
    pthread_mutex_lock(&metrics_lock);
    struct series *s = series_get(m, labels);
    if (s != NULL && metric_table[m].kind == HISTOGRAM) {
        s->value += value;
        s->count++;
        for (size_t b = 0; b < NBUCKETS; b++)
            if (value <= buckets[b])
                s->bucket[b]++;
    } else if (s != NULL) {
        s->value = set ? value : s->value + value;
    }
    pthread_mutex_unlock(&metrics_lock);
}

void oc_metrics_add(enum oc_metric m, double delta, ...)
{
    va_list ap;
    va_start(ap, delta);
    metrics_update(m, delta, 0, ap);
    va_end(ap);
}

void oc_metrics_set(enum oc_metric m, double value, ...)
{
    va_list ap;
    va_start(ap, value);
    metrics_update(m, value, 1, ap);
    va_end(ap);
}

void oc_metrics_observe(enum oc_metric m, double value, ...)
{
    va_list ap;
    va_start(ap, value);
    metrics_update(m, value, 0, ap);
    va_end(ap);
}

struct out {
    char *buf;  /* growing text */
    size_t len; /* bytes used */
    size_t cap; /* bytes allocated */
};

static void out_printf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void out_printf(struct out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (o->len + (size_t)n + 1 > o->cap) {
        o->cap = (o->len + (size_t)n + 1) * 2;
        o->buf = oc_xrealloc(o->buf, o->cap);
    }
    va_start(ap, fmt);
    vsnprintf(o->buf + o->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    o->len += (size_t)n;
}

static void render_histogram(struct out *o, const char *name, const struct series *s)
{
    const char *sep = s->labels[0] ? "," : "";
    for (size_t b = 0; b < NBUCKETS; b++)
        out_printf(o, "%s_bucket{%s%sle=\"%g\"} %llu\n", name, s->labels, sep, buckets[b],
                   s->bucket[b]);
    out_printf(o, "%s_bucket{%s%sle=\"+Inf\"} %llu\n", name, s->labels, sep, s->count);
    out_printf(o, "%s_sum{%s} %.6f\n%s_count{%s} %llu\n", name, s->labels, s->value, name,
               s->labels, s->count);
}

char *oc_metrics_render(void)
{
    static const char *const kinds[] = {"counter", "gauge", "histogram"};
    struct out o = {oc_xmalloc(4096), 0, 4096};
    o.buf[0] = '\0';
    pthread_mutex_lock(&metrics_lock);
    for (int m = 0; m < OC_M_METRIC_COUNT; m++) {
        const char *name = metric_table[m].name;
        out_printf(&o, "# HELP %s %s\n# TYPE %s %s\n", name, metric_table[m].help, name,
                   kinds[metric_table[m].kind]);
        for (size_t i = 0; i < series_count; i++) {
            const struct series *s = &series_table[i];
            if ((int)s->metric != m)
                continue;
            if (metric_table[m].kind == HISTOGRAM)
                render_histogram(&o, name, s);
            else
                out_printf(&o, "%s{%s} %.17g\n", name, s->labels, s->value);
        }
    }
    out_printf(&o,
               "# HELP ocop_metrics_series_dropped_total Metric updates dropped because the "
               "series table (%d series) was full\n"
               "# TYPE ocop_metrics_series_dropped_total counter\n"
               "ocop_metrics_series_dropped_total %llu\n",
               MAX_SERIES, series_dropped);
    pthread_mutex_unlock(&metrics_lock);
    return o.buf;
}

void oc_metrics_reset(void)
{
    pthread_mutex_lock(&metrics_lock);
    series_count = 0;
    series_dropped = 0;
    pthread_mutex_unlock(&metrics_lock);
}
