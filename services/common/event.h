/*
 * Domain events in CloudEvents 1.0, Kafka protocol binding, binary mode: the
 * record value is the JSON data, every attribute is a "ce_" header. This module
 * knows the envelope only; it does no I/O.
 */
#ifndef OC_EVENT_H
#define OC_EVENT_H

#include <stddef.h>

#include <jansson.h>

#include "common/err.h"

#define OC_EVENT_MAX_BYTES (1 << 20)

/* One Kafka header as seen by the parser: name, value (not NUL-terminated) and length. */
struct oc_event_header {
    const char *name;  /* header name, NUL-terminated */
    const void *value; /* bytes, may be NULL */
    size_t len;        /* number of bytes */
};

/* A consumed event. Strings are owned copies; data is owned. */
struct oc_event_in {
    char id[129];         /* ce_id */
    char type[201];       /* ce_type, e.g. "ocop.registration.product.registered.v1" */
    char source[201];     /* ce_source, e.g. "/ocop/registration" */
    char subject[201];    /* ce_subject: the aggregate id ("" when absent) */
    char time[41];        /* ce_time, RFC 3339 */
    char traceparent[56]; /* W3C traceparent ("" when absent) */
    json_t *data;         /* the JSON object in the record value */
};

/*
 * Parses headers and value into ev. Returns OC_OK, or OC_INVALID with the
 * reason in err (missing or oversized attribute, wrong specversion or content
 * type, value not a JSON object). On failure ev holds nothing to free.
 */
enum oc_err oc_event_parse(struct oc_event_in *ev, const struct oc_event_header *headers,
                           size_t nheaders, const void *value, size_t len, char *err,
                           size_t errlen);

/* Frees ev->data; ev may be zeroed. */
void oc_event_clean(struct oc_event_in *ev);

/*
 * Reads an RFC 3339 date-time ("2026-12-06T05:46:00.123456Z" or with a
 * +HH:MM / -HH:MM offset) into seconds since the epoch. Returns 1, or 0 when
 * malformed.
 */
int oc_event_time_parse(const char *s, long long *secs);

/*
 * Returns 1 when s (NULL: no) is an RFC 3339 time in UTC as our relays write
 * ce_time, YYYY-MM-DDTHH:MM:SS[.fraction]Z (a day that exists, 00-23 hours,
 * 00-59 minutes, 00-60 seconds, 1-9 fraction digits, an upper-case Z): the
 * form consumers that order facts by ce_time compare.
 */
int oc_event_time_utc_ok(const char *s);

/* Returns 1 when s is a well-formed W3C traceparent header value. */
int oc_event_traceparent_ok(const char *s);

#endif
