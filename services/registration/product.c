#include "registration/product.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/event.h"
#include "registration/rule_sets.h"

/* QĐ 148/QĐ-TTg Annex I: the last criteria set of each sector. */
static const struct {
    long long last_set; /* highest criteria set number in the sector */
    const char *sector; /* sector numeral */
} sector_table[] = {
    {13, "I"},   /* food */
    {17, "II"},  /* drinks */
    {20, "III"}, /* herbal products */
    {22, "IV"},  /* handicrafts */
    {25, "V"},   /* flowers, ornamental plants and animals */
    {26, "VI"},  /* community and eco-tourism services */
};

const char *product_sector_of(long long criteria_set)
{
    if (criteria_set < 1)
        return NULL;
    for (size_t i = 0; i < sizeof(sector_table) / sizeof(sector_table[0]); i++)
        if (criteria_set <= sector_table[i].last_set)
            return sector_table[i].sector;
    return NULL;
}

/*
 * The rule set of a new product: the one in force on today unless named. A
 * product registered on the platform is registered under the rules in force;
 * a product recognised before the platform (recognised_before_platform: true)
 * is recorded under any confirmed rule set, old ones included.
 */
static const struct rule_sets_entry *product_rule_set(struct oc_v *v, struct product_input *out)
{
    json_t *legacy = json_object_get(v->body, "recognised_before_platform");
    if (legacy != NULL && !json_is_boolean(legacy))
        oc_v_error(v, "recognised_before_platform", "type", "must be true or false");
    out->recognised_before_platform = json_is_true(legacy);
    out->rule_set = oc_v_enum(v, "rule_set", 0, rule_sets_ids);
    const struct rule_sets_entry *in_force = rule_sets_in_force(out->today);
    if (out->rule_set == NULL && json_object_get(v->body, "rule_set") == NULL) {
        if (in_force == NULL) {
            oc_v_error(v, "rule_set", "required", "no rule set is in force on %s: name one",
                       out->today);
            return NULL;
        }
        out->rule_set = in_force->id;
    }
    const struct rule_sets_entry *r = rule_sets_find(out->rule_set);
    if (r != NULL && !out->recognised_before_platform &&
        !rule_sets_in_force_on(r->id, out->today)) {
        oc_v_error(v, "rule_set", "not_in_force",
                   "is not in force today (%s, when %s is): a new product is registered under the "
                   "rules in force; record a product recognised before the platform with "
                   "recognised_before_platform: true",
                   out->today, in_force != NULL ? in_force->id : "none");
        return NULL;
    }
    return r;
}

int product_from_json(struct oc_v *v, struct product_input *out)
{
    static const char *const fields[] = {"producer_id",
                                         "name",
                                         "description",
                                         "rule_set",
                                         "criteria_set",
                                         "legacy_group",
                                         "commune_code",
                                         "recognised_before_platform",
                                         NULL};
    const char *today = out->today; /* the handler's */
    assert(today != NULL);
    memset(out, 0, sizeof(*out));
    out->today = today;
    oc_v_only(v, fields);
    out->producer_id = oc_v_uuid(v, "producer_id", 1);
    out->name = oc_v_string(v, "name", 1, 2, 255);
    out->description = oc_v_string(v, "description", 0, 1, 4000);
    out->commune_code = oc_v_digits(v, "commune_code", 0, 5, 5);
    const struct rule_sets_entry *r = product_rule_set(v, out);
    if (r != NULL && r->classification == RULE_SETS_CRITERIA_SET) {
        if (oc_v_int(v, "criteria_set", 1, 1, 26, &out->criteria_set))
            out->sector = product_sector_of(out->criteria_set);
        if (json_object_get(v->body, "legacy_group") != NULL)
            oc_v_error(v, "legacy_group", "not_allowed",
                       "only products under qd1048-2019 have one");
    } else if (r != NULL) {
        out->legacy_group = oc_v_string(v, "legacy_group", 1, 1, 100);
        if (json_object_get(v->body, "criteria_set") != NULL)
            oc_v_error(v, "criteria_set", "not_allowed",
                       "a product under qd1048-2019 is classified by legacy_group; reclassify it "
                       "into a QĐ 148 criteria set with POST /v1/products/{id}/classification");
    }
    return oc_v_ok(v);
}

int product_classification_from_json(struct oc_v *v, struct product_classification *out)
{
    static const char *const fields[] = {"criteria_set", "sector", "reason", "decision_number",
                                         NULL};
    static const char *const sectors[] = {"I", "II", "III", "IV", "V", "VI", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    if (oc_v_int(v, "criteria_set", 1, 1, 26, &out->criteria_set))
        out->sector = product_sector_of(out->criteria_set);
    const char *sector = oc_v_enum(v, "sector", 0, sectors);
    if (sector != NULL && out->sector != NULL && strcmp(sector, out->sector) != 0)
        oc_v_error(v, "sector", "mismatch", "criteria set %lld lies in sector %s",
                   out->criteria_set, out->sector);
    out->reason = oc_v_string(v, "reason", 1, 3, 2000);
    out->decision_number = oc_v_string(v, "decision_number", 0, 3, 64);
    return oc_v_ok(v);
}

/* Length of the token at p ("{YYYY}", "{SEQ:7}", ...) and its width for SEQ; 0 if none. */
static size_t code_token(const char *p, const char **name, int *width)
{
    static const char *const tokens[] = {"{YYYY}", "{YY}", "{SEQ}", "{COMMUNE}", "{SET}"};
    for (size_t i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++) {
        size_t n = strlen(tokens[i]);
        if (strncmp(p, tokens[i], n) == 0) {
            *name = tokens[i];
            *width = 5;
            return n;
        }
    }
    if (strncmp(p, "{SEQ:", 5) == 0 && p[5] >= '1' && p[5] <= '9' && p[6] == '}') {
        *name = "{SEQ}";
        *width = p[5] - '0';
        return 7;
    }
    return 0;
}

const char *product_code_pattern_problem(const char *pattern)
{
    int seq = 0;
    size_t len = strlen(pattern), longest = 0;
    if (len == 0 || len > 64)
        return "must be 1 to 64 characters";
    for (const char *p = pattern; *p;) {
        const char *name;
        int width;
        size_t n = code_token(p, &name, &width);
        if (n > 0) {
            int is_seq = strcmp(name, "{SEQ}") == 0;
            seq |= is_seq;
            /* the longest text a token can become: a running number is never cut */
            longest += is_seq                           ? (size_t)(width > 10 ? width : 10)
                       : strcmp(name, "{YYYY}") == 0    ? 4
                       : strcmp(name, "{COMMUNE}") == 0 ? 5
                                                        : 2;
            p += n;
        } else if ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
                   *p == '/') {
            longest++;
            p++;
        } else {
            return "may hold only A-Z, 0-9, '-', '.', '/' and the tokens {YYYY}, {YY}, {SEQ}, "
                   "{SEQ:n}, {COMMUNE}, {SET}";
        }
    }
    if (longest > PRODUCT_CODE_MAX)
        return "makes codes longer than 80 characters";
    return seq ? NULL : "must contain {SEQ} so that codes are unique";
}

int product_code_format(char *buf, size_t len, const char *pattern, const char *year, long seq,
                        const char *commune, long long criteria_set)
{
    size_t pos = 0;
    for (const char *p = pattern; *p;) {
        const char *name;
        int width;
        char piece[32];
        size_t n = code_token(p, &name, &width);
        if (n == 0) {
            piece[0] = *p;
            piece[1] = '\0';
            p++;
        } else {
            p += n;
            if (strcmp(name, "{YYYY}") == 0)
                snprintf(piece, sizeof(piece), "%.4s", year);
            else if (strcmp(name, "{YY}") == 0)
                snprintf(piece, sizeof(piece), "%.2s", year + 2);
            else if (strcmp(name, "{SEQ}") == 0)
                snprintf(piece, sizeof(piece), "%0*ld", width, seq);
            else if (strcmp(name, "{COMMUNE}") == 0)
                snprintf(piece, sizeof(piece), "%.5s", commune);
            else
                snprintf(piece, sizeof(piece), "%02lld", criteria_set);
        }
        size_t pl = strlen(piece);
        if (pos + pl + 1 > len)
            return -1;
        memcpy(buf + pos, piece, pl + 1);
        pos += pl;
    }
    return 0;
}

void product_naming_from_json(struct oc_v *v, const char **name, const char **description,
                              int *clear_description)
{
    *name = oc_v_string(v, "name", 0, 2, 255);
    *clear_description = json_is_null(json_object_get(v->body, "description"));
    if (!*clear_description)
        *description = oc_v_string(v, "description", 0, 1, 4000);
}

int product_patch_from_json(struct oc_v *v, struct product_patch *out)
{
    static const char *const fields[] = {"name", "description", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    product_naming_from_json(v, &out->name, &out->description, &out->clear_description);
    if (oc_v_ok(v) && json_object_size(v->body) == 0)
        oc_v_error(v, "", "empty", "the patch changes nothing");
    return oc_v_ok(v);
}

const char *product_fact_check(const json_t *data, const char *type, const char *time,
                               const char *kind, const char *idkey, char *err, size_t errlen)
{
    const char *product = json_string_value(json_object_get(data, "product_id"));
    const char *id = json_string_value(json_object_get(data, idkey));
    if (!oc_uuid_ok(product) || id == NULL || time[0] == '\0') {
        snprintf(err, errlen, "%s: needs product_id (UUID), %s and ce_time", type, idkey);
        return NULL;
    }
    if (!oc_event_time_utc_ok(time)) {
        snprintf(err, errlen, "%s: ce_time \"%s\" is not an RFC 3339 UTC time", type, time);
        return NULL;
    }
    if (strcmp(kind, "certificate") == 0) {
        json_int_t stars = json_integer_value(json_object_get(data, "stars"));
        const char *status = json_string_value(json_object_get(data, "status"));
        json_t *issued_on = json_object_get(data, "issued_on");
        if (status == NULL || stars < 1 || stars > 5 ||
            (issued_on != NULL && !oc_date_ok(json_string_value(issued_on)))) {
            snprintf(err, errlen, "%s: needs status, stars 1-5 and issued_on as YYYY-MM-DD", type);
            return NULL;
        }
    }
    return product;
}
