/*
 * Service configuration, read once from environment variables at start-up
 * through one table (config.c), validated, then read-only.
 */
#ifndef OC_CONFIG_H
#define OC_CONFIG_H

#include <stddef.h>

#include <jansson.h>

struct oc_config {
    char *service;                   /* service name, e.g. "registration"; owned */
    int http_port;                   /* OCOP_HTTP_PORT: TCP port to listen on */
    char *http_bind;                 /* OCOP_HTTP_BIND: IPv4 address to bind */
    int http_threads;                /* OCOP_HTTP_THREADS: libmicrohttpd worker threads */
    int http_max_connections;        /* OCOP_HTTP_MAX_CONNECTIONS: open connections at most */
    int http_max_connections_per_ip; /* OCOP_HTTP_MAX_CONNECTIONS_PER_IP: of them one address */
    int http_timeout_s;              /* OCOP_HTTP_TIMEOUT_S: idle connection timeout */
    int http_request_deadline_s;     /* OCOP_HTTP_REQUEST_DEADLINE_S: a request's whole header
                                        and body, from its connection's start or last answer */
    int http_queue_max_ms;           /* OCOP_HTTP_QUEUE_MAX_MS: longest wait for a worker before
                                        503; 0 = never shed */
    int rate_address_per_s;          /* OCOP_RATE_LIMIT_ADDRESS_PER_S: requests a second an
                                        address may make; 0 = no limit */
    int rate_address_burst;          /* OCOP_RATE_LIMIT_ADDRESS_BURST: its bucket's size */
    int rate_subject_per_s;          /* OCOP_RATE_LIMIT_SUBJECT_PER_S: the same per token subject */
    int rate_subject_burst;          /* OCOP_RATE_LIMIT_SUBJECT_BURST: its bucket's size */
    int max_body_bytes;              /* OCOP_MAX_BODY_BYTES: largest accepted request body */
    int max_upload_bytes;            /* OCOP_MAX_UPLOAD_BYTES: largest file upload */
    int max_documents;           /* OCOP_MAX_DOCUMENTS_PER_APPLICATION: files one dossier holds */
    int max_document_bytes;      /* OCOP_MAX_DOCUMENT_BYTES_PER_APPLICATION: their total bytes */
    char *database_url;          /* OCOP_DATABASE_URL: libpq URI or conninfo; "" = PG* vars */
    char *db_schema;             /* OCOP_DB_SCHEMA: the service's own schema */
    int db_pool_size;            /* OCOP_DB_POOL_SIZE: shared libpq connections */
    int db_statement_timeout_ms; /* OCOP_DB_STATEMENT_TIMEOUT_MS: per statement */
    int db_acquire_timeout_ms;   /* OCOP_DB_ACQUIRE_TIMEOUT_MS: wait for a pooled connection */
    char *kafka_bootstrap;       /* OCOP_KAFKA_BOOTSTRAP: bootstrap.servers */
    char *kafka_properties_file; /* OCOP_KAFKA_PROPERTIES_FILE: more librdkafka properties */
    json_t *kafka_props;         /* that file's and OCOP_KAFKA_PROP_* properties (kafka_props.h) */
    char *topic_prefix;          /* OCOP_TOPIC_PREFIX: topics are <prefix>.<service>.events */
    char *schema_dir;            /* OCOP_SCHEMA_DIR: folder holding sql/ and openapi/ */
    char *admin_unit_files;      /* OCOP_ADMIN_UNIT_FILES: administrative units' reference files
                                    under schema_dir, by comma; "" the service's default */
    char *log_level;             /* OCOP_LOG_LEVEL: debug, info, warn or error */
    int outbox_poll_ms;          /* OCOP_OUTBOX_POLL_MS: relay polling when no NOTIFY arrives */
    int consumer_max_retries;    /* OCOP_CONSUMER_MAX_RETRIES: tries before dead-lettering */
    int consumer_retry_ms;       /* OCOP_CONSUMER_RETRY_MS: first retry back-off */
    int consumer_batch;          /* OCOP_CONSUMER_BATCH: most events applied in one transaction */
    int consumer_fetch_wait_ms;  /* OCOP_CONSUMER_FETCH_WAIT_MS: fetch.wait.max.ms */
    int shutdown_grace_ms;       /* OCOP_SHUTDOWN_GRACE_MS: time to finish in-flight work */
    char *clock_file;            /* OCOP_CLOCK_FILE: file holding "today" (clock.h); "" = real */
    char *auth_jwks_file;        /* OCOP_AUTH_JWKS_FILE: the identity provider's public keys */
    char *auth_issuer;           /* OCOP_AUTH_ISSUER: required iss of access tokens */
    char *auth_audience;         /* OCOP_AUTH_AUDIENCE: required member of aud */
    char *auth_roles_claim;      /* OCOP_AUTH_ROLES_CLAIM: claim paths holding roles, by comma */
    int auth_clock_skew_s;       /* OCOP_AUTH_CLOCK_SKEW_S: tolerance on exp and nbf */
    int auth_jwks_refresh_s;     /* OCOP_AUTH_JWKS_REFRESH_S: how often the JWKS file is re-read */
    int auth_cache_entries;      /* OCOP_AUTH_CACHE_ENTRIES: verified tokens kept; 0 = none */
    int idempotency_ttl_s;       /* OCOP_IDEMPOTENCY_TTL_S: how long Idempotency-Keys are kept */
    int council_lower_rating_stands; /* OCOP_COUNCIL_LOWER_RATING_STANDS: 1, a higher council's
                                        rating below its own stars is recognised as its decision;
                                        0, it is not recognised there */
    int council_secretary_scores;    /* OCOP_COUNCIL_SECRETARY_SCORES: 1, the secretary scores */
    int council_quorum_percent;      /* OCOP_COUNCIL_QUORUM_PERCENT: a round without a quorum needs
                                        sheets from more than this percent of scoring members */
    int idea_resubmit_days;          /* OCOP_IDEA_RESUBMIT_DAYS: days after its return within which
                                        a product idea may be resubmitted (registration) */
};

/*
 * Fills cfg from the environment. default_port is the service's port when
 * OCOP_HTTP_PORT is unset. Returns 0, or -1 with a message in err.
 * On failure cfg holds nothing to free.
 */
int oc_config_load(struct oc_config *cfg, const char *service, int default_port, char *err,
                   size_t errlen);

/* Returns the configuration as a JSON object with secrets redacted (caller owns). */
json_t *oc_config_to_json(const struct oc_config *cfg);

/* Frees what oc_config_load allocated; cfg may be zeroed. */
void oc_config_clean(struct oc_config *cfg);

/*
 * A service's own settings are rows of a table like the shared one above:
 * config.c reads every variable, no other file of a service calls getenv.
 * A row fills one member (at offset) of the caller's struct:
 *   OC_SETTING_INT     an int from min to max
 *   OC_SETTING_TEXT    a char * (freed by oc_settings_clean): the value, or
 *                      fallback when unset (NULL when that is NULL), of min to
 *                      max bytes
 *   OC_SETTING_CHOICE  an int: the index in choices of the value
 * With OC_SETTING_EMPTY_UNSET an empty value counts as unset; an
 * OC_SETTING_SECRET is redacted by oc_settings_to_json.
 */
enum oc_setting_type { OC_SETTING_INT, OC_SETTING_TEXT, OC_SETTING_CHOICE };

#define OC_SETTING_EMPTY_UNSET 1u
#define OC_SETTING_SECRET      2u

struct oc_setting {
    const char *env;            /* the environment variable */
    enum oc_setting_type type;  /* what it fills */
    size_t offset;              /* the member, offsetof the caller's struct */
    const char *fallback;       /* the default text; NULL: none */
    long min;                   /* lowest integer, or shortest text in bytes */
    long max;                   /* highest integer, or longest text in bytes */
    const char *const *choices; /* OC_SETTING_CHOICE: the values, NULL-terminated */
    unsigned flags;             /* OC_SETTING_EMPTY_UNSET, OC_SETTING_SECRET */
};

#define OC_SETTINGS_COUNT(rows) (sizeof(rows) / sizeof((rows)[0]))

/*
 * Fills the struct at out from the n rows. Returns 0, or -1 with the first
 * problem in err ("OCOP_X must be ..."), having freed what it filled.
 */
int oc_settings_load(const struct oc_setting *rows, size_t n, void *out, char *err, size_t errlen);

/* Frees the OC_SETTING_TEXT members the rows filled at out (and sets them NULL). */
void oc_settings_clean(const struct oc_setting *rows, size_t n, void *out);

/* Adds each row's value (secrets redacted) to obj, by variable name. */
void oc_settings_to_json(const struct oc_setting *rows, size_t n, const void *in, json_t *obj);

/* Writes the topic name "<prefix>.<service>.<kind>" into buf. */
void oc_config_topic(const struct oc_config *cfg, const char *service, const char *kind, char *buf,
                     size_t len);

#endif
