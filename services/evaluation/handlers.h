/* The evaluation service's HTTP handlers and consumed events (routes.c lists them). */
#ifndef EVAL_HANDLERS_H
#define EVAL_HANDLERS_H

#include "common/consumer.h"
#include "common/service.h"
#include "evaluation/certificate_settings.h"

/* The evaluation service's own settings, read at start (svc->app). */
struct oc_app {
    struct certificate_settings certificates; /* numbers, expiry notices, scheduler */
};

oc_event_handler on_application_changed;

/* Rule sets and criteria sets, reference data loaded at start-up (rule_set_load.h). */
oc_handler rule_set_list, rule_set_get, criteria_set_list, criteria_set_get;

/* Councils and rounds (round_http.c); entries, score sheets and results (entry_http.c). */
oc_handler council_post, council_list, council_member_post, council_conflict_post, round_post,
    round_list, round_transition_post, entry_post, entry_list, sheet_put, entry_withdrawal_post,
    result_post;

/* Consumed: registration's producer and product events. */
oc_event_handler on_producer_changed, on_product_registered;

/* Certificates (certificate_http.c). */
oc_handler certificate_post, certificate_list, certificate_revocation_post,
    certificate_reinstatement_post;
/* POST /v1/certificates/imports (certificate_import_http.c). */
oc_handler certificate_import_post;

/* Consumed: promotion's market linkages, kept as market evidence (evidence_store.h). */
oc_event_handler on_linkage_changed;

/* Inspections (inspection_http.c). */
oc_handler inspection_post, inspection_get, inspection_list;

/* The inspection plan and coverage (inspection_plan_http.c). */
oc_handler inspection_plan_item_post, inspection_plan_item_list, inspection_plan_item_cancel_post,
    inspection_coverage_get;

/* Market findings of the OCOP mark without a certificate (market_finding_http.c). */
oc_handler market_finding_post, market_finding_list;

/*
 * Today by the service's clock (certificate_today) into today[11]; 1, or 0
 * after sending the problem response when it cannot be read
 * (inspection_plan_http.c).
 */
int handler_today(struct oc_service *svc, struct _u_response *resp, char *today);

/* Reads by id, served by the route table's .read rows (oc_read_by_id). */
oc_reader entry_get_live;

/* The service's routes, consumed events and their sources (routes.c). */
extern const struct oc_service_tables evaluation_tables;

#endif
