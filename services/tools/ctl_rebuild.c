/*
 * ocopctl rebuild: a read model rebuilt from the topics it is fed by, while
 * its service keeps consuming. Supported: notification's "read-model"
 * (producers, products, certificates; schemas/sql/notification/0001_read_model.sql).
 *
 * 1. Empty copies of the tables are made as temporary tables of the same
 *    names (CREATE TEMP TABLE x (LIKE x INCLUDING ALL)). While this session's
 *    search_path puts pg_temp first, the service's own handler (read_model_store_apply,
 *    the code its consumer runs) writes to them unchanged; while it puts
 *    pg_temp last, the same names are the live tables. All SQL is constant
 *    text.
 * 2. The source topics are replayed from their start up to the high
 *    watermarks taken at the start (H1), by an ephemeral consumer (no group,
 *    nothing committed). An event is skipped as the service would skip it: not
 *    from its owner's topic and source, not an event, or recorded in the inbox
 *    as dead-lettered; one the handler refuses is rolled back alone (savepoint).
 * 3. Swap, in one transaction: the tables are locked against writers (SHARE ROW
 *    EXCLUSIVE, the lock the service's consumer waits on when it writes them;
 *    readers go on), with a short lock_timeout retried so a consumer
 *    transaction never deadlocks with us. Holding the lock, the watermarks are
 *    taken again (H2) and the records from H1 to H2 applied to the copies too,
 *    so everything the service had applied before the lock is in them. Then
 *    the live tables' rows are replaced by the copies' (DELETE and INSERT:
 *    table identity, grants, indexes and constraint names stay what the
 *    migrations made), the action recorded and audited, and committed.
 *
 * Nothing the service applied meanwhile is lost: every record it applied
 * before the lock lies below H2 and is in the copy; after the commit it goes on
 * from its own position, and a record below H2 it applies again changes
 * nothing, because the model keeps each row's version and ignores an event
 * that is not newer (the upserts' WHERE version < EXCLUDED.version).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/event.h"
#include "common/kafka.h"
#include "common/timeutil.h"
#include "notification/read_model_store.h"
#include "tools/ctl.h"
#include "tools/ctl_store.h"

#define MAX_HEADERS 32
#define REPLAY_MS   120000 /* the longest a replay may take */
#define LOCK_TRIES  150    /* tries to lock the tables, lock_timeout (200 ms) each */

/* A read model ocopctl can rebuild: its statements, constant text on its tables' names. */
struct model {
    const char *service;             /* whose */
    const char *name;                /* --model */
    const char *sources[4];          /* the services whose events feed it, NULL-terminated */
    const struct ctl_model_sql *sql; /* its statements (ctl_store.c) */
    enum oc_err (*apply)(PGconn *conn, const struct oc_event_in *ev, char *err, size_t errlen);
};

static const struct model models[] = {
    {"notification",
     "read-model",
     {"registration", "evaluation", "promotion", NULL},
     &ctl_store_notification_read_model,
     read_model_store_apply},
};

/* One replay's state. */
struct replay {
    struct ctl *c;         /* the run */
    const struct model *m; /* the model */
    long long applied;     /* events applied to the copies */
    long long skipped;     /* events skipped or refused */
};

/* NULL when the service would apply an event from topic, else why not. */
static const char *untrusted(const struct ctl *c, const char *topic, const struct oc_event_in *ev)
{
    char owner[64], expect[256], source[80];
    const char *start = strncmp(ev->type, "ocop.", 5) == 0 ? ev->type + 5 : NULL;
    size_t n = start ? strcspn(start, ".") : 0;
    if (start == NULL || n == 0 || n >= sizeof(owner) || start[n] != '.')
        return "no owner";
    memcpy(owner, start, n);
    owner[n] = '\0';
    oc_config_topic(&c->cfg, owner, "events", expect, sizeof(expect));
    snprintf(source, sizeof(source), "/ocop/%s", owner);
    return strcmp(topic, expect) != 0 || strcmp(ev->source, source) != 0 ? "not its owner's" : NULL;
}

/* Applies one record to the copies, alone under a savepoint. */
static int on_record(const rd_kafka_message_t *msg, void *ctx)
{
    struct replay *r = ctx;
    struct oc_event_header hdr[MAX_HEADERS];
    struct oc_event_in ev;
    char err[512];
    size_t n = oc_kafka_headers(msg, hdr, MAX_HEADERS);
    if (oc_event_parse(&ev, hdr, n, msg->payload, msg->len, err, sizeof(err)) != OC_OK) {
        r->skipped++;
        return 0;
    }
    int rc = 0;
    if (untrusted(r->c, rd_kafka_topic_name(msg->rkt), &ev) != NULL ||
        ctl_store_dead_lettered(r->c->conn, ev.id)) {
        r->skipped++;
    } else if (ctl_store_step(r->c->conn, CTL_SAVEPOINT) != 0) {
        rc = -1;
    } else if (r->m->apply(r->c->conn, &ev, err, sizeof(err)) == OC_OK) {
        r->applied++;
        rc = ctl_store_step(r->c->conn, CTL_SAVEPOINT_RELEASE);
    } else {
        r->skipped++;
        rc = ctl_store_step(r->c->conn, CTL_SAVEPOINT_UNDO);
    }
    oc_event_clean(&ev);
    return rc;
}

/* Points unqualified names at the copies (copies = 1) or at the live tables (0). */
static int path(struct ctl *c, int copies)
{
    return ctl_store_path(c->conn, c->cfg.db_schema, copies);
}

/*
 * Opens a transaction holding the live tables locked against writers, retrying a short
 * lock_timeout so the service's consumer never waits on us long enough to deadlock. 0 or -1.
 */
static int lock_tables(struct ctl *c, const struct model *m)
{
    for (int i = 0; i < LOCK_TRIES; i++) {
        if (ctl_store_step(c->conn, CTL_BEGIN) != 0 || path(c, 0) != 0 ||
            ctl_store_step(c->conn, CTL_LOCK_TIMEOUT_SHORT) != 0)
            return -1;
        int ok = ctl_store_tables_lock(c->conn, m->sql);
        ctl_store_step(c->conn, ok ? CTL_LOCK_TIMEOUT_OFF : CTL_ROLLBACK);
        if (ok)
            return 0;
        oc_sleep_ms(50);
    }
    fprintf(stderr, "ocopctl: could not lock the read model's tables\n");
    return -1;
}

/*
 * OCOPCTL_TEST_PAUSE_MS (at most 60000): a wait between the replay and the swap, so a test
 * can make the service apply events the replay has not read and prove the catch-up keeps them.
 */
static void pause_for_tests(void)
{
    const char *env = getenv("OCOPCTL_TEST_PAUSE_MS");
    long ms = env != NULL ? strtol(env, NULL, 10) : 0;
    if (ms > 0 && ms <= 60000)
        oc_sleep_ms(ms);
}

static int rebuild(struct ctl *c, const struct model *m, rd_kafka_t *rk)
{
    char topics[4][256], object[128];
    const char *names[4];
    int nt = 0;
    int64_t *low = NULL;
    struct replay r = {.c = c, .m = m};
    rd_kafka_topic_partition_list_t *from = NULL, *h1 = NULL, *h2 = NULL;
    int rc = CTL_ERROR;
    for (; m->sources[nt] != NULL; nt++) {
        oc_config_topic(&c->cfg, m->sources[nt], "events", topics[nt], sizeof(topics[nt]));
        names[nt] = topics[nt];
    }
    if (path(c, 0) != 0 || ctl_store_copies_make(c->conn, m->sql) != 0)
        return CTL_ERROR;
    h1 = ctl_watermarks(rk, names, nt, &low);
    if (h1 == NULL)
        goto out;
    from = rd_kafka_topic_partition_list_copy(h1);
    for (int i = 0; i < from->cnt; i++)
        from->elems[i].offset = low[i];
    /* 2. From the start to H1, into the copies. */
    if (path(c, 1) != 0 || ctl_store_step(c->conn, CTL_BEGIN) != 0 ||
        ctl_replay(rk, from, h1, REPLAY_MS, on_record, &r) != 0 ||
        ctl_store_step(c->conn, CTL_COMMIT) != 0)
        goto out;
    long long first = r.applied;
    pause_for_tests();
    /* 3. Locked: from H1 to H2 into the copies, then the swap. */
    if (lock_tables(c, m) != 0)
        goto out;
    h2 = ctl_watermarks(rk, names, nt, NULL);
    snprintf(object, sizeof(object), "%s.%s", m->service, m->name);
    if (h2 == NULL || path(c, 1) != 0 || ctl_replay(rk, h1, h2, REPLAY_MS, on_record, &r) != 0 ||
        path(c, 0) != 0 || ctl_store_swap(c->conn, m->sql) != 0 ||
        ctl_record(c, "rebuild", object, NULL, 0, 200) != 0 ||
        ctl_store_step(c->conn, CTL_COMMIT) != 0)
        goto out;
    long long rows = ctl_store_copies_rows(c->conn, m->sql);
    if (c->args->json)
        ctl_print_json(json_pack(
            "{s:s,s:s,s:I,s:I,s:I,s:I}", "service", m->service, "model", m->name, "events_applied",
            (json_int_t)first, "events_applied_under_lock", (json_int_t)(r.applied - first),
            "events_skipped", (json_int_t)r.skipped, "rows", (json_int_t)rows));
    else
        printf("rebuilt %s's %s: %lld events replayed (%lld of them while the tables were "
               "locked), %lld skipped, %lld rows swapped in\n",
               m->service, m->name, r.applied, r.applied - first, r.skipped, rows);
    rc = CTL_OK;
out:
    if (rc != CTL_OK)
        ctl_store_step(c->conn, CTL_ROLLBACK);
    free(low);
    if (from != NULL)
        rd_kafka_topic_partition_list_destroy(from);
    if (h1 != NULL)
        rd_kafka_topic_partition_list_destroy(h1);
    if (h2 != NULL)
        rd_kafka_topic_partition_list_destroy(h2);
    return rc;
}

int ctl_rebuild(struct ctl *c)
{
    char group[64];
    const struct model *m = NULL;
    for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++)
        if (strcmp(models[i].service, c->args->service) == 0 &&
            strcmp(models[i].name, c->args->model) == 0)
            m = &models[i];
    if (m == NULL) {
        fprintf(stderr,
                "ocopctl: no read model \"%s\" of %s to rebuild (there is: notification's "
                "read-model)\n",
                c->args->model, c->args->service);
        return CTL_ERROR;
    }
    snprintf(group, sizeof(group), "ocopctl-%d", (int)getpid());
    rd_kafka_t *rk = ctl_consumer_new(c, group);
    if (rk == NULL)
        return CTL_ERROR;
    int rc = rebuild(c, m, rk);
    ctl_consumer_free(rk);
    return rc;
}
