/*
 * Webhooks: the settings and the queueing of deliveries in the consumer's
 * transaction. The sending is dispatcher.c's; the API is subscription_http.c
 * and delivery_http.c.
 */
#include "notification/webhook.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/contracts.h"
#include "common/log.h"
#include "notification/app.h"
#include "notification/delivery_store.h"
#include "notification/outbound.h"
#include "notification/subscription.h"
#include "notification/subscription_store.h"

#ifndef OCOP_DEFAULT_SCHEMA_DIR
#define OCOP_DEFAULT_SCHEMA_DIR "schemas"
#endif

/* Reads an integer setting name (default def) within min..max. Returns 0, or -1 with err. */
static int env_int(const char *name, long def, long min, long max, int *out, char *err,
                   size_t errlen)
{
    const char *text = getenv(name);
    char *end = NULL;
    long v = def;
    if (text != NULL) {
        errno = 0;
        v = strtol(text, &end, 10);
        if (errno != 0 || end == text || *end != '\0' || text[0] < '0' || text[0] > '9')
            v = min - 1;
    }
    if (v < min || v > max) {
        snprintf(err, errlen, "%s must be an integer from %ld to %ld", name, min, max);
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* 1 to 32 of A-Z, 0-9 and '.'. */
static int agency_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
            return 0;
    return 1;
}

/* Loads the retry schedule from its file, scaled. */
static int schedule_load(struct webhook_settings *s, char *err, size_t errlen)
{
    const char *file = getenv("OCOP_WEBHOOK_RETRY_SCHEDULE_FILE");
    const char *scale_text = getenv("OCOP_WEBHOOK_RETRY_SCALE");
    const char *dir = getenv("OCOP_SCHEMA_DIR");
    char path[4200], why[160];
    char *end = NULL;
    double scale = scale_text ? strtod(scale_text, &end) : 1.0;
    if (scale_text != NULL &&
        (end == scale_text || *end != '\0' || !(scale > 0 && scale <= 1000))) {
        snprintf(err, errlen, "OCOP_WEBHOOK_RETRY_SCALE must be a number above 0, at most 1000");
        return -1;
    }
    if (file != NULL && file[0] != '\0')
        snprintf(path, sizeof(path), "%s", file);
    else
        snprintf(path, sizeof(path), "%s/reference/webhook-retry-schedule.json",
                 dir && dir[0] ? dir : OCOP_DEFAULT_SCHEMA_DIR);
    json_error_t jerr;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (doc == NULL) {
        snprintf(err, errlen, "the webhook retry schedule %s: %s", path, jerr.text);
        return -1;
    }
    int rc = delivery_schedule_parse(doc, scale, &s->schedule, why, sizeof(why));
    json_decref(doc);
    if (rc != 0)
        snprintf(err, errlen, "the webhook retry schedule %s: %s", path, why);
    return rc;
}

int webhook_settings_load(struct webhook_settings *s, char *err, size_t errlen)
{
    char why[160];
    memset(s, 0, sizeof(*s));
    const char *agency = getenv("OCOP_PORTAL_AGENCY_CODE");
    agency = agency ? agency : OC_AGENCY_CODE_DEFAULT;
    if (!agency_ok(agency)) {
        snprintf(err, errlen, "OCOP_PORTAL_AGENCY_CODE must be 1 to 32 of A-Z, 0-9 and '.'");
        return -1;
    }
    snprintf(s->agency, sizeof(s->agency), "%s", agency);
    const char *allow = getenv("OCOP_WEBHOOK_ALLOW_ADDRESSES");
    if (address_allow_parse(allow ? allow : "", &s->allow, why, sizeof(why)) != 0) {
        snprintf(err, errlen, "OCOP_WEBHOOK_ALLOW_ADDRESSES %s", why);
        return -1;
    }
    if (env_int("OCOP_WEBHOOK_SECRET_OVERLAP_S", 86400, 0, 30L * 86400, &s->secret_overlap_s, err,
                errlen) != 0 ||
        env_int("OCOP_WEBHOOK_PAUSE_AFTER", 20, 1, 100000, &s->pause_after, err, errlen) != 0 ||
        env_int("OCOP_WEBHOOK_CONNECT_TIMEOUT_MS", 5000, 100, 60000, &s->connect_timeout_ms, err,
                errlen) != 0 ||
        env_int("OCOP_WEBHOOK_TIMEOUT_MS", 15000, 100, 120000, &s->timeout_ms, err, errlen) != 0 ||
        env_int("OCOP_WEBHOOK_WORKERS", 4, 1, 32, &s->workers, err, errlen) != 0 ||
        env_int("OCOP_WEBHOOK_POLL_MS", 500, 10, 60000, &s->poll_ms, err, errlen) != 0)
        return -1;
    if (schedule_load(s, err, errlen) != 0)
        return -1;
    if (outbound_global_init() != 0) {
        snprintf(err, errlen, "could not initialise libcurl");
        return -1;
    }
    s->curl_ready = 1;
    return 0;
}

void webhook_settings_clean(struct webhook_settings *s)
{
    if (s->curl_ready)
        outbound_global_clean();
    memset(s, 0, sizeof(*s));
}

const struct webhook_settings *webhook_settings_of(const struct oc_service *svc)
{
    return &notif_app(svc)->webhook;
}

/* The body and content type of ev for a subscription of format; NULL when it carries none. */
static char *body_for(const struct oc_event_in *ev, const char *format, const char *agency,
                      const char **content_type)
{
    if (strcmp(format, "dossier_status") == 0) {
        *content_type = DELIVERY_CT_JSON;
        return delivery_dossier_status(ev, agency);
    }
    *content_type = DELIVERY_CT_CLOUDEVENTS;
    return delivery_cloudevent(ev);
}

enum oc_err webhook_on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                             char *err, size_t errlen)
{
    PGresult *res = NULL;
    const struct webhook_settings *cfg = webhook_settings_of(svc);
    enum oc_err rc = subscription_store_all(conn, &res);
    if (rc != OC_OK) {
        snprintf(err, errlen, "could not read the webhook subscriptions");
        return rc;
    }
    for (int i = 0; rc == OC_OK && i < PQntuples(res); i++) {
        const char *id = PQgetvalue(res, i, 0), *format = PQgetvalue(res, i, 1);
        json_t *types = json_loads(PQgetvalue(res, i, 2), 0, NULL);
        if (subscription_matches(types, ev->type) &&
            subscription_format_carries(format, ev->type)) {
            const char *content_type = NULL;
            char *body = body_for(ev, format, cfg->agency, &content_type);
            if (body != NULL)
                rc = delivery_store_queue(conn, id, ev->id, ev->type, content_type, body);
            free(body);
        }
        json_decref(types);
    }
    PQclear(res);
    if (rc != OC_OK)
        snprintf(err, errlen, "could not queue a webhook delivery");
    return rc;
}
