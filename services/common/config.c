#include "common/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/clock.h"
#include "common/failpoint.h"
#include "common/kafka_props.h"
#include "common/log.h"

enum cfg_type { CFG_INT, CFG_STRING };

struct cfg_entry {
    const char *env;      /* environment variable */
    enum cfg_type type;   /* how to parse it */
    size_t offset;        /* field in struct oc_config */
    const char *fallback; /* default text; NULL = the service's default port */
    long min;             /* lowest accepted integer (CFG_INT) */
    long max;             /* highest accepted integer, or string length (CFG_STRING) */
    int secret;           /* redacted when the configuration is logged */
};

#define OFF(field) offsetof(struct oc_config, field)

static const struct cfg_entry cfg_table[] = {
    {"OCOP_HTTP_PORT", CFG_INT, OFF(http_port), NULL, 1, 65535, 0},
    {"OCOP_HTTP_BIND", CFG_STRING, OFF(http_bind), "127.0.0.1", 0, 64, 0},
    {"OCOP_HTTP_THREADS", CFG_INT, OFF(http_threads), "4", 1, 64, 0},
    {"OCOP_HTTP_MAX_CONNECTIONS", CFG_INT, OFF(http_max_connections), "256", 4, 10000, 0},
    {"OCOP_HTTP_MAX_CONNECTIONS_PER_IP", CFG_INT, OFF(http_max_connections_per_ip), "64", 1, 10000,
     0},
    {"OCOP_HTTP_TIMEOUT_S", CFG_INT, OFF(http_timeout_s), "15", 1, 3600, 0},
    {"OCOP_HTTP_REQUEST_DEADLINE_S", CFG_INT, OFF(http_request_deadline_s), "60", 1, 3600, 0},
    {"OCOP_HTTP_QUEUE_MAX_MS", CFG_INT, OFF(http_queue_max_ms), "1000", 0, 60000, 0},
    {"OCOP_RATE_LIMIT_ADDRESS_PER_S", CFG_INT, OFF(rate_address_per_s), "200", 0, 1000000, 0},
    {"OCOP_RATE_LIMIT_ADDRESS_BURST", CFG_INT, OFF(rate_address_burst), "400", 1, 1000000, 0},
    {"OCOP_RATE_LIMIT_SUBJECT_PER_S", CFG_INT, OFF(rate_subject_per_s), "100", 0, 1000000, 0},
    {"OCOP_RATE_LIMIT_SUBJECT_BURST", CFG_INT, OFF(rate_subject_burst), "200", 1, 1000000, 0},
    {"OCOP_MAX_BODY_BYTES", CFG_INT, OFF(max_body_bytes), "1048576", 1024, 64 << 20, 0},
    {"OCOP_MAX_UPLOAD_BYTES", CFG_INT, OFF(max_upload_bytes), "10485760", 1024, 256 << 20, 0},
    {"OCOP_MAX_DOCUMENTS_PER_APPLICATION", CFG_INT, OFF(max_documents), "50", 1, 10000, 0},
    {"OCOP_MAX_DOCUMENT_BYTES_PER_APPLICATION", CFG_INT, OFF(max_document_bytes), "104857600", 1024,
     2147483647, 0},
    {"OCOP_DATABASE_URL", CFG_STRING, OFF(database_url), "", 0, 4096, 1},
    {"OCOP_DB_SCHEMA", CFG_STRING, OFF(db_schema), NULL, 1, 63, 0},
    {"OCOP_DB_POOL_SIZE", CFG_INT, OFF(db_pool_size), "8", 1, 64, 0},
    {"OCOP_DB_STATEMENT_TIMEOUT_MS", CFG_INT, OFF(db_statement_timeout_ms), "5000", 100, 600000, 0},
    {"OCOP_DB_ACQUIRE_TIMEOUT_MS", CFG_INT, OFF(db_acquire_timeout_ms), "3000", 10, 60000, 0},
    {"OCOP_KAFKA_BOOTSTRAP", CFG_STRING, OFF(kafka_bootstrap), "localhost:9092", 1, 2048, 0},
    {"OCOP_KAFKA_PROPERTIES_FILE", CFG_STRING, OFF(kafka_properties_file), "", 0, 4096, 0},
    {"OCOP_TOPIC_PREFIX", CFG_STRING, OFF(topic_prefix), "ocop", 1, 100, 0},
    {"OCOP_SCHEMA_DIR", CFG_STRING, OFF(schema_dir), OCOP_DEFAULT_SCHEMA_DIR, 1, 4096, 0},
    {"OCOP_LOG_LEVEL", CFG_STRING, OFF(log_level), "info", 1, 10, 0},
    {"OCOP_OUTBOX_POLL_MS", CFG_INT, OFF(outbox_poll_ms), "1000", 10, 60000, 0},
    {"OCOP_CONSUMER_MAX_RETRIES", CFG_INT, OFF(consumer_max_retries), "5", 1, 100, 0},
    {"OCOP_CONSUMER_RETRY_MS", CFG_INT, OFF(consumer_retry_ms), "100", 1, 60000, 0},
    {"OCOP_CONSUMER_BATCH", CFG_INT, OFF(consumer_batch), "256", 1, 5000, 0},
    {"OCOP_CONSUMER_FETCH_WAIT_MS", CFG_INT, OFF(consumer_fetch_wait_ms), "500", 1, 5000, 0},
    {"OCOP_SHUTDOWN_GRACE_MS", CFG_INT, OFF(shutdown_grace_ms), "10000", 0, 600000, 0},
    {"OCOP_CLOCK_FILE", CFG_STRING, OFF(clock_file), "", 0, 4096, 0},
    {"OCOP_AUTH_JWKS_FILE", CFG_STRING, OFF(auth_jwks_file), "", 0, 4096, 0},
    {"OCOP_AUTH_ISSUER", CFG_STRING, OFF(auth_issuer), "", 0, 512, 0},
    {"OCOP_AUTH_AUDIENCE", CFG_STRING, OFF(auth_audience), "ocop-platform", 1, 512, 0},
    {"OCOP_AUTH_ROLES_CLAIM", CFG_STRING, OFF(auth_roles_claim), "roles,realm_access.roles", 1, 256,
     0},
    {"OCOP_AUTH_CLOCK_SKEW_S", CFG_INT, OFF(auth_clock_skew_s), "60", 0, 300, 0},
    {"OCOP_AUTH_JWKS_REFRESH_S", CFG_INT, OFF(auth_jwks_refresh_s), "60", 1, 86400, 0},
    {"OCOP_AUTH_CACHE_ENTRIES", CFG_INT, OFF(auth_cache_entries), "4096", 0, 1000000, 0},
    {"OCOP_IDEMPOTENCY_TTL_S", CFG_INT, OFF(idempotency_ttl_s), "86400", 60, 31 * 86400, 0},
    /* evaluation: councils' local policies (no national source; the defaults are today's rules) */
    {"OCOP_COUNCIL_LOWER_RATING_STANDS", CFG_INT, OFF(council_lower_rating_stands), "1", 0, 1, 0},
    {"OCOP_COUNCIL_SECRETARY_SCORES", CFG_INT, OFF(council_secretary_scores), "0", 0, 1, 0},
    {"OCOP_COUNCIL_QUORUM_PERCENT", CFG_INT, OFF(council_quorum_percent), "50", 0, 99, 0},
    /* no source sets the window: a local policy, documented as such */
    {"OCOP_IDEA_RESUBMIT_DAYS", CFG_INT, OFF(idea_resubmit_days), "30", 0, 3650, 0},
};

#define CFG_COUNT (sizeof(cfg_table) / sizeof(cfg_table[0]))

static int cfg_parse_int(const struct cfg_entry *e, const char *text, int *out, char *err,
                         size_t errlen)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    int plain =
        (text[0] >= '0' && text[0] <= '9') || (text[0] == '-' && text[1] >= '0' && text[1] <= '9');
    if (!plain || errno != 0 || end == text || *end != '\0' || v < e->min || v > e->max) {
        snprintf(err, errlen, "%s must be an integer from %ld to %ld, not \"%s\"", e->env, e->min,
                 e->max, text);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int cfg_set(struct oc_config *cfg, const struct cfg_entry *e, const char *text, char *err,
                   size_t errlen)
{
    char *base = (char *)cfg;
    if (e->type == CFG_INT)
        return cfg_parse_int(e, text, (int *)(void *)(base + e->offset), err, errlen);
    size_t len = strlen(text);
    if ((long)len < e->min || (long)len > e->max) {
        snprintf(err, errlen, "%s must be %ld to %ld characters long", e->env, e->min, e->max);
        return -1;
    }
    *(char **)(void *)(base + e->offset) = oc_xstrdup(text);
    return 0;
}

static int cfg_check(const struct oc_config *cfg, char *err, size_t errlen)
{
    if (cfg->clock_file[0] != '\0' && !oc_clock_file_allowed()) {
        snprintf(err, errlen,
                 "OCOP_CLOCK_FILE is honoured only by test builds (CMake option "
                 "OCOP_TEST_CLOCK); unset it");
        return -1;
    }
    if (oc_failpoint_arm(getenv("OCOP_FAILPOINT"), err, errlen) != 0)
        return -1;
    if (oc_log_level_parse(cfg->log_level) < 0) {
        snprintf(err, errlen, "OCOP_LOG_LEVEL must be debug, info, warn or error");
        return -1;
    }
    if (cfg->http_max_connections_per_ip > cfg->http_max_connections) {
        snprintf(
            err, errlen,
            "OCOP_HTTP_MAX_CONNECTIONS_PER_IP (%d) may not exceed OCOP_HTTP_MAX_CONNECTIONS (%d)",
            cfg->http_max_connections_per_ip, cfg->http_max_connections);
        return -1;
    }
    for (const char *p = cfg->db_schema; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || *p == '_' ||
              (p != cfg->db_schema && *p >= '0' && *p <= '9'))) {
            snprintf(err, errlen, "OCOP_DB_SCHEMA must be a lower-case SQL identifier");
            return -1;
        }
    }
    for (const char *p = cfg->topic_prefix; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '_' || *p == '-')) {
            snprintf(err, errlen, "OCOP_TOPIC_PREFIX may hold only letters, digits, '.', '_', '-'");
            return -1;
        }
    }
    return 0;
}

int oc_config_load(struct oc_config *cfg, const char *service, int default_port, char *err,
                   size_t errlen)
{
    char port[16];
    memset(cfg, 0, sizeof(*cfg));
    cfg->service = oc_xstrdup(service);
    snprintf(port, sizeof(port), "%d", default_port);
    for (size_t i = 0; i < CFG_COUNT; i++) {
        const struct cfg_entry *e = &cfg_table[i];
        const char *text = getenv(e->env);
        if (text == NULL)
            text = e->fallback ? e->fallback : (e->type == CFG_INT ? port : service);
        if (cfg_set(cfg, e, text, err, errlen) != 0)
            goto fail;
    }
    if (cfg_check(cfg, err, errlen) != 0)
        goto fail;
    cfg->kafka_props = oc_kafka_props_load(cfg->kafka_properties_file, err, errlen);
    if (cfg->kafka_props == NULL)
        goto fail;
    return 0;
fail:
    oc_config_clean(cfg);
    return -1;
}

json_t *oc_config_to_json(const struct oc_config *cfg)
{
    const char *base = (const char *)cfg;
    json_t *out = json_object();
    json_object_set_new(out, "service", json_string(cfg->service));
    for (size_t i = 0; i < CFG_COUNT; i++) {
        const struct cfg_entry *e = &cfg_table[i];
        const void *field = base + e->offset;
        if (e->type == CFG_INT)
            json_object_set_new(out, e->env, json_integer(*(const int *)field));
        else if (e->secret && **(char *const *)field != '\0')
            json_object_set_new(out, e->env, json_string("(redacted)"));
        else
            json_object_set_new(out, e->env, json_string(*(char *const *)field));
    }
    if (cfg->kafka_props != NULL)
        json_object_set_new(out, "kafka_properties", oc_kafka_props_redacted(cfg->kafka_props));
    return out;
}

void oc_config_clean(struct oc_config *cfg)
{
    char *base = (char *)cfg;
    for (size_t i = 0; i < CFG_COUNT; i++) {
        if (cfg_table[i].type != CFG_STRING)
            continue;
        char **field = (char **)(void *)(base + cfg_table[i].offset);
        free(*field);
        *field = NULL;
    }
    free(cfg->service);
    cfg->service = NULL;
    json_decref(cfg->kafka_props);
    cfg->kafka_props = NULL;
}

void oc_config_topic(const struct oc_config *cfg, const char *service, const char *kind, char *buf,
                     size_t len)
{
    snprintf(buf, len, "%s.%s.%s", cfg->topic_prefix, service, kind);
}
