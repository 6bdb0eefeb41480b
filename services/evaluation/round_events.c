#include "evaluation/round_events.h"

struct oc_event_draft round_event_moved(const json_t *view, const char *from)
{
    static const struct oc_event_member round[] = {{"round_id", "id"}, {"year", NULL},
                                                   {"level", NULL},    {"sequence", NULL},
                                                   {"name", NULL},     {"council_id", "council.id"},
                                                   {"rule_set", NULL}};
    static const struct oc_event_member move[] = {
        {"to", "status"}, {"starts_on", NULL}, {"ends_on", NULL}};
    static const struct oc_event_member last_move[] = {{"at", NULL}, {"actor", NULL}};
    const json_t *moves = json_object_get(view, "transitions");
    json_t *data = oc_event_data(view, round, OC_EVENT_COUNT(round));
    json_object_set_new(data, "from", json_string(from));
    oc_event_copy(data, view, move, OC_EVENT_COUNT(move));
    oc_event_copy(data, json_array_get(moves, json_array_size(moves) - 1), last_move,
                  OC_EVENT_COUNT(last_move));
    return (struct oc_event_draft){EVENT_ROUND_STATUS_CHANGED, oc_event_path_string(view, "id"),
                                   data};
}
