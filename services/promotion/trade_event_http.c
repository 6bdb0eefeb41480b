/* Trade-promotion events over HTTP: create, read, list and change (If-Match). */
#include <stdio.h>
#include <string.h>

#include "common/http.h"
#include "common/read.h"
#include "promotion/handlers.h"
#include "promotion/listing.h"
#include "promotion/listing_store.h"
#include "promotion/participation_store.h"
#include "promotion/promo_http.h"
#include "promotion/reaction_run.h"
#include "promotion/today.h"
#include "promotion/trade_event.h"
#include "promotion/trade_event_store.h"

static enum oc_err trade_event_create(PGconn *conn, const void *input, struct oc_service *svc,
                                      const char *traceparent, struct oc_write_result *out)
{
    (void)svc;
    (void)traceparent;
    return resource_store_insert(conn, &trade_event_sql, input, &out->view);
}

static int trade_event_parse(struct oc_v *v, void *out)
{
    struct oc_field_value *te = out;
    return oc_fields_create(v, trade_event_fields, TRADE_EVENT_N, NULL, te) &&
           trade_event_check(v, NULL, te);
}

int trade_event_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/trade-events/"};
    struct oc_field_value te[TRADE_EVENT_N];
    memset(te, 0, sizeof(te));
    return oc_write_json(req, resp, svc, &spec, trade_event_parse, te, "trade-promotion event",
                         trade_event_create, te);
}

int trade_event_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct trade_event_filter f;
    json_t *errors = json_array();
    f.type = oc_query_enum(req, "type", trade_event_types, errors);
    f.status = oc_query_enum(req, "status", trade_event_statuses, errors);
    f.from = oc_query_date(req, "from", errors);
    f.to = oc_query_date(req, "to", errors);
    return oc_list_serve(req, resp, svc, errors, trade_event_store_list, &f);
}

/* A patch of one event at one version. */
struct trade_event_change {
    struct oc_target target;                    /* event id and version */
    struct oc_field_value patch[TRADE_EVENT_N]; /* the validated body */
};

/* Refuses new dates that a product taking part could not be promoted over. */
static enum oc_err entrants_check(PGconn *conn, const char *id, const struct oc_field_value *te,
                                  struct oc_write_result *out)
{
    json_t *entrants = NULL, *product_id;
    char today[11], reason[512];
    size_t i;
    promo_today(today, sizeof(today));
    enum oc_err rc = trade_event_store_entrants(conn, id, &entrants);
    json_array_foreach(entrants, i, product_id)
    {
        json_t *view = NULL;
        struct standing s;
        rc = listing_store_get(conn, json_string_value(product_id), &view);
        listing_standing(view, &s);
        if (rc == OC_OK &&
            standing_check(&s, today, te[TRADE_EVENT_STARTS_ON].s, te[TRADE_EVENT_ENDS_ON].s,
                           reason, sizeof(reason)) != STANDING_OK) {
            snprintf(
                out->detail, sizeof(out->detail),
                "product %.30s takes part and could not be promoted over the new dates: %.150s",
                str_of(view, "code"), reason);
            rc = OC_CONFLICT;
        }
        json_decref(view);
        if (rc != OC_OK)
            break;
    }
    json_decref(entrants);
    return rc;
}

/* Applies the rules to the locked event and its patch; on success writes the result. */
static enum oc_err trade_event_apply(PGconn *conn, const struct trade_event_change *c,
                                     const json_t *before_view, struct oc_service *svc,
                                     const char *traceparent, struct oc_write_result *out)
{
    struct oc_field_value before[TRADE_EVENT_N], after[TRADE_EVENT_N];
    struct participation_scope cancelled = {NULL, c->target.id, NULL, "the event was cancelled",
                                            NULL};
    struct oc_v v;
    oc_fields_from_view(before_view, trade_event_fields, TRADE_EVENT_N, before);
    if (trade_event_final(before[TRADE_EVENT_STATUS].s)) {
        snprintf(out->detail, sizeof(out->detail), "the event is %s: it no longer changes",
                 before[TRADE_EVENT_STATUS].s);
        return OC_CONFLICT;
    }
    oc_fields_merge(before, c->patch, TRADE_EVENT_N, after);
    rules_begin(&v);
    trade_event_check(&v, before[TRADE_EVENT_STATUS].s, after);
    if (!rules_end(&v, out, "the change is not valid"))
        return OC_INVALID;
    enum oc_err rc = OC_OK;
    if (strcmp(before[TRADE_EVENT_STARTS_ON].s, after[TRADE_EVENT_STARTS_ON].s) != 0 ||
        strcmp(before[TRADE_EVENT_ENDS_ON].s, after[TRADE_EVENT_ENDS_ON].s) != 0)
        rc = entrants_check(conn, c->target.id, after, out);
    if (rc == OC_OK)
        rc = resource_store_update(conn, &trade_event_sql, c->target.id, after, NULL);
    if (rc == OC_OK && strcmp(after[TRADE_EVENT_STATUS].s, "cancelled") == 0)
        rc = withdraw_participations(conn, svc, &cancelled, traceparent, NULL);
    return rc;
}

static enum oc_err trade_event_update(PGconn *conn, const void *input, struct oc_service *svc,
                                      const char *traceparent, struct oc_write_result *out)
{
    const struct trade_event_change *c = input;
    json_t *before = NULL;
    enum oc_err rc =
        promo_lock_for_change(conn, &trade_event_sql, &c->target,
                              "no trade-promotion event has this id", "event", &before, out);
    if (rc == OC_OK)
        rc = trade_event_apply(conn, c, before, svc, traceparent, out);
    if (rc == OC_OK)
        rc = trade_event_store_get(conn, c->target.id, &out->view);
    json_decref(before);
    return rc;
}

static int trade_event_patch_parse(struct oc_v *v, void *out)
{
    return oc_fields_patch(v, trade_event_fields, TRADE_EVENT_N, NULL, out);
}

int trade_event_patch(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct trade_event_change c;
    memset(&c, 0, sizeof(c));
    return oc_write_change(req, resp, svc, &spec, trade_event_patch_parse, c.patch,
                           "trade-promotion event", &c.target, trade_event_update, &c);
}
