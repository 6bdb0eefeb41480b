#include "promotion/participation.h"

#include <string.h>

#include "promotion/trade_event.h"

const char *const participation_statuses[] = {"registered", "attended", "withdrawn", NULL};

const struct oc_field participation_fields[PARTICIPATION_N] = {
    [PARTICIPATION_EVENT_ID] = {"event_id", OC_FIELD_UUID, 0, 0, NULL,
                                OC_FIELD_REQUIRED | OC_FIELD_FIXED},
    [PARTICIPATION_PRODUCT_ID] = {"product_id", OC_FIELD_UUID, 0, 0, NULL,
                                  OC_FIELD_REQUIRED | OC_FIELD_FIXED},
    [PARTICIPATION_BOOTH] = {"booth", OC_FIELD_TEXT, 1, 64, NULL, OC_FIELD_CLEARABLE},
    [PARTICIPATION_SUPPORT_VND] = {"support_vnd", OC_FIELD_INT, 0, PROMO_VND_MAX, NULL,
                                   OC_FIELD_CLEARABLE},
    [PARTICIPATION_SALES_VND] = {"sales_vnd", OC_FIELD_INT, 0, PROMO_VND_MAX, NULL,
                                 OC_FIELD_SERVER | OC_FIELD_CLEARABLE},
    [PARTICIPATION_CONTRACTS] = {"contracts_signed", OC_FIELD_INT, 0, 100000, NULL,
                                 OC_FIELD_SERVER | OC_FIELD_CLEARABLE},
    [PARTICIPATION_CONTRACTS_VND] = {"contracts_value_vnd", OC_FIELD_INT, 0, PROMO_VND_MAX, NULL,
                                     OC_FIELD_SERVER | OC_FIELD_CLEARABLE},
    [PARTICIPATION_STATUS] = {"status", OC_FIELD_ENUM, 0, 0, participation_statuses,
                              OC_FIELD_SERVER},
    [PARTICIPATION_STATUS_REASON] = {"status_reason", OC_FIELD_TEXT, 3, 2000, NULL,
                                     OC_FIELD_SERVER | OC_FIELD_CLEARABLE},
};

/* Checks the move from -> to; returns 1 when allowed. */
static int check_move(struct oc_v *v, const char *from, const char *to,
                      const struct oc_field_value *pa, const char *starts_on, const char *today)
{
    if (strcmp(from, to) == 0)
        return 1;
    if (strcmp(from, "registered") != 0 || strcmp(to, "registered") == 0) {
        oc_v_error(v, "status", "transition",
                   "cannot change from %s to %s: a participation moves registered -> attended "
                   "or withdrawn, and never back",
                   from, to);
        return 0;
    }
    if (strcmp(to, "attended") == 0 && strcmp(starts_on, today) > 0) {
        oc_v_error(v, "status", "transition", "the event begins on %s: no one attended it yet",
                   starts_on);
        return 0;
    }
    if (strcmp(to, "withdrawn") == 0 && !pa[PARTICIPATION_STATUS_REASON].set) {
        oc_v_error(v, "status_reason", "required", "a withdrawal must say why");
        return 0;
    }
    return 1;
}

int participation_check(struct oc_v *v, const char *from, const struct oc_field_value *pa,
                        const char *event_starts_on, const char *today)
{
    static const int outcome[] = {PARTICIPATION_SALES_VND, PARTICIPATION_CONTRACTS,
                                  PARTICIPATION_CONTRACTS_VND};
    const char *to = pa[PARTICIPATION_STATUS].set ? pa[PARTICIPATION_STATUS].s : "registered";
    if (from != NULL && !check_move(v, from, to, pa, event_starts_on, today))
        return 0;
    for (size_t i = 0; i < sizeof(outcome) / sizeof(outcome[0]); i++)
        if (pa[outcome[i]].set && strcmp(to, "attended") != 0)
            oc_v_error(v, participation_fields[outcome[i]].name, "not_allowed",
                       "the outcome is recorded once the product attended (status attended)");
    return oc_v_ok(v);
}
