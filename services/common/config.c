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

#define OFF(field) offsetof(struct oc_config, field)

/* The shared settings; a NULL fallback is the service's default port (an int) or name. */
static const struct oc_setting cfg_table[] = {
    {"OCOP_HTTP_PORT", OC_SETTING_INT, OFF(http_port), NULL, 1, 65535, NULL, 0},
    {"OCOP_HTTP_BIND", OC_SETTING_TEXT, OFF(http_bind), "127.0.0.1", 0, 64, NULL, 0},
    {"OCOP_HTTP_THREADS", OC_SETTING_INT, OFF(http_threads), "4", 1, 64, NULL, 0},
    {"OCOP_HTTP_MAX_CONNECTIONS", OC_SETTING_INT, OFF(http_max_connections), "256", 4, 10000, NULL,
     0},
    {"OCOP_HTTP_MAX_CONNECTIONS_PER_IP", OC_SETTING_INT, OFF(http_max_connections_per_ip), "64", 1,
     10000, NULL, 0},
    {"OCOP_HTTP_TIMEOUT_S", OC_SETTING_INT, OFF(http_timeout_s), "15", 1, 3600, NULL, 0},
    {"OCOP_HTTP_REQUEST_DEADLINE_S", OC_SETTING_INT, OFF(http_request_deadline_s), "60", 1, 3600,
     NULL, 0},
    {"OCOP_HTTP_QUEUE_MAX_MS", OC_SETTING_INT, OFF(http_queue_max_ms), "1000", 0, 60000, NULL, 0},
    {"OCOP_RATE_LIMIT_ADDRESS_PER_S", OC_SETTING_INT, OFF(rate_address_per_s), "200", 0, 1000000,
     NULL, 0},
    {"OCOP_RATE_LIMIT_ADDRESS_BURST", OC_SETTING_INT, OFF(rate_address_burst), "400", 1, 1000000,
     NULL, 0},
    {"OCOP_RATE_LIMIT_SUBJECT_PER_S", OC_SETTING_INT, OFF(rate_subject_per_s), "100", 0, 1000000,
     NULL, 0},
    {"OCOP_RATE_LIMIT_SUBJECT_BURST", OC_SETTING_INT, OFF(rate_subject_burst), "200", 1, 1000000,
     NULL, 0},
    {"OCOP_MAX_BODY_BYTES", OC_SETTING_INT, OFF(max_body_bytes), "1048576", 1024, 64 << 20, NULL,
     0},
    {"OCOP_MAX_UPLOAD_BYTES", OC_SETTING_INT, OFF(max_upload_bytes), "10485760", 1024, 256 << 20,
     NULL, 0},
    {"OCOP_MAX_DOCUMENTS_PER_APPLICATION", OC_SETTING_INT, OFF(max_documents), "50", 1, 10000, NULL,
     0},
    {"OCOP_MAX_DOCUMENT_BYTES_PER_APPLICATION", OC_SETTING_INT, OFF(max_document_bytes),
     "104857600", 1024, 2147483647, NULL, 0},
    {"OCOP_DATABASE_URL", OC_SETTING_TEXT, OFF(database_url), "", 0, 4096, NULL, OC_SETTING_SECRET},
    {"OCOP_DB_SCHEMA", OC_SETTING_TEXT, OFF(db_schema), NULL, 1, 63, NULL, 0},
    {"OCOP_DB_POOL_SIZE", OC_SETTING_INT, OFF(db_pool_size), "8", 1, 64, NULL, 0},
    {"OCOP_DB_STATEMENT_TIMEOUT_MS", OC_SETTING_INT, OFF(db_statement_timeout_ms), "5000", 100,
     600000, NULL, 0},
    {"OCOP_DB_ACQUIRE_TIMEOUT_MS", OC_SETTING_INT, OFF(db_acquire_timeout_ms), "3000", 10, 60000,
     NULL, 0},
    {"OCOP_KAFKA_BOOTSTRAP", OC_SETTING_TEXT, OFF(kafka_bootstrap), "localhost:9092", 1, 2048, NULL,
     0},
    {"OCOP_KAFKA_PROPERTIES_FILE", OC_SETTING_TEXT, OFF(kafka_properties_file), "", 0, 4096, NULL,
     0},
    {"OCOP_TOPIC_PREFIX", OC_SETTING_TEXT, OFF(topic_prefix), "ocop", 1, 100, NULL, 0},
    {"OCOP_SCHEMA_DIR", OC_SETTING_TEXT, OFF(schema_dir), OCOP_DEFAULT_SCHEMA_DIR, 1, 4096, NULL,
     0},
    {"OCOP_ADMIN_UNIT_FILES", OC_SETTING_TEXT, OFF(admin_unit_files), "", 0, 4096, NULL, 0},
    {"OCOP_LOG_LEVEL", OC_SETTING_TEXT, OFF(log_level), "info", 1, 10, NULL, 0},
    {"OCOP_OUTBOX_POLL_MS", OC_SETTING_INT, OFF(outbox_poll_ms), "1000", 10, 60000, NULL, 0},
    {"OCOP_CONSUMER_MAX_RETRIES", OC_SETTING_INT, OFF(consumer_max_retries), "5", 1, 100, NULL, 0},
    {"OCOP_CONSUMER_RETRY_MS", OC_SETTING_INT, OFF(consumer_retry_ms), "100", 1, 60000, NULL, 0},
    {"OCOP_CONSUMER_BATCH", OC_SETTING_INT, OFF(consumer_batch), "256", 1, 5000, NULL, 0},
    {"OCOP_CONSUMER_FETCH_WAIT_MS", OC_SETTING_INT, OFF(consumer_fetch_wait_ms), "500", 1, 5000,
     NULL, 0},
    {"OCOP_SHUTDOWN_GRACE_MS", OC_SETTING_INT, OFF(shutdown_grace_ms), "10000", 0, 600000, NULL, 0},
    {"OCOP_CLOCK_FILE", OC_SETTING_TEXT, OFF(clock_file), "", 0, 4096, NULL, 0},
    {"OCOP_AUTH_JWKS_FILE", OC_SETTING_TEXT, OFF(auth_jwks_file), "", 0, 4096, NULL, 0},
    {"OCOP_AUTH_ISSUER", OC_SETTING_TEXT, OFF(auth_issuer), "", 0, 512, NULL, 0},
    {"OCOP_AUTH_AUDIENCE", OC_SETTING_TEXT, OFF(auth_audience), "ocop-platform", 1, 512, NULL, 0},
    {"OCOP_AUTH_ROLES_CLAIM", OC_SETTING_TEXT, OFF(auth_roles_claim), "roles,realm_access.roles", 1,
     256, NULL, 0},
    {"OCOP_AUTH_CLOCK_SKEW_S", OC_SETTING_INT, OFF(auth_clock_skew_s), "60", 0, 300, NULL, 0},
    {"OCOP_AUTH_JWKS_REFRESH_S", OC_SETTING_INT, OFF(auth_jwks_refresh_s), "60", 1, 86400, NULL, 0},
    {"OCOP_AUTH_CACHE_ENTRIES", OC_SETTING_INT, OFF(auth_cache_entries), "4096", 0, 1000000, NULL,
     0},
    {"OCOP_IDEMPOTENCY_TTL_S", OC_SETTING_INT, OFF(idempotency_ttl_s), "86400", 60, 31 * 86400,
     NULL, 0},
    /* evaluation: councils' local policies (no national source; the defaults are today's rules) */
    {"OCOP_COUNCIL_LOWER_RATING_STANDS", OC_SETTING_INT, OFF(council_lower_rating_stands), "1", 0,
     1, NULL, 0},
    {"OCOP_COUNCIL_SECRETARY_SCORES", OC_SETTING_INT, OFF(council_secretary_scores), "0", 0, 1,
     NULL, 0},
    {"OCOP_COUNCIL_QUORUM_PERCENT", OC_SETTING_INT, OFF(council_quorum_percent), "50", 0, 99, NULL,
     0},
    /* registration: no source sets the window to resubmit a returned idea: a local policy */
    {"OCOP_IDEA_RESUBMIT_DAYS", OC_SETTING_INT, OFF(idea_resubmit_days), "30", 0, 3650, NULL, 0},
};

#define CFG_COUNT OC_SETTINGS_COUNT(cfg_table)

/* The value of row e: the variable, or the fallback when it is unset (or empty, when so flagged).
 */
static const char *setting_text(const struct oc_setting *e)
{
    const char *text = getenv(e->env);
    if (text != NULL && text[0] == '\0' && (e->flags & OC_SETTING_EMPTY_UNSET))
        text = NULL;
    return text != NULL ? text : e->fallback;
}

static int setting_int(const struct oc_setting *e, const char *text, int *out, char *err,
                       size_t errlen)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    int plain =
        (text[0] >= '0' && text[0] <= '9') || (text[0] == '-' && text[1] >= '0' && text[1] <= '9');
    if (!plain || errno != 0 || end == text || *end != '\0' || v < e->min || v > e->max) {
        snprintf(err, errlen, "%s must be an integer from %ld to %ld, not \"%.40s\"", e->env,
                 e->min, e->max, text);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int setting_choice(const struct oc_setting *e, const char *text, int *out, char *err,
                          size_t errlen)
{
    size_t used = 0;
    for (int i = 0; e->choices[i] != NULL; i++) {
        if (strcmp(text, e->choices[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    used = (size_t)snprintf(err, errlen, "%s must be", e->env);
    for (int i = 0; e->choices[i] != NULL && used < errlen; i++)
        used +=
            (size_t)snprintf(err + used, errlen - used, "%s %s", i == 0 ? "" : ",", e->choices[i]);
    return -1;
}

/* Sets the member of row e in the struct at base from text (NULL: a text member stays NULL). */
static int setting_set(const struct oc_setting *e, const char *text, void *base, char *err,
                       size_t errlen)
{
    void *field = (char *)base + e->offset;
    if (text == NULL && e->type != OC_SETTING_TEXT) {
        snprintf(err, errlen, "%s is required", e->env);
        return -1;
    }
    if (e->type == OC_SETTING_INT)
        return setting_int(e, text, field, err, errlen);
    if (e->type == OC_SETTING_CHOICE)
        return setting_choice(e, text, field, err, errlen);
    if (text == NULL)
        return 0;
    size_t len = strlen(text);
    if ((long)len < e->min || (long)len > e->max) {
        snprintf(err, errlen, "%s must be %ld to %ld characters long", e->env, e->min, e->max);
        return -1;
    }
    *(char **)field = oc_xstrdup(text);
    return 0;
}

int oc_settings_load(const struct oc_setting *rows, size_t n, void *out, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        if (setting_set(&rows[i], setting_text(&rows[i]), out, err, errlen) != 0) {
            oc_settings_clean(rows, n, out);
            return -1;
        }
    }
    return 0;
}

void oc_settings_clean(const struct oc_setting *rows, size_t n, void *out)
{
    for (size_t i = 0; i < n; i++) {
        if (rows[i].type != OC_SETTING_TEXT)
            continue;
        char **field = (char **)(void *)((char *)out + rows[i].offset);
        free(*field);
        *field = NULL;
    }
}

void oc_settings_to_json(const struct oc_setting *rows, size_t n, const void *in, json_t *obj)
{
    for (size_t i = 0; i < n; i++) {
        const struct oc_setting *e = &rows[i];
        const void *field = (const char *)in + e->offset;
        const char *text = e->type == OC_SETTING_TEXT ? *(char *const *)field : NULL;
        if (e->type == OC_SETTING_INT)
            json_object_set_new(obj, e->env, json_integer(*(const int *)field));
        else if (e->type == OC_SETTING_CHOICE)
            json_object_set_new(obj, e->env, json_string(e->choices[*(const int *)field]));
        else if (text == NULL)
            json_object_set_new(obj, e->env, json_null());
        else if ((e->flags & OC_SETTING_SECRET) && text[0] != '\0')
            json_object_set_new(obj, e->env, json_string("(redacted)"));
        else
            json_object_set_new(obj, e->env, json_string(text));
    }
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
        const struct oc_setting *e = &cfg_table[i];
        const char *text = setting_text(e);
        if (text == NULL)
            text = e->type == OC_SETTING_INT ? port : service;
        if (setting_set(e, text, cfg, err, errlen) != 0)
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
    json_t *out = json_object();
    json_object_set_new(out, "service", json_string(cfg->service));
    oc_settings_to_json(cfg_table, CFG_COUNT, cfg, out);
    if (cfg->kafka_props != NULL)
        json_object_set_new(out, "kafka_properties", oc_kafka_props_redacted(cfg->kafka_props));
    return out;
}

void oc_config_clean(struct oc_config *cfg)
{
    oc_settings_clean(cfg_table, CFG_COUNT, cfg);
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
