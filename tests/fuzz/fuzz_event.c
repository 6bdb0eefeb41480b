/*
 * The CloudEvents envelope of a consumed Kafka record (oc_event_parse), then
 * its ce_time and traceparent as the consumer reads them. The first byte says
 * which headers the record carries (one bit per name of the table below; the
 * last bit repeats ce_id, as Kafka allows, the last one winning); then come
 * one line per header present, in table order; the rest is the record value.
 * An empty line is a header with no value (a NULL pointer in librdkafka).
 */
#include <string.h>

#include "common/event.h"
#include "fuzz/fuzz.h"

static const char *const names[] = {"ce_specversion", "ce_id",      "ce_type",      "ce_source",
                                    "ce_time",        "ce_subject", "content-type", "ce_id"};

#define NNAMES (sizeof(names) / sizeof(names[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct oc_event_header headers[NNAMES + 1];
    struct oc_event_in ev;
    struct fuzz_parts in;
    char err[256];
    long long secs;
    if (size < 1)
        return 0;
    unsigned mask = data[0];
    size_t nheaders = 0, line = 0;
    fuzz_parts_split(&in, data + 1, size - 1, '\n', NNAMES + 2);
    for (size_t i = 0; i < NNAMES; i++) {
        if (!(mask & (1u << i)))
            continue;
        const char *value = in.p[line++];
        headers[nheaders].name = names[i];
        headers[nheaders].value = value[0] != '\0' ? value : NULL;
        headers[nheaders].len = strlen(value);
        nheaders++;
    }
    /* traceparent last: the next line, when one is left before the value */
    if (line + 1 < in.n) {
        const char *tp = in.p[line++];
        headers[nheaders].name = "traceparent";
        headers[nheaders].value = tp;
        headers[nheaders].len = strlen(tp);
        nheaders++;
    }
    /* the value: the input's bytes after the last line used, NULs included */
    size_t at = line < in.n ? (size_t)(in.p[line] - in.buf) : size - 1;
    if (oc_event_parse(&ev, headers, nheaders, data + 1 + at, size - 1 - at, err, sizeof(err)) ==
        OC_OK) {
        if (ev.time[0] != '\0')
            (void)oc_event_time_parse(ev.time, &secs);
        oc_event_clean(&ev);
    }
    /* any header value as a time and a trace context, as the consumer and the server read them */
    for (size_t i = 0; i < line && i < in.n; i++) {
        (void)oc_event_time_parse(in.p[i], &secs);
        (void)oc_event_traceparent_ok(in.p[i]);
    }
    fuzz_parts_clean(&in);
    return 0;
}
