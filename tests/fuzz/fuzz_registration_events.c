/*
 * The data of the events registration consumes, as its handlers check it
 * before any store is called: the first byte picks the event type, the rest
 * is the record value, parsed as oc_event_parse parses it (a JSON object).
 * Facts are checked with a well-formed ce_time, as the envelope harness
 * (fuzz_event) covers the time itself.
 */
#include <jansson.h>

#include "fuzz/fuzz.h"
#include "registration/application.h"
#include "registration/product.h"
#include "registration/recognition.h"

/* A consumed fact: its type, kind and id member (as product_events_in.c names them). */
static const struct {
    const char *type;  /* ce_type */
    const char *kind;  /* what registration keeps */
    const char *idkey; /* the member naming it */
} facts[] = {
    {"ocop.evaluation.certificate.issued.v1", "certificate", "certificate_id"},
    {"ocop.evaluation.certificate.status_changed.v1", "certificate", "certificate_id"},
    {"ocop.evaluation.inspection.recorded.v1", "inspection", "inspection_id"},
    {"ocop.promotion.linkage.changed.v1", "linkage", "linkage_id"},
};

#define NFACTS (sizeof(facts) / sizeof(facts[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    unsigned byte = 0;
    json_t *value = fuzz_pick_json(data, size, 1, &byte);
    if (value == NULL)
        return 0;
    size_t pick = byte % (NFACTS + 3);
    if (pick == NFACTS + 2) {
        struct round_move_in m;
        (void)round_move_from_event(value, &m, err, sizeof(err));
    } else if (pick == NFACTS) {
        const char *id;
        long long stars;
        (void)application_result_parse(value, &id, &stars, err, sizeof(err));
    } else if (pick == NFACTS + 1) {
        struct application_level_event e; /* evaluation.forwarded, dossier.returned */
        (void)application_level_event_parse(value, &e, err, sizeof(err));
    } else {
        struct recognition r;
        if (product_fact_check(value, facts[pick].type, "2026-12-06T05:46:00.123456Z",
                               facts[pick].kind, facts[pick].idkey, err, sizeof(err)) != NULL &&
            pick == 0)
            (void)recognition_from_issued(value, &r);
    }
    json_decref(value);
    return 0;
}
