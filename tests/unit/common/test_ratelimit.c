/* oc_ratelimit: token buckets per key, driven by a made-up monotonic clock. */
#include <stdio.h>
#include <string.h>

#include "common/ratelimit.h"
#include "unit/test.h"

#define S 1000000LL /* microseconds in a second */

static int take(struct oc_ratelimit *rl, const char *key, long long now_us)
{
    return oc_ratelimit_take(rl, key, strlen(key), now_us);
}

/* A burst is served, the next request waits for one token, which comes back at the rate. */
static void test_bucket(void)
{
    struct oc_ratelimit *rl = oc_ratelimit_new(2, 5, 64);
    long long t = 10 * S;
    for (int i = 0; i < 5; i++)
        CHECK_INT_EQ(take(rl, "alice", t), 0);
    CHECK_INT_EQ(take(rl, "alice", t), 1); /* half a second to the next token: Retry-After 1 */
    CHECK_INT_EQ(take(rl, "bob", t), 0);   /* another key has its own bucket */
    CHECK_INT_EQ(take(rl, "alice", t + S / 2), 0);
    CHECK_INT_EQ(take(rl, "alice", t + S / 2), 1);
    /* Ten idle seconds refill no more than the burst. */
    for (int i = 0; i < 5; i++)
        CHECK_INT_EQ(take(rl, "alice", t + 11 * S), 0);
    CHECK_INT_EQ(take(rl, "alice", t + 11 * S), 1);
    oc_ratelimit_free(rl);
}

/* A slow rate asks for the whole seconds until the next token. */
static void test_retry_after(void)
{
    struct oc_ratelimit *rl = oc_ratelimit_new(1, 1, 64);
    CHECK_INT_EQ(take(rl, "k", S), 0);
    CHECK_INT_EQ(take(rl, "k", S), 1);
    oc_ratelimit_free(rl);
    /* Rate 0 is no limit at all. */
    CHECK(oc_ratelimit_new(0, 10, 64) == NULL);
    CHECK_INT_EQ(oc_ratelimit_take(NULL, "k", 1, S), 0);
    oc_ratelimit_free(NULL);
}

/* Far more callers than buckets: memory is fixed, and an evicted caller starts afresh. */
static void test_bounded(void)
{
    struct oc_ratelimit *rl = oc_ratelimit_new(1, 1, 64);
    char key[32];
    int refused = 0;
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof(key), "caller-%d", i);
        refused += take(rl, key, S + i) > 0;
    }
    CHECK_INT_EQ(refused, 0);
    CHECK_INT_EQ(take(rl, "caller-99999", S + 100000), 1); /* the latest is still kept */
    oc_ratelimit_free(rl);
}

int main(void)
{
    test_bucket();
    test_retry_after();
    test_bounded();
    TEST_DONE();
}
