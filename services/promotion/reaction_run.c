#include "promotion/reaction_run.h"

#include "promotion/emit.h"
#include "promotion/linkage_store.h"
#include "promotion/promo_http.h"
#include "promotion/reaction_store.h"

enum oc_err withdraw_participations(PGconn *conn, struct oc_service *svc,
                                    const struct participation_scope *scope,
                                    const char *traceparent, int *count)
{
    json_t *gone = NULL, *item;
    size_t i;
    enum oc_err rc = participation_store_withdraw(conn, scope, &gone);
    json_array_foreach(gone, i, item)
    {
        json_t *view = NULL;
        if (rc == OC_OK)
            rc = participation_store_get(conn, str_of(item, "id"), &view);
        if (rc == OC_OK)
            rc = emit_participation(conn, svc, view, str_of(item, "from_status"), traceparent);
        json_decref(view);
    }
    if (count != NULL)
        *count = (int)json_array_size(gone);
    json_decref(gone);
    return rc;
}

enum oc_err delist_products(PGconn *conn, struct oc_service *svc, const struct delist_scope *scope,
                            const char *traceparent, int *count)
{
    json_t *gone = NULL, *id;
    size_t i;
    enum oc_err rc = point_of_sale_listing_store_delist(conn, scope, &gone);
    json_array_foreach(gone, i, id)
    {
        json_t *view = NULL;
        if (rc == OC_OK)
            rc = point_of_sale_listing_store_get(conn, json_string_value(id), &view);
        if (rc == OC_OK)
            rc = emit_listing(conn, svc, view, traceparent);
        json_decref(view);
    }
    if (count != NULL)
        *count = (int)json_array_size(gone);
    json_decref(gone);
    return rc;
}

/* Suspends the product's signed and active linkages, each emitted; *count says how many. */
static enum oc_err suspend_linkages(PGconn *conn, struct oc_service *svc, const char *product_id,
                                    const struct emit_why *why, const char *traceparent, int *count)
{
    json_t *gone = NULL, *item;
    size_t i;
    enum oc_err rc =
        linkage_store_suspend(conn, product_id, why->reason, why->cause_event_id, &gone);
    json_array_foreach(gone, i, item)
    {
        json_t *view = NULL;
        if (rc == OC_OK)
            rc = linkage_store_get(conn, str_of(item, "id"), &view);
        if (rc == OC_OK)
            rc = emit_linkage(conn, svc, view, str_of(item, "from_status"), why, traceparent);
        json_decref(view);
    }
    *count = (int)json_array_size(gone);
    json_decref(gone);
    return rc;
}

enum oc_err reaction_run(PGconn *conn, struct oc_service *svc, const char *product_id,
                         const struct oc_event_in *cause, const char *reason, const char *today,
                         int left_catalogue)
{
    const char *traceparent = cause->traceparent[0] ? cause->traceparent : NULL;
    struct reaction_record r = {product_id, cause->id, cause->type, reason, 0, 0, 0};
    struct participation_scope scope = {product_id, NULL, today, reason, cause->id};
    struct emit_why why = {"promotion", reason, cause->id};
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
