/*
 * The registration service's events modules: each event as a view becomes
 * it, one row per event: its type, its subject (the Kafka key) and its data,
 * exactly. What the views hold and the events must not carry (identifiers,
 * representatives, contacts, names on payments, notes, reasons) is in the
 * views and absent from the data.
 */
#include <jansson.h>

#include "registration/producer_events.h"
#include "registration/product_events.h"
#include "registration/support_events.h"
#include "registration/trademark_events.h"
#include "unit/event_cases.h"

static struct oc_event_draft trademark_changed(const json_t *view)
{
    return trademark_event_changed(view, "requested");
}

/* The product's data is the store's (PRODUCT_EVENT_JSON): the view stands for it. */
static struct oc_event_draft product_registered(const json_t *view)
{
    return product_event_registered(json_deep_copy(view));
}

static struct oc_event_draft product_updated(const json_t *view)
{
    return product_event_updated(json_deep_copy(view));
}

#define PRODUCT_DATA "{\"product_id\":\"p1\",\"code\":\"PC\",\"version\":1}"

#define PRODUCER_VIEW                                                                              \
    "{\"id\":\"h1\",\"type\":\"cooperative\",\"name\":\"HTX A\",\"commune_code\":\"00001\","       \
    "\"identifier\":\"0101\",\"representative\":\"Bà X\",\"phone\":\"090\",\"version\":2,"        \
    "\"created_at\":\"t1\",\"updated_at\":\"t2\"}"

#define PRODUCER_DATA                                                                              \
    "\"producer_id\":\"h1\",\"type\":\"cooperative\",\"name\":\"HTX A\","                          \
    "\"commune_code\":\"00001\",\"version\":2"

#define TRADEMARK_VIEW                                                                             \
    "{\"id\":\"t1\",\"product\":{\"id\":\"p1\",\"code\":\"PC\",\"name\":\"Trà\"},"                \
    "\"kind\":\"collective\",\"mark_name\":\"Trà X\",\"office\":\"IP Viet Nam\","                 \
    "\"status\":\"filed\",\"requested_on\":\"2026-01-01\",\"support_amount_vnd\":5000000,"         \
    "\"filing_number\":\"4-2026-1\",\"filed_on\":\"2026-02-01\",\"decided_on\":null,"              \
    "\"certificate_number\":null,\"notes\":\"private\",\"version\":2,\"created_at\":\"c\","        \
    "\"updated_at\":\"u\"}"

#define TRADEMARK_DATA                                                                             \
    "\"trademark_id\":\"t1\",\"product_id\":\"p1\",\"product_code\":\"PC\","                       \
    "\"kind\":\"collective\",\"mark_name\":\"Trà X\",\"office\":\"IP Viet Nam\","                 \
    "\"status\":\"filed\",\"requested_on\":\"2026-01-01\",\"support_amount_vnd\":5000000,"         \
    "\"version\":2"

#define PAYMENT_VIEW(product)                                                                      \
    "{\"id\":\"s1\",\"policy\":{\"id\":\"pol\",\"name\":\"NQ\"},"                                  \
    "\"producer\":{\"id\":\"h1\",\"type\":\"household\",\"name\":\"Bà X\"},"                      \
    "\"product\":" product ",\"kind\":\"trademark\",\"amount_vnd\":1000,"                          \
    "\"eligible_cost_vnd\":2000,\"paid_on\":\"2026-03-01\",\"commune_code\":\"00001\","            \
    "\"decision_number\":\"D\",\"trademark_id\":null,\"business_plan_id\":null,"                   \
    "\"status\":\"cancelled\",\"notes\":\"n\",\"version\":2,\"created_at\":\"c\","                 \
    "\"cancellation\":{\"reason\":\"r\",\"cancelled_at\":\"x\"}}"

#define PAYMENT_DATA(product)                                                                      \
    "\"payment_id\":\"s1\",\"policy_id\":\"pol\",\"producer_id\":\"h1\","                          \
    "\"producer_type\":\"household\",\"product_id\":" product ",\"kind\":\"trademark\","           \
    "\"amount_vnd\":1000,\"eligible_cost_vnd\":2000,\"paid_on\":\"2026-03-01\","                   \
    "\"commune_code\":\"00001\",\"decision_number\":\"D\",\"trademark_id\":null,"                  \
    "\"business_plan_id\":null,\"status\":\"cancelled\",\"version\":2"

static const struct event_case cases[] = {
    {"producer registered", producer_event_registered, PRODUCER_VIEW, EVENT_PRODUCER_REGISTERED,
     "h1", "{" PRODUCER_DATA ",\"registered_at\":\"t1\"}"},
    {"producer updated", producer_event_updated, PRODUCER_VIEW, EVENT_PRODUCER_UPDATED, "h1",
     "{" PRODUCER_DATA ",\"updated_at\":\"t2\"}"},
    {"trademark requested", trademark_event_requested, TRADEMARK_VIEW, EVENT_TRADEMARK_REQUESTED,
     "t1", "{" TRADEMARK_DATA ",\"requested_at\":\"c\"}"},
    {"trademark changed", trademark_changed, TRADEMARK_VIEW, EVENT_TRADEMARK_STATUS_CHANGED, "t1",
     "{" TRADEMARK_DATA ",\"filing_number\":\"4-2026-1\",\"filed_on\":\"2026-02-01\","
     "\"decided_on\":null,\"certificate_number\":null,\"from_status\":\"requested\","
     "\"changed_at\":\"u\"}"},
    {"product registered", product_registered, PRODUCT_DATA, EVENT_PRODUCT_REGISTERED, "p1",
     PRODUCT_DATA},
    {"product updated", product_updated, PRODUCT_DATA, EVENT_PRODUCT_UPDATED, "p1", PRODUCT_DATA},
    {"support paid for a product", support_event_paid, PAYMENT_VIEW("{\"id\":\"p1\"}"),
     EVENT_SUPPORT_PAID, "s1", "{" PAYMENT_DATA("\"p1\"") ",\"recorded_at\":\"c\"}"},
    {"support paid for a producer", support_event_paid, PAYMENT_VIEW("null"), EVENT_SUPPORT_PAID,
     "s1", "{" PAYMENT_DATA("null") ",\"recorded_at\":\"c\"}"},
    {"support cancelled", support_event_cancelled, PAYMENT_VIEW("null"), EVENT_SUPPORT_CANCELLED,
     "s1", "{" PAYMENT_DATA("null") ",\"cancelled_at\":\"x\"}"},
};

int main(void)
{
    event_cases_run(cases, sizeof(cases) / sizeof(cases[0]));
    TEST_DONE();
}
