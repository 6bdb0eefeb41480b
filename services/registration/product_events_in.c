#include <stdio.h>
#include <string.h>

#include "registration/handlers.h"
#include "registration/product.h"
#include "registration/product_store.h"
#include "registration/recognition.h"
#include "registration/recognition_store.h"

/* Keeps one fact about a product from an event whose data names product_id and idkey. */
static enum oc_err keep_fact(PGconn *conn, const struct oc_event_in *ev, const char *kind,
                             const char *idkey, int issued, char *err, size_t errlen)
{
    const char *product =
        product_fact_check(ev->data, ev->type, ev->time, kind, idkey, err, errlen);
    if (product == NULL)
        return OC_INVALID;
    struct product_fact f = {product, kind, ev->data, ev->time, issued};
    int found = 0;
    enum oc_err rc = product_store_fact(conn, &f, &found);
    if (rc == OC_OK && !found) {
        snprintf(err, errlen, "%s: no product %s", ev->type, product);
        return OC_INVALID;
    }
    return rc;
}

enum oc_err on_certificate_issued(PGconn *conn, const struct oc_event_in *ev,
                                  struct oc_service *svc, char *err, size_t errlen)
{
    (void)svc;
    struct recognition r;
    enum oc_err rc = keep_fact(conn, ev, "certificate", "certificate_id", 1, err, errlen);
    if (rc == OC_OK && recognition_from_issued(ev->data, &r))
        rc = recognition_store_add(conn, &r, ev->id, ev->time);
    return rc;
}

enum oc_err on_round_status_changed(PGconn *conn, const struct oc_event_in *ev,
                                    struct oc_service *svc, char *err, size_t errlen)
{
    (void)svc;
    struct round_move_in m;
    if (!round_move_from_event(ev->data, &m, err, errlen))
        return OC_INVALID;
    return round_model_store_apply(conn, &m, ev->id);
}

enum oc_err on_certificate_changed(PGconn *conn, const struct oc_event_in *ev,
                                   struct oc_service *svc, char *err, size_t errlen)
{
    (void)svc;
    struct revocation_in in;
    enum oc_err rc = keep_fact(conn, ev, "certificate", "certificate_id", 0, err, errlen);
    if (rc == OC_OK && revocation_from_event(ev->data, &in))
        rc = revocation_store_add(conn, &in, ev->id, ev->time);
    return rc;
}

enum oc_err on_inspection_recorded(PGconn *conn, const struct oc_event_in *ev,
                                   struct oc_service *svc, char *err, size_t errlen)
{
    (void)svc;
    struct inspection_in in;
    enum oc_err rc = keep_fact(conn, ev, "inspection", "inspection_id", 0, err, errlen);
    if (rc == OC_OK && inspection_from_event(ev->data, &in))
        rc = inspection_store_add(conn, &in, ev->id, ev->time);
    return rc;
}

enum oc_err on_linkage_changed(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                               char *err, size_t errlen)
{
    (void)svc;
    return keep_fact(conn, ev, "linkage", "linkage_id", 0, err, errlen);
}
