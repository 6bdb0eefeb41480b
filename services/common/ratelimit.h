/*
 * Token buckets by caller: one bucket per key (a client address, a token's
 * subject) holding up to burst tokens, refilled at rate tokens a second; a
 * request takes one token or is refused with the seconds until one is back.
 * The table has a fixed number of buckets, so memory stays bounded whatever
 * the number of callers: a new key takes an empty slot or the least recently
 * used one near it (that caller's next request starts with a full bucket).
 * Thread-safe. Pure C: neither sockets nor libraries, so a unit test drives it
 * with its own clock.
 */
#ifndef OC_RATELIMIT_H
#define OC_RATELIMIT_H

#include <stddef.h>
#include <stdint.h>

struct oc_ratelimit;

/*
 * A table of nbuckets buckets (rounded up to a power of two, at least 64) of
 * burst tokens refilled at rate a second. Returns NULL when rate is 0 (no
 * limit). Caller owns; oc_ratelimit_free releases.
 */
struct oc_ratelimit *oc_ratelimit_new(int rate, int burst, size_t nbuckets);

/* Frees rl; NULL is a no-op. */
void oc_ratelimit_free(struct oc_ratelimit *rl);

/*
 * Takes one token from the bucket of the len bytes at key at the monotonic
 * time now_us. Returns 0 when the request may go on; otherwise the whole
 * seconds (at least 1) until the bucket holds a token again, for Retry-After.
 * A NULL rl never refuses.
 */
int oc_ratelimit_take(struct oc_ratelimit *rl, const void *key, size_t len, int64_t now_us);

#endif
