/*
 * The promotion service's events modules: each event as a view becomes it,
 * one row per event: its type, its subject (the product id, the Kafka key of
 * every promotion event) and its data, exactly, members in the order they
 * had when emit.c built them by hand. What a view holds and the event does
 * not carry (notes, contacts) is in the views and absent from the data.
 */
#include <jansson.h>

#include "promotion/catalogue_events.h"
#include "promotion/linkage_events.h"
#include "promotion/listing_events.h"
#include "promotion/participation_events.h"
#include "unit/event_cases.h"

static struct oc_event_draft catalogue_changed(const json_t *view)
{
    static const struct oc_event_in cause = {"ev1",
                                             "ocop.evaluation.certificate.issued.v1",
                                             "/ocop/evaluation",
                                             "c1",
                                             "2026-05-01T00:00:00Z",
                                             "",
                                             NULL};
    return catalogue_event_changed(view, &cause, "2026-05-01T00:00:01.000Z");
}

static struct oc_event_draft participation_new(const json_t *view)
{
    return participation_event_changed(view, NULL);
}

static struct oc_event_draft participation_moved(const json_t *view)
{
    return participation_event_changed(view, "registered");
}

static struct oc_event_draft linkage_reacted(const json_t *view)
{
    static const struct linkage_why why = {"promotion", "certificate_suspended", "ev2"};
    return linkage_event_changed(view, "active", &why);
}

static struct oc_event_draft linkage_new(const json_t *view)
{
    static const struct linkage_why why = {"u1", NULL, NULL};
    return linkage_event_changed(view, NULL, &why);
}

#define CATALOGUE_VIEW(cert)                                                                       \
    "{\"id\":\"p1\",\"code\":\"OCOP-TV-2026-00001\",\"name\":\"Trà\",\"promotable\":true,"        \
    "\"promotable_reason\":\"certificate_valid\",\"stars\":4,\"certificate\":" cert ","            \
    "\"producer\":{\"name\":\"Bà X\",\"phone\":\"090\"}}"

#define CATALOGUE_DATA(cert_id, number, until)                                                     \
    "{\"product_id\":\"p1\",\"product_code\":\"OCOP-TV-2026-00001\",\"product_name\":\"Trà\","    \
    "\"promotable\":true,\"reason\":\"certificate_valid\",\"stars\":4,"                            \
    "\"certificate_id\":" cert_id ",\"certificate_number\":" number ",\"valid_until\":" until ","  \
    "\"cause_event_id\":\"ev1\",\"cause_event_type\":\"ocop.evaluation.certificate.issued.v1\","   \
    "\"changed_at\":\"2026-05-01T00:00:01.000Z\"}"

#define PARTICIPATION_VIEW                                                                         \
    "{\"id\":\"pa1\",\"product_id\":\"p1\",\"event_id\":\"te1\",\"event\":{\"type\":\"fair\","     \
    "\"name\":\"Hội chợ\",\"starts_on\":\"2026-06-01\",\"ends_on\":\"2026-06-05\"},"           \
    "\"status\":\"confirmed\",\"status_reason\":null,\"booth\":\"A1\",\"support_vnd\":1000000,"    \
    "\"sales_vnd\":null,\"contracts_signed\":null,\"contracts_value_vnd\":null,"                   \
    "\"cause_event_id\":null,\"notes\":\"private\",\"version\":2,\"updated_at\":\"u\"}"

#define PARTICIPATION_DATA(from)                                                                   \
    "{\"participation_id\":\"pa1\",\"event_type\":\"fair\",\"event_name\":\"Hội chợ\","        \
    "\"starts_on\":\"2026-06-01\",\"ends_on\":\"2026-06-05\",\"from_status\":" from ","            \
    "\"reason\":null,\"changed_at\":\"u\",\"product_id\":\"p1\",\"event_id\":\"te1\","             \
    "\"status\":\"confirmed\",\"booth\":\"A1\",\"support_vnd\":1000000,\"sales_vnd\":null,"        \
    "\"contracts_signed\":null,\"contracts_value_vnd\":null,\"cause_event_id\":null,"              \
    "\"version\":2}"

#define LINKAGE_VIEW                                                                               \
    "{\"id\":\"l1\",\"product_id\":\"p1\",\"product\":{\"id\":\"p1\",\"code\":\"PC\"},"            \
    "\"status\":\"suspended\",\"partner_kind\":\"retailer\",\"partner_name\":\"Co.op\","           \
    "\"partner_tax_code\":\"0301\",\"channel\":\"supermarket\",\"volume\":100,\"unit\":\"kg\","    \
    "\"value_vnd\":5000000,\"starts_on\":\"2026-01-01\",\"ends_on\":null,"                         \
    "\"contact_phone\":\"090\",\"version\":4,\"updated_at\":\"u\"}"

#define LINKAGE_TAIL                                                                               \
    "\"changed_at\":\"u\",\"product_id\":\"p1\",\"status\":\"suspended\","                         \
    "\"partner_kind\":\"retailer\",\"partner_name\":\"Co.op\",\"partner_tax_code\":\"0301\","      \
    "\"channel\":\"supermarket\",\"volume\":100,\"unit\":\"kg\",\"value_vnd\":5000000,"            \
    "\"starts_on\":\"2026-01-01\",\"ends_on\":null,\"version\":4}"

#define LISTING_VIEW(status, reason)                                                               \
    "{\"id\":\"li1\",\"product_id\":\"p1\",\"product\":{\"code\":\"PC\"},"                         \
    "\"point_of_sale_id\":\"s1\",\"point_of_sale\":{\"name\":\"Điểm bán\","                    \
    "\"location_type\":\"market\",\"commune_code\":\"29341\"},\"status\":\"" status "\","          \
    "\"reason\":" reason ",\"cause_event_id\":null,\"listed_at\":\"t1\",\"delisted_at\":\"t2\","   \
    "\"version\":1}"

#define LISTING_DATA(from, at, status, reason)                                                     \
    "{\"listing_id\":\"li1\",\"product_code\":\"PC\",\"point_of_sale_name\":\"Điểm bán\","     \
    "\"location_type\":\"market\",\"commune_code\":\"29341\",\"from_status\":" from ","            \
    "\"changed_at\":\"" at "\",\"product_id\":\"p1\",\"point_of_sale_id\":\"s1\","                 \
    "\"status\":\"" status "\",\"reason\":" reason ",\"cause_event_id\":null,\"version\":1}"

static const struct event_case cases[] = {
    {"a product enters the catalogue", catalogue_changed,
     CATALOGUE_VIEW("{\"id\":\"c1\",\"number\":\"TV-1\",\"valid_until\":\"2029-05-01\"}"),
     EVENT_CATALOGUE_CHANGED, "p1", CATALOGUE_DATA("\"c1\"", "\"TV-1\"", "\"2029-05-01\"")},
    {"a product without a certificate", catalogue_changed, CATALOGUE_VIEW("null"),
     EVENT_CATALOGUE_CHANGED, "p1", CATALOGUE_DATA("null", "null", "null")},
    {"a new participation", participation_new, PARTICIPATION_VIEW, EVENT_PARTICIPATION_CHANGED,
     "p1", PARTICIPATION_DATA("null")},
    {"a participation moved", participation_moved, PARTICIPATION_VIEW, EVENT_PARTICIPATION_CHANGED,
     "p1", PARTICIPATION_DATA("\"registered\"")},
    {"a new linkage", linkage_new, LINKAGE_VIEW, EVENT_LINKAGE_CHANGED, "p1",
     "{\"linkage_id\":\"l1\",\"product_code\":\"PC\",\"from_status\":null,\"actor\":\"u1\","
     "\"reason\":null,\"cause_event_id\":null," LINKAGE_TAIL},
    {"a linkage suspended by a reaction", linkage_reacted, LINKAGE_VIEW, EVENT_LINKAGE_CHANGED,
     "p1",
     "{\"linkage_id\":\"l1\",\"product_code\":\"PC\",\"from_status\":\"active\","
     "\"actor\":\"promotion\",\"reason\":\"certificate_suspended\",\"cause_event_id\":"
     "\"ev2\"," LINKAGE_TAIL},
    {"a product listed", listing_event_changed, LISTING_VIEW("listed", "null"),
     EVENT_LISTING_CHANGED, "p1", LISTING_DATA("null", "t1", "listed", "null")},
    {"a product delisted", listing_event_changed, LISTING_VIEW("delisted", "\"recalled\""),
     EVENT_LISTING_CHANGED, "p1", LISTING_DATA("\"listed\"", "t2", "delisted", "\"recalled\"")},
};

int main(void)
{
    event_cases_run(cases, sizeof(cases) / sizeof(cases[0]));
    TEST_DONE();
}
