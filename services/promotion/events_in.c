/*
 * Consumed events: registration's producers and products, and evaluation's
 * certificates and inspections. Each handler runs inside the transaction that
 * claims the event in the inbox, so its effects (and the events they emit)
 * happen once. A model for a consumer: one flow for two event kinds (parse,
 * keep unless older, settle), as style.md's "Our own models" says.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/config.h"
#include "common/contracts.h"
#include "common/date.h"
#include "common/event.h"
#include "common/fields.h"
#include "common/outbox.h"
#include "common/timeutil.h"
#include "common/validate.h"
#include "promotion/catalogue_events.h"
#include "promotion/handlers.h"
#include "promotion/listing.h"
#include "promotion/listing_store.h"
#include "promotion/potential.h"
#include "promotion/reaction.h"
#include "promotion/reaction_run.h"
#include "promotion/reaction_store.h"
#include "promotion/standing_store.h"
#include "promotion/today.h"

enum oc_err on_producer_changed(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                                char *err, size_t errlen)
{
    (void)svc;
    struct oc_producer_registered p;
    enum oc_err rc = oc_producer_registered_parse(ev->data, &p, err, errlen);
    if (rc != OC_OK)
        return rc;
    return listing_store_producer(conn, &p, oc_producer_public_name(p.type, p.name));
}

/* A product's view before an evaluation event is recorded (NULL when promotion does not know it).
 */
struct before {
    json_t *view; /* owned; decorated for today */
    enum standing_verdict verdict;
};

/* Locks the product and reads its view, so the event's effect can be compared with it. */
static enum oc_err before_read(PGconn *conn, const char *product_id, const char *today,
                               struct before *b)
{
    int found = 0;
    b->view = NULL;
    enum oc_err rc = standing_store_lock(conn, product_id, 1, &found);
    if (rc == OC_OK && found)
        rc = listing_store_get(conn, product_id, &b->view);
    if (rc == OC_OK && b->view != NULL)
        b->verdict = listing_decorate(b->view, today);
    return rc;
}

/* Records the product's entry into or exit from the catalogue because of ev, and announces it. */
static enum oc_err catalogue_changed(PGconn *conn, struct oc_service *svc, const json_t *view,
                                     const struct oc_event_in *ev)
{
    char now[40];
    oc_time_format_now(now, sizeof(now));
    enum oc_err rc = reaction_store_catalogue(
        conn, json_string_value(json_object_get(view, "id")),
        json_is_true(json_object_get(view, "promotable")),
        json_string_value(json_object_get(view, "promotable_reason")), ev->id, ev->type);
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter, catalogue_event_changed(view, ev, now),
                                 ev->traceparent[0] ? ev->traceparent : NULL);
    return rc;
}

/*
 * After an evaluation event was recorded for a product promotion knows:
 * reacts when reason is set (takes its promotion away, each step recorded and
 * emitted), and records and emits a change of its place in the catalogue.
 */
static enum oc_err settle(PGconn *conn, struct oc_service *svc, const struct oc_event_in *ev,
                          const struct before *b, json_t *after, const char *today,
                          const char *reason)
{
    enum standing_verdict verdict = listing_decorate(after, today);
    const char *product_id = json_string_value(json_object_get(after, "id"));
    int changed = (verdict == STANDING_OK) != (b->verdict == STANDING_OK);
    enum oc_err rc = OC_OK;
    if (reason != NULL)
        rc = reaction_run(conn, svc, product_id, ev, reason, today, changed);
    if (rc == OC_OK && changed)
        rc = catalogue_changed(conn, svc, after, ev);
    return rc;
}

enum oc_err on_product_registered(PGconn *conn, const struct oc_event_in *ev,
                                  struct oc_service *svc, char *err, size_t errlen)
{
    struct oc_product_registered p;
    struct before b = {NULL, STANDING_NO_CERTIFICATE};
    char today[11];
    json_t *after = NULL;
    enum oc_err rc = oc_product_registered_parse(ev->data, &p, err, errlen);
    promo_today(today, sizeof(today));
    if (rc == OC_OK)
        rc = before_read(conn, p.product_id, today, &b);
    if (rc == OC_OK)
        rc = listing_store_product(
            conn, &p, oc_producer_public_name(p.producer_type, p.producer_name), ev->id);
    /* Its certificate may have come first (another topic): it then enters the catalogue now. */
    if (rc == OC_OK)
        rc = listing_store_get(conn, p.product_id, &after);
    if (rc == OC_OK)
        rc = settle(conn, svc, ev, &b, after, today, NULL);
    json_decref(after);
    json_decref(b.view);
    return rc;
}

/* Checks the event's ce_time, which orders the facts. */
static enum oc_err time_check(const struct oc_event_in *ev, char *err, size_t errlen)
{
    if (oc_event_time_utc_ok(ev->time))
        return OC_OK;
    snprintf(err, errlen, "%s: ce_time \"%s\" is not an RFC 3339 UTC time (needed to order facts)",
             ev->type, ev->time);
    return OC_INVALID;
}

/* How one kind of evaluation fact (a certificate or an inspection) is read, kept and reacted to. */
struct fact_kind {
    enum oc_err (*parse)(json_t *data, void *fact, char *err, size_t errlen);
    const char *(*product)(const void *fact); /* the fact's product_id */
    enum oc_err (*store)(PGconn *conn, const void *fact, const char *time, const char *event_id,
                         int *applied);
    int (*react)(const json_t *after, const void *fact, char *reason, size_t len);
};

/*
 * The one flow of both evaluation events: parse the fact, keep it unless a
 * newer one is kept, and when the product's standing changed because of it,
 * settle the consequences (the catalogue, and a reaction when one is due) in
 * the same transaction.
 */
static enum oc_err on_fact(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                           const struct fact_kind *k, void *fact, char *err, size_t errlen)
{
    struct before b = {NULL, STANDING_NO_CERTIFICATE};
    char today[11];
    int applied = 0;
    json_t *after = NULL;
    enum oc_err rc = k->parse(ev->data, fact, err, errlen);
    if (rc == OC_OK)
        rc = time_check(ev, err, errlen);
    promo_today(today, sizeof(today));
    if (rc == OC_OK)
        rc = before_read(conn, k->product(fact), today, &b);
    if (rc == OC_OK)
        rc = k->store(conn, fact, ev->time, ev->id, &applied);
    if (rc == OC_OK && applied && b.view != NULL)
        rc = listing_store_get(conn, k->product(fact), &after);
    if (rc == OC_OK && after != NULL) {
        char reason[512];
        int react = k->react(after, fact, reason, sizeof(reason));
        rc = settle(conn, svc, ev, &b, after, today, react ? reason : NULL);
    }
    json_decref(after);
    json_decref(b.view);
    return rc;
}

static enum oc_err certificate_parse(json_t *data, void *fact, char *err, size_t errlen)
{
    return standing_certificate_parse(data, fact, err, errlen);
}
static const char *certificate_product(const void *fact)
{
    return ((const struct certificate_fact *)fact)->product_id;
}
static enum oc_err certificate_store(PGconn *conn, const void *fact, const char *time,
                                     const char *event_id, int *applied)
{
    return standing_store_certificate(conn, fact, time, event_id, applied);
}
static int certificate_react(const json_t *after, const void *fact, char *reason, size_t len)
{
    return reaction_for_certificate(after, fact, reason, len);
}

static enum oc_err inspection_parse(json_t *data, void *fact, char *err, size_t errlen)
{
    return standing_inspection_parse(data, fact, err, errlen);
}
static const char *inspection_product(const void *fact)
{
    return ((const struct inspection_fact *)fact)->product_id;
}
static enum oc_err inspection_store(PGconn *conn, const void *fact, const char *time,
                                    const char *event_id, int *applied)
{
    return standing_store_inspection(conn, fact, time, event_id, applied);
}
static int inspection_react(const json_t *after, const void *fact, char *reason, size_t len)
{
    return reaction_for_inspection(after, fact, reason, len);
}

enum oc_err on_certificate_changed(PGconn *conn, const struct oc_event_in *ev,
                                   struct oc_service *svc, char *err, size_t errlen)
{
    static const struct fact_kind kind = {certificate_parse, certificate_product, certificate_store,
                                          certificate_react};
    struct certificate_fact f;
    return on_fact(conn, ev, svc, &kind, &f, err, errlen);
}

enum oc_err on_inspection_recorded(PGconn *conn, const struct oc_event_in *ev,
                                   struct oc_service *svc, char *err, size_t errlen)
{
    static const struct fact_kind kind = {inspection_parse, inspection_product, inspection_store,
                                          inspection_react};
    struct inspection_fact f;
    return on_fact(conn, ev, svc, &kind, &f, err, errlen);
}

/* OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR: set once at start, read-only afterwards. */
static int feature_potential_5_star;

/* The setting's text, as the environment gives it. */
struct feature_raw {
    char *potential_5_star; /* NULL when unset */
};

static const struct oc_setting feature_rows[] = {
    {"OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR", OC_SETTING_TEXT,
     offsetof(struct feature_raw, potential_5_star), NULL, 0, 16, NULL, 0},
};

int promotion_feature_init(char *err, size_t errlen)
{
    struct feature_raw raw = {0};
    if (oc_settings_load(feature_rows, OC_SETTINGS_COUNT(feature_rows), &raw, err, errlen) != 0)
        return -1;
    int rc = potential_feature_parse(raw.potential_5_star, &feature_potential_5_star);
    oc_settings_clean(feature_rows, OC_SETTINGS_COUNT(feature_rows), &raw);
    if (rc == 0)
        return 0;
    snprintf(err, errlen, "OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR must be on or off");
    return -1;
}

enum oc_err on_potential_5_star(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                                char *err, size_t errlen)
{
    (void)svc;
    json_error_t jerr;
    const char *product_id = NULL, *level = NULL;
    json_t *potential = NULL, *decided = NULL, *at = NULL;
    if (!feature_potential_5_star)
        return OC_OK; /* off: the events are ignored */
    if (json_unpack_ex(ev->data, &jerr, 0, "{s:s,s:s,s?o,s?o,s?o}", "product_id", &product_id,
                       "level", &level, "potential_5_star", &potential, "decided_on", &decided,
                       "forwarded_at", &at) != 0 ||
        !oc_uuid_ok(product_id)) {
        snprintf(err, errlen, "%s: %s", ev->type,
                 product_id == NULL ? jerr.text : "bad product_id");
        return OC_INVALID;
    }
    enum potential_change change = potential_change_of(1, ev->type, level, json_is_true(potential));
    if (change == POTENTIAL_NONE)
        return OC_OK;
    if (change == POTENTIAL_CLEAR)
        return listing_store_potential(conn, product_id, NULL);
    /* since: the decision's day, else the day it was forwarded (RFC 3339 begins with it) */
    char since[11];
    const char *day = json_is_string(decided) ? json_string_value(decided) : json_string_value(at);
    snprintf(since, sizeof(since), "%s", day != NULL ? day : "");
    if (strlen(since) != 10 || !oc_date_ok(since)) {
        snprintf(err, errlen, "%s: no decided_on or forwarded_at date", ev->type);
        return OC_INVALID;
    }
    return listing_store_potential(conn, product_id, since);
}
