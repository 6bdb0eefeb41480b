#include "common/readiness.h"

#include "common/consumer.h"
#include "common/db.h"
#include "common/relay.h"
#include "common/timeutil.h"

#define READINESS_EVERY_MS 500

static void readiness_check(struct oc_readiness *r)
{
    atomic_store(&r->database, oc_db_ping(r->pool));
    atomic_store(&r->kafka, oc_relay_kafka_ok(r->relay));
    struct oc_consumer *consumer = atomic_load(&r->consumer);
    atomic_store(&r->dead_letter, consumer == NULL || oc_consumer_dead_letter_ok(consumer));
}

static void *readiness_main(void *arg)
{
    struct oc_readiness *r = arg;
    while (!atomic_load(&r->stop)) {
        int64_t next = oc_mono_ms() + READINESS_EVERY_MS;
        while (!atomic_load(&r->stop) && oc_mono_ms() < next)
            oc_sleep_ms(50);
        if (!atomic_load(&r->stop))
            readiness_check(r);
    }
    return NULL;
}

int oc_readiness_start(struct oc_readiness *r)
{
    readiness_check(r);
    if (pthread_create(&r->thread, NULL, readiness_main, r) != 0)
        return -1;
    r->started = 1;
    return 0;
}

void oc_readiness_stop(struct oc_readiness *r)
{
    if (!r->started)
        return;
    atomic_store(&r->stop, 1);
    pthread_join(r->thread, NULL);
    r->started = 0;
}
