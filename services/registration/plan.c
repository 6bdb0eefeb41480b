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
                                  0, 0, PLAN_UNIT_COUNT},
    [PLAN_TRADEMARKS_SUPPORTED] = {"trademarks_supported",
                                   "Nhãn hiệu sản phẩm OCOP được hỗ trợ xây dựng",
                                   "trademark support requests granted (decided_on) in the period; "
                                   "broken down into filed (filed_on in the period: support "
                                   "given) and granted",
                                   0, 0, PLAN_UNIT_COUNT},
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
                                1, 1, PLAN_UNIT_COUNT},
    [PLAN_POTENTIAL_5_STAR] = {"potential_5_star", "Sản phẩm tiềm năng 5 sao",
                               "products standing as potential 5★ at some day of the period: "
                               "forwarded by the province (potential_5_star_since on or before "
                               "the period's last day) and not yet decided by the central "
                               "council",
                               0, 0, PLAN_UNIT_COUNT},
    [PLAN_INSPECTION_COVERAGE] = {"inspection_coverage_percent",
                                  "Tỷ lệ sản phẩm OCOP còn hiệu lực được kiểm tra, giám sát (%)",
                                  "percentage (one decimal) of the products holding a certificate "
                                  "in force in the period (a recognition dated less than 36 "
                                  "months before the period's first day and on or before its "
                                  "last, not revoked before the period) that had a "
                                  "post-certification inspection (inspected_on) in the period; "
                                  "not yet known when no product held one",
                                  0, 0, PLAN_UNIT_PERCENT},
    [PLAN_IDEAS_ACCEPTED] = {"ideas_accepted", "Ý tưởng sản phẩm được chấp nhận",
                             "product ideas accepted (accepted_on) in the period, whatever "
                             "happened to them afterwards; broken down by the producer's "
                             "current commune",
                             0, 0, PLAN_UNIT_COUNT},
    [PLAN_BUSINESS_PLANS_APPROVED] = {"business_plans_approved",
                                      "Phương án sản xuất kinh doanh được phê duyệt",
                                      "business plans approved (approved_on) in the period; "
                                      "broken down by the producer's current commune",
                                      0, 0, PLAN_UNIT_COUNT},
    [PLAN_SUPPORT_PAID_VND] = {"support_paid_vnd", "Kinh phí hỗ trợ đã chi cho chủ thể OCOP (đồng)",
                               "the sum in VND of the support payments paid in the period "
                               "(paid_on), cancelled payments excluded; broken down by kind",
                               0, 0, PLAN_UNIT_VND},
};

const char *const plan_unit_names[] = {"count", "percent", "vnd", NULL};

long long plan_target_max(int i)
{
    switch (plan_indicators[i].unit) {
    case PLAN_UNIT_PERCENT:
        return 100;
    case PLAN_UNIT_VND:
        return PLAN_TARGET_MAX_VND;
    default:
        return PLAN_TARGET_MAX;
    }
}

const char *const plan_indicator_names[PLAN_INDICATOR_COUNT + 1] = {"products_3star_plus",
                                                                    "trademarks_supported",
                                                                    "evaluation_rounds",
                                                                    "potential_5_star",
                                                                    "inspection_coverage_percent",
                                                                    "ideas_accepted",
                                                                    "business_plans_approved",
                                                                    "support_paid_vnd",
                                                                    NULL};

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
    int i = plan_indicator_find(out->indicator);
    oc_v_int(v, "target", 1, 0, i >= 0 ? plan_target_max(i) : PLAN_TARGET_MAX, &out->target);
    out->basis = oc_v_string(v, "basis", 1, 3, 500);
    out->note = oc_v_string(v, "note", 0, 1, 2000);
    return oc_v_ok(v);
}

int plan_target_at_from_json(struct oc_v *v, const char *year, const char *indicator,
                             const char *locality, struct plan_target_put *out)
{
    plan_target_from_json(v, year, indicator, out);
    out->locality = locality != NULL ? locality : "";
    if (!plan_locality_shape(locality))
        oc_v_error(v, "locality", "format",
                   "must be empty (the province), a district code (3 digits) or a commune code "
                   "(5 digits)");
    return oc_v_ok(v);
}

const char *plan_progress_status(int has_target, double target, int known, double actual)
{
    if (!has_target)
        return "no_target";
    if (!known)
        return "not_yet_known";
    return actual + 1e-9 >= target ? "met" : "below_target";
}

/* ---- targets per locality ---- */

int plan_locality_shape(const char *s)
{
    if (s == NULL || *s == '\0')
        return 1;
    size_t n = strlen(s);
    return (n == 3 || n == 5) && strspn(s, "0123456789") == n;
}

/* [{"field": "locality", "code", "message"}] (caller owns). */
static json_t *locality_error(const char *code, const char *message)
{
    return json_pack("[{s:s,s:s,s:s}]", "field", "locality", "code", code, "message", message);
}

json_t *plan_locality_errors(int year, enum plan_locality_kind kind)
{
    switch (kind) {
    case PLAN_LOCALITY_PROVINCE:
        return NULL;
    case PLAN_LOCALITY_DISTRICT:
        return year < PLAN_MERGER_YEAR
                   ? NULL
                   : locality_error("abolished", "districts were abolished on 2025-07-01: a "
                                                 "district only for years up to 2024; name a "
                                                 "current commune");
    case PLAN_LOCALITY_COMMUNE:
        return year >= PLAN_MERGER_YEAR
                   ? NULL
                   : locality_error("mismatch", "a year before the merger of 2025-07-01 is "
                                                "planned by legacy district: name the district");
    case PLAN_LOCALITY_COMMUNE_FORMER:
        return locality_error("abolished",
                              "no commune carries this code today: name a current commune");
    case PLAN_LOCALITY_UNKNOWN:
    default:
        return locality_error("not_found", "names no district or commune of the admin units");
    }
}

/* ---- plan periods ---- */

int plan_period_id(const char *s, int *first_year, int *last_year)
{
    char a[5], b[5];
    if (s == NULL || strlen(s) != 9 || s[4] != '-')
        return 0;
    memcpy(a, s, 4);
    memcpy(b, s + 5, 4);
    a[4] = b[4] = '\0';
    *first_year = plan_year(a);
    *last_year = plan_year(b);
    return *first_year != 0 && *last_year >= *first_year &&
           *last_year - *first_year < PLAN_PERIOD_MAX_YEARS;
}

/* The boolean member field: its value, or 0 with an error when absent (required) or not one. */
static int period_bool(struct oc_v *v, const char *field)
{
    const json_t *b = json_is_object(v->body) ? json_object_get(v->body, field) : NULL;
    if (b == NULL && json_is_object(v->body))
        oc_v_error(v, field, "required", "this field is required");
    else if (b != NULL && !json_is_boolean(b))
        oc_v_error(v, field, "type", "must be true or false");
    return json_is_true(b);
}

int plan_period_from_json(struct oc_v *v, const char *id, struct plan_period_put *out)
{
    static const char *const fields[] = {"title", "basis", "sourced", "note", NULL};
    memset(out, 0, sizeof(*out));
    if (plan_period_id(id, &out->first_year, &out->last_year))
        memcpy(out->id, id, 10);
    else
        oc_v_error(v, "id", "format",
                   "must be FIRST-LAST, two years from %d to %d, the second not before the "
                   "first, at most %d years",
                   PLAN_YEAR_MIN, PLAN_YEAR_MAX, PLAN_PERIOD_MAX_YEARS);
    oc_v_only(v, fields);
    out->title = oc_v_string(v, "title", 1, 3, 300);
    out->basis = oc_v_string(v, "basis", 1, 3, 500);
    out->sourced = period_bool(v, "sourced");
    out->note = oc_v_string(v, "note", 0, 1, 2000);
    return oc_v_ok(v);
}
