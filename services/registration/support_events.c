#include "registration/support_events.h"

/* What both events say of the payment; product_id is null for a producer's payment. */
static const struct oc_event_member payment[] = {{"payment_id", "id"},
                                                 {"policy_id", "policy.id"},
                                                 {"producer_id", "producer.id"},
                                                 {"producer_type", "producer.type"},
                                                 {"product_id", "product.id"},
                                                 {"kind", NULL},
                                                 {"amount_vnd", NULL},
                                                 {"eligible_cost_vnd", NULL},
                                                 {"paid_on", NULL},
                                                 {"commune_code", NULL},
                                                 {"decision_number", NULL},
                                                 {"trademark_id", NULL},
                                                 {"business_plan_id", NULL},
                                                 {"status", NULL},
                                                 {"version", NULL}};

/* A payment event of type with the time member at. */
static struct oc_event_draft payment_event(const json_t *view, const char *type,
                                           const struct oc_event_member *at)
{
    json_t *data = oc_event_data(view, payment, OC_EVENT_COUNT(payment));
    oc_event_copy(data, view, at, 1);
    return (struct oc_event_draft){type, oc_event_path_string(view, "id"), data};
}

struct oc_event_draft support_event_paid(const json_t *view)
{
    static const struct oc_event_member at = {"recorded_at", "created_at"};
    return payment_event(view, EVENT_SUPPORT_PAID, &at);
}

struct oc_event_draft support_event_cancelled(const json_t *view)
{
    static const struct oc_event_member at = {"cancelled_at", "cancellation.cancelled_at"};
    return payment_event(view, EVENT_SUPPORT_CANCELLED, &at);
}
