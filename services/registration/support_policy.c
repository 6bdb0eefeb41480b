#include "registration/support_policy.h"

#include <stdio.h>
#include <string.h>

#include "common/date.h"

const char *const support_pers[] = {"facility", "product", "commune", "year", NULL};

/* Returns the index of s in list (NULL-terminated), or -1. */
static int index_of(const char *const *list, const char *s)
{
    for (int i = 0; s != NULL && list[i] != NULL; i++)
        if (strcmp(list[i], s) == 0)
            return i;
    return -1;
}

/* Returns 1 when s is 1..max characters of chars (and not longer than max). */
static int word_ok(const char *s, const char *chars, size_t min, size_t max)
{
    size_t n = s != NULL ? strlen(s) : 0;
    return n >= min && n <= max && strspn(s, chars) == n;
}

static int day_ok(const char *s)
{
    long day;
    return s != NULL && strlen(s) == 10 && oc_date_parse(s, &day);
}

/* A string member of 1..max bytes, or NULL. */
static const char *text(const json_t *obj, const char *key, size_t max)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s != NULL && s[0] != '\0' && strlen(s) <= max ? s : NULL;
}

/* Reads one cap. Returns 1, or 0 with the reason. */
static int cap_parse(const json_t *c, struct support_cap *out, char *err, size_t errlen)
{
    static const char *const periods[] = {"once", "year", NULL};
    json_t *amount = json_object_get(c, "amount_vnd");
    json_t *group = json_object_get(c, "group");
    int per = index_of(support_pers, json_string_value(json_object_get(c, "per")));
    int period = index_of(periods, json_string_value(json_object_get(c, "period")));
    if (!json_is_object(c) || per < 0 || period < 0 || !json_is_integer(amount) ||
        json_integer_value(amount) < 1 || json_integer_value(amount) > SUPPORT_AMOUNT_MAX ||
        (group != NULL &&
         !word_ok(json_string_value(group), "abcdefghijklmnopqrstuvwxyz0123456789_", 2, 40))) {
        snprintf(err, errlen,
                 "a cap needs per (facility, product, commune or year), amount_vnd (1 to %lld), "
                 "period (once or year) and at most a group ([a-z0-9_])",
                 SUPPORT_AMOUNT_MAX);
        return 0;
    }
    out->per = (enum support_per)per;
    out->period = period == 0 ? SUPPORT_ONCE : SUPPORT_YEAR;
    out->amount_vnd = (long long)json_integer_value(amount);
    out->group = json_string_value(group);
    return 1;
}

/* Reads one kind. Returns 1, or 0 with the reason. */
static int kind_parse(const json_t *k, struct support_kind *out, char *err, size_t errlen)
{
    static const char *const subjects[] = {"facility", "product", NULL};
    char why[256];
    json_t *share = json_object_get(k, "share_percent");
    json_t *caps = json_object_get(k, "caps");
    memset(out, 0, sizeof(*out));
    out->kind = json_string_value(json_object_get(k, "kind"));
    out->title = text(k, "title", 255);
    int subject = index_of(subjects, json_string_value(json_object_get(k, "subject")));
    if (!word_ok(out->kind, "abcdefghijklmnopqrstuvwxyz0123456789_", 2, 40) || out->title == NULL ||
        subject < 0) {
        snprintf(err, errlen,
                 "kind \"%s\": needs kind ([a-z0-9_], 2 to 40), title and subject "
                 "(facility or product)",
                 out->kind ? out->kind : "");
        return 0;
    }
    out->per_product = subject == 1;
    if (!json_is_null(share) && (!json_is_integer(share) || json_integer_value(share) < 1 ||
                                 json_integer_value(share) > 100)) {
        snprintf(err, errlen, "kind %s: share_percent must be null or 1 to 100", out->kind);
        return 0;
    }
    out->share_percent = json_is_integer(share) ? (int)json_integer_value(share) : -1;
    if (!json_is_array(caps) || json_array_size(caps) > SUPPORT_CAPS_MAX) {
        snprintf(err, errlen, "kind %s: caps must be an array of at most %d", out->kind,
                 SUPPORT_CAPS_MAX);
        return 0;
    }
    for (size_t i = 0; i < json_array_size(caps); i++) {
        if (!cap_parse(json_array_get(caps, i), &out->caps[i], why, sizeof(why))) {
            snprintf(err, errlen, "kind %s: %s", out->kind, why);
            return 0;
        }
        out->ncaps++;
    }
    return 1;
}

/* Reads the members around the kinds. Returns 1, or 0 with the reason. */
static int head_parse(const json_t *doc, struct support_policy *out, char *err, size_t errlen)
{
    const json_t *prov = json_object_get(doc, "provenance");
    json_t *to = json_object_get(doc, "valid_to");
    out->id = json_string_value(json_object_get(doc, "id"));
    out->valid_from = json_string_value(json_object_get(doc, "valid_from"));
    out->valid_to = json_string_value(to);
    if (!word_ok(out->id, "abcdefghijklmnopqrstuvwxyz0123456789-", 3, 64)) {
        snprintf(err, errlen, "id must be 3 to 64 of a-z, 0-9 and -");
        return 0;
    }
    if (text(doc, "title", 500) == NULL || text(doc, "basis", 1000) == NULL) {
        snprintf(err, errlen, "%s: title and basis are required text", out->id);
        return 0;
    }
    if (!day_ok(out->valid_from) || (!json_is_null(to) && !day_ok(out->valid_to)) ||
        (out->valid_to != NULL && strcmp(out->valid_to, out->valid_from) < 0)) {
        snprintf(err, errlen,
                 "%s: valid_from must be a date YYYY-MM-DD and valid_to null or a date not "
                 "before it",
                 out->id);
        return 0;
    }
    if (!json_is_object(prov) || text(prov, "source", 2000) == NULL ||
        !json_is_boolean(json_object_get(prov, "confirmed")) ||
        !json_is_string(json_object_get(prov, "note"))) {
        snprintf(err, errlen, "%s: provenance needs source, confirmed (boolean) and note", out->id);
        return 0;
    }
    out->confirmed = json_is_true(json_object_get(prov, "confirmed"));
    return 1;
}

int support_policy_parse(json_t *doc, struct support_policy *out, char *err, size_t errlen)
{
    char why[384];
    memset(out, 0, sizeof(*out));
    out->doc = doc;
    json_t *kinds = json_object_get(doc, "kinds");
    int ok = json_is_object(doc) && head_parse(doc, out, err, errlen);
    if (ok && (!json_is_array(kinds) || json_array_size(kinds) == 0 ||
               json_array_size(kinds) > SUPPORT_KINDS_MAX)) {
        snprintf(err, errlen, "%s: kinds must be an array of 1 to %d", out->id, SUPPORT_KINDS_MAX);
        ok = 0;
    } else if (!json_is_object(doc)) {
        snprintf(err, errlen, "a policy is a JSON object");
    }
    for (size_t i = 0; ok && i < json_array_size(kinds); i++) {
        struct support_kind *k = &out->kinds[i];
        ok = kind_parse(json_array_get(kinds, i), k, why, sizeof(why));
        if (ok && support_policy_kind(out, k->kind) != NULL) {
            snprintf(why, sizeof(why), "kind %s is listed twice", k->kind);
            ok = 0;
        }
        if (!ok)
            snprintf(err, errlen, "%s: %s", out->id ? out->id : "", why);
        else
            out->nkinds++;
    }
    if (!ok) {
        json_decref(doc);
        memset(out, 0, sizeof(*out));
    }
    return ok;
}

/* Returns 1 when the days of a and b overlap. */
static int overlap(const struct support_policy *a, const struct support_policy *b)
{
    return (a->valid_to == NULL || strcmp(b->valid_from, a->valid_to) <= 0) &&
           (b->valid_to == NULL || strcmp(a->valid_from, b->valid_to) <= 0);
}

int support_policy_set_add(struct support_policy_set *set, struct support_policy *p, char *err,
                           size_t errlen)
{
    const char *why = NULL;
    size_t at = set->n;
    if (set->n == SUPPORT_POLICIES_MAX)
        why = "one version too many";
    for (size_t i = 0; why == NULL && i < set->n; i++) {
        if (strcmp(set->policies[i].id, p->id) == 0)
            why = "its id is taken by another file";
        else if (overlap(&set->policies[i], p))
            why = "its days overlap those of another version";
        else if (at == set->n && strcmp(p->valid_from, set->policies[i].valid_from) < 0)
            at = i;
    }
    if (why != NULL) {
        snprintf(err, errlen, "%s: %s", p->id, why);
        json_decref(p->doc);
        return 0;
    }
    memmove(&set->policies[at + 1], &set->policies[at], (set->n - at) * sizeof(*p));
    set->policies[at] = *p;
    set->n++;
    return 1;
}

void support_policy_set_clean(struct support_policy_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        json_decref(set->policies[i].doc);
    memset(set, 0, sizeof(*set));
}

const struct support_policy *support_policy_in_force(const struct support_policy_set *set,
                                                     const char *day)
{
    for (size_t i = 0; day != NULL && i < set->n; i++) {
        const struct support_policy *p = &set->policies[i];
        if (strcmp(p->valid_from, day) <= 0 &&
            (p->valid_to == NULL || strcmp(day, p->valid_to) <= 0))
            return p;
    }
    return NULL;
}

const struct support_policy *support_policy_find(const struct support_policy_set *set,
                                                 const char *id)
{
    for (size_t i = 0; id != NULL && i < set->n; i++)
        if (strcmp(set->policies[i].id, id) == 0)
            return &set->policies[i];
    return NULL;
}

const struct support_kind *support_policy_kind(const struct support_policy *p, const char *kind)
{
    for (size_t i = 0; kind != NULL && i < p->nkinds; i++)
        if (strcmp(p->kinds[i].kind, kind) == 0)
            return &p->kinds[i];
    return NULL;
}

char *support_policy_cap_kinds(const struct support_policy *p, const struct support_kind *k,
                               const struct support_cap *c, char *buf, size_t len)
{
    size_t pos = (size_t)snprintf(buf, len, "{");
    for (size_t i = 0; i < p->nkinds && pos < len; i++) {
        const struct support_kind *o = &p->kinds[i];
        int shares = o == k;
        for (size_t j = 0; !shares && c->group != NULL && j < o->ncaps; j++)
            shares = o->caps[j].group != NULL && strcmp(o->caps[j].group, c->group) == 0 &&
                     o->caps[j].per == c->per && o->caps[j].period == c->period;
        if (shares)
            pos += (size_t)snprintf(buf + pos, len - pos, "%s%s", pos > 1 ? "," : "", o->kind);
    }
    if (pos < len)
        snprintf(buf + pos, len - pos, "}");
    return buf;
}
