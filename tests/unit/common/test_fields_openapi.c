/*
 * Every resource's member table (common/fields.h) equals the component schemas
 * of its service's OpenAPI document, so a bound is said once and the document
 * says what the code does. For each row of the resources table below:
 *
 *   - the create schema lists exactly the members a POST may carry (all but
 *     OC_FIELD_SERVER ones), requires exactly the OC_FIELD_REQUIRED ones and
 *     nulls none;
 *   - the patch schema lists exactly the members a merge patch may carry (all
 *     but OC_FIELD_FIXED, OC_FIELD_MOVES and OC_FIELD_NEW_ONLY ones; a fixed one
 *     may be listed as refused, {"not": {}}), may null exactly the
 *     OC_FIELD_CLEARABLE ones, and has minProperties 1;
 *   - the view lists every member (a fixed x_id may show as the object x),
 *     nullable when it is clearable;
 *   - in all three, each member's type, format, bounds (minLength/maxLength,
 *     minimum/maximum, exclusiveMinimum), digit pattern and enum values agree
 *     with its kind, min, max and allowed values (an OC_FIELD_OWN member's
 *     are its resource's rule's: only that it is listed is checked).
 *
 * A new table joins by one row. The test reads the documents under
 * OCOP_TEST_SCHEMA_DIR (default: the source tree's schemas/).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/fields.h"
#include "evaluation/council.h"
#include "evaluation/entry.h"
#include "evaluation/inspection_plan.h"
#include "evaluation/market_finding.h"
#include "promotion/linkage.h"
#include "promotion/participation.h"
#include "promotion/point_of_sale.h"
#include "promotion/trade_event.h"
#include "registration/producer.h"
#include "registration/trademark.h"
#include "unit/test.h"

/* One resource: its table and where the document describes it. */
struct resource {
    const struct oc_field *fields; /* the member table */
    size_t n;                      /* its length */
    const char *document;          /* schemas/openapi/<document>.json */
    const char *create;            /* the POST body's schema */
    const char *patch;             /* the merge patch's schema, or NULL when there is none */
    const char *view;              /* the stored view's schema, or NULL when it reshapes members */
    const char *own_format;        /* a text member whose pattern the resource checks, or NULL */
};

static const struct resource resources[] = {
    {trade_event_fields, TRADE_EVENT_N, "promotion", "TradeEventCreate", "TradeEventPatch",
     "TradeEvent", NULL},
    {participation_fields, PARTICIPATION_N, "promotion", "ParticipationCreate",
     "ParticipationPatch", "Participation", NULL},
    {linkage_fields, LINKAGE_N, "promotion", "LinkageCreate", "LinkagePatch", "Linkage",
     "partner_tax_code"},
    {point_of_sale_fields, POINT_OF_SALE_N, "promotion", "PointOfSaleCreate", "PointOfSalePatch",
     "PointOfSale", NULL},
    {trademark_fields, TRADEMARK_N, "registration", "TrademarkCreate", "TrademarkPatch",
     "Trademark", NULL},
    {producer_fields, PRODUCER_N, "registration", "ProducerCreate", "ProducerPatch", NULL,
     "identifier"},
    {market_finding_fields, MARKET_FINDING_N, "evaluation", "MarketFindingCreate", NULL, NULL,
     NULL},
    {inspection_plan_item_fields, INSPECTION_PLAN_ITEM_N, "evaluation", "InspectionPlanItemCreate",
     NULL, NULL, NULL},
    {council_fields, COUNCIL_N, "evaluation", "CouncilNew", NULL, NULL, NULL},
    {member_fields, MEMBER_N, "evaluation", "MemberNew", NULL, NULL, NULL},
    {conflict_fields, CONFLICT_N, "evaluation", "ConflictNew", NULL, NULL, NULL},
    {entry_fields, ENTRY_N, "evaluation", "EntryNew", NULL, NULL, NULL},
    {result_fields, RESULT_N, "evaluation", "ResultNew", NULL, NULL, NULL},
    {withdrawal_fields, WITHDRAWAL_N, "evaluation", "Withdrawal", NULL, NULL, NULL},
};

/* Where a disagreement was found, for the messages. */
struct at {
    const char *document; /* the service's document */
    const char *schema;   /* the component schema */
};

static void disagree(const struct at *at, const char *member, const char *what)
{
    test_report(0, __FILE__, __LINE__, "the table and the OpenAPI document disagree");
    fprintf(stderr, "    %s.json %s: %s: %s\n", at->document, at->schema, member, what);
}

static json_t *load(const char *document)
{
    char path[1024];
    const char *dir = getenv("OCOP_TEST_SCHEMA_DIR");
    snprintf(path, sizeof(path), "%s/openapi/%s.json",
             dir != NULL ? dir : OCOP_TEST_DEFAULT_SCHEMA_DIR, document);
    json_error_t error;
    json_t *doc = json_load_file(path, 0, &error);
    if (doc == NULL)
        fprintf(stderr, "%s: %s\n", path, error.text);
    return doc;
}

/* The schema s, or the component it refers to ("$ref": "#/components/schemas/X"). */
static json_t *resolve(json_t *doc, json_t *s)
{
    const char *ref = json_string_value(json_object_get(s, "$ref"));
    const char *prefix = "#/components/schemas/";
    if (ref == NULL || strncmp(ref, prefix, strlen(prefix)) != 0)
        return s;
    json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    return json_object_get(schemas, ref + strlen(prefix));
}

/* Whether the schema's type is t or lists t among its types. */
static int has_type(json_t *s, const char *t)
{
    json_t *type = json_object_get(s, "type"), *one;
    size_t i;
    if (json_is_string(type))
        return strcmp(json_string_value(type), t) == 0;
    json_array_foreach(type, i, one) if (json_is_string(one) &&
                                         strcmp(json_string_value(one), t) == 0) return 1;
    return 0;
}

/* Whether a number member of s equals want (absent: never). */
static int number_is(json_t *s, const char *key, long long want)
{
    json_t *x = json_object_get(s, key);
    return json_is_number(x) && json_number_value(x) == (double)want;
}

/* Checks the enum values of s (null aside) against the NULL-terminated allowed. */
static void check_enum(const struct at *at, const char *name, json_t *s, const char *const *allowed)
{
    json_t *values = json_object_get(s, "enum"), *one;
    size_t i, k = 0;
    json_array_foreach(values, i, one)
    {
        if (json_is_null(one))
            continue;
        if (allowed[k] == NULL || !json_is_string(one) ||
            strcmp(json_string_value(one), allowed[k]) != 0) {
            disagree(at, name, "enum values differ from the table's allowed values");
            return;
        }
        k++;
    }
    if (values == NULL || allowed[k] != NULL)
        disagree(at, name, "enum values differ from the table's allowed values");
}

/* Checks one member's schema s against its table row f. */
static void check_kind(const struct at *at, const struct oc_field *f, json_t *s, int own_format)
{
    char pattern[64];
    const char *format = json_string_value(json_object_get(s, "format"));
    const char *want_type = f->kind == OC_FIELD_INT      ? "integer"
                            : f->kind == OC_FIELD_NUMBER ? "number"
                            : f->kind == OC_FIELD_BOOL   ? "boolean"
                                                         : "string";
    if (!has_type(s, want_type))
        disagree(at, f->name, "type differs from the table's kind");
    switch (f->kind) {
    case OC_FIELD_TEXT:
        if (own_format && json_object_get(s, "pattern") == NULL)
            disagree(at, f->name, "the resource checks a format the schema does not state");
        if (own_format && json_object_get(s, "minLength") == NULL)
            break; /* the format bounds it */
        if (!number_is(s, "minLength", f->min) || !number_is(s, "maxLength", f->max)) {
            disagree(at, f->name, "minLength/maxLength differ from the table's min/max");
        }
        break;
    case OC_FIELD_ENUM:
        check_enum(at, f->name, s, f->allowed);
        break;
    case OC_FIELD_DIGITS:
        if (f->min == f->max)
            snprintf(pattern, sizeof(pattern), "^[0-9]{%lld}$", f->min);
        else
            snprintf(pattern, sizeof(pattern), "^[0-9]{%lld,%lld}$", f->min, f->max);
        if (!json_is_string(json_object_get(s, "pattern")) ||
            strcmp(json_string_value(json_object_get(s, "pattern")), pattern) != 0)
            disagree(at, f->name, "pattern differs from the table's digit count");
        break;
    case OC_FIELD_DATE:
    case OC_FIELD_UUID:
        if (format == NULL || strcmp(format, f->kind == OC_FIELD_DATE ? "date" : "uuid") != 0)
            disagree(at, f->name, "format differs from the table's kind");
        break;
    case OC_FIELD_INT:
        if (!number_is(s, "minimum", f->min) || !number_is(s, "maximum", f->max))
            disagree(at, f->name, "minimum/maximum differ from the table's min/max");
        break;
    case OC_FIELD_BOOL:
        break;
    case OC_FIELD_NUMBER:
        if (!number_is(s, "exclusiveMinimum", 0) || !number_is(s, "maximum", f->max))
            disagree(at, f->name, "exclusiveMinimum 0/maximum differ from the table's max");
        break;
    }
}

/* Which members a schema must list, and which it must let be null. */
enum role { CREATE, PATCH, VIEW };

static int listed(const struct oc_field *f, enum role role)
{
    if (role == CREATE)
        return !(f->flags & OC_FIELD_SERVER);
    if (role == PATCH)
        return !(f->flags & (OC_FIELD_FIXED | OC_FIELD_MOVES | OC_FIELD_NEW_ONLY));
    return 1;
}

static int nullable(const struct oc_field *f, enum role role)
{
    return role != CREATE && (f->flags & OC_FIELD_CLEARABLE) != 0;
}

/* Whether a view shows member x_id as the object x (e.g. product_id as product {id, ...}). */
static int shown_as_object(json_t *props, const char *name)
{
    char object[64];
    size_t len = strlen(name);
    if (len < 4 || len - 3 >= sizeof(object) || strcmp(name + len - 3, "_id") != 0)
        return 0;
    memcpy(object, name, len - 3);
    object[len - 3] = '\0';
    json_t *s = json_object_get(props, object);
    return has_type(s, "object") && json_object_get(json_object_get(s, "properties"), "id") != NULL;
}

/* Finds name among the table's members; returns its index or -1. */
static long find(const struct resource *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->fields[i].name, name) == 0)
            return (long)i;
    return -1;
}

static void check_schema(json_t *doc, const struct resource *r, const char *name, enum role role)
{
    struct at at = {r->document, name};
    json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    json_t *schema = json_object_get(schemas, name);
    if (schema == NULL) {
        disagree(&at, "(schema)", "missing from the document");
        return;
    }
    json_t *props = json_object_get(schema, "properties"),
           *required = json_object_get(schema, "required");
    for (size_t i = 0; i < r->n; i++) {
        const struct oc_field *f = &r->fields[i];
        json_t *s = resolve(doc, json_object_get(props, f->name));
        if (s == NULL) {
            if (listed(f, role) && !(role == VIEW && shown_as_object(props, f->name)))
                disagree(&at, f->name, "the table takes it, the schema does not list it");
            continue;
        }
        if (role == PATCH && (f->flags & OC_FIELD_FIXED) && json_object_get(s, "not") != NULL)
            continue; /* listed as refused: {"not": {}} */
        if (f->flags & OC_FIELD_OWN)
            continue; /* its type and bounds are the resource's own rule's */
        if (!listed(f, role))
            disagree(&at, f->name, "the schema lists it, the table refuses it here");
        if (has_type(s, "null") != nullable(f, role))
            disagree(&at, f->name,
                     nullable(f, role) ? "the table may null it, the schema not"
                                       : "the schema may null it, the table not");
        check_kind(&at, f, s, r->own_format != NULL && strcmp(r->own_format, f->name) == 0);
    }
    if (role == VIEW)
        return;
    const char *key;
    json_t *value;
    json_object_foreach(props, key, value) if (find(r, key) < 0)
        disagree(&at, key, "the schema lists it, the table has no such member");
    size_t k;
    json_array_foreach(required, k, value)
    {
        long i = find(r, json_string_value(value));
        if (i < 0 || role != CREATE || !(r->fields[i].flags & OC_FIELD_REQUIRED))
            disagree(&at, json_string_value(value), "the schema requires it, the table not");
    }
    for (size_t i = 0; role == CREATE && i < r->n; i++) {
        int in = 0;
        json_array_foreach(required, k, value) in |=
            strcmp(json_string_value(value), r->fields[i].name) == 0;
        if ((r->fields[i].flags & OC_FIELD_REQUIRED) && !in)
            disagree(&at, r->fields[i].name, "the table requires it, the schema not");
    }
    if (json_object_get(schema, "additionalProperties") != json_false())
        disagree(&at, "(schema)", "must refuse unknown members (additionalProperties false)");
    if (role == PATCH && !number_is(schema, "minProperties", 1))
        disagree(&at, "(schema)", "an empty patch is refused: minProperties must be 1");
}

int main(void)
{
    for (size_t i = 0; i < sizeof(resources) / sizeof(resources[0]); i++) {
        const struct resource *r = &resources[i];
        json_t *doc = load(r->document);
        CHECK(doc != NULL);
        if (doc == NULL)
            continue;
        check_schema(doc, r, r->create, CREATE);
        if (r->patch != NULL)
            check_schema(doc, r, r->patch, PATCH);
        if (r->view != NULL)
            check_schema(doc, r, r->view, VIEW);
        json_decref(doc);
    }
    TEST_DONE();
}
