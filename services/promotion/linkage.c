#include "promotion/linkage.h"

#include <string.h>

#include "promotion/trade_event.h"

const char *const linkage_partner_kinds[] = {
    "distributor", "supermarket_chain", "ecommerce_platform", "exporter", "hotel", "tourist_site",
    NULL};
const char *const linkage_channels[] = {"supermarket", "e_commerce", "export",      "wholesale",
                                        "retail",      "tourism",    "hospitality", NULL};
const char *const linkage_statuses[] = {"proposed", "signed", "active", "suspended", "ended", NULL};

const struct oc_field linkage_fields[LINKAGE_N] = {
    [LINKAGE_PRODUCT_ID] = {"product_id", OC_FIELD_UUID, 0, 0, NULL,
                            OC_FIELD_REQUIRED | OC_FIELD_FIXED},
    [LINKAGE_PARTNER_KIND] = {"partner_kind", OC_FIELD_ENUM, 0, 0, linkage_partner_kinds,
                              OC_FIELD_REQUIRED},
    [LINKAGE_PARTNER_NAME] = {"partner_name", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_REQUIRED},
    [LINKAGE_TAX_CODE] = {"partner_tax_code", OC_FIELD_TEXT, 1, 32, NULL, OC_FIELD_CLEARABLE},
    [LINKAGE_CHANNEL] = {"channel", OC_FIELD_ENUM, 0, 0, linkage_channels, OC_FIELD_REQUIRED},
    [LINKAGE_VOLUME] = {"volume", OC_FIELD_NUMBER, 0, 1000000000000LL, NULL, OC_FIELD_CLEARABLE},
    [LINKAGE_UNIT] = {"unit", OC_FIELD_TEXT, 1, 32, NULL, OC_FIELD_CLEARABLE},
    [LINKAGE_VALUE_VND] = {"value_vnd", OC_FIELD_INT, 0, PROMO_VND_MAX, NULL, OC_FIELD_CLEARABLE},
    [LINKAGE_STARTS_ON] = {"starts_on", OC_FIELD_DATE, 0, 0, NULL, OC_FIELD_CLEARABLE},
    [LINKAGE_ENDS_ON] = {"ends_on", OC_FIELD_DATE, 0, 0, NULL, OC_FIELD_CLEARABLE},
    [LINKAGE_STATUS] = {"status", OC_FIELD_ENUM, 0, 0, linkage_statuses,
                        OC_FIELD_SERVER | OC_FIELD_MOVES},
    [LINKAGE_NOTES] = {"notes", OC_FIELD_TEXT, 1, 4000, NULL, OC_FIELD_CLEARABLE},
};

/* The moves a linkage may make; ended is final. */
static const struct {
    const char *from; /* status before */
    const char *to;   /* status after */
} transitions[] = {
    {"proposed", "signed"},  {"proposed", "ended"},   {"signed", "active"},
    {"signed", "suspended"}, {"signed", "ended"},     {"active", "suspended"},
    {"active", "ended"},     {"suspended", "active"}, {"suspended", "ended"},
};

static int digits(const char *s, size_t n)
{
    return strspn(s, "0123456789") >= n;
}

int linkage_tax_code_ok(const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0;
    return (n == 10 && digits(s, 10)) ||
           (n == 14 && digits(s, 10) && s[10] == '-' && digits(s + 11, 3));
}

int linkage_transition_ok(const char *from, const char *to)
{
    for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
        if (strcmp(transitions[i].from, from) == 0 && strcmp(transitions[i].to, to) == 0)
            return 1;
    return 0;
}

int linkage_needs_reason(const char *to)
{
    return strcmp(to, "suspended") == 0 || strcmp(to, "ended") == 0;
}

int linkage_in_force(const char *status)
{
    return strcmp(status, "signed") == 0 || strcmp(status, "active") == 0;
}

int linkage_check(struct oc_v *v, const struct oc_field_value *lk)
{
    if (lk[LINKAGE_TAX_CODE].set && !linkage_tax_code_ok(lk[LINKAGE_TAX_CODE].s))
        oc_v_error(v, "partner_tax_code", "format",
                   "must be the 10-digit tax code, optionally followed by \"-\" and a 3-digit "
                   "branch number");
    if (lk[LINKAGE_VOLUME].set != lk[LINKAGE_UNIT].set)
        oc_v_error(v, lk[LINKAGE_VOLUME].set ? "unit" : "volume", "required",
                   "volume and unit go together");
    if (lk[LINKAGE_STARTS_ON].set && lk[LINKAGE_ENDS_ON].set &&
        strcmp(lk[LINKAGE_ENDS_ON].s, lk[LINKAGE_STARTS_ON].s) < 0)
        oc_v_error(v, "ends_on", "order", "must not be before starts_on (%s)",
                   lk[LINKAGE_STARTS_ON].s);
    if (lk[LINKAGE_STATUS].set && linkage_in_force(lk[LINKAGE_STATUS].s) &&
        !lk[LINKAGE_STARTS_ON].set)
        oc_v_error(v, "starts_on", "required", "a %s linkage has an agreement with its first day",
                   lk[LINKAGE_STATUS].s);
    return oc_v_ok(v);
}

int linkage_move_from_json(struct oc_v *v, struct linkage_move *out)
{
    static const char *const fields[] = {"to", "reason", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->to = oc_v_enum(v, "to", 1, linkage_statuses);
    out->reason = oc_v_string(v, "reason", 0, 3, 2000);
    return oc_v_ok(v);
}

const char *linkage_move_problem(const char *from, const struct linkage_move *move,
                                 int *field_error)
{
    *field_error = 0;
    if (strcmp(from, move->to) == 0)
        return "the linkage is already in this status";
    if (!linkage_transition_ok(from, move->to))
        return "a linkage moves proposed -> signed -> active, signed or active <-> suspended "
               "(back to active only), and any of them -> ended, which is final";
    if (linkage_needs_reason(move->to) && move->reason == NULL) {
        *field_error = 1;
        return "a move to suspended or ended must say why";
    }
    return NULL;
}
