/*
 * Business plans (phương án sản xuất kinh doanh, step 3 of the OCOP cycle),
 * pure C: what a plan holds (its document, by an https URL or a document id,
 * and its key figures), and the screening moves:
 *
 *   submitted -> approved   (commune or province officer; final)
 *   submitted -> returned   (commune or province officer, with 1..20 reasons)
 *   returned  -> submitted  (the producer, or an officer on its behalf, after a
 *                            change; no time limit: no source sets one)
 *
 * A plan is submitted only for an accepted idea. No I/O.
 */
#ifndef REG_BUSINESS_PLAN_H
#define REG_BUSINESS_PLAN_H

#include <stddef.h>

#include <jansson.h>

#include "common/validate.h"
#include "registration/cycle.h"

/* Statuses as sent on the wire, NULL-terminated. */
extern const char *const business_plan_statuses[];

/* The screening moves of a business plan. */
extern const struct cycle_rule business_plan_rules[];
extern const size_t business_plan_rule_count;

/* Bounds of the key figures. */
#define BUSINESS_PLAN_VND_MAX      1000000000000000LL /* 10^15 VND */
#define BUSINESS_PLAN_LABOUR_MAX   100000LL           /* people */
#define BUSINESS_PLAN_CAPACITY_MAX 1e12               /* in its unit */

/* A plan's members as a client sets them; strings borrowed from the body. */
struct business_plan_body {
    const char *document_title;     /* the document's title */
    const char *document_url;       /* https URL, or NULL when document_id */
    const char *document_id;        /* UUID in the province's document system, or NULL */
    long long investment_vnd;       /* 0..BUSINESS_PLAN_VND_MAX */
    double capacity_value;          /* > 0, up to BUSINESS_PLAN_CAPACITY_MAX */
    const char *capacity_unit;      /* e.g. "tấn/năm" */
    long long expected_revenue_vnd; /* 0..BUSINESS_PLAN_VND_MAX */
    long long labour;               /* people, 0..BUSINESS_PLAN_LABOUR_MAX */
    int has_document;               /* 1 when document was sent (a patch) */
    int has_investment;             /* 1 when investment_vnd was sent */
    int has_capacity;               /* 1 when capacity was sent */
    int has_revenue;                /* 1 when expected_revenue_vnd was sent */
    int has_labour;                 /* 1 when labour was sent */
};

/* A validated new plan. */
struct business_plan_input {
    const char *idea_id;           /* UUID of an accepted idea in the caller's scope */
    struct business_plan_body set; /* every member present */
};

/* Validates a new plan body. Returns 1 when valid. */
int business_plan_from_json(struct oc_v *v, struct business_plan_input *out);

/* Validates a change (merge patch; each member replaced whole). Returns 1 when valid, not empty. */
int business_plan_patch_from_json(struct oc_v *v, struct business_plan_body *out);

/* The key figures recorded in a plan's history when they change, as the view names them. */
extern const char *const business_plan_key_members[];

/*
 * The key figures that differ between two views of a plan (borrowed):
 * a new object {member: {"from", "to"}}, or NULL when none changed.
 */
json_t *business_plan_changes(const json_t *before, const json_t *after);

#endif
