#include "registration/support_events.h"

/* What both events say of the payment; product_id is null for a producer's payment. */
static const char *const payment[] = {"payment_id=id",
                                      "policy_id=policy.id",
                                      "producer_id=producer.id",
                                      "producer_type=producer.type",
                                      "product_id=product.id",
                                      "kind",
                                      "amount_vnd",
                                      "eligible_cost_vnd",
                                      "paid_on",
                                      "commune_code",
                                      "decision_number",
                                      "trademark_id",
                                      "business_plan_id",
                                      "status",
                                      "version",
                                      NULL};

/* A payment event of type with its time member (a members list, event_build.h). */
static struct oc_event_draft payment_event(const json_t *view, const char *type,
                                           const char *const *at)
{
    json_t *data = oc_event_data(view, payment);
    oc_event_copy(data, view, at);
    return (struct oc_event_draft){type, oc_event_path_string(view, "id"), data};
}

struct oc_event_draft support_event_paid(const json_t *view)
{
    static const char *const at[] = {"recorded_at=created_at", NULL};
    return payment_event(view, EVENT_SUPPORT_PAID, at);
}

struct oc_event_draft support_event_cancelled(const json_t *view)
{
    static const char *const at[] = {"cancelled_at=cancellation.cancelled_at", NULL};
    return payment_event(view, EVENT_SUPPORT_CANCELLED, at);
}
