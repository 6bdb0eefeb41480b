/* The registration service's HTTP handlers and event types (routes.c lists them). */
#ifndef REG_HANDLERS_H
#define REG_HANDLERS_H

#include "common/consumer.h"
#include "common/service.h"
#include "registration/support.h"
#include "registration/support_policy.h"

#define EVENT_EVALUATION_COMPLETED "ocop.evaluation.evaluation.completed.v1"
#define EVENT_EVALUATION_FORWARDED "ocop.evaluation.evaluation.forwarded.v1"
#define EVENT_DOSSIER_RETURNED     "ocop.evaluation.dossier.returned.v1"

/* The registration service's own settings, read at start (svc->ctx). */
struct reg_app {
    char agency[33];       /* OCOP_AGENCY_CODE: receiving agency in dossier codes */
    char code_pattern[65]; /* OCOP_PRODUCT_CODE_PATTERN: how product codes are made */
    struct support_policy_set support_policies; /* reference/support-policies/, read at start */
    struct support_settings support; /* OCOP_SUPPORT_COMMUNE_YEAR_CAP_VND, _YEAR_CAP_VND */
};

struct reg_scope;

/*
 * Today (Asia/Ho_Chi_Minh; OCOP_CLOCK_FILE's day in a test build) as
 * YYYY-MM-DD into today (11 bytes or more). Returns today, or NULL when the
 * clock cannot be read, with detail filled.
 */
const char *reg_today(const struct oc_service *svc, char *today, size_t todaylen, char *detail,
                      size_t len);

/*
 * The id of the confirmed rule set in force today (OCOP_CLOCK_FILE's day in a
 * test build), a static string; "" when none is (before 2019). NULL when the
 * clock cannot be read, with detail filled (then answer 500).
 */
const char *reg_rule_set_today(const struct oc_service *svc, char *detail, size_t len);

int application_post(const struct _u_request *req, struct _u_response *resp,
                     struct oc_service *svc);
int application_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int application_list(const struct _u_request *req, struct _u_response *resp,
                     struct oc_service *svc);
int application_patch(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc);
int application_transition_post(const struct _u_request *req, struct _u_response *resp,
                                struct oc_service *svc);
/*
 * Checks the optional idea and business plan of a new application for
 * product_id (cycle_link_check): *errors gets a new array of field errors, or
 * NULL when they fit (or the product is not in scope: the insert says so).
 */
enum oc_err cycle_check_links(PGconn *conn, const struct reg_scope *scope, const char *product_id,
                              const char *idea_id, const char *plan_id, json_t **errors);

int idea_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int idea_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int idea_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int idea_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int idea_transition_post(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc);
int business_plan_post(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc);
int business_plan_get(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc);
int business_plan_list(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc);
int business_plan_patch(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc);
int business_plan_transition_post(const struct _u_request *req, struct _u_response *resp,
                                  struct oc_service *svc);
int product_history_get(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc);
int document_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int document_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);

/* Consumed: the evaluation service's result for an application. */
enum oc_err on_evaluation_completed(PGconn *conn, const struct oc_event_in *ev, void *ctx,
                                    char *err, size_t errlen);
/* Consumed: a council forwarded the dossier to the level above, or returned it. */
enum oc_err on_evaluation_forwarded(PGconn *conn, const struct oc_event_in *ev, void *ctx,
                                    char *err, size_t errlen);
enum oc_err on_dossier_returned(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                size_t errlen);
/* Consumed: what evaluation and promotion say about a product. */
enum oc_err on_certificate_issued(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                  size_t errlen);
enum oc_err on_certificate_changed(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                   size_t errlen);
enum oc_err on_inspection_recorded(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                   size_t errlen);
/* Consumed: an evaluation round's move, for the rounds' read model (evaluation_rounds). */
enum oc_err on_round_status_changed(PGconn *conn, const struct oc_event_in *ev, void *ctx,
                                    char *err, size_t errlen);
enum oc_err on_linkage_changed(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                               size_t errlen);

extern const struct oc_event_route registration_events[];
extern const size_t registration_event_count;
extern const char *const registration_sources[];
extern const size_t registration_source_count;

int trademark_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int trademark_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int trademark_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int trademark_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int support_policy_list(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc);
int support_policy_get(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc);
int support_payment_post(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc);
int support_payment_get(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc);
int support_payment_list(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc);
int support_payment_cancel(const struct _u_request *req, struct _u_response *resp,
                           struct oc_service *svc);
int support_totals_get(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc);
int plan_target_list(const struct _u_request *req, struct _u_response *resp,
                     struct oc_service *svc);
int plan_target_put(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int statistics_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int plan_period_list(const struct _u_request *req, struct _u_response *resp,
                     struct oc_service *svc);
int plan_period_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int plan_period_put(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int report_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int admin_unit_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int admin_unit_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int producer_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int producer_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int producer_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int producer_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int product_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int product_patch(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int product_classification_post(const struct _u_request *req, struct _u_response *resp,
                                struct oc_service *svc);
int product_classification_list(const struct _u_request *req, struct _u_response *resp,
                                struct oc_service *svc);
int product_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int product_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc);
int product_recognitions_get(const struct _u_request *req, struct _u_response *resp,
                             struct oc_service *svc);

/* The route table and its size. */
extern const struct oc_route registration_routes[];
extern const size_t registration_route_count;

#endif
