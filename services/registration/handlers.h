/* The registration service's HTTP handlers and event types (routes.c lists them). */
#ifndef REG_HANDLERS_H
#define REG_HANDLERS_H

#include "common/consumer.h"
#include "common/service.h"
#include "common/write.h"
#include "registration/support.h"
#include "registration/support_policy.h"

#define EVENT_EVALUATION_COMPLETED "ocop.evaluation.evaluation.completed.v1"
#define EVENT_EVALUATION_FORWARDED "ocop.evaluation.evaluation.forwarded.v1"
#define EVENT_DOSSIER_RETURNED     "ocop.evaluation.dossier.returned.v1"

/* The registration service's own settings, read at start (svc->app). */
struct oc_app {
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

/* A store's read of one resource (id) in a scope, into *out (caller owns). */
typedef enum oc_err reg_scoped_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                                   json_t **out);

/* get's read of id in the caller's scope: the whole of most readers (oc_reader). */
enum oc_err reg_caller_view(PGconn *conn, reg_scoped_get *get, const char *id, json_t **out);

oc_handler application_post, application_list, application_patch, application_transition_post;
/*
 * Checks the optional idea and business plan of a new application for
 * product_id (cycle_link_check): *errors gets a new array of field errors, or
 * NULL when they fit (or the product is not in scope: the insert says so).
 */
enum oc_err cycle_check_links(PGconn *conn, const struct reg_scope *scope, const char *product_id,
                              const char *idea_id, const char *plan_id, json_t **errors);

/* What a POST .../{id}/transitions request moves, for reg_transition_serve. */
struct reg_transition {
    const char *missing;      /* 404 detail for a malformed :id: "no <noun> has this id" */
    const char *invalid;      /* 422 detail for a body parse refuses */
    oc_parse_fn parse;        /* validates the body into move */
    void *move;               /* parse's out */
    struct oc_target *target; /* gets :id, and If-Match's version (0 when it is absent) */
};

/*
 * Serves POST .../{id}/transitions: a UUID :id (else 404), an If-Match that
 * is one of our ETags when sent (else 412), a body t->parse accepts (else
 * 422 with its field errors); then fn runs on input through oc_write.
 */
int reg_transition_serve(const struct _u_request *req, struct _u_response *resp,
                         struct oc_service *svc, const struct oc_write_spec *spec,
                         const struct reg_transition *t, oc_write_fn fn, const void *input);

struct application_row;
struct oc_write_result;
/*
 * Locks application id in the caller's scope into row; OC_NOT_FOUND with
 * out->detail "no application has this id" when there is none.
 */
enum oc_err application_lock(PGconn *conn, const char *id, struct application_row *row,
                             struct oc_write_result *out);

oc_handler idea_post, idea_list, idea_patch, idea_transition_post, business_plan_post,
    business_plan_list, business_plan_patch, business_plan_transition_post, document_post,
    document_get;

/* Consumed: the evaluation service's result for an application. */
oc_event_handler on_evaluation_completed;
/* Consumed: a council forwarded the dossier to the level above, or returned it. */
oc_event_handler on_evaluation_forwarded, on_dossier_returned;
/* Consumed: what evaluation and promotion say about a product. */
oc_event_handler on_certificate_issued, on_certificate_changed, on_inspection_recorded;
/* Consumed: an evaluation round's move, for the rounds' read model (evaluation_rounds). */
oc_event_handler on_round_status_changed, on_linkage_changed;

/* Trademarks, support, plans and statistics, reports, admin units, producers, products. */
oc_handler trademark_post, trademark_patch, trademark_list, support_policy_list, support_policy_get,
    support_payment_post, support_payment_list, support_payment_cancel, support_totals_get,
    plan_target_list, plan_target_put, statistics_get, plan_period_list, plan_period_get,
    plan_period_put, report_get, admin_unit_list, admin_unit_get, producer_post, producer_patch,
    producer_list, product_post, product_patch, product_classification_post, product_list;

/* Reads by id, served by the route table's .read rows (oc_read_by_id). */
oc_reader application_view, idea_view, business_plan_view, product_history_view, trademark_view,
    support_payment_view, producer_view, product_classifications_view, product_view,
    product_recognitions_view;

/* The route table and its size. */
/* The service's routes, consumed events and their sources (routes.c). */
extern const struct oc_service_tables registration_tables;

#endif
