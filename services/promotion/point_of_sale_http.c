/*
 * Points of sale over HTTP (create, read, list, change with If-Match; closing
 * one ends its listings) and the products they carry: a product is listed
 * only while it may be promoted, and delisted by DELETE or by a reaction.
 * Every listing change is ocop.promotion.listing.changed.v1.
 */
#include <stdio.h>
#include <string.h>

#include "common/http.h"
#include "common/outbox.h"
#include "common/read.h"
#include "promotion/handlers.h"
#include "promotion/listing.h"
#include "promotion/listing_events.h"
#include "promotion/listing_store.h"
#include "promotion/point_of_sale.h"
#include "promotion/point_of_sale_store.h"
#include "promotion/promo_http.h"
#include "promotion/reaction_run.h"
#include "promotion/standing_store.h"
#include "promotion/today.h"

/* Refuses a commune code the reference file does not name. */
static enum oc_err commune_check(PGconn *conn, const char *code, struct oc_write_result *out)
{
    int known = 0;
    enum oc_err rc = point_of_sale_store_commune_known(conn, code, &known);
    if (rc == OC_OK && !known)
        return field_problem(out, "the point of sale is not valid", "commune_code", "not_found",
                             "no commune, past or present, has this code");
    return rc;
}

static enum oc_err point_of_sale_create(PGconn *conn, const void *input, struct oc_service *svc,
                                        const char *traceparent, struct oc_write_result *out)
{
    (void)svc;
    (void)traceparent;
    const struct oc_field_value *pos = input;
    enum oc_err rc = commune_check(conn, pos[POINT_OF_SALE_COMMUNE].s, out);
    return rc == OC_OK ? resource_store_insert(conn, &point_of_sale_sql, pos, &out->view) : rc;
}

static int point_of_sale_parse(struct oc_v *v, void *out)
{
    return oc_fields_create(v, point_of_sale_fields, POINT_OF_SALE_N, NULL, out);
}

int point_of_sale_post(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/points-of-sale/"};
    struct oc_field_value pos[POINT_OF_SALE_N];
    memset(pos, 0, sizeof(pos));
    return oc_write_json(req, resp, svc, &spec, point_of_sale_parse, pos, "point of sale",
                         point_of_sale_create, pos);
}

int point_of_sale_list(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    struct point_of_sale_filter f;
    json_t *errors = json_array();
    f.location_type = oc_query_enum(req, "location_type", point_of_sale_location_types, errors);
    f.commune = oc_query_digits(req, "commune", 5, errors);
    f.status = oc_query_enum(req, "status", point_of_sale_statuses, errors);
    f.product_id = oc_query_uuid(req, "product_id", errors);
    return oc_list_serve(req, resp, svc, errors, point_of_sale_store_list, &f);
}

/* A patch of one point of sale at one version. */
struct point_of_sale_change {
    struct oc_target target;                      /* point id and version */
    struct oc_field_value patch[POINT_OF_SALE_N]; /* the validated body */
};

static enum oc_err point_of_sale_update(PGconn *conn, const void *input, struct oc_service *svc,
                                        const char *traceparent, struct oc_write_result *out)
{
    const struct point_of_sale_change *c = input;
    struct oc_field_value before[POINT_OF_SALE_N], after[POINT_OF_SALE_N];
    struct delist_scope closing = {c->target.id, NULL, "the point of sale closed", NULL};
    json_t *view = NULL;
    enum oc_err rc =
        promo_lock_for_change(conn, &point_of_sale_sql, &c->target, "no point of sale has this id",
                              "point of sale", &view, out);
    oc_fields_from_view(view, point_of_sale_fields, POINT_OF_SALE_N, before);
    oc_fields_merge(before, c->patch, POINT_OF_SALE_N, after);
    if (rc == OC_OK && c->patch[POINT_OF_SALE_COMMUNE].set)
        rc = commune_check(conn, after[POINT_OF_SALE_COMMUNE].s, out);
    if (rc == OC_OK)
        rc = resource_store_update(conn, &point_of_sale_sql, c->target.id, after, NULL);
    if (rc == OC_OK && strcmp(before[POINT_OF_SALE_STATUS].s, "closed") != 0 &&
        strcmp(after[POINT_OF_SALE_STATUS].s, "closed") == 0)
        rc = delist_products(conn, svc, &closing, traceparent, NULL);
    if (rc == OC_OK)
        rc = point_of_sale_store_get(conn, c->target.id, &out->view);
    json_decref(view);
    return rc;
}

static int point_of_sale_patch_parse(struct oc_v *v, void *out)
{
    return oc_fields_patch(v, point_of_sale_fields, POINT_OF_SALE_N, NULL, out);
}

int point_of_sale_patch(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct point_of_sale_change c;
    memset(&c, 0, sizeof(c));
    return oc_write_change(req, resp, svc, &spec, point_of_sale_patch_parse, c.patch,
                           "point of sale", &c.target, point_of_sale_update, &c);
}

/* ---- the products a point carries ----------------------------------------------------------- */

/* A listing request: the point from the path, the product from the body. */
struct listing_input {
    const char *point_of_sale_id; /* the path's :id */
    const char *product_id;       /* the body's product_id */
};

/* Refuses a product that may not be promoted today. */
static enum oc_err listable(PGconn *conn, const char *product_id, struct oc_write_result *out)
{
    json_t *view = NULL;
    char today[11], reason[200];
    struct standing s;
    enum oc_err rc = listing_store_get(conn, product_id, &view);
    promo_today(today, sizeof(today));
    listing_standing(view, &s);
    if (rc == OC_OK &&
        standing_check(&s, today, NULL, NULL, reason, sizeof(reason)) != STANDING_OK) {
        snprintf(out->detail, sizeof(out->detail), "the product cannot be listed: %s", reason);
        rc = OC_CONFLICT;
    }
    json_decref(view);
    return rc;
}

static enum oc_err listing_create(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    const struct listing_input *n = input;
    json_t *pos = NULL;
    int known = 0;
    enum oc_err rc = standing_store_lock(conn, n->product_id, 0, &known);
    if (rc == OC_OK && !known)
        return field_problem(out, "the listing is not valid", "product_id", "not_found",
                             "no product has this id (or its registration is not known here yet)");
    if (rc == OC_OK)
        rc = resource_store_lock(conn, &point_of_sale_sql, n->point_of_sale_id, 0, &pos);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no point of sale has this id");
    if (rc == OC_OK && strcmp(str_of(pos, "status"), "open") != 0) {
        snprintf(out->detail, sizeof(out->detail), "the point of sale is closed");
        rc = OC_CONFLICT;
    }
    if (rc == OC_OK)
        rc = listable(conn, n->product_id, out);
    if (rc == OC_OK)
        rc = point_of_sale_listing_store_insert(conn, n->point_of_sale_id, n->product_id,
                                                &out->view);
    if (rc == OC_CONFLICT && out->detail[0] == '\0')
        snprintf(out->detail, sizeof(out->detail), "the product is already listed here");
    if (rc == OC_OK)
        rc =
            oc_outbox_add_draft(conn, &svc->emitter, listing_event_changed(out->view), traceparent);
    json_decref(pos);
    return rc;
}

static int listing_parse(struct oc_v *v, void *out)
{
    static const char *const fields[] = {"product_id", NULL};
    struct listing_input *n = out;
    oc_v_only(v, fields);
    n->product_id = oc_v_uuid(v, "product_id", 1);
    return oc_v_ok(v);
}

int point_of_sale_listing_post(const struct _u_request *req, struct _u_response *resp,
                               struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, NULL};
    struct listing_input n = {u_map_get(req->map_url, "id"), NULL};
    if (!oc_uuid_ok(n.point_of_sale_id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no point of sale has this id", NULL);
    return oc_write_json(req, resp, svc, &spec, listing_parse, &n, "listing", listing_create, &n);
}

/* A delisting: the point and the product from the path, and why. */
struct listing_end {
    const char *point_of_sale_id; /* the path's :id */
    const char *product_id;       /* the path's :product_id */
    const char *reason;           /* the query's reason, or the default */
    long long version;            /* from If-Match, 0 when absent */
};

static enum oc_err listing_delete(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    const struct listing_end *e = input;
    struct delist_scope scope = {e->point_of_sale_id, e->product_id, e->reason, NULL};
    json_t *current = NULL;
    const char *id = NULL;
    enum oc_err rc = point_of_sale_listing_store_lock_current(conn, e->point_of_sale_id,
                                                              e->product_id, &current);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail),
                 "the product is not listed at this point of sale");
    if (rc == OC_OK && e->version != 0 && !version_ok(current, e->version, "listing", out))
        rc = OC_PRECONDITION;
    if (rc == OC_OK) {
        id = str_of(current, "id");
        rc = delist_products(conn, svc, &scope, traceparent, NULL);
    }
    if (rc == OC_OK)
        rc = point_of_sale_listing_store_get(conn, id, &out->view);
    json_decref(current);
    return rc;
}

int point_of_sale_listing_delete(const struct _u_request *req, struct _u_response *resp,
                                 struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct listing_end e = {u_map_get(req->map_url, "id"), u_map_get(req->map_url, "product_id"),
                            NULL, 0};
    json_t *errors = json_array();
    if (!oc_uuid_ok(e.point_of_sale_id) || !oc_uuid_ok(e.product_id)) {
        json_decref(errors);
        return oc_http_problem(resp, OC_NOT_FOUND,
                               "the product is not listed at this point of sale", NULL);
    }
    if (u_map_get_case(req->map_header, "If-Match") != NULL &&
        oc_http_if_match(req, &e.version) != OC_OK) {
        json_decref(errors);
        return oc_http_problem(resp, OC_PRECONDITION, "If-Match is not one of our ETags", NULL);
    }
    e.reason = oc_query_text(req, "reason", 500, errors);
    if (json_array_size(errors) > 0)
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    json_decref(errors);
    if (e.reason == NULL)
        e.reason = point_of_sale_default_delist_reason;
    return oc_write(req, resp, svc, &spec, listing_delete, &e);
}

/* Lists the listings of one point of sale (path) or of all (no :id), filtered. */
static int listings_serve(const struct _u_request *req, struct _u_response *resp,
                          struct oc_service *svc, const char *point_of_sale_id)
{
    struct point_of_sale_listing_filter f = {point_of_sale_id, NULL, NULL};
    json_t *errors = json_array();
    if (point_of_sale_id == NULL)
        f.point_of_sale_id = oc_query_uuid(req, "point_of_sale_id", errors);
    f.product_id = oc_query_uuid(req, "product_id", errors);
    f.status = oc_query_enum(req, "status", listing_statuses, errors);
    return oc_list_serve(req, resp, svc, errors, point_of_sale_listing_store_list, &f);
}

int point_of_sale_listing_list(const struct _u_request *req, struct _u_response *resp,
                               struct oc_service *svc)
{
    const char *id = u_map_get(req->map_url, "id");
    if (!oc_uuid_ok(id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no point of sale has this id", NULL);
    return listings_serve(req, resp, svc, id);
}

int listing_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    return listings_serve(req, resp, svc, NULL);
}
