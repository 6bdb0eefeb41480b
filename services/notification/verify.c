#include "notification/verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/date.h"
#include "notification/read_model.h"

const struct verify_status verify_statuses[] = {
    {"valid", "Còn hiệu lực", "Valid", "#1b7f3b", "green"},
    {"expiring", "Sắp hết hạn", "Expiring soon", "#f0a500", "amber"},
    {"expired", "Hết hiệu lực", "Expired", "#6b7280", "grey"},
    {"suspended", "Tạm đình chỉ", "Suspended", "#e8650a", "orange"},
    {"revoked", "Đã thu hồi", "Revoked", "#c62828", "red"},
    {"superseded", "Đã được thay thế", "Superseded", "#1e5bb8", "blue"},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct verify_status *verify_status_find(const char *code)
{
    for (const struct verify_status *s = verify_statuses; code != NULL && s->code != NULL; s++)
        if (strcmp(s->code, code) == 0)
            return s;
    return NULL;
}

int verify_number_ok(const char *number)
{
    return read_model_number_ok(number);
}

char *verify_url_new(const char *base, const char *number)
{
    size_t n = strlen(base), k = 0;
    number = number ? number : "";
    char *url = oc_xmalloc(n + 3 * strlen(number) + 9);
    memcpy(url, base, n);
    memcpy(url + n, "/verify/", 8);
    n += 8;
    /* everything but RFC 3986's unreserved characters is percent-encoded: '/' (a path
     * separator), spaces and the UTF-8 bytes of a printed number such as 12/QĐ-UBND */
    for (; number[k]; k++) {
        unsigned char c = (unsigned char)number[k];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            url[n++] = (char)c;
        } else {
            snprintf(url + n, 4, "%%%02X", c);
            n += 3;
        }
    }
    url[n] = '\0';
    return url;
}

long verify_days_left(const char *expires_on, const char *today)
{
    long end, day;
    if (expires_on == NULL || today == NULL || !oc_date_parse(expires_on, &end) ||
        !oc_date_parse(today, &day))
        return 0;
    return end - day;
}

const char *verify_status_on(const char *status, const char *expires_on, const char *today,
                             int expiring_days)
{
    const char *now = read_model_status_on(status, expires_on, today);
    if (strcmp(now, "valid") == 0 && verify_days_left(expires_on, today) <= expiring_days)
        return "expiring";
    return now;
}

/* Levels: the Vietnamese words and the authority that recognises products at that level. */
static const struct {
    const char *level, *words, *authority;
} levels[] = {
    {"district", "cấp huyện", "Ủy ban nhân dân cấp huyện"},
    {"province", "cấp tỉnh", "Ủy ban nhân dân cấp tỉnh"},
    {"central", "cấp trung ương", "Bộ Nông nghiệp và Môi trường (Chương trình OCOP quốc gia)"},
};

static size_t level_index(const char *level)
{
    for (size_t i = 0; level != NULL && i < sizeof(levels) / sizeof(levels[0]); i++)
        if (strcmp(levels[i].level, level) == 0)
            return i;
    return sizeof(levels) / sizeof(levels[0]);
}

const char *verify_authority(const char *level)
{
    size_t i = level_index(level);
    return i < sizeof(levels) / sizeof(levels[0]) ? levels[i].authority : "";
}

const char *verify_level_words(const char *level)
{
    size_t i = level_index(level);
    return i < sizeof(levels) / sizeof(levels[0]) ? levels[i].words : "";
}

/* A string member of row, or NULL. */
static const char *str(const json_t *row, const char *key)
{
    return json_string_value(json_object_get(row, key));
}

/* A string member as a new JSON string, or JSON null. */
static json_t *str_or_null(const json_t *row, const char *key)
{
    const char *s = str(row, key);
    return s ? json_string(s) : json_null();
}

json_t *verify_view(const json_t *row, const char *today, int expiring_days, const char *base_url)
{
    const char *number = str(row, "number"), *level = str(row, "level");
    const char *expires_on = str(row, "expires_on");
    const char *code = verify_status_on(str(row, "status") ? str(row, "status") : "expired",
                                        expires_on ? expires_on : "", today, expiring_days);
    const struct verify_status *st = verify_status_find(code);
    int in_force = strcmp(code, "valid") == 0 || strcmp(code, "expiring") == 0;
    int changed = strcmp(code, "suspended") == 0 || strcmp(code, "revoked") == 0;
    json_t *change = json_null();
    if (changed)
        change = json_pack("{s:o,s:o,s:o,s:o}", "reason", str_or_null(row, "reason"),
                           "decision_number", str_or_null(row, "change_decision"), "decision_date",
                           str_or_null(row, "change_decision_date"), "changed_on",
                           str_or_null(row, "changed_on"));
    json_t *out = json_object();
    json_object_set_new(out, "number", json_string(number ? number : ""));
    json_object_set_new(out, "status",
                        json_pack("{s:s,s:s,s:s,s:s}", "code", st->code, "text", st->words,
                                  "text_en", st->words_en, "colour", st->colour_name));
    json_object_set_new(out, "product",
                        json_pack("{s:o,s:o}", "code", str_or_null(row, "product_code"), "name",
                                  str_or_null(row, "product_name")));
    json_object_set_new(
        out, "producer",
        json_pack("{s:o}", "public_name", str_or_null(row, "producer_public_name")));
    json_object_set(out, "stars", json_object_get(row, "stars"));
    json_object_set_new(out, "level", json_string(level ? level : ""));
    json_object_set_new(out, "level_text", json_string(verify_level_words(level)));
    json_object_set_new(out, "issuing_authority", json_string(verify_authority(level)));
    json_object_set_new(out, "rule_set", str_or_null(row, "rule_set"));
    json_object_set_new(out, "decision_number", str_or_null(row, "decision_number"));
    json_object_set_new(out, "issued_on", str_or_null(row, "issued_on"));
    json_object_set_new(out, "expires_on", str_or_null(row, "expires_on"));
    json_object_set_new(out, "days_left",
                        in_force ? json_integer(verify_days_left(expires_on, today)) : json_null());
    json_object_set_new(out, "change", change);
    json_object_set_new(out, "superseded_by", str_or_null(row, "superseded_by"));
    char *link = verify_url_new(base_url, number);
    json_object_set_new(out, "verify_url", json_string(link));
    free(link);
    json_object_set_new(out, "checked_on", json_string(today));
    return out;
}
