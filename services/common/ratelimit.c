#include "common/ratelimit.h"

#include <pthread.h>
#include <stdlib.h>

#include "common/alloc.h"

#define PROBE 8 /* slots a key may take, from its hash on */

/* One caller's bucket. */
struct bucket {
    uint64_t key;    /* hash of the caller's key; 0 when the slot is free */
    double tokens;   /* tokens left at last_us */
    int64_t last_us; /* when tokens was computed (monotonic microseconds) */
};

struct oc_ratelimit {
    pthread_mutex_t lock;   /* guards buckets */
    double rate;            /* tokens added a second */
    double burst;           /* most tokens a bucket holds */
    size_t mask;            /* buckets - 1 (a power of two) */
    struct bucket *buckets; /* the table */
};

/* FNV-1a, 64 bits; never 0 (0 marks a free slot). */
static uint64_t key_hash(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

struct oc_ratelimit *oc_ratelimit_new(int rate, int burst, size_t nbuckets)
{
    if (rate <= 0)
        return NULL;
    size_t n = 64;
    while (n < nbuckets)
        n *= 2;
    struct oc_ratelimit *rl = oc_xcalloc(1, sizeof(*rl));
    pthread_mutex_init(&rl->lock, NULL);
    rl->rate = rate;
    rl->burst = burst > 0 ? burst : 1;
    rl->mask = n - 1;
    rl->buckets = oc_xcalloc(n, sizeof(struct bucket));
    return rl;
}

void oc_ratelimit_free(struct oc_ratelimit *rl)
{
    if (rl == NULL)
        return;
    pthread_mutex_destroy(&rl->lock);
    free(rl->buckets);
    free(rl);
}

/* The key's bucket: its own, else a free slot, else the least recently used of its probe. */
static struct bucket *bucket_find(struct oc_ratelimit *rl, uint64_t h)
{
    struct bucket *victim = NULL;
    for (size_t i = 0; i < PROBE; i++) {
        struct bucket *b = &rl->buckets[(h + i) & rl->mask];
        if (b->key == h)
            return b;
        int free_slot = b->key == 0, victim_free = victim != NULL && victim->key == 0;
        if (victim == NULL || (free_slot && !victim_free) ||
            (!free_slot && !victim_free && b->last_us < victim->last_us))
            victim = b;
    }
    victim->key = h;
    victim->tokens = rl->burst;
    victim->last_us = 0;
    return victim;
}

int oc_ratelimit_take(struct oc_ratelimit *rl, const void *key, size_t len, int64_t now_us)
{
    if (rl == NULL)
        return 0;
    uint64_t h = key_hash(key, len);
    int wait = 0;
    pthread_mutex_lock(&rl->lock);
    struct bucket *b = bucket_find(rl, h);
    if (b->last_us != 0 && now_us > b->last_us)
        b->tokens += (double)(now_us - b->last_us) / 1e6 * rl->rate;
    if (b->tokens > rl->burst)
        b->tokens = rl->burst;
    b->last_us = now_us;
    if (b->tokens >= 1.0) {
        b->tokens -= 1.0;
    } else {
        double secs = (1.0 - b->tokens) / rl->rate;
        wait = (int)secs;
        if ((double)wait < secs)
            wait++;
        if (wait < 1)
            wait = 1;
    }
    pthread_mutex_unlock(&rl->lock);
    return wait;
}
