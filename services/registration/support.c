#include "registration/support.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

const char *const support_statuses[] = {"paid", "cancelled", NULL};
const char *const support_totals_by[] = {"kind", "commune", "producer_type", "producer", NULL};

/* One setting: NULL or "" is 0; else 0..SUPPORT_AMOUNT_MAX in digits. Returns -1 when bad. */
static long long setting_amount(const char *s)
{
    char *end = NULL;
    if (s == NULL || s[0] == '\0')
        return 0;
    if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 13)
        return -1;
    errno = 0;
    long long n = strtoll(s, &end, 10);
    return errno != 0 || *end != '\0' || n > SUPPORT_AMOUNT_MAX ? -1 : n;
}

int support_settings_parse(const char *commune_year, const char *year, struct support_settings *out,
                           char *err, size_t errlen)
{
    out->commune_year_cap_vnd = setting_amount(commune_year);
    out->year_cap_vnd = setting_amount(year);
    const char *bad = out->commune_year_cap_vnd < 0 ? "OCOP_SUPPORT_COMMUNE_YEAR_CAP_VND"
                      : out->year_cap_vnd < 0       ? "OCOP_SUPPORT_YEAR_CAP_VND"
                                                    : NULL;
    if (bad != NULL)
        snprintf(err, errlen, "%s must be a whole number of VND from 0 (no cap) to %lld", bad,
                 SUPPORT_AMOUNT_MAX);
    return bad == NULL;
}

int support_payment_from_json(struct oc_v *v, struct support_payment_input *out)
{
    static const char *const fields[] = {"producer_id",
                                         "product_id",
                                         "kind",
                                         "amount_vnd",
                                         "eligible_cost_vnd",
                                         "paid_on",
                                         "decision_number",
                                         "business_plan_id",
                                         "trademark_id",
                                         "note",
                                         NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->producer_id = oc_v_uuid(v, "producer_id", 1);
    out->product_id = oc_v_uuid(v, "product_id", 0);
    out->kind = oc_v_string(v, "kind", 1, 2, 40);
    oc_v_int(v, "amount_vnd", 1, 1, SUPPORT_AMOUNT_MAX, &out->amount_vnd);
    out->has_eligible_cost =
        oc_v_int(v, "eligible_cost_vnd", 0, 1, SUPPORT_AMOUNT_MAX, &out->eligible_cost_vnd);
    out->paid_on = oc_v_date(v, "paid_on", 1, 2000, 2100, NULL);
    out->decision_number = oc_v_string(v, "decision_number", 1, 1, 100);
    out->business_plan_id = oc_v_uuid(v, "business_plan_id", 0);
    out->trademark_id = oc_v_uuid(v, "trademark_id", 0);
    out->note = oc_v_string(v, "note", 0, 1, 2000);
    return oc_v_ok(v);
}

/* Records the enum error of an unknown kind, listing the policy's kinds. */
static void kind_unknown(struct oc_v *v, const struct support_policy *policy)
{
    char list[1024] = "";
    for (size_t i = 0, pos = 0; i < policy->nkinds && pos < sizeof(list); i++)
        pos += (size_t)snprintf(list + pos, sizeof(list) - pos, "%s%s", i ? ", " : "",
                                policy->kinds[i].kind);
    oc_v_error(v, "kind", "enum", "policy %s pays: %s", policy->id, list);
}

/* The share rule of kind k: amount <= share_percent of the eligible cost. */
static void check_share(struct oc_v *v, const struct support_payment_input *p,
                        const struct support_kind *k)
{
    if (k->share_percent < 0) {
        if (p->has_eligible_cost && p->amount_vnd > p->eligible_cost_vnd)
            oc_v_error(v, "amount_vnd", "range", "must not be more than eligible_cost_vnd (%lld)",
                       p->eligible_cost_vnd);
        return;
    }
    if (!p->has_eligible_cost) {
        oc_v_error(v, "eligible_cost_vnd", "required",
                   "is required for kind %s: it pays at most %d%% of the eligible cost", k->kind,
                   k->share_percent);
        return;
    }
    /* Both at most 10^12, so the products stay below 2^63. */
    if (p->amount_vnd * 100 > p->eligible_cost_vnd * k->share_percent)
        oc_v_error(v, "amount_vnd", "share_exceeded",
                   "kind %s pays at most %d%% of the eligible cost: at most %lld VND of %lld",
                   k->kind, k->share_percent, p->eligible_cost_vnd * k->share_percent / 100,
                   p->eligible_cost_vnd);
}

int support_payment_check(struct oc_v *v, const struct support_payment_input *p,
                          const struct support_policy *policy, const char *today,
                          const struct support_kind **kind)
{
    *kind = NULL;
    if (strcmp(p->paid_on, today) > 0)
        oc_v_error(v, "paid_on", "range", "must not be after today (%s)", today);
    if (policy == NULL) {
        oc_v_error(v, "paid_on", "not_in_force", "no support policy is in force on %s", p->paid_on);
        return 0;
    }
    *kind = support_policy_kind(policy, p->kind);
    if (*kind == NULL) {
        kind_unknown(v, policy);
        return 0;
    }
    const struct support_kind *k = *kind;
    if (k->per_product && p->product_id == NULL)
        oc_v_error(v, "product_id", "required", "is required for kind %s, paid per product",
                   k->kind);
    int is_trademark = strcmp(k->kind, "trademark") == 0;
    if (is_trademark && p->trademark_id == NULL)
        oc_v_error(v, "trademark_id", "required",
                   "is required for kind trademark: the trademark support request paid for");
    else if (!is_trademark && p->trademark_id != NULL)
        oc_v_error(v, "trademark_id", "not_allowed", "is only for kind trademark");
    check_share(v, p, k);
    return oc_v_ok(v);
}

size_t support_rooms(const struct support_policy *p, const struct support_kind *k,
                     const struct support_settings *s, struct support_room *rooms)
{
    size_t n = 0;
    for (size_t i = 0; i < k->ncaps; i++, n++) {
        memset(&rooms[n], 0, sizeof(rooms[n]));
        rooms[n].per = k->caps[i].per;
        rooms[n].period = k->caps[i].period;
        rooms[n].cap_vnd = k->caps[i].amount_vnd;
        support_policy_cap_kinds(p, k, &k->caps[i], rooms[n].kinds, sizeof(rooms[n].kinds));
    }
    const long long settings[] = {s->commune_year_cap_vnd, s->year_cap_vnd};
    const enum support_per pers[] = {SUPPORT_PER_COMMUNE, SUPPORT_PER_YEAR};
    for (size_t i = 0; i < 2; i++) {
        if (settings[i] <= 0)
            continue;
        memset(&rooms[n], 0, sizeof(rooms[n]));
        rooms[n].per = pers[i];
        rooms[n].period = SUPPORT_YEAR;
        rooms[n].cap_vnd = settings[i];
        rooms[n].from_settings = 1;
        n++;
    }
    return n;
}

int support_rooms_judge(struct oc_v *v, long long amount, const struct support_room *rooms,
                        size_t n)
{
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        const struct support_room *r = &rooms[i];
        if (r->paid_vnd + amount <= r->cap_vnd)
            continue;
        long long left = r->cap_vnd > r->paid_vnd ? r->cap_vnd - r->paid_vnd : 0;
        oc_v_error(v, "amount_vnd", "cap_exceeded",
                   "cap per %s%s of %lld VND (%s) exceeded: %lld VND already paid, %lld VND "
                   "remaining, %lld VND asked",
                   support_pers[r->per], r->period == SUPPORT_YEAR ? " a year" : "", r->cap_vnd,
                   r->from_settings ? "every kind, from the settings" : r->kinds, r->paid_vnd, left,
                   amount);
        ok = 0;
    }
    return ok;
}

int support_cancel_from_json(struct oc_v *v, const char **reason)
{
    static const char *const fields[] = {"reason", NULL};
    oc_v_only(v, fields);
    *reason = oc_v_string(v, "reason", 1, 3, 1000);
    return oc_v_ok(v);
}

/* ---- CSV ---- */

/* A growing text buffer. */
struct csv {
    char *text; /* NUL-terminated (owned) */
    size_t len; /* bytes before the NUL */
    size_t cap; /* bytes allocated */
};

static void csv_put(struct csv *c, const char *s, size_t n)
{
    if (c->len + n + 1 > c->cap) {
        c->cap = (c->len + n + 1) * 2;
        c->text = oc_xrealloc(c->text, c->cap);
    }
    memcpy(c->text + c->len, s, n);
    c->len += n;
    c->text[c->len] = '\0';
}

/* Appends one field, quoted when it holds a comma, a quote or a line break. */
static void csv_field(struct csv *c, const json_t *value)
{
    char num[32];
    const char *s = "";
    if (json_is_object(value))
        value = json_object_get(value, "id");
    if (json_is_string(value)) {
        s = json_string_value(value);
    } else if (json_is_integer(value)) {
        snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(value));
        s = num;
    } else if (json_is_boolean(value)) {
        s = json_is_true(value) ? "true" : "false";
    }
    if (strcspn(s, ",\"\r\n") == strlen(s)) {
        csv_put(c, s, strlen(s));
        return;
    }
    csv_put(c, "\"", 1);
    for (const char *q = s; *q; q++) {
        if (*q == '"')
            csv_put(c, "\"", 1); /* a quote is doubled */
        csv_put(c, q, 1);
    }
    csv_put(c, "\"", 1);
}

char *support_csv(const json_t *rows, const char *const *columns)
{
    struct csv c = {NULL, 0, 0};
    size_t i;
    json_t *row;
    csv_put(&c, "", 0);
    for (size_t k = 0; columns[k] != NULL; k++) {
        if (k > 0)
            csv_put(&c, ",", 1);
        csv_put(&c, columns[k], strlen(columns[k]));
    }
    csv_put(&c, "\r\n", 2);
    json_array_foreach(rows, i, row)
    {
        for (size_t k = 0; columns[k] != NULL; k++) {
            if (k > 0)
                csv_put(&c, ",", 1);
            csv_field(&c, json_object_get(row, columns[k]));
        }
        csv_put(&c, "\r\n", 2);
    }
    return c.text;
}

/* ---- what the database knows -------------------------------------------------------------- */

/* 1 when a and b are both given and differ. */
static int differ(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) != 0;
}

/* The business plan carried out (cycle step 4): approved, of the producer and the product. */
static void plan_check(struct oc_v *v, const struct support_payment_input *p, const json_t *plan)
{
    const char *producer = json_string_value(json_object_get(plan, "producer_id"));
    const char *product = json_string_value(json_object_get(plan, "product_id"));
    const char *status = json_string_value(json_object_get(plan, "status"));
    if (p->business_plan_id == NULL)
        return;
    if (producer == NULL)
        oc_v_error(v, "business_plan_id", "not_found", "no business plan has this id");
    else if (differ(producer, p->producer_id) || differ(product, p->product_id))
        oc_v_error(v, "business_plan_id", "mismatch",
                   "the business plan is another producer's or another product's");
    else if (status == NULL || strcmp(status, "approved") != 0)
        oc_v_error(v, "business_plan_id", "status",
                   "the business plan is %s: support carries out an approved plan",
                   status ? status : "unknown");
}

int support_subject_check(struct oc_v *v, const struct support_payment_input *p,
                          const json_t *subject)
{
    plan_check(v, p, json_object_get(subject, "plan"));
    const char *tm_product = json_string_value(json_object_get(subject, "trademark_product"));
    if (json_is_false(json_object_get(subject, "product_of_producer")))
        oc_v_error(v, "product_id", "not_found", "no product of this producer has this id");
    if (p->trademark_id != NULL && tm_product == NULL)
        oc_v_error(v, "trademark_id", "not_found", "no trademark support request has this id");
    else if (p->trademark_id != NULL &&
             (p->product_id == NULL || differ(tm_product, p->product_id)))
        oc_v_error(v, "trademark_id", "mismatch",
                   "the trademark support request is for another product (%s)", tm_product);
    return oc_v_ok(v);
}
