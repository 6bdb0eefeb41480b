#include "common/kafka.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/kafka_props.h"
#include "common/log.h"
#include "common/metrics.h"

static void kafka_log_cb(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    /* syslog levels: 0-3 error, 4 warning, 5-6 info, 7 debug */
    enum oc_log_level lvl = level <= 3 ? OC_LOG_ERROR : level == 4 ? OC_LOG_WARN : OC_LOG_DEBUG;
    oc_logj(lvl, json_pack("{s:s,s:s}", "kafka_client", rd_kafka_name(rk), "facility", fac),
            "kafka: %s", buf);
}

static void kafka_error_cb(rd_kafka_t *rk, int err, const char *reason, void *opaque)
{
    (void)opaque;
    if (err == RD_KAFKA_RESP_ERR__FATAL) {
        char fatal[256];
        rd_kafka_fatal_error(rk, fatal, sizeof(fatal));
        oc_log(OC_LOG_ERROR, "kafka fatal error: %s", fatal);
        return;
    }
    oc_log(err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN ? OC_LOG_WARN : OC_LOG_DEBUG, "kafka: %s: %s",
           rd_kafka_err2str((rd_kafka_resp_err_t)err), reason);
}

static int conf_set_all(rd_kafka_conf_t *conf, const char *const (*kv)[2], size_t n, char *err,
                        size_t errlen)
{
    for (size_t i = 0; i < n; i++)
        if (rd_kafka_conf_set(conf, kv[i][0], kv[i][1], err, errlen) != RD_KAFKA_CONF_OK)
            return -1;
    return 0;
}

/*
 * A client's conf: the common defaults, then the client's own (kv, n rows),
 * then the operator's properties (OCOP_KAFKA_PROPERTIES_FILE, OCOP_KAFKA_PROP_*),
 * which win over both; the protected ones cannot be given at all. NULL with
 * err filled on failure.
 */
static rd_kafka_conf_t *conf_new(const struct oc_config *cfg, const char *role,
                                 const char *const (*kv)[2], size_t n, char *err, size_t errlen)
{
    char client_id[128];
    snprintf(client_id, sizeof(client_id), "ocop-%s-%s", cfg->service, role);
    const char *const base[][2] = {
        {"bootstrap.servers", cfg->kafka_bootstrap},
        {"client.id", client_id},
        {"socket.keepalive.enable", "true"},
        {"reconnect.backoff.ms", "50"},
        {"reconnect.backoff.max.ms", "1000"},
        {"topic.metadata.refresh.interval.ms", "10000"},
    };
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (conf_set_all(conf, base, sizeof(base) / sizeof(base[0]), err, errlen) != 0 ||
        conf_set_all(conf, kv, n, err, errlen) != 0 ||
        (cfg->kafka_props != NULL && oc_kafka_props_apply(conf, cfg->kafka_props, err, errlen))) {
        rd_kafka_conf_destroy(conf);
        return NULL;
    }
    rd_kafka_conf_set_log_cb(conf, kafka_log_cb);
    rd_kafka_conf_set_error_cb(conf, kafka_error_cb);
    return conf;
}

/* rd_kafka_new, which takes conf only on success: conf is destroyed on failure here. */
static rd_kafka_t *client_new(rd_kafka_type_t type, rd_kafka_conf_t *conf, char *err, size_t errlen)
{
    rd_kafka_t *rk = rd_kafka_new(type, conf, err, errlen);
    if (rk == NULL)
        rd_kafka_conf_destroy(conf);
    return rk;
}

rd_kafka_t *oc_kafka_producer_new(const struct oc_config *cfg, const char *role, oc_kafka_dr_fn dr,
                                  void *opaque, char *err, size_t errlen)
{
    static const char *const kv[][2] = {
        {"enable.idempotence", "true"},
        {"acks", "all"},
        {"linger.ms", "1"},
        {"message.timeout.ms", "300000"},
        {"compression.type", "lz4"},
    };
    rd_kafka_conf_t *conf = conf_new(cfg, role, kv, sizeof(kv) / sizeof(kv[0]), err, errlen);
    if (conf == NULL)
        return NULL;
    if (dr != NULL)
        rd_kafka_conf_set_dr_msg_cb(conf, dr);
    rd_kafka_conf_set_opaque(conf, opaque);
    return client_new(RD_KAFKA_PRODUCER, conf, err, errlen);
}

rd_kafka_t *oc_kafka_consumer_new(const struct oc_config *cfg, const char *group,
                                  oc_kafka_rebalance_fn rebalance, void *opaque, char *err,
                                  size_t errlen)
{
    char fetch_wait[16];
    snprintf(fetch_wait, sizeof(fetch_wait), "%d", cfg->consumer_fetch_wait_ms);
    const char *const kv[][2] = {
        {"group.id", group},
        {"enable.auto.commit", "true"},
        {"auto.commit.interval.ms", "500"},
        {"enable.auto.offset.store", "false"},
        {"auto.offset.reset", "earliest"},
        {"isolation.level", "read_committed"},
        {"fetch.wait.max.ms", fetch_wait},
        /* Prefetch bounded: memory no longer follows the consumer's lag (defaults: 64 MB and
           100,000 messages per partition). */
        {"queued.max.messages.kbytes", "1024"},
        {"queued.min.messages", "1000"},
        {"allow.auto.create.topics", "true"},
        {"session.timeout.ms", "10000"},
        {"heartbeat.interval.ms", "1000"},
    };
    rd_kafka_conf_t *conf = conf_new(cfg, "consumer", kv, sizeof(kv) / sizeof(kv[0]), err, errlen);
    if (conf == NULL)
        return NULL;
    rd_kafka_conf_set_rebalance_cb(conf, rebalance);
    rd_kafka_conf_set_opaque(conf, opaque);
    rd_kafka_t *rk = client_new(RD_KAFKA_CONSUMER, conf, err, errlen);
    if (rk != NULL)
        rd_kafka_poll_set_consumer(rk);
    return rk;
}

rd_kafka_resp_err_t oc_kafka_produce(rd_kafka_t *rk, const char *topic, const void *key,
                                     size_t keylen, const void *value, size_t len,
                                     rd_kafka_headers_t *hdrs, void *opaque)
{
    rd_kafka_vu_t vu[6];
    memset(vu, 0, sizeof(vu));
    vu[0].vtype = RD_KAFKA_VTYPE_TOPIC;
    vu[0].u.cstr = topic;
    vu[1].vtype = RD_KAFKA_VTYPE_KEY;
    vu[1].u.mem.ptr = (void *)(uintptr_t)key;
    vu[1].u.mem.size = keylen;
    vu[2].vtype = RD_KAFKA_VTYPE_VALUE;
    vu[2].u.mem.ptr = (void *)(uintptr_t)value;
    vu[2].u.mem.size = len;
    vu[3].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    vu[3].u.i = RD_KAFKA_MSG_F_COPY;
    vu[4].vtype = RD_KAFKA_VTYPE_HEADERS;
    vu[4].u.headers = hdrs;
    vu[5].vtype = RD_KAFKA_VTYPE_OPAQUE;
    vu[5].u.ptr = opaque;
    rd_kafka_error_t *error = rd_kafka_produceva(rk, vu, 6);
    if (error == NULL)
        return RD_KAFKA_RESP_ERR_NO_ERROR;
    rd_kafka_resp_err_t err = rd_kafka_error_code(error);
    rd_kafka_error_destroy(error);
    return err;
}

int oc_kafka_ping(rd_kafka_t *rk, int timeout_ms)
{
    const struct rd_kafka_metadata *md = NULL;
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, NULL, &md, timeout_ms);
    if (md != NULL)
        rd_kafka_metadata_destroy(md);
    return err == RD_KAFKA_RESP_ERR_NO_ERROR;
}

size_t oc_kafka_headers(const rd_kafka_message_t *msg, struct oc_event_header *out, size_t max)
{
    rd_kafka_headers_t *hdrs = NULL;
    size_t n = 0;
    if (rd_kafka_message_headers(msg, &hdrs) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return 0;
    const char *name;
    const void *value;
    size_t len;
    while (n < max &&
           rd_kafka_header_get_all(hdrs, n, &name, &value, &len) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        out[n].name = name;
        out[n].value = value;
        out[n].len = len;
        n++;
    }
    return n;
}
