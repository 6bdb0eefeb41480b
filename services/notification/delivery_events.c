#include "notification/delivery_events.h"

struct oc_event_draft delivery_event_dead(const struct delivery_claim *c,
                                          const struct delivery_outcome *o, const char *at)
{
    json_t *data =
        json_pack("{s:s,s:s,s:s,s:s,s:i,s:o,s:s,s:s}", "delivery_id", c->id, "subscription_id",
                  c->subscription_id, "event_id", c->event_id, "event_type", c->event_type,
                  "attempts", c->attempts + 1, "last_http_status",
                  o->http_status > 0 ? json_integer(o->http_status) : json_null(), "last_error",
                  o->error, "dead_at", at);
    return (struct oc_event_draft){EVENT_DELIVERY_DEAD, c->subscription_id, data};
}

struct oc_event_draft delivery_event_paused(const struct delivery_claim *c,
                                            const struct delivery_sub_state *st, const char *reason,
                                            const char *at)
{
    json_t *data = json_pack("{s:s,s:i,s:s,s:s,s:s,s:s}", "subscription_id", c->subscription_id,
                             "consecutive_failures", st->failures, "reason", reason, "paused_at",
                             at, "last_delivery_id", c->id, "last_event_type", c->event_type);
    return (struct oc_event_draft){EVENT_SUBSCRIPTION_PAUSE, c->subscription_id, data};
}
