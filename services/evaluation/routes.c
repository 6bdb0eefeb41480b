#include "evaluation/handlers.h"

const struct oc_route evaluation_routes[] = {
    {"GET", "/v1/products/:id", "/v1/products/{id}", candidate_get, 0},
    {"GET", "/v1/applications/:id", "/v1/applications/{id}", application_get, 0},
    {"GET", "/v1/rule-sets", "/v1/rule-sets", rule_set_list, 0},
    {"GET", "/v1/rule-sets/:id", "/v1/rule-sets/{id}", rule_set_get, 0},
    {"GET", "/v1/criteria-sets", "/v1/criteria-sets", criteria_set_list, 0},
    {"GET", "/v1/criteria-sets/:id", "/v1/criteria-sets/{id}", criteria_set_get, 0},
    {"POST", "/v1/councils", "/v1/councils", council_post, 0},
    {"GET", "/v1/councils", "/v1/councils", council_list, 0},
    {"GET", "/v1/councils/:id", "/v1/councils/{id}", council_get, 0},
    {"POST", "/v1/councils/:id/members", "/v1/councils/{id}/members", council_member_post, 0},
    {"POST", "/v1/councils/:id/members/:member_id/conflicts",
     "/v1/councils/{id}/members/{member_id}/conflicts", council_conflict_post, 0},
    {"POST", "/v1/rounds", "/v1/rounds", round_post, 0},
    {"GET", "/v1/rounds", "/v1/rounds", round_list, 0},
    {"GET", "/v1/rounds/:id", "/v1/rounds/{id}", round_get, 0},
    {"POST", "/v1/rounds/:id/transitions", "/v1/rounds/{id}/transitions", round_transition_post, 0},
    {"POST", "/v1/rounds/:id/entries", "/v1/rounds/{id}/entries", entry_post, 0},
    {"GET", "/v1/rounds/:id/entries", "/v1/rounds/{id}/entries", entry_list, 0},
    {"GET", "/v1/entries", "/v1/entries", entry_list, 0},
    {"GET", "/v1/entries/:id", "/v1/entries/{id}", entry_get, 0},
    {"GET", "/v1/entries/:id/sheets", "/v1/entries/{id}/sheets", sheet_list, 0},
    {"PUT", "/v1/entries/:id/sheets/:member_id", "/v1/entries/{id}/sheets/{member_id}", sheet_put,
     0},
    {"POST", "/v1/entries/:id/result", "/v1/entries/{id}/result", result_post, 0},
    {"POST", "/v1/entries/:id/withdrawal", "/v1/entries/{id}/withdrawal", entry_withdrawal_post, 0},
    {"POST", "/v1/certificates", "/v1/certificates", certificate_post, 0},
    {"GET", "/v1/certificates", "/v1/certificates", certificate_list, 0},
    {"GET", "/v1/certificates/:id", "/v1/certificates/{id}", certificate_get, 0},
    {"POST", "/v1/certificates/:id/revocation", "/v1/certificates/{id}/revocation",
     certificate_revocation_post, 0},
    {"POST", "/v1/certificates/:id/reinstatement", "/v1/certificates/{id}/reinstatement",
     certificate_reinstatement_post, 0},
    {"POST", "/v1/inspections", "/v1/inspections", inspection_post, 0},
    {"GET", "/v1/inspections", "/v1/inspections", inspection_list, 0},
    {"GET", "/v1/inspections/:id", "/v1/inspections/{id}", inspection_get, 0},
};
const size_t evaluation_route_count = sizeof(evaluation_routes) / sizeof(evaluation_routes[0]);

const struct oc_event_route evaluation_events[] = {
    {"ocop.registration.producer.registered.v1", on_producer_changed},
    {"ocop.registration.producer.updated.v1", on_producer_changed},
    {"ocop.registration.product.registered.v1", on_product_registered},
    {"ocop.registration.product.updated.v1", on_product_registered},
    {"ocop.registration.application.submitted.v1", on_application_changed},
    {"ocop.registration.application.status_changed.v1", on_application_changed},
    {"ocop.promotion.linkage.changed.v1", on_linkage_changed},
};
const size_t evaluation_event_count = sizeof(evaluation_events) / sizeof(evaluation_events[0]);

const char *const evaluation_sources[] = {"registration", "promotion"};
const size_t evaluation_source_count = sizeof(evaluation_sources) / sizeof(evaluation_sources[0]);
