/*
 * What every libFuzzer harness of tests/fuzz shares: the entry points
 * libFuzzer calls, and small helpers that turn the fuzzer's bytes into what
 * a parser takes (a C string, a JSON body as oc_http_body would load it, a
 * list of pieces split at a separator byte). Nothing here needs PostgreSQL or
 * Kafka: the harnesses reach the pure parsing functions only.
 */
#ifndef OCOP_FUZZ_H
#define OCOP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "common/validate.h"

/* libFuzzer's entry points (declared here for -Wmissing-prototypes). fuzz.c defines a weak
 * LLVMFuzzerInitialize that quiets the logs; a harness may define its own. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A NUL-terminated copy of data (caller frees); a NUL inside cuts the string short. */
char *fuzz_cstr(const uint8_t *data, size_t size);

/*
 * data as a request body: the JSON value oc_http_body would accept
 * (duplicates rejected), or NULL when it is malformed. Caller owns.
 */
json_t *fuzz_json(const uint8_t *data, size_t size);

/*
 * The input's first byte as a choice (*pick) and the rest as a body (fuzz_json): NULL when
 * there is no rest, it is not JSON, or, with object set, not a JSON object. Caller owns.
 */
json_t *fuzz_pick_json(const uint8_t *data, size_t size, int object, unsigned *pick);

/* Runs the body parser of parsers[n] that the input's first byte picks on the rest as a body. */
void fuzz_body_parsers(const uint8_t *data, size_t size, int (*const parsers[])(struct oc_v *v),
                       size_t n);

/* Pieces of the input cut at sep (at most max; the last piece keeps the rest). */
struct fuzz_parts {
    char *buf;         /* the input with each sep replaced by NUL (owned) */
    const char *p[16]; /* the pieces, borrowed from buf; missing ones are "" */
    size_t n;          /* pieces found */
};

/* Splits data at sep into at most max (<= 16) pieces. Free with fuzz_parts_clean. */
void fuzz_parts_split(struct fuzz_parts *parts, const uint8_t *data, size_t size, char sep,
                      size_t max);
void fuzz_parts_clean(struct fuzz_parts *parts);

/* Silences the services' log lines (errors only), so libFuzzer's output stays readable. */
void fuzz_quiet(void);

#endif
