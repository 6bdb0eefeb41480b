/*
 * Registration's request bodies: the first byte picks the parser (as the
 * route would), the rest is the body, loaded as oc_http_body loads it and
 * validated as the handler validates it, including the rule checks that run
 * on the parsed record before any store is called.
 */
#include <string.h>

#include <jansson.h>

#include "common/validate.h"
#include "fuzz/fuzz.h"
#include "registration/application.h"
#include "registration/business_plan.h"
#include "registration/idea.h"
#include "registration/plan.h"
#include "registration/producer.h"
#include "registration/product.h"
#include "registration/trademark.h"

static int producer_post(struct oc_v *v)
{
    struct oc_field_value p[PRODUCER_N];
    return producer_from_json(v, p);
}

static int producer_patch(struct oc_v *v)
{
    struct oc_field_value p[PRODUCER_N];
    return producer_patch_from_json(v, p);
}

static int product_post(struct oc_v *v)
{
    struct product_input p;
    memset(&p, 0, sizeof(p));
    p.today = "2026-01-01";
    return product_from_json(v, &p);
}

static int product_patch(struct oc_v *v)
{
    struct product_patch p;
    memset(&p, 0, sizeof(p));
    return product_patch_from_json(v, &p);
}

static int application_post(struct oc_v *v)
{
    struct application_input a;
    memset(&a, 0, sizeof(a));
    return application_from_json(v, &a);
}

static int application_patch(struct oc_v *v)
{
    struct application_patch a;
    memset(&a, 0, sizeof(a));
    return application_patch_from_json(v, &a);
}

static int application_transition(struct oc_v *v)
{
    struct application_move m;
    memset(&m, 0, sizeof(m));
    return application_move_from_json(v, &m);
}

/* POST /v1/trademarks: the body, then the rules of a new record. */
static int trademark_post(struct oc_v *v)
{
    struct oc_field_value t[TRADEMARK_N];
    return trademark_from_json(v, t) && trademark_check(v, NULL, t);
}

/* PATCH /v1/trademarks/{id}: the patch merged into a filed record, then the rules. */
static int trademark_patch(struct oc_v *v)
{
    static const struct oc_field_value filed[TRADEMARK_N] = {
        [TRADEMARK_KIND] = {"ordinary", 0, 0, 1, 0},
        [TRADEMARK_MARK_NAME] = {"Mật hoa dừa Trà Vinh", 0, 0, 1, 0},
        [TRADEMARK_OFFICE] = {"Cục Sở hữu trí tuệ", 0, 0, 1, 0},
        [TRADEMARK_STATUS] = {"filed", 0, 0, 1, 0},
        [TRADEMARK_REQUESTED_ON] = {"2026-01-05", 0, 0, 1, 0},
        [TRADEMARK_FILING_NUMBER] = {"4-2026-00123", 0, 0, 1, 0},
        [TRADEMARK_FILED_ON] = {"2026-02-10", 0, 0, 1, 0},
        [TRADEMARK_SUPPORT_AMOUNT_VND] = {NULL, 15000000, 0, 1, 0},
    };
    struct oc_field_value p[TRADEMARK_N], after[TRADEMARK_N];
    if (!trademark_patch_from_json(v, p))
        return 0;
    oc_fields_merge(filed, p, TRADEMARK_N, after);
    return trademark_check(v, filed[TRADEMARK_STATUS].s, after);
}

/* PUT /v1/plan-targets/{year}/{indicator}, with path members the body's second byte picks. */
static int plan_target_put(struct oc_v *v)
{
    static const char *const years[] = {"1899", NULL, "2026", "20x6"};
    static const char *const indicators[] = {"trademarks_supported", "nothing", NULL, ""};
    struct plan_target_put t;
    size_t pick = json_object_size(v->body);
    memset(&t, 0, sizeof(t));
    return plan_target_from_json(v, years[pick % 4], indicators[(pick / 4) % 4], &t);
}

/* POST /v1/ideas. */
static int idea_post(struct oc_v *v)
{
    struct idea_input i;
    return idea_from_json(v, &i);
}

/* PATCH /v1/ideas/{id}: the patch, then what an accepted idea without a product allows. */
static int idea_patch(struct oc_v *v)
{
    struct idea_patch p;
    return idea_patch_from_json(v, &p) && idea_patch_problem("accepted", NULL, &p) == NULL;
}

/* POST /v1/ideas/{id}/transitions and /v1/business-plans/{id}/transitions. */
static int cycle_move(struct oc_v *v)
{
    struct cycle_move m;
    if (!cycle_move_from_json(v, idea_statuses, &m))
        return 0;
    json_t *problem = cycle_reasons_problem(strcmp(m.to, "returned") == 0, m.reasons);
    json_decref(problem);
    return problem == NULL;
}

/* POST /v1/business-plans. */
static int business_plan_post(struct oc_v *v)
{
    struct business_plan_input b;
    return business_plan_from_json(v, &b);
}

/* PATCH /v1/business-plans/{id}. */
static int business_plan_patch(struct oc_v *v)
{
    struct business_plan_body b;
    return business_plan_patch_from_json(v, &b);
}

static int (*const parsers[])(struct oc_v *v) = {
    producer_post,
    producer_patch,
    product_post,
    product_patch,
    application_post,
    application_patch,
    application_transition,
    trademark_post,
    trademark_patch,
    plan_target_put,
    idea_post,
    idea_patch,
    cycle_move,
    business_plan_post,
    business_plan_patch,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_body_parsers(data, size, parsers, sizeof(parsers) / sizeof(parsers[0]));
    return 0;
}
