#include "evaluation/round_events.h"

struct oc_event_draft round_event_moved(const json_t *view, const char *from)
{
    static const char *const round[] = {"round_id=id", "year", "level",
                                        "sequence",    "name", "council_id=council.id",
                                        "rule_set",    NULL};
    static const char *const move[] = {"to=status", "starts_on", "ends_on", NULL};
    static const char *const last_move[] = {"at", "actor", NULL};
    const json_t *moves = json_object_get(view, "transitions");
    json_t *data = oc_event_data(view, round);
    json_object_set_new(data, "from", json_string(from));
    oc_event_copy(data, view, move);
    oc_event_copy(data, json_array_get(moves, json_array_size(moves) - 1), last_move);
    return (struct oc_event_draft){EVENT_ROUND_STATUS_CHANGED, oc_event_path_string(view, "id"),
                                   data};
}
