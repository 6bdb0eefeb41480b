/*
 * Readiness worked out in the background: a thread checks the database and
 * Kafka twice a second (each check may take up to its timeout while a
 * dependency is away) and keeps the answers, so GET /ready only reads them
 * and never holds an HTTP worker behind a metadata request or a connect.
 */
#ifndef OC_READINESS_H
#define OC_READINESS_H

#include <pthread.h>
#include <stdatomic.h>

struct oc_db_pool;
struct oc_relay;
struct oc_consumer;

struct oc_readiness {
    struct oc_db_pool *pool;                /* borrowed */
    struct oc_relay *relay;                 /* borrowed */
    _Atomic(struct oc_consumer *) consumer; /* borrowed, set once it runs; NULL: none */
    atomic_int database;                    /* 1 when the last database check succeeded */
    atomic_int kafka;                       /* 1 when the last Kafka check succeeded */
    atomic_int dead_letter;                 /* 0 while the consumer cannot write a dead letter */
    atomic_int stop;                        /* set by oc_readiness_stop */
    pthread_t thread;                       /* the checking thread */
    int started;                            /* 1 once the thread runs */
};

/* Checks once at once, then starts the thread. r is zeroed but for pool and relay. */
int oc_readiness_start(struct oc_readiness *r);

/* Stops the thread (at most one check's time). */
void oc_readiness_stop(struct oc_readiness *r);

#endif
