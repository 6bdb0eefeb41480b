#include "common/event.h"

#include <stdio.h>
#include <string.h>

#include "common/date.h"

/* Where each required or optional attribute goes in struct oc_event_in. */
static const struct {
    const char *header; /* Kafka header name */
    size_t offset;      /* field in struct oc_event_in */
    size_t size;        /* field size including the NUL */
    int required;       /* 1 when the event is invalid without it */
} attr_table[] = {
    {"ce_id", offsetof(struct oc_event_in, id), sizeof(((struct oc_event_in *)0)->id), 1},
    {"ce_type", offsetof(struct oc_event_in, type), sizeof(((struct oc_event_in *)0)->type), 1},
    {"ce_source", offsetof(struct oc_event_in, source), sizeof(((struct oc_event_in *)0)->source),
     1},
    {"ce_time", offsetof(struct oc_event_in, time), sizeof(((struct oc_event_in *)0)->time), 0},
    {"ce_subject", offsetof(struct oc_event_in, subject),
     sizeof(((struct oc_event_in *)0)->subject), 0},
};

#define ATTR_COUNT (sizeof(attr_table) / sizeof(attr_table[0]))

static const struct oc_event_header *find_header(const struct oc_event_header *headers, size_t n,
                                                 const char *name)
{
    const struct oc_event_header *found = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(headers[i].name, name) == 0)
            found = &headers[i]; /* the last one wins, as in Kafka */
    return found;
}

/* A printable ASCII string of 1..max bytes without NUL. */
static int text_ok(const void *value, size_t len, size_t max)
{
    const unsigned char *p = value;
    if (value == NULL || len == 0 || len > max)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (p[i] < 0x20 || p[i] > 0x7e)
            return 0;
    return 1;
}

/* Exact match of a header value. */
static int header_is(const struct oc_event_header *h, const char *want)
{
    size_t n = strlen(want);
    return h != NULL && h->value != NULL && h->len == n && memcmp(h->value, want, n) == 0;
}

/* A media type, with or without parameters ("application/json; charset=utf-8"). */
static int media_type_is(const struct oc_event_header *h, const char *want)
{
    size_t n = strlen(want);
    return h != NULL && h->len >= n && h->value != NULL && memcmp(h->value, want, n) == 0 &&
           (h->len == n || ((const char *)h->value)[n] == ';');
}

static enum oc_err parse_attrs(struct oc_event_in *ev, const struct oc_event_header *headers,
                               size_t n, char *err, size_t errlen)
{
    if (!header_is(find_header(headers, n, "ce_specversion"), "1.0")) {
        snprintf(err, errlen, "ce_specversion must be 1.0");
        return OC_INVALID;
    }
    const struct oc_event_header *ct = find_header(headers, n, "content-type");
    if (ct != NULL && !media_type_is(ct, "application/json")) {
        snprintf(err, errlen, "content-type must be application/json");
        return OC_INVALID;
    }
    for (size_t i = 0; i < ATTR_COUNT; i++) {
        const struct oc_event_header *h = find_header(headers, n, attr_table[i].header);
        char *field = (char *)ev + attr_table[i].offset;
        if (h == NULL && !attr_table[i].required)
            continue;
        if (h == NULL || !text_ok(h->value, h->len, attr_table[i].size - 1)) {
            snprintf(err, errlen, "header %s is %s", attr_table[i].header,
                     h == NULL ? "missing" : "empty, too long or not printable ASCII");
            return OC_INVALID;
        }
        memcpy(field, h->value, h->len);
        field[h->len] = '\0';
    }
    /* A trace context is optional: one that is not well-formed is dropped, not fatal. */
    const struct oc_event_header *tp = find_header(headers, n, "traceparent");
    if (tp != NULL && text_ok(tp->value, tp->len, sizeof(ev->traceparent) - 1)) {
        memcpy(ev->traceparent, tp->value, tp->len);
        ev->traceparent[tp->len] = '\0';
        if (!oc_event_traceparent_ok(ev->traceparent))
            ev->traceparent[0] = '\0';
    }
    return OC_OK;
}

enum oc_err oc_event_parse(struct oc_event_in *ev, const struct oc_event_header *headers,
                           size_t nheaders, const void *value, size_t len, char *err, size_t errlen)
{
    json_error_t jerr;
    memset(ev, 0, sizeof(*ev));
    enum oc_err rc = parse_attrs(ev, headers, nheaders, err, errlen);
    if (rc != OC_OK)
        return rc;
    if (value == NULL || len == 0 || len > OC_EVENT_MAX_BYTES) {
        snprintf(err, errlen, "value must be 1 byte to 1 MiB of JSON");
        return OC_INVALID;
    }
    ev->data = json_loadb(value, len, JSON_REJECT_DUPLICATES, &jerr);
    if (ev->data == NULL || !json_is_object(ev->data)) {
        snprintf(err, errlen, "value is not a JSON object: %s",
                 ev->data == NULL ? jerr.text : "another JSON type");
        oc_event_clean(ev);
        return OC_INVALID;
    }
    return OC_OK;
}

void oc_event_clean(struct oc_event_in *ev)
{
    json_decref(ev->data);
    ev->data = NULL;
}

static int hex_run(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

int oc_event_traceparent_ok(const char *s)
{
    /* version "00" - 32 hex trace id - 16 hex parent id - 2 hex flags */
    return strlen(s) == 55 && s[2] == '-' && s[35] == '-' && s[52] == '-' && hex_run(s, 2) &&
           strncmp(s, "ff", 2) != 0 && hex_run(s + 3, 32) && hex_run(s + 36, 16) &&
           hex_run(s + 53, 2) && strncmp(s + 3, "00000000000000000000000000000000", 32) != 0 &&
           strncmp(s + 36, "0000000000000000", 16) != 0;
}

/* Reads n digits at s into *out. */
static int digits_at(const char *s, int n, int *out)
{
    *out = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *out = *out * 10 + (s[i] - '0');
    }
    return 1;
}

int oc_event_time_parse(const char *s, long long *secs)
{
    char day[11];
    long d;
    int h, m, sec, oh = 0, om = 0;
    if (strlen(s) < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        return 0;
    memcpy(day, s, 10);
    day[10] = '\0';
    if (!oc_date_parse(day, &d) || !digits_at(s + 11, 2, &h) || !digits_at(s + 14, 2, &m) ||
        !digits_at(s + 17, 2, &sec) || h > 23 || m > 59 || sec > 60)
        return 0;
    const char *p = s + 19;
    if (*p == '.') {
        const char *start = ++p;
        while (*p >= '0' && *p <= '9' && p - start < 9)
            p++;
        if (p == start)
            return 0;
    }
    int sign = *p == '-' ? -1 : 1;
    if (*p == 'Z' || *p == 'z')
        p++;
    else if ((*p == '+' || *p == '-') && digits_at(p + 1, 2, &oh) && p[3] == ':' &&
             digits_at(p + 4, 2, &om) && oh <= 23 && om <= 59)
        p += 6;
    else
        return 0;
    if (*p != '\0')
        return 0;
    *secs = (long long)d * 86400 + h * 3600 + m * 60 + sec - sign * (oh * 3600 + om * 60);
    return 1;
}

int oc_event_time_utc_ok(const char *s)
{
    long long secs;
    size_t n = s != NULL ? strlen(s) : 0;
    return n >= 20 && s[n - 1] == 'Z' && oc_event_time_parse(s, &secs);
}
