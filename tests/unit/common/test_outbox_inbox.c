/*
 * The outbox, the inbox and migrations against a real PostgreSQL.
 *
 * OCOP_TEST_DATABASE_URL: libpq conninfo whose search_path is a schema the role
 *   owns (e.g. "... options=-csearch_path=registration"); unset: skipped (77).
 * OCOP_TEST_MIGRATION_SET: the service whose migrations to apply ("registration").
 * OCOP_TEST_SCHEMA_DIR: the folder holding sql/ (default: the source tree's schemas/).
 *
 * The test only touches rows it created (their subject or event id carries a
 * per-run marker) and deletes them at the end, so it can share a schema and run again.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/event.h"
#include "common/inbox.h"
#include "common/migrate.h"
#include "common/outbox.h"
#include "common/trace.h"
#include "common/validate.h"
#include "unit/test.h"

#define TP   "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
#define TYPE "ocop.registration.product.registered.v1"

static char run_id[40]; /* a fresh UUID from the database: marks this run's rows */

/* Drops the server's NOTICEs ("relation already exists, skipping"). */
static void notice_ignore(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Runs a query with one text parameter and returns the first value as a number, or -1. */
static long long query_number(PGconn *conn, const char *sql, const char *param)
{
    const char *params[] = {param};
    PGresult *res = NULL;
    long long n = -1;
    if (oc_db_exec(conn, sql, param ? 1 : 0, param ? params : NULL, &res) == OC_OK &&
        PQntuples(res) == 1)
        n = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return n;
}

static long long outbox_rows(PGconn *conn, const char *subject)
{
    return query_number(conn, "SELECT count(*) FROM outbox WHERE subject = $1", subject);
}

static enum oc_err add_event(PGconn *conn, const char *subject, const char *tp, int n)
{
    static const struct oc_emitter emitter = {"ocop.registration.events", "/ocop/registration"};
    json_t *data = json_pack("{s:s,s:i,s:s}", "product_id", subject, "n", n, "name", "Mật ong");
    enum oc_err rc = oc_outbox_add(conn, &emitter, TYPE, subject, tp, data);
    json_decref(data);
    return rc;
}

/* How many migration files (.sql) the set has under <dir>/sql/<set>. */
static long long sql_files(const char *dir, const char *set)
{
    char path[1024];
    long long n = 0;
    snprintf(path, sizeof(path), "%s/sql/%s", dir, set);
    DIR *d = opendir(path);
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        n += len > 4 && strcmp(e->d_name + len - 4, ".sql") == 0;
    }
    if (d != NULL)
        closedir(d);
    return n;
}

static void test_migrate(PGconn *conn, const char *dir, const char *set)
{
    char err[512] = "";
    enum oc_err rc = oc_migrate(conn, dir, set, err, sizeof(err));
    CHECK_INT_EQ(rc, OC_OK);
    if (rc != OC_OK)
        fprintf(stderr, "    oc_migrate: %s\n", err);
    long long applied = query_number(conn, "SELECT count(*) FROM schema_migrations", NULL);
    CHECK(applied >= 2); /* common/0001 and the service's 0001 at least */
    CHECK(sql_files(dir, "common") >= 2);
    CHECK_INT_EQ(query_number(conn,
                              "SELECT count(*) FROM schema_migrations WHERE migration_set = $1",
                              "common"),
                 sql_files(dir, "common")); /* every common migration, once */
    /* a second run is a no-op */
    rc = oc_migrate(conn, dir, set, err, sizeof(err));
    CHECK_INT_EQ(rc, OC_OK);
    CHECK_INT_EQ(query_number(conn, "SELECT count(*) FROM schema_migrations", NULL), applied);
    CHECK_INT_EQ(PQtransactionStatus(conn), PQTRANS_IDLE);
    /* a missing folder is an error with a message */
    err[0] = '\0';
    CHECK_INT_EQ(oc_migrate(conn, "/nonexistent/ocop", set, err, sizeof(err)), OC_INTERNAL);
    CHECK(strstr(err, "/nonexistent/ocop") != NULL);
}

/* 1 when tp is a well-formed child of parent: the same trace id, another span id. */
static int continues(const char *tp, const char *parent)
{
    struct oc_trace child, up;
    return oc_trace_parse(tp, &child) && oc_trace_parse(parent, &up) &&
           strcmp(child.trace_id, up.trace_id) == 0 && strcmp(child.span_id, up.span_id) != 0;
}

/* 1 when tp is well-formed and of another trace than other. */
static int another_trace(const char *tp, const char *other)
{
    struct oc_trace t, o;
    return oc_trace_parse(tp, &t) && oc_trace_parse(other, &o) &&
           strcmp(t.trace_id, o.trace_id) != 0;
}

static void test_outbox_transactions(PGconn *conn)
{
    char rolled[64], committed[64];
    snprintf(rolled, sizeof(rolled), "%s-rolled-back", run_id);
    snprintf(committed, sizeof(committed), "%s-committed", run_id);

    /* added in a transaction that rolls back: nothing is left */
    CHECK_INT_EQ(oc_db_begin(conn), OC_OK);
    CHECK_INT_EQ(add_event(conn, rolled, TP, 1), OC_OK);
    CHECK_INT_EQ(outbox_rows(conn, rolled), 1); /* visible inside the transaction */
    oc_db_rollback(conn);
    CHECK_INT_EQ(outbox_rows(conn, rolled), 0);

    /* committed: one row with everything the relay needs */
    CHECK_INT_EQ(oc_db_begin(conn), OC_OK);
    CHECK_INT_EQ(add_event(conn, committed, TP, 2), OC_OK);
    CHECK_INT_EQ(oc_db_commit(conn), OC_OK);
    CHECK_INT_EQ(outbox_rows(conn, committed), 1);

    const char *params[] = {committed};
    PGresult *res = NULL;
    CHECK_INT_EQ(oc_db_exec(conn,
                            "SELECT event_id::text, topic, event_type, source, traceparent,"
                            " payload->>'name', published_at IS NULL FROM outbox"
                            " WHERE subject = $1",
                            1, params, &res),
                 OC_OK);
    int one_row = res != NULL && PQntuples(res) == 1;
    CHECK(one_row);
    if (one_row) {
        CHECK(oc_uuid_ok(PQgetvalue(res, 0, 0)));
        CHECK_STR_EQ(PQgetvalue(res, 0, 1), "ocop.registration.events");
        CHECK_STR_EQ(PQgetvalue(res, 0, 2), TYPE);
        CHECK_STR_EQ(PQgetvalue(res, 0, 3), "/ocop/registration");
        CHECK(continues(PQgetvalue(res, 0, 4), TP));
        CHECK_STR_EQ(PQgetvalue(res, 0, 5), "Mật ong");
        CHECK_STR_EQ(PQgetvalue(res, 0, 6), "t");
    }
    PQclear(res);
}

/* Checks one fetched row against what add_event(subject[i]) wrote. */
static void check_row(const struct oc_outbox_row *row, int i)
{
    CHECK_STR_EQ(row->type, TYPE);
    CHECK_STR_EQ(row->topic, "ocop.registration.events");
    CHECK_STR_EQ(row->source, "/ocop/registration");
    /* the row's span is a child of the one given, or of a new trace when none was */
    CHECK(i == 1 ? another_trace(row->traceparent, TP) : continues(row->traceparent, TP));
    CHECK(oc_uuid_ok(row->event_id));
    CHECK(strlen(row->time) == 27 && row->time[10] == 'T' && row->time[26] == 'Z');
    json_t *data = json_loadb(row->payload, row->payload_len, 0, NULL);
    CHECK_INT_EQ(json_integer_value(json_object_get(data, "n")), 10 + i);
    json_decref(data);
}

/*
 * Fetches the unpublished rows, skipping exclude, and counts in seen[i] the rows
 * whose subject is subject[i] (recording their ids). Returns 1 when in id order.
 */
static int fetch_seen(PGconn *conn, const int64_t *exclude, size_t nexclude, char subject[3][64],
                      int64_t ids[3], int seen[3])
{
    PGresult *res = NULL;
    int64_t last = 0;
    int ordered = 1;
    seen[0] = seen[1] = seen[2] = 0;
    CHECK_INT_EQ(oc_outbox_fetch(conn, exclude, nexclude, 100000, &res), OC_OK);
    for (int r = 0; res != NULL && r < PQntuples(res); r++) {
        struct oc_outbox_row row;
        oc_outbox_row_get(res, r, &row);
        ordered &= row.id > last;
        last = row.id;
        for (int i = 0; i < 3; i++) {
            if (strcmp(row.subject, subject[i]) != 0)
                continue;
            ids[i] = row.id;
            seen[i]++;
            check_row(&row, i);
        }
    }
    PQclear(res);
    return ordered;
}

static void test_outbox_fetch(PGconn *conn)
{
    char subject[3][64];
    int64_t ids[3] = {0, 0, 0};
    int seen[3];
    for (int i = 0; i < 3; i++) {
        snprintf(subject[i], sizeof(subject[i]), "%s-fetch-%d", run_id, i);
        CHECK_INT_EQ(add_event(conn, subject[i], i == 1 ? NULL : TP, 10 + i), OC_OK);
    }
    long long backlog = -1, after = -1;
    CHECK_INT_EQ(oc_outbox_backlog(conn, &backlog), OC_OK);
    CHECK(backlog >= 4); /* the committed row and the three above */

    /* no exclusions: all three, in id order */
    CHECK(fetch_seen(conn, NULL, 0, subject, ids, seen));
    CHECK(seen[0] == 1 && seen[1] == 1 && seen[2] == 1);
    CHECK(ids[0] < ids[1] && ids[1] < ids[2]);

    /* the limit bounds the rows */
    PGresult *res = NULL;
    CHECK_INT_EQ(oc_outbox_fetch(conn, NULL, 0, 2, &res), OC_OK);
    CHECK_INT_EQ(res ? PQntuples(res) : -1, 2);
    PQclear(res);

    /* excluded ids (already handed to Kafka) are skipped */
    int64_t exclude[] = {ids[0], ids[2]};
    CHECK(fetch_seen(conn, exclude, 2, subject, ids, seen));
    CHECK(seen[0] == 0 && seen[1] == 1 && seen[2] == 0);

    /* published rows leave the backlog and are fetched no more */
    CHECK_INT_EQ(oc_outbox_mark_published(conn, ids, 2), OC_OK);
    CHECK_INT_EQ(oc_outbox_backlog(conn, &after), OC_OK);
    CHECK_INT_EQ(after, backlog - 2);
    CHECK(fetch_seen(conn, NULL, 0, subject, ids, seen));
    CHECK(seen[0] == 0 && seen[1] == 0 && seen[2] == 1);

    /* marking again changes nothing; an empty list is fine */
    CHECK_INT_EQ(oc_outbox_mark_published(conn, ids, 2), OC_OK);
    CHECK_INT_EQ(oc_outbox_mark_published(conn, NULL, 0), OC_OK);
    CHECK_INT_EQ(oc_outbox_backlog(conn, &after), OC_OK);
    CHECK_INT_EQ(after, backlog - 2);
    CHECK_INT_EQ(oc_outbox_mark_published(conn, &ids[2], 1), OC_OK);
    CHECK_INT_EQ(oc_outbox_backlog(conn, &after), OC_OK);
    CHECK_INT_EQ(after, backlog - 3);
}

static struct oc_event_in event_with_id(const char *id)
{
    struct oc_event_in ev;
    memset(&ev, 0, sizeof(ev));
    snprintf(ev.id, sizeof(ev.id), "%s", id);
    snprintf(ev.type, sizeof(ev.type), "%s", TYPE);
    snprintf(ev.source, sizeof(ev.source), "%s", "/ocop/registration");
    return ev;
}

static void test_inbox(PGconn *conn)
{
    struct oc_inbox_origin origin = {"ocop.registration.events", 2, 12345678901LL};
    char id[80];
    int fresh = -1;

    snprintf(id, sizeof(id), "%s-applied", run_id);
    struct oc_event_in ev = event_with_id(id);
    CHECK_INT_EQ(oc_inbox_claim(conn, &ev, &origin, "applied", NULL, &fresh), OC_OK);
    CHECK_INT_EQ(fresh, 1);
    fresh = -1;
    CHECK_INT_EQ(oc_inbox_claim(conn, &ev, &origin, "applied", NULL, &fresh), OC_OK);
    CHECK_INT_EQ(fresh, 0); /* a redelivery */
    fresh = -1;
    CHECK_INT_EQ(oc_inbox_claim(conn, &ev, &origin, "ignored", "other outcome", &fresh), OC_OK);
    CHECK_INT_EQ(fresh, 0);
    CHECK_INT_EQ(query_number(conn,
                              "SELECT kafka_offset + kafka_partition FROM inbox"
                              " WHERE event_id = $1 AND outcome = 'applied' AND reason IS NULL",
                              id),
                 12345678903LL);

    /* a claim rolled back with its effect can be claimed again */
    snprintf(id, sizeof(id), "%s-retried", run_id);
    ev = event_with_id(id);
    CHECK_INT_EQ(oc_db_begin(conn), OC_OK);
    fresh = -1;
    CHECK_INT_EQ(oc_inbox_claim(conn, &ev, &origin, "applied", NULL, &fresh), OC_OK);
    CHECK_INT_EQ(fresh, 1);
    oc_db_rollback(conn);
    CHECK_INT_EQ(query_number(conn, "SELECT count(*) FROM inbox WHERE event_id = $1", id), 0);
    CHECK_INT_EQ(oc_db_begin(conn), OC_OK);
    fresh = -1;
    CHECK_INT_EQ(oc_inbox_claim(conn, &ev, &origin, "dead_lettered", "bad data", &fresh), OC_OK);
    CHECK_INT_EQ(fresh, 1);
    CHECK_INT_EQ(oc_db_commit(conn), OC_OK);
    fresh = -1;
    CHECK_INT_EQ(oc_inbox_claim(conn, &ev, &origin, "applied", NULL, &fresh), OC_OK);
    CHECK_INT_EQ(fresh, 0);
    CHECK_INT_EQ(query_number(conn,
                              "SELECT count(*) FROM inbox WHERE event_id = $1"
                              " AND outcome = 'dead_lettered' AND reason = 'bad data'",
                              id),
                 1);

    /* an outcome the table does not know is refused */
    snprintf(id, sizeof(id), "%s-bad-outcome", run_id);
    ev = event_with_id(id);
    fresh = -1;
    CHECK(oc_inbox_claim(conn, &ev, &origin, "maybe", NULL, &fresh) != OC_OK);
    CHECK_INT_EQ(fresh, -1);
}

static void cleanup(PGconn *conn)
{
    char pattern[64];
    snprintf(pattern, sizeof(pattern), "%s-%%", run_id);
    const char *params[] = {pattern};
    CHECK_INT_EQ(oc_db_exec(conn, "DELETE FROM outbox WHERE subject LIKE $1", 1, params, NULL),
                 OC_OK);
    CHECK_INT_EQ(oc_db_exec(conn, "DELETE FROM inbox WHERE event_id LIKE $1", 1, params, NULL),
                 OC_OK);
    CHECK_INT_EQ(query_number(conn, "SELECT count(*) FROM outbox WHERE subject LIKE $1", pattern),
                 0);
}

int main(void)
{
    const char *url = getenv("OCOP_TEST_DATABASE_URL");
    const char *set = getenv("OCOP_TEST_MIGRATION_SET");
    const char *dir = getenv("OCOP_TEST_SCHEMA_DIR");
    if (url == NULL || url[0] == '\0') {
        printf("skipped: set OCOP_TEST_DATABASE_URL to a libpq conninfo to run this test\n");
        return 77;
    }
    if (set == NULL || set[0] == '\0')
        set = "registration";
    if (dir == NULL || dir[0] == '\0')
        dir = OCOP_TEST_DEFAULT_SCHEMA_DIR;

    PGconn *conn = PQconnectdb(url);
    CHECK_INT_EQ(PQstatus(conn), CONNECTION_OK);
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "cannot connect with OCOP_TEST_DATABASE_URL: %s", PQerrorMessage(conn));
        PQfinish(conn);
        TEST_DONE();
    }
    PQsetNoticeProcessor(conn, notice_ignore, NULL);
    PGresult *res = NULL;
    if (oc_db_exec(conn, "SELECT gen_random_uuid()::text", 0, NULL, &res) == OC_OK)
        snprintf(run_id, sizeof(run_id), "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    CHECK(oc_uuid_ok(run_id));

    test_migrate(conn, dir, set);
    test_outbox_transactions(conn);
    test_outbox_fetch(conn);
    test_inbox(conn);
    cleanup(conn);
    PQfinish(conn);
    TEST_DONE();
}
