#include "promotion/trade_event.h"

#include <string.h>

const char *const trade_event_types[] = {
    "fair", "exhibition", "b2b_matching", "online_campaign", "conference", NULL};
const char *const trade_event_statuses[] = {"planned", "open", "closed", "cancelled", NULL};

const struct oc_field trade_event_fields[TRADE_EVENT_N] = {
    [TRADE_EVENT_TYPE] = {"type", OC_FIELD_ENUM, 0, 0, trade_event_types, OC_FIELD_REQUIRED},
    [TRADE_EVENT_NAME] = {"name", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_REQUIRED},
    [TRADE_EVENT_STARTS_ON] = {"starts_on", OC_FIELD_DATE, 0, 0, NULL, OC_FIELD_REQUIRED},
    [TRADE_EVENT_ENDS_ON] = {"ends_on", OC_FIELD_DATE, 0, 0, NULL, OC_FIELD_REQUIRED},
    [TRADE_EVENT_VENUE] = {"venue", OC_FIELD_TEXT, 2, 500, NULL, OC_FIELD_CLEARABLE},
    [TRADE_EVENT_PLATFORM] = {"platform", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_CLEARABLE},
    [TRADE_EVENT_COMMUNE] = {"commune_code", OC_FIELD_DIGITS, 5, 5, NULL, OC_FIELD_CLEARABLE},
    [TRADE_EVENT_ORGANISER] = {"organiser", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_REQUIRED},
    [TRADE_EVENT_BUDGET_VND] = {"budget_vnd", OC_FIELD_INT, 0, PROMO_VND_MAX, NULL,
                                OC_FIELD_CLEARABLE},
    [TRADE_EVENT_STATUS] = {"status", OC_FIELD_ENUM, 0, 0, trade_event_statuses, OC_FIELD_SERVER},
    [TRADE_EVENT_NOTES] = {"notes", OC_FIELD_TEXT, 1, 4000, NULL, OC_FIELD_CLEARABLE},
};

/* The moves an event may make; anything else, including a move back, is refused. */
static const struct {
    const char *from; /* status before */
    const char *to;   /* status after */
} transitions[] = {
    {"planned", "open"},
    {"planned", "cancelled"},
    {"open", "closed"},
    {"open", "cancelled"},
};

int trade_event_transition_ok(const char *from, const char *to)
{
    for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
        if (strcmp(transitions[i].from, from) == 0 && strcmp(transitions[i].to, to) == 0)
            return 1;
    return 0;
}

int trade_event_final(const char *status)
{
    return strcmp(status, "closed") == 0 || strcmp(status, "cancelled") == 0;
}

int trade_event_check(struct oc_v *v, const char *from, const struct oc_field_value *te)
{
    const char *to = te[TRADE_EVENT_STATUS].set ? te[TRADE_EVENT_STATUS].s : "planned";
    if (from != NULL && strcmp(from, to) != 0 && !trade_event_transition_ok(from, to))
        oc_v_error(v, "status", "transition",
                   "cannot change from %s to %s: an event moves planned -> open -> closed, or "
                   "planned or open -> cancelled, and never back",
                   from, to);
    if (te[TRADE_EVENT_STARTS_ON].set && te[TRADE_EVENT_ENDS_ON].set &&
        strcmp(te[TRADE_EVENT_ENDS_ON].s, te[TRADE_EVENT_STARTS_ON].s) < 0)
        oc_v_error(v, "ends_on", "order", "must not be before starts_on (%s)",
                   te[TRADE_EVENT_STARTS_ON].s);
    if (!te[TRADE_EVENT_VENUE].set && !te[TRADE_EVENT_PLATFORM].set)
        oc_v_error(v, "venue", "required", "an event needs a venue, or a platform when online");
    if (te[TRADE_EVENT_TYPE].set && strcmp(te[TRADE_EVENT_TYPE].s, "online_campaign") == 0 &&
        !te[TRADE_EVENT_PLATFORM].set)
        oc_v_error(v, "platform", "required", "an online campaign needs its platform");
    return oc_v_ok(v);
}
