/*
 * Promotion's request bodies. The first byte picks the resource and the
 * operation: a POST body validated against the resource's field table and
 * its rules, or a merge patch merged into a stored record (a fixed view) and
 * checked against the rules from that record's status; both end as the SQL
 * parameters the store would send. The last choice is a linkage transition.
 */
#include <string.h>

#include <jansson.h>

#include "common/fields.h"
#include "common/validate.h"
#include "fuzz/fuzz.h"
#include "promotion/linkage.h"
#include "promotion/participation.h"
#include "promotion/point_of_sale.h"
#include "promotion/trade_event.h"

#define MAX_FIELDS 16

/* One resource: its fields, a stored view to patch, and its rules (from NULL on a POST). */
struct resource {
    const struct oc_field *fields; /* the resource's table */
    size_t n;                      /* entries in fields */
    const char *view;              /* a stored record, as JSON text */
    size_t status;                 /* index of the status member in fields */
    int (*check)(struct oc_v *v, const char *from, const struct oc_field_value *values);
};

static int trade_event_rules(struct oc_v *v, const char *from, const struct oc_field_value *te)
{
    return trade_event_check(v, from, te);
}

static int participation_rules(struct oc_v *v, const char *from, const struct oc_field_value *pa)
{
    return participation_check(v, from, pa, "2026-11-20", "2026-12-06");
}

static int linkage_rules(struct oc_v *v, const char *from, const struct oc_field_value *lk)
{
    (void)from;
    return linkage_check(v, lk);
}

static int point_of_sale_rules(struct oc_v *v, const char *from, const struct oc_field_value *pos)
{
    (void)from;
    (void)pos;
    return oc_v_ok(v);
}

static const struct resource resources[] = {
    {trade_event_fields, TRADE_EVENT_N,
     "{\"type\":\"fair\",\"name\":\"Hội chợ OCOP Trà Vinh 2026\",\"starts_on\":\"2026-11-20\","
     "\"ends_on\":\"2026-11-24\",\"venue\":\"Quảng trường Trà Vinh\",\"organiser\":\"Sở Công "
     "Thương\",\"budget_vnd\":500000000,\"status\":\"open\"}",
     TRADE_EVENT_STATUS, trade_event_rules},
    {participation_fields, PARTICIPATION_N,
     "{\"event_id\":\"7a1d4c2e-5b6f-4a3b-9c8d-112233445566\",\"product_id\":"
     "\"0f3c2b1a-0000-4000-8000-00000000abcd\",\"booth\":\"A12\",\"support_vnd\":2000000,"
     "\"status\":\"registered\"}",
     PARTICIPATION_STATUS, participation_rules},
    {linkage_fields, LINKAGE_N,
     "{\"product_id\":\"0f3c2b1a-0000-4000-8000-00000000abcd\",\"partner_kind\":\"supermarket_"
     "chain\","
     "\"partner_name\":\"Co.opmart Trà Vinh\",\"partner_tax_code\":\"0302182137-001\","
     "\"channel\":\"supermarket\",\"volume\":1200.5,\"unit\":\"kg\",\"starts_on\":\"2026-01-01\","
     "\"status\":\"active\"}",
     LINKAGE_STATUS, linkage_rules},
    {point_of_sale_fields, POINT_OF_SALE_N,
     "{\"name\":\"Điểm bán OCOP Trà Vinh\",\"location_type\":\"tourist_site\",\"operator\":\"HTX "
     "Hòa "
     "Minh\",\"address\":\"12 Lê Lợi, phường 1\",\"commune_code\":\"29242\",\"status\":\"open\"}",
     POINT_OF_SALE_STATUS, point_of_sale_rules},
};

#define NRESOURCES (sizeof(resources) / sizeof(resources[0]))

static json_t *views[NRESOURCES];

static void as_params(const struct resource *r, const struct oc_field_value *values)
{
    struct oc_field_param buf[MAX_FIELDS];
    const char *params[MAX_FIELDS];
    oc_fields_params(r->fields, r->n, values, buf, params);
}

static void post(struct oc_v *v, const struct resource *r)
{
    struct oc_field_value values[MAX_FIELDS];
    memset(values, 0, sizeof(values));
    if (oc_fields_create(v, r->fields, r->n, NULL, values) && r->check(v, NULL, values))
        as_params(r, values);
}

static void patch(struct oc_v *v, const struct resource *r, const json_t *view)
{
    struct oc_field_value before[MAX_FIELDS], change[MAX_FIELDS], after[MAX_FIELDS];
    memset(change, 0, sizeof(change));
    if (!oc_fields_patch(v, r->fields, r->n, NULL, change))
        return;
    oc_fields_from_view(view, r->fields, r->n, before);
    oc_fields_merge(before, change, r->n, after);
    if (r->check(v, before[r->status].s, after))
        as_params(r, after);
}

static void linkage_transition(struct oc_v *v)
{
    struct linkage_move m;
    int field_error = 0;
    memset(&m, 0, sizeof(m));
    if (linkage_move_from_json(v, &m))
        (void)linkage_move_problem("active", &m, &field_error);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    for (size_t i = 0; i < NRESOURCES; i++)
        views[i] = json_loads(resources[i].view, 0, NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned byte = 0;
    json_t *body = fuzz_pick_json(data, size, 0, &byte);
    if (body == NULL)
        return 0;
    struct oc_v v;
    size_t pick = byte % (2 * NRESOURCES + 1);
    oc_v_init(&v, body);
    if (pick == 2 * NRESOURCES)
        linkage_transition(&v);
    else if (pick % 2 == 0)
        post(&v, &resources[pick / 2]);
    else
        patch(&v, &resources[pick / 2], views[pick / 2]);
    oc_v_clean(&v);
    json_decref(body);
    return 0;
}
