#include "promotion/trade_event.h"

#include <string.h>

const char *const trade_event_types[] = {
    "fair", "exhibition", "b2b_matching", "online_campaign", "conference", NULL};
const char *const trade_event_statuses[] = {"planned", "open", "closed", "cancelled", NULL};

const struct oc_field trade_event_fields[TE_N] = {
    [TE_TYPE] = {"type", OC_FIELD_ENUM, 0, 0, trade_event_types, OC_FIELD_REQUIRED},
    [TE_NAME] = {"name", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_REQUIRED},
    [TE_STARTS_ON] = {"starts_on", OC_FIELD_DATE, 0, 0, NULL, OC_FIELD_REQUIRED},
    [TE_ENDS_ON] = {"ends_on", OC_FIELD_DATE, 0, 0, NULL, OC_FIELD_REQUIRED},
    [TE_VENUE] = {"venue", OC_FIELD_TEXT, 2, 500, NULL, OC_FIELD_CLEARABLE},
    [TE_PLATFORM] = {"platform", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_CLEARABLE},
    [TE_COMMUNE] = {"commune_code", OC_FIELD_DIGITS, 5, 5, NULL, OC_FIELD_CLEARABLE},
    [TE_ORGANISER] = {"organiser", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_REQUIRED},
    [TE_BUDGET_VND] = {"budget_vnd", OC_FIELD_INT, 0, PROMO_VND_MAX, NULL, OC_FIELD_CLEARABLE},
    [TE_STATUS] = {"status", OC_FIELD_ENUM, 0, 0, trade_event_statuses, OC_FIELD_SERVER},
    [TE_NOTES] = {"notes", OC_FIELD_TEXT, 1, 4000, NULL, OC_FIELD_CLEARABLE},
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
    const char *to = te[TE_STATUS].set ? te[TE_STATUS].s : "planned";
    if (from != NULL && strcmp(from, to) != 0 && !trade_event_transition_ok(from, to))
        oc_v_error(v, "status", "transition",
                   "cannot change from %s to %s: an event moves planned -> open -> closed, or "
                   "planned or open -> cancelled, and never back",
                   from, to);
    if (te[TE_STARTS_ON].set && te[TE_ENDS_ON].set &&
        strcmp(te[TE_ENDS_ON].s, te[TE_STARTS_ON].s) < 0)
        oc_v_error(v, "ends_on", "order", "must not be before starts_on (%s)", te[TE_STARTS_ON].s);
    if (!te[TE_VENUE].set && !te[TE_PLATFORM].set)
        oc_v_error(v, "venue", "required", "an event needs a venue, or a platform when online");
    if (te[TE_TYPE].set && strcmp(te[TE_TYPE].s, "online_campaign") == 0 && !te[TE_PLATFORM].set)
        oc_v_error(v, "platform", "required", "an online campaign needs its platform");
    return oc_v_ok(v);
}
