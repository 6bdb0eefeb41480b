/*
 * Webhooks: the settings and the queueing of deliveries in the consumer's
 * transaction. The sending is dispatcher.c's; the API is subscription_http.c
 * and delivery_http.c.
 */
#include "notification/webhook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/config.h"
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

/* The settings as the environment gives them, before they are checked. */
struct webhook_settings_raw {
    char *agency;        /* OCOP_PORTAL_AGENCY_CODE */
    char *allow;         /* OCOP_WEBHOOK_ALLOW_ADDRESSES */
    char *schedule_file; /* OCOP_WEBHOOK_RETRY_SCHEDULE_FILE, or NULL for the schema folder's */
    char *scale;         /* OCOP_WEBHOOK_RETRY_SCALE, or NULL */
    char *schema_dir;    /* OCOP_SCHEMA_DIR */
};

#define RAW(field) offsetof(struct webhook_settings_raw, field)
#define WS(field)  offsetof(struct webhook_settings, field)

static const struct oc_setting webhook_raw_rows[] = {
    {"OCOP_PORTAL_AGENCY_CODE", OC_SETTING_TEXT, RAW(agency), OC_AGENCY_CODE_DEFAULT, 0, 64, NULL,
     0},
    {"OCOP_WEBHOOK_ALLOW_ADDRESSES", OC_SETTING_TEXT, RAW(allow), "", 0, 4096, NULL, 0},
    {"OCOP_WEBHOOK_RETRY_SCHEDULE_FILE", OC_SETTING_TEXT, RAW(schedule_file), NULL, 0, 4096, NULL,
     OC_SETTING_EMPTY_UNSET},
    {"OCOP_WEBHOOK_RETRY_SCALE", OC_SETTING_TEXT, RAW(scale), NULL, 0, 64, NULL, 0},
    {"OCOP_SCHEMA_DIR", OC_SETTING_TEXT, RAW(schema_dir), OCOP_DEFAULT_SCHEMA_DIR, 1, 4096, NULL,
     OC_SETTING_EMPTY_UNSET},
};

static const struct oc_setting webhook_int_rows[] = {
    {"OCOP_WEBHOOK_SECRET_OVERLAP_S", OC_SETTING_INT, WS(secret_overlap_s), "86400", 0, 30L * 86400,
     NULL, 0},
    {"OCOP_WEBHOOK_PAUSE_AFTER", OC_SETTING_INT, WS(pause_after), "20", 1, 100000, NULL, 0},
    {"OCOP_WEBHOOK_CONNECT_TIMEOUT_MS", OC_SETTING_INT, WS(connect_timeout_ms), "5000", 100, 60000,
     NULL, 0},
    {"OCOP_WEBHOOK_TIMEOUT_MS", OC_SETTING_INT, WS(timeout_ms), "15000", 100, 120000, NULL, 0},
    {"OCOP_WEBHOOK_WORKERS", OC_SETTING_INT, WS(workers), "4", 1, 32, NULL, 0},
    {"OCOP_WEBHOOK_POLL_MS", OC_SETTING_INT, WS(poll_ms), "500", 10, 60000, NULL, 0},
};

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
static int schedule_load(struct webhook_settings *s, const struct webhook_settings_raw *r,
                         char *err, size_t errlen)
{
    char path[4200], why[160];
    char *end = NULL;
    double scale = r->scale ? strtod(r->scale, &end) : 1.0;
    if (r->scale != NULL && (end == r->scale || *end != '\0' || !(scale > 0 && scale <= 1000))) {
        snprintf(err, errlen, "OCOP_WEBHOOK_RETRY_SCALE must be a number above 0, at most 1000");
        return -1;
    }
    if (r->schedule_file != NULL)
        snprintf(path, sizeof(path), "%s", r->schedule_file);
    else
        snprintf(path, sizeof(path), "%s/reference/webhook-retry-schedule.json", r->schema_dir);
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

/* Checks the raw texts into s. Returns 0, or -1 with err. */
static int webhook_settings_check(struct webhook_settings *s, const struct webhook_settings_raw *r,
                                  char *err, size_t errlen)
{
    char why[160];
    if (!agency_ok(r->agency)) {
        snprintf(err, errlen, "OCOP_PORTAL_AGENCY_CODE must be 1 to 32 of A-Z, 0-9 and '.'");
        return -1;
    }
    snprintf(s->agency, sizeof(s->agency), "%s", r->agency);
    if (address_allow_parse(r->allow, &s->allow, why, sizeof(why)) != 0) {
        snprintf(err, errlen, "OCOP_WEBHOOK_ALLOW_ADDRESSES %s", why);
        return -1;
    }
    return schedule_load(s, r, err, errlen);
}

int webhook_settings_load(struct webhook_settings *s, char *err, size_t errlen)
{
    struct webhook_settings_raw raw = {0};
    memset(s, 0, sizeof(*s));
    if (oc_settings_load(webhook_int_rows, OC_SETTINGS_COUNT(webhook_int_rows), s, err, errlen) !=
            0 ||
        oc_settings_load(webhook_raw_rows, OC_SETTINGS_COUNT(webhook_raw_rows), &raw, err,
                         errlen) != 0)
        return -1;
    int rc = webhook_settings_check(s, &raw, err, errlen);
    oc_settings_clean(webhook_raw_rows, OC_SETTINGS_COUNT(webhook_raw_rows), &raw);
    if (rc != 0)
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
    return &svc->app->webhook;
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
    struct subscription_row *subs = NULL;
    int n = 0;
    const struct webhook_settings *cfg = webhook_settings_of(svc);
    enum oc_err rc = subscription_store_all(conn, &subs, &n);
    if (rc != OC_OK) {
        snprintf(err, errlen, "could not read the webhook subscriptions");
        return rc;
    }
    for (int i = 0; rc == OC_OK && i < n; i++) {
        if (subscription_matches(subs[i].types, ev->type) &&
            subscription_format_carries(subs[i].format, ev->type)) {
            const char *content_type = NULL;
            char *body = body_for(ev, subs[i].format, cfg->agency, &content_type);
            if (body != NULL)
                rc = delivery_store_queue(conn, subs[i].id, ev->id, ev->type, content_type, body);
            free(body);
        }
    }
    subscription_rows_free(subs, n);
    if (rc != OC_OK)
        snprintf(err, errlen, "could not queue a webhook delivery");
    return rc;
}
