/*
 * Process metrics in the Prometheus text format. Every metric is declared in
 * one table in metrics.c (name, kind, help); series are created on first use
 * and keyed by their labels. Thread-safe.
 */
#ifndef OC_METRICS_H
#define OC_METRICS_H

enum oc_metric {
    OC_M_HTTP_REQUESTS,       /* counter: route, method, code */
    OC_M_HTTP_DURATION,       /* histogram (seconds): route */
    OC_M_HTTP_IN_FLIGHT,      /* gauge */
    OC_M_HTTP_SHED,           /* counter: reason (queue, address, subject, deadline) */
    OC_M_OUTBOX_BACKLOG,      /* gauge: unpublished outbox rows */
    OC_M_OUTBOX_PUBLISHED,    /* counter: events acknowledged by Kafka */
    OC_M_OUTBOX_FAILED,       /* counter: delivery failures (the row is retried) */
    OC_M_OUTBOX_RELAY_LEADER, /* gauge: 1 while this instance's relay holds the leader lock */
    OC_M_EVENTS_CONSUMED,     /* counter: type, outcome */
    OC_M_CONSUMER_LAG,        /* gauge: topic */
    OC_M_WEBHOOK_ATTEMPTS,    /* counter: outcome (delivered, retry, dead); notification only */
    OC_M_METRIC_COUNT
};

/* Ends a label list (a typed null pointer, as variadic arguments need). */
#define OC_M_END ((const char *)NULL)

/*
 * Adds delta to a counter or gauge. Labels: name, value pairs ended by OC_M_END; their
 * values must come from a bounded set (never raw outside input). A new series beyond the
 * table's 1024 is not kept but counted, as ocop_metrics_series_dropped_total.
 */
void oc_metrics_add(enum oc_metric m, double delta, ...);

/* Sets a gauge. Labels as for oc_metrics_add. */
void oc_metrics_set(enum oc_metric m, double value, ...);

/* Records one observation (seconds) in a histogram. Labels as for oc_metrics_add. */
void oc_metrics_observe(enum oc_metric m, double value, ...);

/* Returns the text exposition (caller frees). */
char *oc_metrics_render(void);

/* Forgets every series (tests and shutdown). */
void oc_metrics_reset(void);

#endif
