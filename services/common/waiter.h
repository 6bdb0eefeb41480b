/*
 * A worker thread's sleep that other threads can cut short: stopped for
 * good (shutdown), or kicked (new work was committed). A kick is never lost:
 * each sleeper remembers the kicks it has seen, so one that comes while the
 * thread is busy ends its next sleep at once.
 */
#ifndef OC_WAITER_H
#define OC_WAITER_H

#include <pthread.h>

struct oc_waiter {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int stop;            /* 1 once stopped */
    unsigned long kicks; /* kicks so far */
};

void oc_waiter_init(struct oc_waiter *w);
void oc_waiter_destroy(struct oc_waiter *w);

/*
 * Sleeps up to ms, or until stopped, or until a kick this sleeper has not
 * seen (*seen, its own count; start it at 0). Returns 1 once stopped.
 */
int oc_waiter_wait(struct oc_waiter *w, int ms, unsigned long *seen);

/* Wakes every sleeper (and the next sleep of a thread that is busy now). */
void oc_waiter_kick(struct oc_waiter *w);

/* Wakes every sleeper for good: every wait from now returns 1. */
void oc_waiter_stop(struct oc_waiter *w);

#endif
