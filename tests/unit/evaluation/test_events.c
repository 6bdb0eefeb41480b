/*
 * The evaluation service's events modules: each event as a view becomes it,
 * one row per event (and per outcome of a result): its type, its subject
 * (the Kafka key) and its data, exactly. What a view holds and the event
 * must not carry (notes, names of people, photos) is in the views and absent
 * from the data.
 */
#include <jansson.h>

#include "evaluation/entry_events.h"
#include "evaluation/inspection_events.h"
#include "evaluation/market_finding_events.h"
#include "evaluation/round_events.h"
#include "unit/event_cases.h"

static struct oc_event_draft round_moved(const json_t *view)
{
    return round_event_moved(view, "open");
}

#define ROUND_VIEW                                                                                 \
    "{\"id\":\"r1\",\"year\":2026,\"level\":\"district\",\"sequence\":1,\"name\":\"Đợt 1\","    \
    "\"council\":{\"id\":\"c1\",\"name\":\"HĐ\"},\"rule_set\":\"qd148-2023\","                    \
    "\"status\":\"scoring\",\"starts_on\":\"2026-03-01\",\"ends_on\":\"2026-04-01\","              \
    "\"transitions\":[{\"to\":\"open\",\"at\":\"t1\",\"actor\":\"u1\"},"                           \
    "{\"to\":\"scoring\",\"at\":\"t2\",\"actor\":\"u2\"}],\"version\":3}"

#define ENTRY_VIEW(result)                                                                         \
    "{\"id\":\"e1\",\"application\":{\"id\":\"a1\",\"dossier_code\":\"D\"},"                       \
    "\"product\":{\"id\":\"p1\",\"name\":\"Trà\",\"producer\":{\"name\":\"Bà X\"}},"             \
    "\"round\":{\"id\":\"r1\",\"level\":\"province\",\"rule_set\":\"qd148-2023\"},"                \
    "\"entered_by\":\"u0\",\"result\":" result "}"

#define RESULT_MEMBERS                                                                             \
    "\"score\":71.5,\"band_stars\":4,\"mandatory_cap\":null,\"stars\":4,"                          \
    "\"potential_5_star\":false,\"forwarded_to\":\"central\",\"decision_number\":\"12/QĐ\","      \
    "\"decided_on\":\"2026-05-01\",\"certificate_id\":null,\"precheck_reason\":\"thiếu\","       \
    "\"quorum\":5,\"finalised_by\":\"u9\",\"finalised_at\":\"t9\""

#define ENTRY_DATA                                                                                 \
    "\"application_id\":\"a1\",\"product_id\":\"p1\",\"entry_id\":\"e1\",\"round_id\":\"r1\","     \
    "\"level\":\"province\",\"rule_set\":\"qd148-2023\",\"decided_on\":\"2026-05-01\","            \
    "\"actor\":\"u9\""

#define INSPECTION_VIEW                                                                            \
    "{\"id\":\"i1\",\"product\":{\"id\":\"p1\",\"code\":\"PC\",\"name\":\"Trà\"},"                \
    "\"certificate\":{\"id\":\"c1\",\"number\":\"N1\",\"status_before\":\"active\","               \
    "\"status_after\":\"suspended\"},\"kind\":\"periodic\",\"place\":\"chợ\","                   \
    "\"inspecting_body\":\"QLTT\",\"inspected_on\":\"2026-06-01\",\"outcome\":\"suspend\","        \
    "\"fix_deadline\":\"2026-07-01\",\"fine_amount_vnd\":null,\"fine_decision_number\":null,"      \
    "\"recall_notice\":false,\"decision_number\":\"D2\",\"decided_on\":\"2026-06-02\","            \
    "\"grounds\":\"g\",\"actor\":\"u1\",\"outcomes\":[\"suspend\"],\"follows_up\":null,"           \
    "\"notes\":\"private\",\"inspector_name\":\"Ông Y\","                                         \
    "\"findings\":[{\"category\":\"label\",\"result\":\"fail\",\"notes\":\"n\"},"                  \
    "{\"category\":\"quality\",\"result\":\"pass\"}],"                                             \
    "\"lab_results\":[{\"indicator\":\"Pb\",\"passed\":false},{\"indicator\":\"As\","              \
    "\"passed\":true}],\"follow_up\":{\"due_on\":\"2026-07-01\",\"overdue_on\":\"2026-07-02\"},"   \
    "\"created_at\":\"t1\"}"

static const struct event_case cases[] = {
    {"round moved", round_moved, ROUND_VIEW, EVENT_ROUND_STATUS_CHANGED, "r1",
     "{\"round_id\":\"r1\",\"year\":2026,\"level\":\"district\",\"sequence\":1,"
     "\"name\":\"Đợt 1\",\"council_id\":\"c1\",\"rule_set\":\"qd148-2023\",\"from\":\"open\","
     "\"to\":\"scoring\",\"starts_on\":\"2026-03-01\",\"ends_on\":\"2026-04-01\",\"at\":\"t2\","
     "\"actor\":\"u2\"}"},
    {"result recognised", entry_event_result,
     ENTRY_VIEW("{\"outcome\":\"recognised\"," RESULT_MEMBERS "}"), EVENT_EVALUATION_COMPLETED,
     "a1",
     "{" ENTRY_DATA ",\"score\":71.5,\"band_stars\":4,\"mandatory_cap\":null,\"stars\":4,"
     "\"outcome\":\"recognised\",\"decision_number\":\"12/QĐ\",\"certificate_id\":null,"
     "\"completed_at\":\"t9\"}"},
    {"result not recognised", entry_event_result,
     ENTRY_VIEW("{\"outcome\":\"not_recognised\"," RESULT_MEMBERS "}"), EVENT_EVALUATION_COMPLETED,
     "a1",
     "{" ENTRY_DATA ",\"score\":71.5,\"band_stars\":4,\"mandatory_cap\":null,\"stars\":4,"
     "\"outcome\":\"not_recognised\",\"decision_number\":\"12/QĐ\",\"certificate_id\":null,"
     "\"completed_at\":\"t9\"}"},
    {"result forwarded", entry_event_result,
     ENTRY_VIEW("{\"outcome\":\"forwarded\"," RESULT_MEMBERS "}"), EVENT_EVALUATION_FORWARDED, "a1",
     "{" ENTRY_DATA ",\"forwarded_to\":\"central\",\"score\":71.5,\"stars\":4,"
     "\"potential_5_star\":false,\"forwarded_at\":\"t9\"}"},
    {"result returned", entry_event_result,
     ENTRY_VIEW("{\"outcome\":\"returned\"," RESULT_MEMBERS "}"), EVENT_DOSSIER_RETURNED, "a1",
     "{" ENTRY_DATA ",\"reason\":\"thiếu\",\"returned_at\":\"t9\"}"},
    {"result of no known outcome", entry_event_result,
     ENTRY_VIEW("{\"outcome\":\"other\"," RESULT_MEMBERS "}"), NULL, "a1", NULL},
    {"entry without a result", entry_event_result, ENTRY_VIEW("null"), NULL, "a1", NULL},
    {"inspection recorded", inspection_event_recorded, INSPECTION_VIEW, EVENT_INSPECTION_RECORDED,
     "p1",
     "{\"inspection_id\":\"i1\",\"product_id\":\"p1\",\"product_code\":\"PC\","
     "\"certificate_id\":\"c1\",\"certificate_number\":\"N1\","
     "\"certificate_status_before\":\"active\",\"certificate_status\":\"suspended\","
     "\"findings_summary\":{\"checked\":[\"label\",\"quality\"],\"failed\":[\"label\"]},"
     "\"lab_summary\":{\"tested\":2,\"failed_indicators\":[\"Pb\"]},\"recorded_at\":\"t1\","
     "\"kind\":\"periodic\",\"place\":\"chợ\",\"inspecting_body\":\"QLTT\","
     "\"inspected_on\":\"2026-06-01\",\"outcome\":\"suspend\",\"fix_deadline\":\"2026-07-01\","
     "\"fine_amount_vnd\":null,\"fine_decision_number\":null,\"recall_notice\":false,"
     "\"decision_number\":\"D2\",\"decided_on\":\"2026-06-02\",\"grounds\":\"g\","
     "\"actor\":\"u1\",\"outcomes\":[\"suspend\"],\"follows_up\":null}"},
    {"follow-up overdue", inspection_event_overdue, INSPECTION_VIEW, EVENT_FOLLOW_UP_OVERDUE, "p1",
     "{\"inspection_id\":\"i1\",\"product_id\":\"p1\",\"product_code\":\"PC\","
     "\"certificate_id\":\"c1\",\"certificate_number\":\"N1\",\"inspecting_body\":\"QLTT\","
     "\"inspected_on\":\"2026-06-01\",\"outcomes\":[\"suspend\"],\"due_on\":\"2026-07-01\","
     "\"overdue_on\":\"2026-07-02\"}"},
    {"market finding of a known product", market_finding_event_recorded,
     "{\"id\":\"f1\",\"product\":{\"id\":\"p1\",\"code\":\"PC\"},\"found_on\":\"2026-06-01\","
     "\"place\":\"chợ\",\"commune_code\":\"00001\",\"product_name\":\"Trà\","
     "\"producer_name\":\"HTX A\",\"shown\":\"ocop_logo\",\"action_taken\":\"warned\","
     "\"inspecting_body\":\"QLTT\",\"notes\":\"private\",\"photo\":\"x.jpg\","
     "\"recorded_by\":\"Ông Y\",\"created_at\":\"t1\"}",
     EVENT_MARKET_FINDING, "f1",
     "{\"finding_id\":\"f1\",\"product_id\":\"p1\",\"found_on\":\"2026-06-01\","
     "\"place\":\"chợ\",\"commune_code\":\"00001\",\"product_name\":\"Trà\","
     "\"producer_name\":\"HTX A\",\"shown\":\"ocop_logo\",\"action_taken\":\"warned\","
     "\"inspecting_body\":\"QLTT\",\"recorded_at\":\"t1\"}"},
    {"market finding of an unknown product", market_finding_event_recorded,
     "{\"id\":\"f2\",\"product\":null,\"found_on\":\"2026-06-01\",\"place\":\"chợ\","
     "\"commune_code\":null,\"product_name\":\"Trà\",\"producer_name\":null,"
     "\"shown\":\"ocop_logo\",\"action_taken\":null,\"inspecting_body\":\"QLTT\","
     "\"created_at\":\"t2\"}",
     EVENT_MARKET_FINDING, "f2",
     "{\"finding_id\":\"f2\",\"product_id\":null,\"found_on\":\"2026-06-01\","
     "\"place\":\"chợ\",\"commune_code\":null,\"product_name\":\"Trà\",\"producer_name\":null,"
     "\"shown\":\"ocop_logo\",\"action_taken\":null,\"inspecting_body\":\"QLTT\","
     "\"recorded_at\":\"t2\"}"},
};

int main(void)
{
    event_cases_run(cases, sizeof(cases) / sizeof(cases[0]));
    TEST_DONE();
}
