#include "notification/delivery.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <string.h>

#include "common/base64.h"
#include "common/trace.h"

int delivery_secret_new(char out[DELIVERY_SECRET_LEN])
{
    unsigned char key[DELIVERY_SECRET_BYTES];
    if (gnutls_rnd(GNUTLS_RND_KEY, key, sizeof(key)) != 0)
        return -1;
    memcpy(out, "whsec_", 7);
    oc_base64(key, sizeof(key), out + 6);
    memset(key, 0, sizeof(key));
    return 0;
}

int delivery_sign(const char *secret, const char *id, long long timestamp, const char *body,
                  size_t len, char out[DELIVERY_SIG_LEN])
{
    unsigned char key[64], mac[32];
    if (strncmp(secret, "whsec_", 6) != 0)
        return -1;
    long keylen = oc_base64_decode(secret + 6, key, sizeof(key));
    if (keylen <= 0)
        return -1;
    char head[200];
    int hlen = snprintf(head, sizeof(head), "%s.%lld.", id, timestamp);
    if (hlen < 0 || (size_t)hlen >= sizeof(head))
        return -1;
    gnutls_hmac_hd_t h;
    int rc = gnutls_hmac_init(&h, GNUTLS_MAC_SHA256, key, (size_t)keylen);
    if (rc == 0) {
        gnutls_hmac(h, head, (size_t)hlen);
        gnutls_hmac(h, body, len);
        gnutls_hmac_deinit(h, mac);
    }
    memset(key, 0, sizeof(key));
    if (rc != 0)
        return -1;
    memcpy(out, "v1,", 4);
    oc_base64(mac, sizeof(mac), out + 3);
    return 0;
}

int delivery_signature_header(const char *secret, const char *previous, const char *id,
                              long long timestamp, const char *body, size_t len, char *out,
                              size_t outlen)
{
    char a[DELIVERY_SIG_LEN], b[DELIVERY_SIG_LEN];
    if (delivery_sign(secret, id, timestamp, body, len, a) != 0)
        return -1;
    if (previous == NULL) {
        snprintf(out, outlen, "%s", a);
        return 0;
    }
    if (delivery_sign(previous, id, timestamp, body, len, b) != 0)
        return -1;
    snprintf(out, outlen, "%s %s", a, b);
    return 0;
}

int delivery_schedule_parse(const json_t *doc, double scale, struct delivery_schedule *out,
                            char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    const json_t *delays = json_object_get(doc, "delays_s");
    const char *then = json_string_value(json_object_get(doc, "then"));
    size_t n = json_array_size(delays);
    if (!json_is_array(delays) || n == 0 || n > DELIVERY_SCHEDULE_MAX) {
        snprintf(err, errlen, "delays_s must be an array of 1 to %d numbers",
                 DELIVERY_SCHEDULE_MAX);
        return -1;
    }
    if (then == NULL || strcmp(then, "dead") != 0) {
        snprintf(err, errlen, "then must be \"dead\"");
        return -1;
    }
    if (!(scale > 0 && scale <= 1000)) {
        snprintf(err, errlen, "the scale must be above 0 and at most 1000");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const json_t *d = json_array_get(delays, i);
        double s = json_number_value(d);
        if (!json_is_number(d) || !(s > 0 && s <= 7 * 86400)) {
            snprintf(err, errlen, "delays_s[%zu] must be a number of seconds, 0 < s <= 604800", i);
            return -1;
        }
        out->delays_s[i] = s * scale;
    }
    out->n = n;
    return 0;
}

int delivery_next(const struct delivery_schedule *s, int failed, double *delay_s)
{
    if (failed < 1 || (size_t)failed > s->n)
        return 0;
    *delay_s = s->delays_s[failed - 1];
    return 1;
}

/* A new reference to obj's member key, or JSON null. */
static json_t *member(const json_t *obj, const char *key)
{
    json_t *m = json_object_get(obj, key);
    return m != NULL ? json_incref(m) : json_null();
}

char *delivery_cloudevent(const struct oc_event_in *ev)
{
    json_t *ce = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:O}", "specversion", "1.0", "id", ev->id,
                           "source", ev->source, "type", ev->type, "time", ev->time,
                           "datacontenttype", "application/json", "data", ev->data);
    if (ev->subject[0] != '\0')
        json_object_set_new(ce, "subject", json_string(ev->subject));
    /* The receiver's parent is the span that wrote the delivery (a child of the event's). */
    if (ev->traceparent[0] != '\0' || oc_trace_current() != NULL) {
        char span[OC_TRACE_HEADER_LEN + 1];
        oc_trace_outbox(ev->traceparent, span, sizeof(span));
        json_object_set_new(ce, "traceparent", json_string(span));
    }
    char *text = json_dumps(ce, JSON_COMPACT);
    json_decref(ce);
    return text;
}

char *delivery_dossier_status(const struct oc_event_in *ev, const char *agency)
{
    const json_t *d = ev->data;
    const char *code = json_string_value(json_object_get(d, "dossier_code"));
    const json_t *status_code = json_object_get(d, "portal_status_code");
    if (code == NULL || !json_is_integer(status_code) || json_integer_value(status_code) < 1 ||
        json_integer_value(status_code) > 10)
        return NULL;
    json_t *body =
        json_pack("{s:s,s:O,s:o,s:s,s:o,s:o,s:o,s:o,s:o}", "dossier_code", code, "status_code",
                  status_code, "status", member(d, "status"), "receiving_agency", agency,
                  "received_on", member(d, "received_on"), "changed_at", member(d, "changed_at"),
                  "product_code", member(d, "product_code"), "product_name",
                  member(d, "product_name"), "reason", member(d, "reason"));
    char *text = body != NULL ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    return text;
}
