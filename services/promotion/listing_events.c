#include "promotion/listing_events.h"

#include <string.h>

struct oc_event_draft listing_event_changed(const json_t *view)
{
    static const char *const head[] = {"listing_id=id",
                                       "product_code=product.code",
                                       "point_of_sale_name=point_of_sale.name",
                                       "location_type=point_of_sale.location_type",
                                       "commune_code=point_of_sale.commune_code",
                                       NULL};
    static const char *const tail[] = {"product_id",     "point_of_sale_id", "status", "reason",
                                       "cause_event_id", "version",          NULL};
    const char *status = oc_event_path_string(view, "status");
    int delisted = status != NULL && strcmp(status, "delisted") == 0;
    json_t *data = oc_event_data(view, head);
    json_object_set_new(data, "from_status", delisted ? json_string("listed") : json_null());
    const char *const changed[] = {delisted ? "changed_at=delisted_at" : "changed_at=listed_at",
                                   NULL};
    oc_event_copy(data, view, changed);
    oc_event_copy(data, view, tail);
    return (struct oc_event_draft){EVENT_LISTING_CHANGED, oc_event_path_string(view, "product_id"),
                                   data};
}
