#include "registration/plan.h"

#include <stdio.h>
#include <string.h>

const struct plan_indicator plan_indicators[PLAN_INDICATOR_COUNT] = {
    [PLAN_PRODUCTS_3STAR_PLUS] = {"products_3star_plus",
                                  "Sản phẩm được công nhận OCOP đạt hạng 3 sao trở lên",
                                  "products recognised with 3 stars or more in the period, from "
                                  "their recognition history (a later re-recognition or upgrade "
                                  "never changes a past period); broken down by kind: new, "
                                  "re_recognition, upgrade",
                                  0, 0},
    [PLAN_TRADEMARKS_SUPPORTED] = {"trademarks_supported",
                                   "Nhãn hiệu sản phẩm OCOP được hỗ trợ xây dựng",
                                   "trademark support requests granted (decided_on) in the period; "
                                   "broken down into filed (filed_on in the period: support "
                                   "given) and granted",
                                   0, 0},
    /*
     * Standing: KH 43/KH-UBND (2022) plans evaluation twice a year, and QĐ
     * 26/2026/QĐ-TTg (UNCONFIRMED, domain §1) is reported to ask for at least
     * two rounds a year per level; both are data (plan_targets), never code.
     */
    [PLAN_EVALUATION_ROUNDS] = {"evaluation_rounds", "Số đợt đánh giá, phân hạng sản phẩm OCOP",
                                "evaluation rounds closed in the period, per level (from the "
                                "evaluation service's round events; cancelled rounds do not "
                                "count); the actual figure is the fewest closed at any level that "
                                "held a round in the year, so the target is met only when every "
                                "such level met it",
                                1, 1},
    [PLAN_SUPPORT_PAID_VND] = {"support_paid_vnd", "Kinh phí hỗ trợ đã chi cho chủ thể OCOP (đồng)",
                               "the sum in VND of the support payments paid in the period "
                               "(paid_on), cancelled payments excluded; broken down by kind",
                               0, 0},
};

const char *const plan_indicator_names[PLAN_INDICATOR_COUNT + 1] = {
    "products_3star_plus", "trademarks_supported", "evaluation_rounds", "support_paid_vnd", NULL};

int plan_indicator_find(const char *name)
{
    for (int i = 0; name != NULL && i < PLAN_INDICATOR_COUNT; i++)
        if (strcmp(plan_indicators[i].name, name) == 0)
            return i;
    return -1;
}

int plan_year(const char *s)
{
    if (s == NULL || strlen(s) != 4 || strspn(s, "0123456789") != 4)
        return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return y >= PLAN_YEAR_MIN && y <= PLAN_YEAR_MAX ? y : 0;
}

int plan_target_from_json(struct oc_v *v, const char *year, const char *indicator,
                          struct plan_target_put *out)
{
    static const char *const fields[] = {"target", "basis", "note", NULL};
    memset(out, 0, sizeof(*out));
    out->year = plan_year(year);
    if (out->year == 0)
        oc_v_error(v, "year", "range", "must be a year from %d to %d", PLAN_YEAR_MIN,
                   PLAN_YEAR_MAX);
    if (plan_indicator_find(indicator) < 0) {
        char list[256] = "";
        for (size_t i = 0, pos = 0; i < PLAN_INDICATOR_COUNT && pos < sizeof(list); i++)
            pos += (size_t)snprintf(list + pos, sizeof(list) - pos, "%s%s", i ? ", " : "",
                                    plan_indicators[i].name);
        oc_v_error(v, "indicator", "enum", "must be one of: %s", list);
    } else {
        out->indicator = indicator;
    }
    oc_v_only(v, fields);
    oc_v_int(v, "target", 1, 0, PLAN_TARGET_MAX, &out->target);
    out->basis = oc_v_string(v, "basis", 1, 3, 500);
    out->note = oc_v_string(v, "note", 0, 1, 2000);
    return oc_v_ok(v);
}

const char *plan_progress_status(int has_target, long long target, int known, long long actual)
{
    if (!has_target)
        return "no_target";
    if (!known)
        return "not_yet_known";
    return actual >= target ? "met" : "below_target";
}
