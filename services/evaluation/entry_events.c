#include "evaluation/entry_events.h"

#include <string.h>

/* What every result event says of the entry. */
static const char *const entry_members[] = {"application_id=application.id",
                                            "product_id=product.id",
                                            "entry_id=id",
                                            "round_id=round.id",
                                            "level=round.level",
                                            "rule_set=round.rule_set",
                                            "decided_on=result.decided_on",
                                            "actor=result.finalised_by",
                                            NULL};

/* What a final result adds (completed_at: when it was finalised). */
static const char *const completed_members[] = {"score=result.score",
                                                "band_stars=result.band_stars",
                                                "mandatory_cap=result.mandatory_cap",
                                                "stars=result.stars",
                                                "outcome=result.outcome",
                                                "decision_number=result.decision_number",
                                                "certificate_id=result.certificate_id",
                                                "completed_at=result.finalised_at",
                                                NULL};

static const char *const forwarded_members[] = {"forwarded_to=result.forwarded_to",
                                                "score=result.score",
                                                "stars=result.stars",
                                                "potential_5_star=result.potential_5_star",
                                                "forwarded_at=result.finalised_at",
                                                NULL};

static const char *const returned_members[] = {"reason=result.precheck_reason",
                                               "returned_at=result.finalised_at", NULL};

/* The event of each outcome of a finalised entry. */
static const struct {
    const char *outcome;        /* the result's outcome */
    const char *type;           /* the event type */
    const char *const *members; /* what it adds to entry_members */
} result_events[] = {
    {"recognised", EVENT_EVALUATION_COMPLETED, completed_members},
    {"not_recognised", EVENT_EVALUATION_COMPLETED, completed_members},
    {"forwarded", EVENT_EVALUATION_FORWARDED, forwarded_members},
    {"returned", EVENT_DOSSIER_RETURNED, returned_members},
};

struct oc_event_draft entry_event_result(const json_t *view)
{
    const char *outcome = oc_event_path_string(view, "result.outcome");
    struct oc_event_draft draft = {NULL, oc_event_path_string(view, "application.id"), NULL};
    for (size_t k = 0; outcome != NULL && k < sizeof(result_events) / sizeof(result_events[0]);
         k++) {
        if (strcmp(result_events[k].outcome, outcome) != 0)
            continue;
        draft.type = result_events[k].type;
        draft.data = oc_event_data(view, entry_members);
        oc_event_copy(draft.data, view, result_events[k].members);
        break;
    }
    return draft;
}
