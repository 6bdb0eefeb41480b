#include "common/contracts.h"
#include "promotion/handlers.h"
#include "promotion/listing.h"
#include "promotion/listing_store.h"

enum oc_err on_product_registered(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                  size_t errlen)
{
    (void)ctx;
    struct oc_product_registered p;
    enum oc_err rc = oc_product_registered_parse(ev->data, &p, err, errlen);
    if (rc != OC_OK)
        return rc;
    return listing_store_product(conn, &p, listing_public_name(p.producer_type, p.producer_name),
                                 ev->id);
}

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
