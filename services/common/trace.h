/*
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): the traceparent
 * header "00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>", parsed,
 * formatted, continued with a new span id at each hop, and the thread's
 * current context, which log lines (common/log.h) and outbox rows
 * (common/outbox.h) carry. The dispatcher sets it for a request, the consumer
 * for an event, the schedulers for a run; each clears it after.
 *
 * Span ids and new trace ids come from gnutls_rnd (GNUTLS_RND_NONCE: a
 * per-thread generator, no system call once seeded).
 */
#ifndef OC_TRACE_H
#define OC_TRACE_H

#include <stddef.h>

/* Bytes of a traceparent header value, without the terminating NUL. */
#define OC_TRACE_HEADER_LEN 55

/* One span's context. */
struct oc_trace {
    char trace_id[33]; /* 32 lower-case hex digits, not all zero */
    char span_id[17];  /* 16 lower-case hex digits, not all zero: this span */
    char flags[3];     /* 2 lower-case hex digits, "01" when sampled */
};

/*
 * Parses a traceparent header value into *out: any version but "ff" whose
 * first 55 characters have the layout of version 00 (a version 00 value must
 * be exactly that long), lower-case hex, neither id all zero. Returns 1, or 0
 * when text is NULL or malformed (*out untouched).
 */
int oc_trace_parse(const char *text, struct oc_trace *out);

/* Writes t as a version 00 traceparent into buf (at least OC_TRACE_HEADER_LEN + 1 bytes). */
void oc_trace_format(const struct oc_trace *t, char *buf, size_t len);

/* Starts a new trace into *out: a random trace id and span id, flags "01". */
void oc_trace_new(struct oc_trace *out);

/* Writes into *out a child of parent: the same trace id and flags, a new span id. */
void oc_trace_child(const struct oc_trace *parent, struct oc_trace *out);

/*
 * Continues what came in: a child of the context in header (a request's or
 * an event's traceparent; may be NULL) when it is well-formed, else a new
 * trace (a malformed one is never propagated).
 */
void oc_trace_continue(const char *header, struct oc_trace *out);

/* Makes a copy of t (NULL clears) this thread's current context. */
void oc_trace_set(const struct oc_trace *t);

/* This thread's current context, or NULL; valid until the thread sets another. */
const struct oc_trace *oc_trace_current(void);

/*
 * The traceparent an outbox row stores (buf at least OC_TRACE_HEADER_LEN + 1
 * bytes): a child span of the thread's current context, else of given when it
 * is well-formed, else of a new trace. Never empty.
 */
void oc_trace_outbox(const char *given, char *buf, size_t len);

#endif
