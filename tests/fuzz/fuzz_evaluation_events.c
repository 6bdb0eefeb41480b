/*
 * The data of the events evaluation consumes, as its handlers parse it
 * before any store is called: the first byte picks the event type, the rest
 * is the record value (a JSON object, as oc_event_parse leaves it).
 * candidate_application_parse lives in candidate_store.c, compiled in here
 * with evidence_store.c (which it calls); neither touches a database unless
 * called with a connection.
 */
#include <jansson.h>

#include "common/contracts.h"
#include "evaluation/candidate_store.h"
#include "evaluation/evidence.h"
#include "fuzz/fuzz.h"

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
        (void)oc_producer_registered_parse(value, &p, err, sizeof(err));
        break;
    }
    case 1: { /* ocop.registration.product.{registered,updated}.v1 */
        struct oc_product_registered p;
        (void)oc_product_registered_parse(value, &p, err, sizeof(err));
        break;
    }
    case 2: { /* ocop.registration.application.{submitted,status_changed}.v1 */
        struct candidate_application a;
        (void)candidate_application_parse(value, &a, err, sizeof(err));
        break;
    }
    default: { /* ocop.promotion.linkage.changed.v1 */
        struct evidence_linkage l;
        (void)evidence_linkage_parse(value, "2026-12-06T05:46:00.123456Z", &l, err, sizeof(err));
        break;
    }
    }
    json_decref(value);
    return 0;
}
