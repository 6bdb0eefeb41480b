#include "promotion/reaction_run.h"

#include "common/outbox.h"
#include "promotion/linkage_events.h"
#include "promotion/linkage_store.h"
#include "promotion/listing_events.h"
#include "promotion/participation_events.h"
#include "promotion/promo_http.h"
#include "promotion/reaction_store.h"

/* How the rows a sweep ended are read back and emitted: one flow for the three kinds. */
struct sweep {
    enum oc_err (*get)(PGconn *conn, const char *id, json_t **out); /* the row's view */
    struct oc_event_draft (*event)(const json_t *view, const char *from_status,
                                   const struct linkage_why *why); /* its event */
};

static struct oc_event_draft participation_row_event(const json_t *view, const char *from_status,
                                                     const struct linkage_why *why)
{
    (void)why;
    return participation_event_changed(view, from_status);
}

static struct oc_event_draft listing_row_event(const json_t *view, const char *from_status,
                                               const struct linkage_why *why)
{
    (void)from_status, (void)why;
    return listing_event_changed(view);
}

static const struct sweep participation_sweep = {participation_store_get, participation_row_event};
static const struct sweep listing_sweep = {point_of_sale_listing_store_get, listing_row_event};
static const struct sweep linkage_sweep = {linkage_store_get, linkage_event_changed};

/*
 * After a sweep's statement (rc, and gone, which this takes: its ended rows,
 * each an id or {id, from_status}), reads back and emits each row; *count
 * (may be NULL) says how many there were.
 */
static enum oc_err emit_each(PGconn *conn, struct oc_service *svc, enum oc_err rc, json_t *gone,
                             const struct sweep *k, const struct linkage_why *why,
                             const char *traceparent, int *count)
{
    json_t *item;
    size_t i;
    json_array_foreach(gone, i, item)
    {
        json_t *view = NULL;
        const char *id = json_is_string(item) ? json_string_value(item) : str_of(item, "id");
        if (rc == OC_OK)
            rc = k->get(conn, id, &view);
        if (rc == OC_OK)
            rc = oc_outbox_add_draft(conn, &svc->emitter,
                                     k->event(view, str_of(item, "from_status"), why), traceparent);
        json_decref(view);
    }
    if (count != NULL)
        *count = (int)json_array_size(gone);
    json_decref(gone);
    return rc;
}

enum oc_err withdraw_participations(PGconn *conn, struct oc_service *svc,
                                    const struct participation_scope *scope,
                                    const char *traceparent, int *count)
{
    json_t *gone = NULL;
    enum oc_err rc = participation_store_withdraw(conn, scope, &gone);
    return emit_each(conn, svc, rc, gone, &participation_sweep, NULL, traceparent, count);
}

enum oc_err delist_products(PGconn *conn, struct oc_service *svc, const struct delist_scope *scope,
                            const char *traceparent, int *count)
{
    json_t *gone = NULL;
    enum oc_err rc = point_of_sale_listing_store_delist(conn, scope, &gone);
    return emit_each(conn, svc, rc, gone, &listing_sweep, NULL, traceparent, count);
}

/* Suspends the product's signed and active linkages, each emitted; *count says how many. */
static enum oc_err suspend_linkages(PGconn *conn, struct oc_service *svc, const char *product_id,
                                    const struct linkage_why *why, const char *traceparent,
                                    int *count)
{
    json_t *gone = NULL;
    enum oc_err rc =
        linkage_store_suspend(conn, product_id, why->reason, why->cause_event_id, &gone);
    return emit_each(conn, svc, rc, gone, &linkage_sweep, why, traceparent, count);
}

enum oc_err reaction_run(PGconn *conn, struct oc_service *svc, const char *product_id,
                         const struct oc_event_in *cause, const char *reason, const char *today,
                         int left_catalogue)
{
    const char *traceparent = cause->traceparent[0] ? cause->traceparent : NULL;
    struct reaction_record r = {product_id, cause->id, cause->type, reason, 0, 0, 0};
    struct participation_scope scope = {product_id, NULL, today, reason, cause->id};
    struct linkage_why why = {"promotion", reason, cause->id};
    enum oc_err rc = suspend_linkages(conn, svc, product_id, &why, traceparent, &r.linkages);
    struct delist_scope delist = {NULL, product_id, reason, cause->id};
    if (rc == OC_OK)
        rc = withdraw_participations(conn, svc, &scope, traceparent, &r.participations);
    if (rc == OC_OK)
        rc = delist_products(conn, svc, &delist, traceparent, &r.listings);
    /* A reaction that found nothing left to take (an earlier one did) is not recorded again. */
    if (rc == OC_OK && (left_catalogue || r.linkages + r.participations + r.listings > 0))
        rc = reaction_store_record(conn, &r);
    return rc;
}
