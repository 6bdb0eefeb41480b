#include "registration/handlers.h"

const struct oc_route registration_routes[] = {
    {"GET", "/v1/admin-units", admin_unit_list,
     "province_officer commune_officer producer portal admin", 0},
    {"GET", "/v1/admin-units/{code}", admin_unit_get,
     "province_officer commune_officer producer portal admin", 0},
    {"POST", "/v1/producers", producer_post, "province_officer commune_officer portal", 0},
    {"GET", "/v1/producers", producer_list, "province_officer commune_officer portal admin", 0},
    {"GET", "/v1/producers/{id}", producer_get,
     "province_officer commune_officer producer portal admin", 0},
    {"PATCH", "/v1/producers/{id}", producer_patch, "province_officer commune_officer portal", 0},
    {"POST", "/v1/products", product_post, "province_officer commune_officer producer portal", 0},
    {"GET", "/v1/products", product_list, "province_officer commune_officer producer portal admin",
     0},
    {"GET", "/v1/products/{id}", product_get,
     "province_officer commune_officer producer portal admin", 0},
    {"GET", "/v1/products/{id}/recognitions", product_recognitions_get,
     "province_officer commune_officer producer portal admin", 0},
    {"PATCH", "/v1/products/{id}", product_patch,
     "province_officer commune_officer producer portal", 0},
    {"POST", "/v1/products/{id}/classification", product_classification_post, "province_officer",
     0},
    {"GET", "/v1/products/{id}/classifications", product_classification_list,
     "province_officer commune_officer producer portal admin", 0},
    {"POST", "/v1/trademarks", trademark_post, "province_officer commune_officer portal", 0},
    {"GET", "/v1/trademarks", trademark_list, "province_officer commune_officer portal admin", 0},
    {"GET", "/v1/trademarks/{id}", trademark_get, "province_officer commune_officer portal admin",
     0},
    {"PATCH", "/v1/trademarks/{id}", trademark_patch, "province_officer portal", 0},
    {"GET", "/v1/support-policies", support_policy_list, "province_officer admin", 0},
    {"GET", "/v1/support-policies/{id}", support_policy_get, "province_officer admin", 0},
    {"POST", "/v1/support-payments", support_payment_post, "province_officer admin", 0},
    {"GET", "/v1/support-payments", support_payment_list, "province_officer admin", 0},
    {"GET", "/v1/support-payments/{id}", support_payment_get, "province_officer admin", 0},
    {"POST", "/v1/support-payments/{id}/cancellation", support_payment_cancel,
     "province_officer admin", 0},
    {"GET", "/v1/support-totals", support_totals_get, "province_officer admin", 0},
    {"GET", "/v1/plan-targets", plan_target_list, "province_officer commune_officer portal admin",
     0},
    {"PUT", "/v1/plan-targets/{year}/{indicator}", plan_target_put, "province_officer admin", 0},
    {"GET", "/v1/statistics", statistics_get, "province_officer admin", 0},
    {"POST", "/v1/applications", application_post,
     "producer portal commune_officer province_officer", 0},
    {"GET", "/v1/applications", application_list,
     "province_officer commune_officer producer portal admin", 0},
    {"GET", "/v1/applications/{id}", application_get,
     "province_officer commune_officer producer portal admin", 0},
    {"PATCH", "/v1/applications/{id}", application_patch,
     "producer portal commune_officer province_officer", 0},
    {"POST", "/v1/applications/{id}/transitions", application_transition_post,
     "producer portal commune_officer province_officer admin", 0},
    {"POST", "/v1/applications/{id}/documents", document_post,
     "producer portal commune_officer province_officer", 1},
    {"GET", "/v1/applications/{id}/documents/{document_id}", document_get,
     "province_officer commune_officer producer portal admin", 0},
};

const size_t registration_route_count =
    sizeof(registration_routes) / sizeof(registration_routes[0]);

const struct oc_event_route registration_events[] = {
    {EVENT_EVALUATION_COMPLETED, on_evaluation_completed},
    {EVENT_EVALUATION_FORWARDED, on_evaluation_forwarded},
    {EVENT_DOSSIER_RETURNED, on_dossier_returned},
    {"ocop.evaluation.certificate.issued.v1", on_certificate_issued},
    {"ocop.evaluation.certificate.status_changed.v1", on_certificate_changed},
    {"ocop.evaluation.inspection.recorded.v1", on_inspection_recorded},
    {"ocop.evaluation.round.status_changed.v1", on_round_status_changed},
    {"ocop.promotion.linkage.changed.v1", on_linkage_changed},
};
const size_t registration_event_count =
    sizeof(registration_events) / sizeof(registration_events[0]);

const char *const registration_sources[] = {"evaluation", "promotion"};
const size_t registration_source_count =
    sizeof(registration_sources) / sizeof(registration_sources[0]);
