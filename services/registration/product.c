#include "registration/product.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const product_rule_sets[] = {"qd148-2023", "qd1048-2019", NULL};

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

int product_from_json(struct oc_v *v, struct product_new *out)
{
    static const char *const fields[] = {"producer_id",  "name",         "description",  "rule_set",
                                         "criteria_set", "legacy_group", "commune_code", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->producer_id = oc_v_uuid(v, "producer_id", 1);
    out->name = oc_v_string(v, "name", 1, 2, 255);
    out->description = oc_v_string(v, "description", 0, 1, 4000);
    out->rule_set = oc_v_enum(v, "rule_set", 0, product_rule_sets);
    out->commune_code = oc_v_digits(v, "commune_code", 0, 5, 5);
    if (out->rule_set == NULL && json_object_get(v->body, "rule_set") == NULL)
        out->rule_set = "qd148-2023";
    if (out->rule_set != NULL && strcmp(out->rule_set, "qd148-2023") == 0) {
        if (oc_v_int(v, "criteria_set", 1, 1, 26, &out->criteria_set))
            out->sector = product_sector_of(out->criteria_set);
        if (json_object_get(v->body, "legacy_group") != NULL)
            oc_v_error(v, "legacy_group", "not_allowed",
                       "only products under qd1048-2019 have one");
    } else if (out->rule_set != NULL) {
        out->legacy_group = oc_v_string(v, "legacy_group", 1, 1, 100);
        if (json_object_get(v->body, "criteria_set") != NULL)
            oc_v_error(v, "criteria_set", "not_allowed", "only products under qd148-2023 have one");
    }
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

int product_patch_from_json(struct oc_v *v, struct product_patch *out)
{
    static const char *const fields[] = {"name", "description", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->name = oc_v_string(v, "name", 0, 2, 255);
    out->clear_description = json_is_null(json_object_get(v->body, "description"));
    if (!out->clear_description)
        out->description = oc_v_string(v, "description", 0, 1, 4000);
    if (oc_v_ok(v) && json_object_size(v->body) == 0)
        oc_v_error(v, "", "empty", "the patch changes nothing");
    return oc_v_ok(v);
}

int product_fact_date_ok(const char *s)
{
    return s != NULL && strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
           strspn(s, "0123456789") == 4 && strspn(s + 5, "0123456789") == 2 &&
           strspn(s + 8, "0123456789") == 2 && atoi(s + 5) >= 1 && atoi(s + 5) <= 12 &&
           atoi(s + 8) >= 1 && atoi(s + 8) <= 31;
}

int product_fact_time_ok(const char *s)
{
    size_t n = strlen(s);
    char date[11];
    if (n < 20 || s[10] != 'T' || s[n - 1] != 'Z' || s[13] != ':' || s[16] != ':')
        return 0;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!product_fact_date_ok(date) || strspn(s + 11, "0123456789") != 2 ||
        strspn(s + 14, "0123456789") != 2 || strspn(s + 17, "0123456789") != 2)
        return 0;
    return n == 20 || (s[19] == '.' && strspn(s + 20, "0123456789") == n - 21 && n > 21);
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
    if (!product_fact_time_ok(time)) {
        snprintf(err, errlen, "%s: ce_time \"%s\" is not an RFC 3339 UTC time", type, time);
        return NULL;
    }
    if (strcmp(kind, "certificate") == 0) {
        json_int_t stars = json_integer_value(json_object_get(data, "stars"));
        const char *status = json_string_value(json_object_get(data, "status"));
        json_t *issued_on = json_object_get(data, "issued_on");
        if (status == NULL || stars < 1 || stars > 5 ||
            (issued_on != NULL && !product_fact_date_ok(json_string_value(issued_on)))) {
            snprintf(err, errlen, "%s: needs status, stars 1-5 and issued_on as YYYY-MM-DD", type);
            return NULL;
        }
    }
    return product;
}
