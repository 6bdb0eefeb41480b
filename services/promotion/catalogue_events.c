#include "promotion/catalogue_events.h"

struct oc_event_draft catalogue_event_changed(const json_t *view, const struct oc_event_in *cause,
                                              const char *changed_at)
{
    static const char *const members[] = {"product_id=id",
                                          "product_code=code",
                                          "product_name=name",
                                          "promotable",
                                          "reason=promotable_reason",
                                          "stars",
                                          "certificate_id=certificate.id",
                                          "certificate_number=certificate.number",
                                          "valid_until=certificate.valid_until",
                                          NULL};
    json_t *data = oc_event_data(view, members);
    json_object_set_new(data, "promotable",
                        json_boolean(json_is_true(json_object_get(view, "promotable"))));
    json_object_set_new(data, "cause_event_id", json_string(cause->id));
    json_object_set_new(data, "cause_event_type", json_string(cause->type));
    json_object_set_new(data, "changed_at", json_string(changed_at));
    return (struct oc_event_draft){EVENT_CATALOGUE_CHANGED, oc_event_path_string(view, "id"), data};
}
