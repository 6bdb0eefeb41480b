#include "common/service.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/alloc.h"
#include "common/auth.h"
#include "common/log.h"
#include "common/migrate.h"
#include "common/server.h"

#define OPENAPI_MAX_BYTES (4 << 20)

/* Blocks SIGTERM and SIGINT in this thread and every thread started after. */
static void signals_block(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    pthread_sigmask(SIG_BLOCK, set, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* Waits up to ms for a stop signal. Returns 1 when one arrived. */
static int signal_wait(int ms)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    int sig = sigtimedwait(&set, NULL, &ts);
    if (sig > 0)
        oc_log(OC_LOG_INFO, "received %s, stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    return sig > 0;
}

static char *openapi_load(const struct oc_config *cfg)
{
    char *path = oc_xasprintf("%s/openapi/%s.json", cfg->schema_dir, cfg->service);
    json_error_t jerr;
    json_t *doc = json_load_file(path, 0, &jerr);
    char *text = NULL;
    if (doc == NULL)
        oc_log(OC_LOG_WARN, "could not load %s: %s", path, jerr.text);
    else
        text = json_dumps(doc, JSON_INDENT(1));
    json_decref(doc);
    free(path);
    return text;
}

int oc_service_init(struct oc_service *svc, const char *name, int default_port)
{
    char err[512];
    sigset_t set;
    memset(svc, 0, sizeof(*svc));
    oc_alloc_install();
    signals_block(&set);
    oc_log_init(name, OC_LOG_INFO);
    if (oc_config_load(&svc->cfg, name, default_port, err, sizeof(err)) != 0) {
        oc_log(OC_LOG_ERROR, "invalid configuration: %s", err);
        return -1;
    }
    oc_log_init(name, (enum oc_log_level)oc_log_level_parse(svc->cfg.log_level));
    oc_logj(OC_LOG_INFO, json_pack("{s:o}", "config", oc_config_to_json(&svc->cfg)), "starting");
    char app_name[64];
    snprintf(app_name, sizeof(app_name), "ocop-%s", name);
    struct oc_db_options dbo = {svc->cfg.database_url,
                                svc->cfg.db_schema,
                                app_name,
                                svc->cfg.db_pool_size,
                                svc->cfg.db_statement_timeout_ms,
                                svc->cfg.db_acquire_timeout_ms};
    svc->auth = oc_auth_new(&svc->cfg, err, sizeof(err));
    if (svc->auth == NULL) {
        oc_log(OC_LOG_ERROR, "cannot verify access tokens: %s", err);
        return -1;
    }
    svc->pool = oc_db_pool_new(&dbo);
    oc_config_topic(&svc->cfg, name, "events", svc->emitter.topic, sizeof(svc->emitter.topic));
    snprintf(svc->emitter.source, sizeof(svc->emitter.source), "/ocop/%s", name);
    svc->relay = oc_relay_new(&svc->cfg, svc->pool, err, sizeof(err));
    if (svc->relay == NULL) {
        oc_log(OC_LOG_ERROR, "could not create the Kafka producer: %s", err);
        return -1;
    }
    svc->openapi = openapi_load(&svc->cfg);
    return 0;
}

void oc_service_set_tables(struct oc_service *svc, const struct oc_service_tables *t)
{
    svc->routes = t->routes;
    svc->nroutes = t->nroutes;
    svc->consumes = t->sources;
    svc->nconsumes = t->nsources;
    svc->events = t->events;
    svc->nevents = t->nevents;
}

void oc_service_on_commit(struct oc_service *svc, void (*fn)(struct oc_service *svc))
{
    svc->on_commit = fn;
}

void oc_service_startup(struct oc_service *svc, oc_startup_fn fn)
{
    svc->startup = fn;
}

/* Applies migrations, retrying while the database is unreachable. Returns 0, 1 to exit, -1 on stop.
 */
static int service_migrate(struct oc_service *svc)
{
    char err[1024];
    for (;;) {
        PGconn *conn = oc_db_connect_dedicated(svc->pool);
        enum oc_err rc = OC_DB;
        if (conn != NULL)
            rc = oc_migrate(conn, svc->cfg.schema_dir, svc->cfg.service, err, sizeof(err));
        if (rc == OC_OK && svc->startup != NULL)
            rc = svc->startup(conn, svc, err, sizeof(err));
        PQfinish(conn);
        if (rc == OC_OK) {
            atomic_store(&svc->migrated, 1);
            return 0;
        }
        if (rc != OC_DB) {
            oc_log(OC_LOG_ERROR, "refusing to start: %s", err);
            return 1;
        }
        oc_log(OC_LOG_WARN, "database not reachable for migrations; retrying");
        if (signal_wait(1000))
            return -1;
    }
}

static int service_consumer_start(struct oc_service *svc)
{
    char err[512];
    char topics[8][256];
    const char *names[8];
    size_t n = svc->nconsumes;
    if (n == 0)
        return 0;
    if (n > 8) {
        oc_log(OC_LOG_ERROR, "a service consumes the topics of at most 8 services");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        oc_config_topic(&svc->cfg, svc->consumes[i], "events", topics[i], sizeof(topics[i]));
        names[i] = topics[i];
    }
    svc->consumer = oc_consumer_new(&svc->cfg, svc->pool, names, n, svc->events, svc->nevents, svc,
                                    err, sizeof(err));
    if (svc->consumer == NULL) {
        oc_log(OC_LOG_ERROR, "could not create the Kafka consumer: %s", err);
        return -1;
    }
    if (svc->on_commit != NULL)
        oc_consumer_on_commit(svc->consumer, svc->on_commit);
    return oc_consumer_start(svc->consumer);
}

int oc_service_run(struct oc_service *svc)
{
    int code = 0;
    if (oc_server_start(svc) != 0)
        return 1;
    svc->readiness.pool = svc->pool;
    svc->readiness.relay = svc->relay;
    if (oc_readiness_start(&svc->readiness) != 0)
        return 1;
    int m = service_migrate(svc);
    if (m > 0)
        code = 1;
    if (m == 0 && (oc_relay_start(svc->relay) != 0 || service_consumer_start(svc) != 0))
        code = 1;
    atomic_store(&svc->readiness.consumer, svc->consumer);
    if (m == 0 && code == 0) {
        oc_log(OC_LOG_INFO, "ready to serve");
        while (!signal_wait(1000))
            ;
    }
    atomic_store(&svc->draining, 1);
    oc_server_stop(svc, svc->cfg.shutdown_grace_ms);
    oc_readiness_stop(&svc->readiness);
    oc_consumer_stop(svc->consumer);
    oc_relay_stop(svc->relay, svc->cfg.shutdown_grace_ms);
    oc_log(OC_LOG_INFO, "stopped");
    return code;
}

void oc_service_clean(struct oc_service *svc)
{
    oc_consumer_free(svc->consumer);
    oc_relay_free(svc->relay);
    if (svc->slots != NULL)
        ulfius_clean_instance(&svc->http);
    free(svc->slots);
    oc_db_pool_free(svc->pool);
    oc_auth_free(svc->auth);
    free(svc->openapi);
    oc_config_clean(&svc->cfg);
    oc_log_clean();
}
