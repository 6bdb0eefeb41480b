/*
 * Consumed events: registration's producers and products, and evaluation's
 * certificates and inspections. Each handler runs inside the transaction that
 * claims the event in the inbox, so its effects (and the events they emit)
 * happen once.
 */
#include <stdio.h>
#include <string.h>

#include "common/contracts.h"
#include "promotion/emit.h"
#include "promotion/handlers.h"
#include "promotion/listing.h"
#include "promotion/listing_store.h"
#include "promotion/reaction.h"
#include "promotion/reaction_run.h"
#include "promotion/standing_store.h"
#include "promotion/today.h"

enum oc_err on_producer_changed(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                size_t errlen)
{
    (void)ctx;
    struct oc_producer_registered p;
    enum oc_err rc = oc_producer_registered_parse(ev->data, &p, err, errlen);
    if (rc != OC_OK)
        return rc;
    return listing_store_producer(conn, &p, listing_public_name(p.type, p.name));
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
        rc = emit_catalogue(conn, svc, after, ev);
    return rc;
}

enum oc_err on_product_registered(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                  size_t errlen)
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
        rc = listing_store_product(conn, &p, listing_public_name(p.producer_type, p.producer_name),
                                   ev->id);
    /* Its certificate may have come first (another topic): it then enters the catalogue now. */
    if (rc == OC_OK)
        rc = listing_store_get(conn, p.product_id, &after);
    if (rc == OC_OK)
        rc = settle(conn, ctx, ev, &b, after, today, NULL);
    json_decref(after);
    json_decref(b.view);
    return rc;
}

/* Checks the event's ce_time, which orders the facts. */
static enum oc_err time_check(const struct oc_event_in *ev, char *err, size_t errlen)
{
    if (standing_time_ok(ev->time))
        return OC_OK;
    snprintf(err, errlen, "%s: ce_time \"%s\" is not an RFC 3339 UTC time (needed to order facts)",
             ev->type, ev->time);
    return OC_INVALID;
}

enum oc_err on_certificate_changed(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                   size_t errlen)
{
    struct certificate_fact f;
    struct before b = {NULL, STANDING_NO_CERTIFICATE};
    char today[11];
    int applied = 0;
    json_t *after = NULL;
    enum oc_err rc = standing_certificate_parse(ev->data, &f, err, errlen);
    if (rc == OC_OK)
        rc = time_check(ev, err, errlen);
    promo_today(today, sizeof(today));
    if (rc == OC_OK)
        rc = before_read(conn, f.product_id, today, &b);
    if (rc == OC_OK)
        rc = standing_store_certificate(conn, &f, ev->time, ev->id, &applied);
    if (rc == OC_OK && applied && b.view != NULL)
        rc = listing_store_get(conn, f.product_id, &after);
    if (rc == OC_OK && after != NULL) {
        char reason[512];
        int react = reaction_for_certificate(after, &f, reason, sizeof(reason));
        rc = settle(conn, ctx, ev, &b, after, today, react ? reason : NULL);
    }
    json_decref(after);
    json_decref(b.view);
    return rc;
}

enum oc_err on_inspection_recorded(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                   size_t errlen)
{
    struct inspection_fact f;
    struct before b = {NULL, STANDING_NO_CERTIFICATE};
    char today[11];
    int applied = 0;
    json_t *after = NULL;
    enum oc_err rc = standing_inspection_parse(ev->data, &f, err, errlen);
    if (rc == OC_OK)
        rc = time_check(ev, err, errlen);
    promo_today(today, sizeof(today));
    if (rc == OC_OK)
        rc = before_read(conn, f.product_id, today, &b);
    if (rc == OC_OK)
        rc = standing_store_inspection(conn, &f, ev->time, ev->id, &applied);
    if (rc == OC_OK && applied && b.view != NULL)
        rc = listing_store_get(conn, f.product_id, &after);
    if (rc == OC_OK && after != NULL) {
        char reason[512];
        int react = reaction_for_inspection(after, &f, reason, sizeof(reason));
        rc = settle(conn, ctx, ev, &b, after, today, react ? reason : NULL);
    }
    json_decref(after);
    json_decref(b.view);
    return rc;
}
