/*
 * Participations over HTTP: a product joins a trade-promotion event only when
 * it may be promoted on every day of the event; then its booth, support,
 * status and outcome change with If-Match. Every change is emitted.
 */
#include <stdio.h>
#include <string.h>

#include "common/http.h"
#include "common/outbox.h"
#include "common/read.h"
#include "promotion/handlers.h"
#include "promotion/listing.h"
#include "promotion/listing_store.h"
#include "promotion/participation.h"
#include "promotion/participation_events.h"
#include "promotion/participation_store.h"
#include "promotion/promo_http.h"
#include "promotion/standing_store.h"
#include "promotion/today.h"
#include "promotion/trade_event.h"
#include "promotion/trade_event_store.h"

/* Refuses an event that takes no new participants, or a product that cannot be promoted over it. */
static enum oc_err entry_check(PGconn *conn, const char *product_id, const json_t *event,
                               struct oc_write_result *out)
{
    char today[11], reason[512];
    const char *status = str_of(event, "status"), *starts = str_of(event, "starts_on"),
               *ends = str_of(event, "ends_on");
    json_t *product = NULL;
    struct standing s;
    promo_today(today, sizeof(today));
    if (strcmp(status, "planned") != 0 && strcmp(status, "open") != 0) {
        snprintf(out->detail, sizeof(out->detail), "the event is %s: it takes no new participants",
                 status);
        return OC_CONFLICT;
    }
    if (strcmp(ends, today) < 0) {
        snprintf(out->detail, sizeof(out->detail), "the event ended on %s", ends);
        return OC_CONFLICT;
    }
    enum oc_err rc = listing_store_get(conn, product_id, &product);
    listing_standing(product, &s);
    if (rc == OC_OK &&
        standing_check(&s, today, starts, ends, reason, sizeof(reason)) != STANDING_OK) {
        snprintf(out->detail, sizeof(out->detail),
                 "the product cannot take part in the event of %s to %s: %.190s", starts, ends,
                 reason);
        rc = OC_CONFLICT;
    }
    json_decref(product);
    return rc;
}

static enum oc_err participation_create(PGconn *conn, const void *input, struct oc_service *svc,
                                        const char *traceparent, struct oc_write_result *out)
{
    const struct oc_field_value *pa = input;
    json_t *event = NULL;
    int known = 0;
    enum oc_err rc = standing_store_lock(conn, pa[PARTICIPATION_PRODUCT_ID].s, 0, &known);
    if (rc == OC_OK && !known)
        return field_problem(out, "the participation is not valid", "product_id", "not_found",
                             "no product has this id (or its registration is not known here yet)");
    if (rc == OC_OK)
        rc = resource_store_lock(conn, &trade_event_sql, pa[PARTICIPATION_EVENT_ID].s, 0, &event);
    if (rc == OC_NOT_FOUND)
        return field_problem(out, "the participation is not valid", "event_id", "not_found",
                             "no trade-promotion event has this id");
    if (rc == OC_OK)
        rc = entry_check(conn, pa[PARTICIPATION_PRODUCT_ID].s, event, out);
    if (rc == OC_OK)
        rc = resource_store_insert(conn, &participation_sql, pa, &out->view);
    if (rc == OC_CONFLICT && out->detail[0] == '\0')
        snprintf(out->detail, sizeof(out->detail), "the product already takes part in this event");
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter, participation_event_changed(out->view, NULL),
                                 traceparent);
    json_decref(event);
    return rc;
}

static int participation_parse(struct oc_v *v, void *out)
{
    oc_fields_create(v, participation_fields, PARTICIPATION_N, NULL, out);
    return participation_check(v, NULL, out, NULL, NULL);
}

int participation_post(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/participations/"};
    struct oc_field_value pa[PARTICIPATION_N];
    memset(pa, 0, sizeof(pa));
    return oc_write_json(req, resp, svc, &spec, participation_parse, pa, "participation",
                         participation_create, pa);
}

int participation_list(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    struct participation_filter f;
    json_t *errors = json_array();
    f.event_id = oc_query_uuid(req, "event_id", errors);
    f.product_id = oc_query_uuid(req, "product_id", errors);
    f.status = oc_query_enum(req, "status", participation_statuses, errors);
    return oc_list_serve(req, resp, svc, errors, participation_store_list, &f);
}

/* A patch of one participation at one version. */
struct participation_change {
    struct oc_target target;                      /* participation id and version */
    struct oc_field_value patch[PARTICIPATION_N]; /* the validated body */
};

static enum oc_err participation_update(PGconn *conn, const void *input, struct oc_service *svc,
                                        const char *traceparent, struct oc_write_result *out)
{
    const struct participation_change *c = input;
    struct oc_field_value before[PARTICIPATION_N], after[PARTICIPATION_N];
    json_t *view = NULL;
    struct oc_v v;
    enum oc_err rc =
        promo_lock_for_change(conn, &participation_sql, &c->target, "no participation has this id",
                              "participation", &view, out);
    oc_fields_from_view(view, participation_fields, PARTICIPATION_N, before);
    if (rc == OC_OK && strcmp(before[PARTICIPATION_STATUS].s, "withdrawn") == 0) {
        snprintf(out->detail, sizeof(out->detail),
                 "the participation was withdrawn: it no longer changes (register the product "
                 "again if it may take part)");
        rc = OC_CONFLICT;
    }
    if (rc == OC_OK) {
        char today[11];
        oc_fields_merge(before, c->patch, PARTICIPATION_N, after);
        promo_today(today, sizeof(today));
        rules_begin(&v);
        participation_check(&v, before[PARTICIPATION_STATUS].s, after,
                            str_of(json_object_get(view, "event"), "starts_on"), today);
        if (!rules_end(&v, out, "the change is not valid"))
            rc = OC_INVALID;
    }
    if (rc == OC_OK)
        rc = resource_store_update(conn, &participation_sql, c->target.id, after, &out->view);
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(
            conn, &svc->emitter,
            participation_event_changed(out->view, before[PARTICIPATION_STATUS].s), traceparent);
    json_decref(view);
    return rc;
}

static int participation_patch_parse(struct oc_v *v, void *out)
{
    return oc_fields_patch(v, participation_fields, PARTICIPATION_N, NULL, out);
}

int participation_patch(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct participation_change c;
    memset(&c, 0, sizeof(c));
    return oc_write_change(req, resp, svc, &spec, participation_patch_parse, c.patch,
                           "participation", &c.target, participation_update, &c);
}
