/*
 * ocopctl rebuild: a read model rebuilt from the topics it is fed by, while
 * its service keeps consuming. Supported: notification's "read-model"
 * (producers, products, certificates; schemas/sql/notification/0001_read_model.sql).
 *
 * 1. Empty copies of the tables are made as temporary tables of the same
 *    names (CREATE TEMP TABLE x (LIKE x INCLUDING ALL)). While this session's
 *    search_path puts pg_temp first, the service's own handler (rm_store_apply,
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

#define MAX_HEADERS     32
#define REPLAY_MS       120000 /* the longest a replay may take */
#define LOCK_TRIES      150    /* tries to lock the tables, lock_timeout each */
#define LOCK_TIMEOUT_MS "200ms"

/* A read model ocopctl can rebuild: its statements, constant text on its tables' names. */
struct model {
    const char *service;    /* whose */
    const char *name;       /* --model */
    const char *sources[4]; /* the services whose events feed it, NULL-terminated */
    const char *copy[4];    /* make the empty copies (live tables first), NULL-terminated */
    const char *lock;       /* lock the live tables against writers (live tables first) */
    const char *swap[8];    /* the live rows replaced by the copies' (live tables first) */
    const char *count;      /* rows in the copies */
    enum oc_err (*apply)(PGconn *conn, const struct oc_event_in *ev, char *err, size_t errlen);
};

/* clang-format off */
static const struct model models[] = {
    {"notification", "read-model",
     {"registration", "evaluation", "promotion", NULL},
     {"CREATE TEMP TABLE producers (LIKE producers INCLUDING ALL)",
      "CREATE TEMP TABLE products (LIKE products INCLUDING ALL)",
      "CREATE TEMP TABLE certificates (LIKE certificates INCLUDING ALL)", NULL},
     "LOCK TABLE producers, products, certificates IN SHARE ROW EXCLUSIVE MODE",
     {/* a certificate the rebuild finds unchanged keeps its updated_at */
      "UPDATE pg_temp.certificates n SET updated_at = o.updated_at FROM certificates o"
      " WHERE o.certificate_id = n.certificate_id AND o.version = n.version",
      "DELETE FROM producers", "INSERT INTO producers SELECT * FROM pg_temp.producers",
      "DELETE FROM products", "INSERT INTO products SELECT * FROM pg_temp.products",
      "DELETE FROM certificates", "INSERT INTO certificates SELECT * FROM pg_temp.certificates",
      NULL},
     "SELECT (SELECT count(*) FROM pg_temp.producers) + (SELECT count(*) FROM pg_temp.products)"
     " + (SELECT count(*) FROM pg_temp.certificates)",
     rm_store_apply},
};

static const char SQL_DEAD[] =
    "SELECT 1 FROM inbox WHERE event_id = $1 AND outcome = 'dead_lettered'";
/* The copies first (pg_temp before the schema), or the live tables first (pg_temp last). */
static const char SQL_COPIES_FIRST[] =
    "SELECT set_config('search_path', 'pg_temp, ' || $1 || ', public', false)";
static const char SQL_LIVE_FIRST[] =
    "SELECT set_config('search_path', $1 || ', public, pg_temp', false)";
/* clang-format on */

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

static int dead_lettered(struct ctl *c, const char *id)
{
    const char *params[] = {id};
    PGresult *res = ctl_sql(c, SQL_DEAD, 1, params);
    int dead = res != NULL && PQntuples(res) > 0;
    PQclear(res);
    return dead;
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
    if (untrusted(r->c, rd_kafka_topic_name(msg->rkt), &ev) != NULL || dead_lettered(r->c, ev.id)) {
        r->skipped++;
    } else if (ctl_sql_do(r->c, "SAVEPOINT ev", 0, NULL) != 0) {
        rc = -1;
    } else if (r->m->apply(r->c->conn, &ev, err, sizeof(err)) == OC_OK) {
        r->applied++;
        rc = ctl_sql_do(r->c, "RELEASE SAVEPOINT ev", 0, NULL);
    } else {
        r->skipped++;
        rc = ctl_sql_do(r->c, "ROLLBACK TO SAVEPOINT ev", 0, NULL);
    }
    oc_event_clean(&ev);
    return rc;
}

/* Points unqualified names at the copies (copies = 1) or at the live tables (0). */
static int path(struct ctl *c, int copies)
{
    const char *params[] = {c->cfg.db_schema};
    return ctl_sql_do(c, copies ? SQL_COPIES_FIRST : SQL_LIVE_FIRST, 1, params);
}

/* Runs a NULL-terminated list of statements; 0 or -1 (reported). */
static int run_all(struct ctl *c, const char *const *sql)
{
    for (int i = 0; sql[i] != NULL; i++)
        if (ctl_sql_do(c, sql[i], 0, NULL) != 0)
            return -1;
    return 0;
}

/*
 * Opens a transaction holding the live tables locked against writers, retrying a short
 * lock_timeout so the service's consumer never waits on us long enough to deadlock. 0 or -1.
 */
static int lock_tables(struct ctl *c, const struct model *m)
{
    for (int i = 0; i < LOCK_TRIES; i++) {
        if (ctl_sql_do(c, "BEGIN", 0, NULL) != 0 || path(c, 0) != 0 ||
            ctl_sql_do(c, "SET LOCAL lock_timeout = '" LOCK_TIMEOUT_MS "'", 0, NULL) != 0)
            return -1;
        PGresult *res = PQexecParams(c->conn, m->lock, 0, NULL, NULL, NULL, NULL, 0);
        int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        PQclear(res);
        ctl_sql_do(c, ok ? "SET LOCAL lock_timeout = 0" : "ROLLBACK", 0, NULL);
        if (ok)
            return 0;
        oc_sleep_ms(50);
    }
    fprintf(stderr, "ocopctl: could not lock the read model's tables\n");
    return -1;
}

static long long rows_of(struct ctl *c, const struct model *m)
{
    PGresult *res = ctl_sql(c, m->count, 0, NULL);
    long long n = res != NULL ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : -1;
    PQclear(res);
    return n;
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
    if (path(c, 0) != 0 || run_all(c, m->copy) != 0)
        return CTL_ERROR;
    h1 = ctl_watermarks(rk, names, nt, &low);
    if (h1 == NULL)
        goto out;
    from = rd_kafka_topic_partition_list_copy(h1);
    for (int i = 0; i < from->cnt; i++)
        from->elems[i].offset = low[i];
    /* 2. From the start to H1, into the copies. */
    if (path(c, 1) != 0 || ctl_sql_do(c, "BEGIN", 0, NULL) != 0 ||
        ctl_replay(rk, from, h1, REPLAY_MS, on_record, &r) != 0 ||
        ctl_sql_do(c, "COMMIT", 0, NULL) != 0)
        goto out;
    long long first = r.applied;
    pause_for_tests();
    /* 3. Locked: from H1 to H2 into the copies, then the swap. */
    if (lock_tables(c, m) != 0)
        goto out;
    h2 = ctl_watermarks(rk, names, nt, NULL);
    snprintf(object, sizeof(object), "%s.%s", m->service, m->name);
    if (h2 == NULL || path(c, 1) != 0 || ctl_replay(rk, h1, h2, REPLAY_MS, on_record, &r) != 0 ||
        path(c, 0) != 0 || run_all(c, m->swap) != 0 ||
        ctl_record(c, "rebuild", object, NULL, 0, 200) != 0 ||
        ctl_sql_do(c, "COMMIT", 0, NULL) != 0)
        goto out;
    long long rows = rows_of(c, m);
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
        ctl_sql_do(c, "ROLLBACK", 0, NULL);
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
