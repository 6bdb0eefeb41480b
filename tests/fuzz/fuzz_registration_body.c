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
#include "registration/plan.h"
#include "registration/producer.h"
#include "registration/product.h"
#include "registration/trademark.h"

static int producer_post(struct oc_v *v)
{
    struct producer_new p;
    memset(&p, 0, sizeof(p));
    return producer_from_json(v, &p);
}

static int producer_patch(struct oc_v *v)
{
    struct producer_patch p;
    memset(&p, 0, sizeof(p));
    return producer_patch_from_json(v, &p);
}

static int product_post(struct oc_v *v)
{
    struct product_new p;
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
    struct application_new a;
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
    struct trademark_new t;
    memset(&t, 0, sizeof(t));
    return trademark_from_json(v, &t) && trademark_check(v, NULL, &t.tm);
}

/* PATCH /v1/trademarks/{id}: the patch merged into a filed record, then the rules. */
static int trademark_patch(struct oc_v *v)
{
    static const struct trademark filed = {"ordinary",
                                           "Mật hoa dừa Trà Vinh",
                                           "Cục Sở hữu trí tuệ",
                                           "filed",
                                           "2026-01-05",
                                           "4-2026-00123",
                                           "2026-02-10",
                                           NULL,
                                           NULL,
                                           NULL,
                                           15000000,
                                           1};
    struct trademark_patch p;
    struct trademark after;
    memset(&p, 0, sizeof(p));
    if (!trademark_patch_from_json(v, &p))
        return 0;
    trademark_merge(&filed, &p, &after);
    return trademark_check(v, filed.status, &after);
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

static int (*const parsers[])(struct oc_v *v) = {
    producer_post,     producer_patch,         product_post,   product_patch,   application_post,
    application_patch, application_transition, trademark_post, trademark_patch, plan_target_put,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_body_parsers(data, size, parsers, sizeof(parsers) / sizeof(parsers[0]));
    return 0;
}
