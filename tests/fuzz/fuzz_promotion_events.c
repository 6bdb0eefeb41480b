/*
 * The data of the events promotion consumes, as its handlers parse it before
 * any store is called: the first byte picks the event type, the rest is the
 * record value (a JSON object, as oc_event_parse leaves it). A certificate or
 * inspection fact that parses is also weighed for a reaction against a
 * product's stored view, as on_fact does once it is recorded.
 */
#include <jansson.h>

#include "common/contracts.h"
#include "fuzz/fuzz.h"
#include "promotion/listing.h"
#include "promotion/reaction.h"
#include "promotion/standing.h"

/* A promotable product's view after the event, as listing_store_get returns it. */
static const char after_text[] =
    "{\"id\":\"0f3c2b1a-0000-4000-8000-00000000abcd\",\"code\":\"OCOP-TV-2026-00012\","
    "\"name\":\"Mật hoa dừa\",\"producer_type\":\"cooperative\",\"producer_name\":\"HTX Hòa Minh\","
    "\"commune_code\":\"29242\",\"certificate_id\":\"c-1\",\"number\":\"12/QĐ-UBND\","
    "\"status\":\"suspended\",\"stars\":4,\"issued_on\":\"2025-01-10\","
    "\"valid_until\":\"2028-01-10\",\"block_inspection_id\":null,\"block_outcome\":null,"
    "\"block_inspected_on\":null}";

static json_t *after;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    after = json_loads(after_text, 0, NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    unsigned pick = 0;
    json_t *value = fuzz_pick_json(data, size, 1, &pick);
    if (value == NULL)
        return 0;
    switch (pick % 4) {
    case 0: { /* ocop.registration.producer.{registered,updated}.v1 */
        struct oc_producer_registered p;
        if (oc_producer_registered_parse(value, &p, err, sizeof(err)) == OC_OK)
            (void)oc_producer_public_name(p.type, p.name);
        break;
    }
    case 1: { /* ocop.registration.product.{registered,updated}.v1 */
        struct oc_product_registered p;
        if (oc_product_registered_parse(value, &p, err, sizeof(err)) == OC_OK)
            (void)oc_producer_public_name(p.producer_type, p.producer_name);
        break;
    }
    case 2: { /* ocop.evaluation.certificate.{issued,status_changed}.v1 */
        struct certificate_fact f;
        if (standing_certificate_parse(value, &f, err, sizeof(err)) == OC_OK)
            (void)reaction_for_certificate(after, &f, err, sizeof(err));
        break;
    }
    default: { /* ocop.evaluation.inspection.recorded.v1 */
        struct inspection_fact f;
        if (standing_inspection_parse(value, &f, err, sizeof(err)) == OC_OK)
            (void)reaction_for_inspection(after, &f, err, sizeof(err));
        break;
    }
    }
    json_decref(value);
    return 0;
}
