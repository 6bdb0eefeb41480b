/* oc_config_load, oc_config_to_json, oc_config_topic and a service's own rows (oc_settings_load),
 * driven by setenv/unsetenv. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "common/config.h"
#include "common/kafka.h"
#include "common/kafka_props.h"
#include "unit/test.h"

static const char *const env_names[] = {
    "OCOP_HTTP_PORT",
    "OCOP_KAFKA_PROPERTIES_FILE",
    "OCOP_KAFKA_PROP_SECURITY_PROTOCOL",
    "OCOP_KAFKA_PROP_SASL_PASSWORD",
    "OCOP_KAFKA_PROP_ENABLE_IDEMPOTENCE",
    "OCOP_KAFKA_PROP_NO_SUCH_THING",
    "OCOP_KAFKA_PROP_SESSION_TIMEOUT_MS",
    "OCOP_KAFKA_PROP_LINGER_MS",
    "OCOP_HTTP_BIND",
    "OCOP_HTTP_THREADS",
    "OCOP_HTTP_MAX_CONNECTIONS",
    "OCOP_HTTP_MAX_CONNECTIONS_PER_IP",
    "OCOP_HTTP_TIMEOUT_S",
    "OCOP_HTTP_REQUEST_DEADLINE_S",
    "OCOP_HTTP_QUEUE_MAX_MS",
    "OCOP_RATE_LIMIT_ADDRESS_PER_S",
    "OCOP_RATE_LIMIT_ADDRESS_BURST",
    "OCOP_RATE_LIMIT_SUBJECT_PER_S",
    "OCOP_RATE_LIMIT_SUBJECT_BURST",
    "OCOP_MAX_BODY_BYTES",
    "OCOP_MAX_UPLOAD_BYTES",
    "OCOP_MAX_DOCUMENTS_PER_APPLICATION",
    "OCOP_MAX_DOCUMENT_BYTES_PER_APPLICATION",
    "OCOP_DATABASE_URL",
    "OCOP_DB_SCHEMA",
    "OCOP_DB_POOL_SIZE",
    "OCOP_DB_STATEMENT_TIMEOUT_MS",
    "OCOP_DB_ACQUIRE_TIMEOUT_MS",
    "OCOP_KAFKA_BOOTSTRAP",
    "OCOP_TOPIC_PREFIX",
    "OCOP_SCHEMA_DIR",
    "OCOP_ADMIN_UNIT_FILES",
    "OCOP_LOG_LEVEL",
    "OCOP_OUTBOX_POLL_MS",
    "OCOP_CONSUMER_MAX_RETRIES",
    "OCOP_CONSUMER_RETRY_MS",
    "OCOP_SHUTDOWN_GRACE_MS",
    "OCOP_COUNCIL_LOWER_RATING_STANDS",
    "OCOP_COUNCIL_SECRETARY_SCORES",
    "OCOP_COUNCIL_QUORUM_PERCENT",
    "OCOP_IDEA_RESUBMIT_DAYS",
    NULL,
};

static void env_clear(void)
{
    for (const char *const *n = env_names; *n; n++)
        unsetenv(*n);
}

/* Loads with one variable set (the others unset); returns what oc_config_load returned. */
static int load_with(struct oc_config *cfg, const char *name, const char *value, char *err,
                     size_t errlen)
{
    env_clear();
    setenv(name, value, 1);
    err[0] = '\0';
    return oc_config_load(cfg, "registration", 8081, err, errlen);
}

/* Expects the single setting name=value to be refused with a message naming it. */
static void check_rejected(const char *name, const char *value)
{
    struct oc_config cfg;
    char err[256];
    int rc = load_with(&cfg, name, value, err, sizeof(err));
    CHECK_INT_EQ(rc, -1);
    CHECK(strstr(err, name) != NULL);
    if (strstr(err, name) == NULL)
        fprintf(stderr, "    %s=\"%s\": %s\n", name, value, err);
    /* On failure cfg holds nothing to free. */
    CHECK(cfg.service == NULL && cfg.http_bind == NULL && cfg.log_level == NULL);
    if (rc == 0)
        oc_config_clean(&cfg);
}

static void test_defaults(void)
{
    struct oc_config cfg;
    char err[256] = "";
    env_clear();
    CHECK_INT_EQ(oc_config_load(&cfg, "registration", 8081, err, sizeof(err)), 0);
    CHECK_STR_EQ(err, "");
    CHECK_STR_EQ(cfg.service, "registration");
    CHECK_INT_EQ(cfg.http_port, 8081);
    CHECK_STR_EQ(cfg.http_bind, "127.0.0.1");
    CHECK_INT_EQ(cfg.http_threads, 4);
    CHECK_INT_EQ(cfg.http_max_connections, 256);
    CHECK_INT_EQ(cfg.http_timeout_s, 15);
    CHECK_INT_EQ(cfg.http_max_connections_per_ip, 64);
    CHECK_INT_EQ(cfg.http_request_deadline_s, 60);
    CHECK_INT_EQ(cfg.http_queue_max_ms, 1000);
    CHECK_INT_EQ(cfg.rate_address_per_s, 200);
    CHECK_INT_EQ(cfg.rate_subject_per_s, 100);
    CHECK_INT_EQ(cfg.max_body_bytes, 1048576);
    CHECK_STR_EQ(cfg.database_url, "");
    CHECK_STR_EQ(cfg.db_schema, "registration"); /* defaults to the service name */
    CHECK_INT_EQ(cfg.db_pool_size, 8);
    CHECK_INT_EQ(cfg.db_statement_timeout_ms, 5000);
    CHECK_INT_EQ(cfg.db_acquire_timeout_ms, 3000);
    CHECK_STR_EQ(cfg.kafka_bootstrap, "localhost:9092");
    CHECK_STR_EQ(cfg.topic_prefix, "ocop");
    CHECK(cfg.schema_dir != NULL && cfg.schema_dir[0] != '\0');
    CHECK_STR_EQ(cfg.log_level, "info");
    CHECK_INT_EQ(cfg.outbox_poll_ms, 1000);
    CHECK_INT_EQ(cfg.consumer_max_retries, 5);
    CHECK_INT_EQ(cfg.consumer_retry_ms, 100);
    CHECK_INT_EQ(cfg.shutdown_grace_ms, 10000);
    oc_config_clean(&cfg);
    CHECK(cfg.service == NULL && cfg.http_bind == NULL && cfg.db_schema == NULL);
    oc_config_clean(&cfg); /* cleaning twice is harmless */

    /* Each service has its own default port and schema. */
    CHECK_INT_EQ(oc_config_load(&cfg, "promotion", 8083, err, sizeof(err)), 0);
    CHECK_INT_EQ(cfg.http_port, 8083);
    CHECK_STR_EQ(cfg.db_schema, "promotion");
    CHECK_STR_EQ(cfg.service, "promotion");
    oc_config_clean(&cfg);
}

static void test_overrides(void)
{
    struct oc_config cfg;
    char err[256] = "";
    env_clear();
    setenv("OCOP_HTTP_PORT", "9000", 1);
    setenv("OCOP_HTTP_BIND", "0.0.0.0", 1);
    setenv("OCOP_DB_SCHEMA", "reg_2", 1);
    setenv("OCOP_DB_POOL_SIZE", "64", 1);     /* upper bound */
    setenv("OCOP_SHUTDOWN_GRACE_MS", "0", 1); /* lower bound */
    setenv("OCOP_TOPIC_PREFIX", "dev.Ocop-x_1", 1);
    setenv("OCOP_LOG_LEVEL", "debug", 1);
    setenv("OCOP_KAFKA_BOOTSTRAP", "k1:9092,k2:9092", 1);
    setenv("OCOP_SCHEMA_DIR", "/srv/ocop/schemas", 1);
    CHECK_INT_EQ(oc_config_load(&cfg, "registration", 8081, err, sizeof(err)), 0);
    CHECK_STR_EQ(err, "");
    CHECK_INT_EQ(cfg.http_port, 9000);
    CHECK_STR_EQ(cfg.http_bind, "0.0.0.0");
    CHECK_STR_EQ(cfg.db_schema, "reg_2");
    CHECK_INT_EQ(cfg.db_pool_size, 64);
    CHECK_INT_EQ(cfg.shutdown_grace_ms, 0);
    CHECK_STR_EQ(cfg.topic_prefix, "dev.Ocop-x_1");
    CHECK_STR_EQ(cfg.log_level, "debug");
    CHECK_STR_EQ(cfg.kafka_bootstrap, "k1:9092,k2:9092");
    CHECK_STR_EQ(cfg.schema_dir, "/srv/ocop/schemas");
    oc_config_clean(&cfg);

    /* The port range is 1..65535 inclusive. */
    CHECK_INT_EQ(load_with(&cfg, "OCOP_HTTP_PORT", "1", err, sizeof(err)), 0);
    CHECK_INT_EQ(cfg.http_port, 1);
    oc_config_clean(&cfg);
    CHECK_INT_EQ(load_with(&cfg, "OCOP_HTTP_PORT", "65535", err, sizeof(err)), 0);
    CHECK_INT_EQ(cfg.http_port, 65535);
    oc_config_clean(&cfg);
    CHECK_INT_EQ(load_with(&cfg, "OCOP_LOG_LEVEL", "error", err, sizeof(err)), 0);
    CHECK_STR_EQ(cfg.log_level, "error");
    oc_config_clean(&cfg);
}

static void test_rejections(void)
{
    /* not an integer */
    check_rejected("OCOP_COUNCIL_LOWER_RATING_STANDS", "2");
    check_rejected("OCOP_COUNCIL_SECRETARY_SCORES", "yes");
    check_rejected("OCOP_COUNCIL_QUORUM_PERCENT", "100");
    check_rejected("OCOP_IDEA_RESUBMIT_DAYS", "-1");
    check_rejected("OCOP_IDEA_RESUBMIT_DAYS", "3651");
    check_rejected("OCOP_HTTP_PORT", "abc");
    check_rejected("OCOP_HTTP_PORT", "80x");
    check_rejected("OCOP_HTTP_PORT", "");
    check_rejected("OCOP_HTTP_PORT", "80.5");
    check_rejected("OCOP_HTTP_THREADS", "four");
    /* out of range */
    check_rejected("OCOP_HTTP_MAX_CONNECTIONS_PER_IP", "257"); /* over the connection limit */
    check_rejected("OCOP_HTTP_QUEUE_MAX_MS", "-1");
    check_rejected("OCOP_HTTP_PORT", "0");
    check_rejected("OCOP_HTTP_PORT", "65536");
    check_rejected("OCOP_HTTP_PORT", "-80");
    check_rejected("OCOP_HTTP_PORT", "99999999999999999999999");
    check_rejected("OCOP_DB_POOL_SIZE", "65");
    check_rejected("OCOP_MAX_BODY_BYTES", "1023");
    check_rejected("OCOP_MAX_UPLOAD_BYTES", "1023");
    check_rejected("OCOP_MAX_DOCUMENTS_PER_APPLICATION", "0");
    /* bad log level */
    check_rejected("OCOP_LOG_LEVEL", "verbose");
    check_rejected("OCOP_LOG_LEVEL", "INFO");
    check_rejected("OCOP_LOG_LEVEL", "");
    /* bad schema identifier */
    check_rejected("OCOP_DB_SCHEMA", "Registration");
    check_rejected("OCOP_DB_SCHEMA", "1registration");
    check_rejected("OCOP_DB_SCHEMA", "reg-x");
    check_rejected("OCOP_DB_SCHEMA", "reg;drop");
    check_rejected("OCOP_DB_SCHEMA", "");
    check_rejected("OCOP_DB_SCHEMA",
                   "a234567890123456789012345678901234567890123456789012345678901234");
    /* bad topic prefix */
    check_rejected("OCOP_TOPIC_PREFIX", "ocop prod");
    check_rejected("OCOP_TOPIC_PREFIX", "ocop/x");
    check_rejected("OCOP_TOPIC_PREFIX", "");
    check_rejected("OCOP_TOPIC_PREFIX", "ôcop");
    /* over-long string */
    check_rejected("OCOP_HTTP_BIND",
                   "0123456789012345678901234567890123456789012345678901234567890123"
                   "4");
}

static void test_to_json(void)
{
    struct oc_config cfg;
    char err[256] = "";
    env_clear();
    CHECK_INT_EQ(oc_config_load(&cfg, "registration", 8081, err, sizeof(err)), 0);
    json_t *j = oc_config_to_json(&cfg);
    CHECK(json_is_object(j));
    CHECK_STR_EQ(json_string_value(json_object_get(j, "service")), "registration");
    CHECK_INT_EQ(json_integer_value(json_object_get(j, "OCOP_HTTP_PORT")), 8081);
    CHECK_STR_EQ(json_string_value(json_object_get(j, "OCOP_DATABASE_URL")), ""); /* unset */
    CHECK_STR_EQ(json_string_value(json_object_get(j, "OCOP_LOG_LEVEL")), "info");
    CHECK_INT_EQ(json_integer_value(json_object_get(j, "OCOP_MAX_UPLOAD_BYTES")), 10485760);
    CHECK_INT_EQ(json_integer_value(json_object_get(j, "OCOP_MAX_DOCUMENTS_PER_APPLICATION")), 50);
    /* councils' local policies default to today's rules */
    CHECK(cfg.council_lower_rating_stands == 1 && cfg.council_secretary_scores == 0 &&
          cfg.council_quorum_percent == 50);
    /* a product idea may be resubmitted within 30 days of its return unless set (no source) */
    CHECK_INT_EQ(cfg.idea_resubmit_days, 30);
    CHECK_INT_EQ(json_object_size(j), 48); /* "service", the 46 variables, "kafka_properties" */
    json_decref(j);
    oc_config_clean(&cfg);

    setenv("OCOP_DATABASE_URL", "postgresql://ocop:s3cr3t-pw@db:5432/ocop", 1);
    CHECK_INT_EQ(oc_config_load(&cfg, "registration", 8081, err, sizeof(err)), 0);
    CHECK_STR_EQ(cfg.database_url, "postgresql://ocop:s3cr3t-pw@db:5432/ocop");
    j = oc_config_to_json(&cfg);
    CHECK_STR_EQ(json_string_value(json_object_get(j, "OCOP_DATABASE_URL")), "(redacted)");
    char *text = json_dumps(j, JSON_COMPACT);
    CHECK(text != NULL && strstr(text, "s3cr3t") == NULL);
    free(text);
    json_decref(j);
    oc_config_clean(&cfg);
    env_clear();
}

static void test_topic(void)
{
    struct oc_config cfg;
    char err[256] = "", topic[64], small[10];
    CHECK_INT_EQ(load_with(&cfg, "OCOP_TOPIC_PREFIX", "ocop", err, sizeof(err)), 0);
    oc_config_topic(&cfg, "registration", "events", topic, sizeof(topic));
    CHECK_STR_EQ(topic, "ocop.registration.events");
    oc_config_topic(&cfg, "promotion", "dlq", topic, sizeof(topic));
    CHECK_STR_EQ(topic, "ocop.promotion.dlq");
    oc_config_topic(&cfg, "registration", "events", small, sizeof(small));
    CHECK_STR_EQ(small, "ocop.regi"); /* truncated, still terminated */
    oc_config_clean(&cfg);
    CHECK_INT_EQ(load_with(&cfg, "OCOP_TOPIC_PREFIX", "test-42.ocop", err, sizeof(err)), 0);
    oc_config_topic(&cfg, "evaluation", "events", topic, sizeof(topic));
    CHECK_STR_EQ(topic, "test-42.ocop.evaluation.events");
    oc_config_clean(&cfg);
    env_clear();
}

/* librdkafka properties through the configuration: a file and OCOP_KAFKA_PROP_*, checked. */
static void test_kafka_properties(void)
{
    struct oc_config cfg;
    char err[256] = "", path[] = "/tmp/ocop-test-kafka-XXXXXX";
    int fd = mkstemp(path);
    const char text[] = "# a managed Kafka\n\n security.protocol = SASL_SSL\n"
                        "sasl.mechanism=SCRAM-SHA-512\r\nsasl.username=ocop\n"
                        "sasl.password=s3cr3t=with=equals\n! comment\n";
    CHECK(fd >= 0 && write(fd, text, sizeof(text) - 1) == (ssize_t)(sizeof(text) - 1));
    close(fd);
    CHECK_INT_EQ(load_with(&cfg, "OCOP_KAFKA_PROPERTIES_FILE", path, err, sizeof(err)), 0);
    CHECK_STR_EQ(json_string_value(json_object_get(cfg.kafka_props, "security.protocol")),
                 "SASL_SSL");
    CHECK_STR_EQ(json_string_value(json_object_get(cfg.kafka_props, "sasl.mechanism")),
                 "SCRAM-SHA-512");
    CHECK_STR_EQ(json_string_value(json_object_get(cfg.kafka_props, "sasl.password")),
                 "s3cr3t=with=equals");
    json_t *j = oc_config_to_json(&cfg);
    char *logged = json_dumps(j, JSON_COMPACT);
    CHECK(logged != NULL && strstr(logged, "s3cr3t") == NULL && strstr(logged, "SASL_SSL"));
    free(logged);
    json_decref(j);
    oc_config_clean(&cfg);

    /* the environment wins over the file, its name mapped to the property's */
    setenv("OCOP_KAFKA_PROP_SECURITY_PROTOCOL", "SSL", 1);
    err[0] = '\0';
    CHECK_INT_EQ(oc_config_load(&cfg, "registration", 8081, err, sizeof(err)), 0);
    CHECK_STR_EQ(json_string_value(json_object_get(cfg.kafka_props, "security.protocol")), "SSL");
    oc_config_clean(&cfg);

    /* refused: a protected property, an unknown one, a bad value, a missing file, a bad line */
    CHECK_INT_EQ(load_with(&cfg, "OCOP_KAFKA_PROP_ENABLE_IDEMPOTENCE", "false", err, sizeof(err)),
                 -1);
    CHECK(strstr(err, "enable.idempotence") != NULL && strstr(err, "overridden") != NULL);
    CHECK_INT_EQ(load_with(&cfg, "OCOP_KAFKA_PROP_NO_SUCH_THING", "1", err, sizeof(err)), -1);
    CHECK(strstr(err, "no.such.thing") != NULL);
    CHECK_INT_EQ(
        load_with(&cfg, "OCOP_KAFKA_PROP_SECURITY_PROTOCOL", "carrier_pigeon", err, sizeof(err)),
        -1);
    CHECK(strstr(err, "security.protocol") != NULL);
    CHECK_INT_EQ(load_with(&cfg, "OCOP_KAFKA_PROPERTIES_FILE", "/nonexistent/kafka.properties", err,
                           sizeof(err)),
                 -1);
    CHECK(strstr(err, "OCOP_KAFKA_PROPERTIES_FILE") != NULL);
    json_t *props = json_object();
    CHECK_INT_EQ(oc_kafka_props_parse("a.b=1\nno equals sign\n", props, err, sizeof(err)), -1);
    CHECK(strstr(err, "line 2") != NULL);
    CHECK_INT_EQ(oc_kafka_props_parse("Bad Name=1\n", props, err, sizeof(err)), -1);
    json_decref(props);
    unlink(path);
    env_clear();
}

/* A client property of rk as librdkafka holds it, or "" when it has none. */
static const char *client_property(rd_kafka_t *rk, const char *name, char *buf, size_t len)
{
    if (rk == NULL || rd_kafka_conf_get(rd_kafka_conf(rk), name, buf, &len) != RD_KAFKA_CONF_OK)
        buf[0] = '\0';
    return buf;
}

/* The operator's properties win over the platform's client defaults (a consumer's session
   timeout, a producer's linger); without them the defaults hold. */
static void test_kafka_properties_win(void)
{
    static const struct {
        const char *name, *value, *session, *linger;
    } cases[] = {
        {"OCOP_KAFKA_PROP_SESSION_TIMEOUT_MS", "3000", "3000", "1"},
        {"OCOP_KAFKA_PROP_LINGER_MS", "20", "10000", "20"},
        {"OCOP_LOG_LEVEL", "info", "10000", "1"}, /* none given: the defaults */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct oc_config cfg;
        char err[256] = "", buf[64];
        CHECK_INT_EQ(load_with(&cfg, cases[i].name, cases[i].value, err, sizeof(err)), 0);
        rd_kafka_t *consumer =
            oc_kafka_consumer_new(&cfg, "test-group", NULL, NULL, err, sizeof(err));
        CHECK_STR_EQ(client_property(consumer, "session.timeout.ms", buf, sizeof(buf)),
                     cases[i].session);
        if (consumer != NULL)
            rd_kafka_destroy_flags(consumer, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
        rd_kafka_t *producer = oc_kafka_producer_new(&cfg, "test", NULL, NULL, err, sizeof(err));
        CHECK_STR_EQ(client_property(producer, "linger.ms", buf, sizeof(buf)), cases[i].linger);
        if (producer != NULL)
            rd_kafka_destroy(producer);
        oc_config_clean(&cfg);
    }
    env_clear();
}

/* ---- a service's own rows (oc_settings_load) ------------------------------------------------ */

struct own_settings {
    int days;     /* OCOP_TEST_DAYS: 0..30, default 7 */
    char *name;   /* OCOP_TEST_NAME: 1..5 bytes, default "abc"; empty counts as unset */
    char *file;   /* OCOP_TEST_FILE: no default */
    int mode;     /* OCOP_TEST_MODE: off, on */
    char *secret; /* OCOP_TEST_SECRET: redacted */
};

static const char *const own_modes[] = {"off", "on", NULL};

static const struct oc_setting own_rows[] = {
    {"OCOP_TEST_DAYS", OC_SETTING_INT, offsetof(struct own_settings, days), "7", 0, 30, NULL, 0},
    {"OCOP_TEST_NAME", OC_SETTING_TEXT, offsetof(struct own_settings, name), "abc", 1, 5, NULL,
     OC_SETTING_EMPTY_UNSET},
    {"OCOP_TEST_FILE", OC_SETTING_TEXT, offsetof(struct own_settings, file), NULL, 0, 100, NULL, 0},
    {"OCOP_TEST_MODE", OC_SETTING_CHOICE, offsetof(struct own_settings, mode), "off", 0, 0,
     own_modes, 0},
    {"OCOP_TEST_SECRET", OC_SETTING_TEXT, offsetof(struct own_settings, secret), "", 0, 100, NULL,
     OC_SETTING_SECRET},
};

#define OWN_ROWS OC_SETTINGS_COUNT(own_rows)

static const char *const own_names[] = {"OCOP_TEST_DAYS", "OCOP_TEST_NAME",   "OCOP_TEST_FILE",
                                        "OCOP_TEST_MODE", "OCOP_TEST_SECRET", NULL};

/* Loads the rows with NAME=VALUE set (NULL: nothing set); returns what oc_settings_load did. */
static int own_load(struct own_settings *s, const char *name, const char *value, char *err)
{
    for (const char *const *n = own_names; *n; n++)
        unsetenv(*n);
    if (name != NULL)
        setenv(name, value, 1);
    memset(s, 0, sizeof(*s));
    err[0] = '\0';
    return oc_settings_load(own_rows, OWN_ROWS, s, err, 256);
}

static void test_own_rows(void)
{
    struct own_settings s;
    char err[256];
    CHECK_INT_EQ(own_load(&s, NULL, NULL, err), 0);
    CHECK_INT_EQ(s.days, 7);
    CHECK_STR_EQ(s.name, "abc");
    CHECK(s.file == NULL);
    CHECK_INT_EQ(s.mode, 0);
    json_t *obj = json_object();
    oc_settings_to_json(own_rows, OWN_ROWS, &s, obj);
    CHECK(json_is_null(json_object_get(obj, "OCOP_TEST_FILE")));
    CHECK_STR_EQ(json_string_value(json_object_get(obj, "OCOP_TEST_MODE")), "off");
    CHECK_STR_EQ(json_string_value(json_object_get(obj, "OCOP_TEST_SECRET")), "");
    json_decref(obj);
    oc_settings_clean(own_rows, OWN_ROWS, &s);
    CHECK(s.name == NULL);
    /* the bounds, at their edges */
    static const struct {
        const char *name, *value;
        int ok;
    } cases[] = {
        {"OCOP_TEST_DAYS", "30", 1},    {"OCOP_TEST_DAYS", "31", 0},     {"OCOP_TEST_DAYS", "0", 1},
        {"OCOP_TEST_DAYS", "-1", 0},    {"OCOP_TEST_DAYS", "7x", 0},     {"OCOP_TEST_DAYS", "", 0},
        {"OCOP_TEST_NAME", "abcde", 1}, {"OCOP_TEST_NAME", "abcdef", 0}, {"OCOP_TEST_NAME", "", 1},
        {"OCOP_TEST_MODE", "on", 1},    {"OCOP_TEST_MODE", "ON", 0},     {"OCOP_TEST_MODE", "", 0},
        {"OCOP_TEST_FILE", "", 1},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int rc = own_load(&s, cases[i].name, cases[i].value, err);
        CHECK_INT_EQ(rc, cases[i].ok ? 0 : -1);
        if (!cases[i].ok) {
            CHECK(strstr(err, cases[i].name) != NULL);
            CHECK(s.name == NULL && s.file == NULL && s.secret == NULL); /* nothing left to free */
        }
        oc_settings_clean(own_rows, OWN_ROWS, &s);
    }
    /* what was set is what is read; an empty name is the default, an empty file stays "" */
    CHECK_INT_EQ(own_load(&s, "OCOP_TEST_NAME", "", err), 0);
    CHECK_STR_EQ(s.name, "abc");
    oc_settings_clean(own_rows, OWN_ROWS, &s);
    CHECK_INT_EQ(own_load(&s, "OCOP_TEST_FILE", "", err), 0);
    CHECK_STR_EQ(s.file, "");
    oc_settings_clean(own_rows, OWN_ROWS, &s);
    CHECK_INT_EQ(own_load(&s, "OCOP_TEST_MODE", "on", err), 0);
    CHECK_INT_EQ(s.mode, 1);
    oc_settings_clean(own_rows, OWN_ROWS, &s);
    CHECK_INT_EQ(own_load(&s, "OCOP_TEST_SECRET", "hunter2", err), 0);
    obj = json_object();
    oc_settings_to_json(own_rows, OWN_ROWS, &s, obj);
    CHECK_STR_EQ(json_string_value(json_object_get(obj, "OCOP_TEST_SECRET")), "(redacted)");
    json_decref(obj);
    oc_settings_clean(own_rows, OWN_ROWS, &s);
    CHECK_INT_EQ(own_load(&s, "OCOP_TEST_MODE", "maybe", err), -1);
    CHECK(strstr(err, "off, on") != NULL);
}

int main(void)
{
    test_defaults();
    test_overrides();
    test_rejections();
    test_to_json();
    test_topic();
    test_kafka_properties();
    test_kafka_properties_win();
    test_own_rows();
    TEST_DONE();
}
