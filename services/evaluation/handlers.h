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

enum oc_err on_application_changed(PGconn *conn, const struct oc_event_in *ev,
                                   struct oc_service *svc, char *err, size_t errlen);

/* Rule sets and criteria sets, reference data loaded at start-up (rule_set_load.h). */
int rule_set_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int rule_set_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int criteria_set_list(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc);
int criteria_set_get(const struct _u_request *req, struct _u_response *resp,
                     struct oc_service *svc);

/* Councils and rounds (round_http.c); entries, score sheets and results (entry_http.c). */
int council_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int council_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int council_member_post(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc);
int council_conflict_post(const struct _u_request *req, struct _u_response *resp,
                          struct oc_service *svc);
int round_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int round_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int round_transition_post(const struct _u_request *req, struct _u_response *resp,
                          struct oc_service *svc);
int entry_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
enum oc_err entry_get_live(PGconn *conn, const char *id, json_t **out);
int entry_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int sheet_put(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int entry_withdrawal_post(const struct _u_request *req, struct _u_response *resp,
                          struct oc_service *svc);
int result_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);

/* Consumed: registration's producer and product events. */
enum oc_err on_producer_changed(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                                char *err, size_t errlen);
enum oc_err on_product_registered(PGconn *conn, const struct oc_event_in *ev,
                                  struct oc_service *svc, char *err, size_t errlen);

/* Certificates (certificate_http.c). */
int certificate_post(const struct _u_request *req, struct _u_response *resp,
                     struct oc_service *svc);
/* POST /v1/certificates/imports (certificate_import_http.c). */
int certificate_import_post(const struct _u_request *req, struct _u_response *resp,
                            struct oc_service *svc);
int certificate_list(const struct _u_request *req, struct _u_response *resp,
                     struct oc_service *svc);
int certificate_revocation_post(const struct _u_request *req, struct _u_response *resp,
                                struct oc_service *svc);
int certificate_reinstatement_post(const struct _u_request *req, struct _u_response *resp,
                                   struct oc_service *svc);

/* Consumed: promotion's market linkages, kept as market evidence (evidence_store.h). */
enum oc_err on_linkage_changed(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                               char *err, size_t errlen);

/* Inspections (inspection_http.c). */
int inspection_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int inspection_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int inspection_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);

/* The inspection plan and coverage (inspection_plan_http.c). */
int inspection_plan_item_post(const struct _u_request *req, struct _u_response *resp,
                              struct oc_service *svc);
int inspection_plan_item_list(const struct _u_request *req, struct _u_response *resp,
                              struct oc_service *svc);
int inspection_plan_item_cancel_post(const struct _u_request *req, struct _u_response *resp,
                                     struct oc_service *svc);
int inspection_coverage_get(const struct _u_request *req, struct _u_response *resp,
                            struct oc_service *svc);

/* Market findings of the OCOP mark without a certificate (market_finding_http.c). */
int market_finding_post(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc);
int market_finding_list(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc);

extern const struct oc_route evaluation_routes[];
extern const size_t evaluation_route_count;
extern const struct oc_event_route evaluation_events[];
extern const size_t evaluation_event_count;
extern const char *const evaluation_sources[];
extern const size_t evaluation_source_count;

#endif
