#include "registration/handlers.h"

#include <stdio.h>
#include <string.h>

#include "common/validate.h"
#include "registration/product_store.h"

/* Keeps one fact about a product from an event whose data names product_id and idkey. */
static enum oc_err keep_fact(PGconn *conn, const struct oc_event_in *ev, const char *kind,
                             const char *idkey, int issued, char *err, size_t errlen)
{
    const char *product = json_string_value(json_object_get(ev->data, "product_id"));
    const char *id = json_string_value(json_object_get(ev->data, idkey));
    if (!oc_uuid_ok(product) || id == NULL || ev->time[0] == '\0') {
        snprintf(err, errlen, "%s: needs product_id (UUID), %s and ce_time", ev->type, idkey);
        return OC_INVALID;
    }
    if (strcmp(kind, "certificate") == 0) {
        json_int_t stars = json_integer_value(json_object_get(ev->data, "stars"));
        const char *status = json_string_value(json_object_get(ev->data, "status"));
        if (status == NULL || stars < 1 || stars > 5) {
            snprintf(err, errlen, "%s: needs status and stars 1-5", ev->type);
            return OC_INVALID;
        }
    }
    struct product_fact f = {product, kind, ev->data, ev->time, issued};
    int found = 0;
    enum oc_err rc = product_store_fact(conn, &f, &found);
    if (rc == OC_OK && !found) {
        snprintf(err, errlen, "%s: no product %s", ev->type, product);
        return OC_INVALID;
    }
    return rc;
}

enum oc_err on_certificate_issued(PGconn *conn, const struct oc_event_in *ev, void *ctx,
                                  char *err, size_t errlen)
{
    (void)ctx;
    return keep_fact(conn, ev, "certificate", "certificate_id", 1, err, errlen);
}

enum oc_err on_certificate_changed(PGconn *conn, const struct oc_event_in *ev, void *ctx,
                                   char *err, size_t errlen)
{
    (void)ctx;
    return keep_fact(conn, ev, "certificate", "certificate_id", 0, err, errlen);
}

enum oc_err on_inspection_recorded(PGconn *conn, const struct oc_event_in *ev, void *ctx,
                                   char *err, size_t errlen)
{
    (void)ctx;
    return keep_fact(conn, ev, "inspection", "inspection_id", 0, err, errlen);
}

enum oc_err on_linkage_changed(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                               size_t errlen)
{
    (void)ctx;
    return keep_fact(conn, ev, "linkage", "linkage_id", 0, err, errlen);
}
