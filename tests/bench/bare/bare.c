/*
 * The physical reference of the HTTP benchmark (tests/bench/test_http.sh): a
 * bare ulfius + libpq server doing the same reads and writes as the services
 * on the same PostgreSQL, with nothing of ours in between: no token, no
 * audit, no idempotency, no outbox relay, one prepared statement per thread.
 *
 *   GET  /v1/products/:id  one product of the registry as JSON (200 or 404)
 *   POST /v1/products      {"producer_id","name","criteria_set"}: validated,
 *                          one row and one outbox-like row in a transaction, 201
 *
 * usage: ocop-bench-bare PORT CONNINFO   (runs until SIGTERM or SIGINT)
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libpq-fe.h>
#include <ulfius.h>

static const char *conninfo;
static _Thread_local PGconn *thread_conn;

static const char SQL_SETUP[] =
    "CREATE TABLE IF NOT EXISTS bare_products (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),"
    " producer_id uuid NOT NULL, name text NOT NULL, criteria_set integer NOT NULL,"
    " version bigint NOT NULL DEFAULT 1, created_at timestamptz NOT NULL DEFAULT now());"
    "CREATE TABLE IF NOT EXISTS bare_outbox (id bigserial PRIMARY KEY, payload jsonb NOT NULL)";
static const char SQL_GET[] =
    "SELECT json_build_object('id', p.id, 'code', p.code, 'producer_id', p.producer_id,"
    " 'name', p.name, 'criteria_set', p.criteria_set, 'commune_code', p.commune_code,"
    " 'status', p.status, 'version', p.version)::text FROM products p WHERE p.id = $1::uuid";
static const char SQL_INSERT[] =
    "WITH p AS (INSERT INTO bare_products (producer_id, name, criteria_set)"
    " VALUES ($1::uuid, $2, $3::integer) RETURNING id, producer_id, name, criteria_set, version),"
    " o AS (INSERT INTO bare_outbox (payload) SELECT to_jsonb(p) FROM p)"
    " SELECT row_to_json(p)::text FROM p";

/* This thread's connection, with its statements prepared; NULL when it cannot connect. */
static PGconn *conn_get(void)
{
    if (thread_conn != NULL && PQstatus(thread_conn) == CONNECTION_OK)
        return thread_conn;
    PQfinish(thread_conn);
    thread_conn = PQconnectdb(conninfo);
    if (PQstatus(thread_conn) != CONNECTION_OK)
        return NULL;
    PGresult *a = PQprepare(thread_conn, "get", SQL_GET, 1, NULL);
    PGresult *b = PQprepare(thread_conn, "insert", SQL_INSERT, 3, NULL);
    PQclear(a);
    PQclear(b);
    return thread_conn;
}

static int answer(struct _u_response *resp, unsigned int status, const char *body)
{
    ulfius_set_string_body_response(resp, status, body);
    u_map_put(resp->map_header, "Content-Type", "application/json");
    return U_CALLBACK_COMPLETE;
}

static int product_get(const struct _u_request *req, struct _u_response *resp, void *data)
{
    (void)data;
    const char *id = u_map_get(req->map_url, "id");
    PGconn *conn = conn_get();
    if (conn == NULL)
        return answer(resp, 503, "{\"title\":\"database unavailable\"}");
    PGresult *res = PQexecPrepared(conn, "get", 1, &id, NULL, NULL, 0);
    int found = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
    answer(resp, found ? 200 : 404, found ? PQgetvalue(res, 0, 0) : "{\"title\":\"not found\"}");
    PQclear(res);
    return U_CALLBACK_COMPLETE;
}

static int product_post(const struct _u_request *req, struct _u_response *resp, void *data)
{
    (void)data;
    json_t *body = json_loadb(req->binary_body, req->binary_body_length, 0, NULL);
    const char *producer = NULL, *name = NULL;
    json_int_t set = 0;
    char set_text[8];
    int ok = body != NULL && json_unpack(body, "{s:s,s:s,s:I!}", "producer_id", &producer, "name",
                                         &name, "criteria_set", &set) == 0;
    ok = ok && strlen(producer) == 36 && strlen(name) >= 2 && set >= 1 && set <= 26;
    PGconn *conn = ok ? conn_get() : NULL;
    if (!ok || conn == NULL) {
        json_decref(body);
        return answer(resp, ok ? 503 : 422, "{\"title\":\"invalid input\"}");
    }
    snprintf(set_text, sizeof(set_text), "%d", (int)set);
    const char *params[] = {producer, name, set_text};
    PGresult *res = PQexecPrepared(conn, "insert", 3, params, NULL, NULL, 0);
    int made = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
    answer(resp, made ? 201 : 500, made ? PQgetvalue(res, 0, 0) : "{\"title\":\"internal\"}");
    PQclear(res);
    json_decref(body);
    return U_CALLBACK_COMPLETE;
}

int main(int argc, char **argv)
{
    struct _u_instance http;
    sigset_t set;
    int sig = 0;
    if (argc != 3)
        return 2;
    conninfo = argv[2];
    PGconn *setup = PQconnectdb(conninfo);
    PGresult *res = PQexec(setup, SQL_SETUP);
    int ready = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ready)
        fprintf(stderr, "bare: setup failed: %s", PQerrorMessage(setup));
    PQclear(res);
    PQfinish(setup);
    if (!ready)
        return 1;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)atoi(argv[1]));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (ulfius_init_instance(&http, (unsigned int)atoi(argv[1]), &addr, NULL) != U_OK) {
        fprintf(stderr, "bare: ulfius_init_instance failed\n");
        return 1;
    }
    ulfius_add_endpoint_by_val(&http, "GET", NULL, "/v1/products/:id", 0, product_get, NULL);
    ulfius_add_endpoint_by_val(&http, "POST", NULL, "/v1/products", 0, product_post, NULL);
    struct MHD_OptionItem ops[] = {
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)mhd_request_completed, NULL},
        {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)ulfius_uri_logger, NULL},
        {MHD_OPTION_SOCK_ADDR, 0, &addr},
        {MHD_OPTION_THREAD_POOL_SIZE, 4, NULL},
        {MHD_OPTION_CONNECTION_LIMIT, 256, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    if (ulfius_start_framework_with_mhd_options(&http, MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC,
                                                ops) != U_OK) {
        fprintf(stderr, "bare: the HTTP server did not start\n");
        return 1;
    }
    printf("listening\n");
    fflush(stdout);
    sigwait(&set, &sig);
    ulfius_stop_framework(&http);
    ulfius_clean_instance(&http);
    return 0;
}
