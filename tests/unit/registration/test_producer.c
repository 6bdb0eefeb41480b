/* Producer rules: identifiers per producer type and the shape of a new producer. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "common/validate.h"
#include "registration/producer.h"
#include "registration/scope.h"
#include "unit/test.h"

#define OK_ID(type, id)  CHECK(producer_identifier_problem(type, id) == NULL)
#define BAD_ID(type, id) CHECK(producer_identifier_problem(type, id) != NULL)

static const char *err_at(const struct oc_v *v, size_t i, const char *member)
{
    return json_string_value(json_object_get(json_array_get(v->errors, i), member));
}

static void test_identifiers(void)
{
    static const char *const codes[] = {"enterprise", "cooperative", NULL};
    for (const char *const *t = codes; *t; t++) {
        OK_ID(*t, "2100612345");
        OK_ID(*t, "2100612345-001");
        OK_ID(*t, "0100109106-999");
        BAD_ID(*t, "210061234");       /* 9 digits */
        BAD_ID(*t, "21006123456");     /* 11 digits */
        BAD_ID(*t, "21006A2345");      /* a letter */
        BAD_ID(*t, "ABCDEFGHIJ");      /* letters */
        BAD_ID(*t, "2100612345-01");   /* 2-digit branch */
        BAD_ID(*t, "2100612345-0012"); /* 4-digit branch */
        BAD_ID(*t, "2100612345_001");  /* wrong separator */
        BAD_ID(*t, "2100612345-");
        BAD_ID(*t, "2100612345-0a1");
        BAD_ID(*t, "");
    }
    const char *msg = producer_identifier_problem("enterprise", "210061234");
    CHECK(msg != NULL && strstr(msg, "10-digit") != NULL);

    /* household business code: 6-20 upper-case letters and digits */
    OK_ID("household", "HKD123");
    OK_ID("household", "2100612345");
    OK_ID("household", "01A8001234");
    OK_ID("household", "ABCDEFGHIJ0123456789");   /* 20 */
    BAD_ID("household", "HKD12");                 /* 5 */
    BAD_ID("household", "ABCDEFGHIJ01234567890"); /* 21 */
    BAD_ID("household", "hkd123456");             /* lower case */
    BAD_ID("household", "HKD-123456");
    BAD_ID("household", "HKD 123456");
    BAD_ID("household", "\xc4\x90KD123456"); /* "ĐKD123456" */
    BAD_ID("household", "2100612345-001");
    msg = producer_identifier_problem("household", "hkd123456");
    CHECK(msg != NULL && strstr(msg, "household") != NULL);

    /* cooperative group: its cooperation contract reference, 3-64 characters */
    OK_ID("cooperative_group", "THT");
    OK_ID("cooperative_group", "HĐHT-12/2024/THT-TânHòa");
    OK_ID("cooperative_group",
          "1234567890123456789012345678901234567890123456789012345678901234"); /* 64 */
    BAD_ID("cooperative_group", "AB");
    BAD_ID("cooperative_group",
           "12345678901234567890123456789012345678901234567890123456789012345"); /* 65 */
    /* 30 characters of Vietnamese text are 30 characters, though 90 bytes */
    OK_ID("cooperative_group", "Hợp đồng hợp tác số mười hai ờ");
    OK_ID("cooperative_group", "ờờờờờờờờờờờờờờờờờờờờờờờờờờờờờờ");
}

/* Validates body (stolen) into *out; returns producer_from_json's result. */
static int from_json(struct oc_v *v, json_t *body, struct oc_field_value *out)
{
    oc_v_init(v, body);
    return producer_from_json(v, out);
}

static json_t *full_body(void)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "type", "household", "name",
                     "Nguyễn Văn An", "identifier", "HKD0012345", "representative", "Nguyễn Văn An",
                     "commune_code", "26734", "address", "Thôn 3, xã Tân Hòa, huyện Lục Ngạn",
                     "phone", "+84 912.345.678", "email", "an.nguyen@example.vn");
}

static void test_full(void)
{
    struct oc_v v;
    struct oc_field_value p[PRODUCER_N];
    json_t *body = full_body();
    CHECK_INT_EQ(from_json(&v, body, p), 1);
    CHECK_INT_EQ(json_array_size(v.errors), 0);
    CHECK_STR_EQ(p[PRODUCER_TYPE].s, "household");
    CHECK_STR_EQ(p[PRODUCER_NAME].s, "Nguyễn Văn An");
    CHECK_STR_EQ(p[PRODUCER_IDENTIFIER].s, "HKD0012345");
    CHECK_STR_EQ(p[PRODUCER_REPRESENTATIVE].s, "Nguyễn Văn An");
    CHECK_STR_EQ(p[PRODUCER_COMMUNE_CODE].s, "26734");
    CHECK_STR_EQ(p[PRODUCER_ADDRESS].s, "Thôn 3, xã Tân Hòa, huyện Lục Ngạn");
    CHECK_STR_EQ(p[PRODUCER_PHONE].s, "+84 912.345.678");
    CHECK_STR_EQ(p[PRODUCER_EMAIL].s, "an.nguyen@example.vn");
    oc_v_clean(&v);
    json_decref(body);

    /* the optional members may be left out */
    body = json_pack("{s:s,s:s,s:s,s:s,s:s}", "type", "enterprise", "name",
                     "Công ty TNHH Chè Tân Cương", "identifier", "4600123456-001", "representative",
                     "Trần Thị Bình", "commune_code", "05443");
    CHECK_INT_EQ(from_json(&v, body, p), 1);
    CHECK(p[PRODUCER_ADDRESS].s == NULL && p[PRODUCER_PHONE].s == NULL &&
          p[PRODUCER_EMAIL].s == NULL);
    CHECK_STR_EQ(p[PRODUCER_IDENTIFIER].s, "4600123456-001");
    oc_v_clean(&v);
    json_decref(body);

    /* every required member missing, each named once */
    body = json_object();
    CHECK_INT_EQ(from_json(&v, body, p), 0);
    static const char *const required[] = {"type", "name", "identifier", "representative",
                                           "commune_code"};
    CHECK_INT_EQ(json_array_size(v.errors), 5);
    for (size_t i = 0; i < 5; i++) {
        CHECK_STR_EQ(err_at(&v, i, "field"), required[i]);
        CHECK_STR_EQ(err_at(&v, i, "code"), "required");
    }
    oc_v_clean(&v);
    json_decref(body);
}

/* Validates the full body with key set to value; returns the code of the one error on key,
 * "" when valid, "?" when several errors. */
static const char *one_change(const char *key, const char *value, char *code, size_t len)
{
    struct oc_v v;
    struct oc_field_value p[PRODUCER_N];
    json_t *body = full_body();
    json_object_set_new(body, key, json_string(value));
    int ok = from_json(&v, body, p);
    size_t n = json_array_size(v.errors);
    if (ok && n == 0)
        snprintf(code, len, "%s", "");
    else if (n == 1 && strcmp(err_at(&v, 0, "field"), key) == 0)
        snprintf(code, len, "%s", err_at(&v, 0, "code"));
    else
        snprintf(code, len, "%s", "?");
    oc_v_clean(&v);
    json_decref(body);
    return code;
}

static void test_formats(void)
{
    char code[32];
    static const struct {
        const char *key;
        const char *value;
        const char *code; /* "" = valid */
    } cases[] = {
        {"phone", "0912345678", ""},
        {"phone", "+84 912 345 678", ""},
        {"phone", "0912.345.678", ""},
        {"phone", "12345678", ""},              /* 8 digits */
        {"phone", "+84912345678901", ""},       /* 14 digits */
        {"phone", "0912-345-678", "format"},    /* dash */
        {"phone", "84+912345678", "format"},    /* + not first */
        {"phone", "(024) 3825 1234", "format"}, /* brackets */
        {"phone", "091234567a", "format"},
        {"phone", "1234 567", "format"},          /* 7 digits in 8 characters */
        {"phone", "+1234567890123456", "format"}, /* 16 digits */
        {"phone", "1234567", "too_short"},
        {"phone", "012345678901234567890", "too_long"},
        {"email", "an@example.vn", ""},
        {"email", "an.nguyen+ocop@mail.example.com.vn", ""},
        {"email", "an.example.vn", "format"},
        {"email", "@example.vn", "format"},
        {"email", "an@example", "format"},
        {"email", "an@.vn", "format"},
        {"email", "an@example.vn.", "format"},
        {"email", "a@b@example.vn", "format"},
        {"email", "an nguyen@example.vn", "format"},
        {"email", "a@", "too_short"},
        {"commune_code", "2673", "too_short"},
        {"commune_code", "2673a", "format"},
        {"type", "company", "enum"},
        {"name", "A", "too_short"},
        {"name", " Nguyễn Văn An", "format"},
        {"identifier", "HKD-12", "format"}, /* wrong shape for a household */
        {"identifier", "2100612345", ""},   /* a household code may be all digits */
        {"representative", "Nguyễn\tVăn An", "format"},
        {"address", "", "too_short"},
        {"colour", "red", "unknown"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = one_change(cases[i].key, cases[i].value, code, sizeof(code));
        CHECK_STR_EQ(got, cases[i].code);
        if (strcmp(got, cases[i].code) != 0)
            fprintf(stderr, "    %s = \"%s\"\n", cases[i].key, cases[i].value);
    }

    /* identifier checked against the type: an enterprise code for an enterprise only */
    struct oc_v v;
    struct oc_field_value p[PRODUCER_N];
    json_t *body = full_body();
    json_object_set_new(body, "type", json_string("enterprise"));
    CHECK_INT_EQ(from_json(&v, body, p), 0);
    CHECK_INT_EQ(json_array_size(v.errors), 1);
    CHECK_STR_EQ(err_at(&v, 0, "field"), "identifier");
    CHECK_STR_EQ(err_at(&v, 0, "code"), "format");
    CHECK(strstr(err_at(&v, 0, "message"), "10-digit") != NULL);
    oc_v_clean(&v);
    json_decref(body);

    /* an unknown type says so, without a second error about the identifier */
    body = full_body();
    json_object_set_new(body, "type", json_string("company"));
    CHECK_INT_EQ(from_json(&v, body, p), 0);
    CHECK_INT_EQ(json_array_size(v.errors), 1);
    CHECK(p[PRODUCER_TYPE].s == NULL);
    oc_v_clean(&v);
    json_decref(body);

    /* a body that is not an object */
    body = json_pack("[s]", "household");
    CHECK_INT_EQ(from_json(&v, body, p), 0);
    CHECK_STR_EQ(err_at(&v, 0, "field"), "");
    CHECK_STR_EQ(err_at(&v, 0, "code"), "type");
    oc_v_clean(&v);
    json_decref(body);
}

/* A household's view as the store shows it, in commune 29341 today. */
static json_t *household(const char *id)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", id, "type", "household",
                     "name", "Hộ kinh doanh Năm Thụy", "identifier", "84A8001234", "representative",
                     "Trần Văn Năm", "commune_code", "29347", "current_commune_code", "29341",
                     "address", "Ấp Cây Gòn", "phone", "0294 3855 123", "email",
                     "namthuy@example.vn");
}

/* A caller acting as the roles of mask, with a commune and one producer id (either may be ""). */
static struct oc_principal caller(unsigned acting, const char *commune, const char *producer)
{
    struct oc_principal p;
    memset(&p, 0, sizeof(p));
    snprintf(p.sub, sizeof(p.sub), "test");
    p.roles = p.acting = acting;
    snprintf(p.commune, sizeof(p.commune), "%s", commune);
    if (producer[0] != '\0') {
        snprintf(p.producers[0], sizeof(p.producers[0]), "%s", producer);
        p.nproducers = 1;
    }
    return p;
}

/* How many personal members view keeps once redacted for p. */
static size_t personal_left(const char *type, const struct oc_principal *p)
{
    static const char id[] = "0f3c2b1a-0000-4000-8000-00000000abcd";
    json_t *view = household(id);
    json_object_set_new(view, "type", json_string(type));
    producer_view_redact(view, p);
    size_t n = 0;
    for (const char *const *f = producer_personal_fields; *f; f++)
        n += json_object_get(view, *f) != NULL;
    CHECK(json_object_get(view, "name") != NULL && json_object_get(view, "id") != NULL);
    json_decref(view);
    return n;
}

static void test_personal(void)
{
    static const char own[] = "0f3c2b1a-0000-4000-8000-00000000abcd";
    static const char other[] = "0f3c2b1a-0000-4000-8000-00000000ffff";
    struct oc_principal p = caller(OC_ROLE_PROVINCE_OFFICER, "", "");
    CHECK_INT_EQ(personal_left("household", &p), 5);
    p = caller(OC_ROLE_PORTAL, "", "");
    CHECK_INT_EQ(personal_left("household", &p), 0);
    CHECK_INT_EQ(personal_left("enterprise", &p), 5); /* only a household's are personal */
    p = caller(OC_ROLE_ADMIN, "29341", own);
    CHECK_INT_EQ(personal_left("household", &p), 0);
    p = caller(OC_ROLE_COMMUNE_OFFICER, "29341", "");
    CHECK_INT_EQ(personal_left("household", &p), 5); /* its current commune */
    p = caller(OC_ROLE_COMMUNE_OFFICER, "29347", "");
    CHECK_INT_EQ(personal_left("household", &p), 0); /* the legacy code is not its commune */
    p = caller(OC_ROLE_COMMUNE_OFFICER, "", "");
    CHECK_INT_EQ(personal_left("household", &p), 0);
    p = caller(OC_ROLE_PRODUCER, "", own);
    CHECK_INT_EQ(personal_left("household", &p), 5);
    p = caller(OC_ROLE_PRODUCER, "", other);
    CHECK_INT_EQ(personal_left("household", &p), 0);
    p = caller(OC_ROLE_PORTAL | OC_ROLE_PRODUCER, "", own);
    CHECK_INT_EQ(personal_left("household", &p), 5);
    p = caller(OC_ROLE_PORTAL | OC_ROLE_PRODUCER, "", other);
    CHECK_INT_EQ(personal_left("household", &p), 0);
    /* a role the token holds but the route does not allow does not count */
    p = caller(OC_ROLE_PORTAL, "", "");
    p.roles |= OC_ROLE_PROVINCE_OFFICER;
    CHECK_INT_EQ(personal_left("household", &p), 0);
}

/* The object rules as the stores receive them (scope.h). */
static void test_scope(void)
{
    static const char own[] = "0f3c2b1a-0000-4000-8000-00000000abcd";
    struct reg_scope s;
    struct oc_principal p = caller(OC_ROLE_PROVINCE_OFFICER | OC_ROLE_PRODUCER, "29341", own);
    reg_scope_init(&s, &p);
    CHECK_STR_EQ(s.all, "t");
    CHECK(!reg_scope_limited(&s));
    CHECK(s.producers == NULL && s.commune == NULL);
    p = caller(OC_ROLE_PORTAL, "", "");
    reg_scope_init(&s, &p);
    CHECK_STR_EQ(s.all, "t");
    p = caller(OC_ROLE_PRODUCER, "", own);
    reg_scope_init(&s, &p);
    CHECK_STR_EQ(s.all, "f");
    CHECK(reg_scope_limited(&s));
    CHECK_STR_EQ(s.producers, "{0f3c2b1a-0000-4000-8000-00000000abcd}");
    CHECK(s.commune == NULL);
    p = caller(OC_ROLE_PRODUCER, "", "");
    reg_scope_init(&s, &p);
    CHECK_STR_EQ(s.producers, "{}"); /* a producer account without producers sees none */
    p = caller(OC_ROLE_COMMUNE_OFFICER, "29341", "");
    reg_scope_init(&s, &p);
    CHECK_STR_EQ(s.all, "f");
    CHECK(s.producers == NULL);
    CHECK_STR_EQ(s.commune, "29341");
    p = caller(OC_ROLE_COMMUNE_OFFICER, "", "");
    reg_scope_init(&s, &p);
    CHECK_STR_EQ(s.commune, ""); /* matches no commune */
    p = caller(OC_ROLE_COMMUNE_OFFICER | OC_ROLE_PRODUCER, "29341", own);
    reg_scope_init(&s, &p);
    CHECK(s.producers != NULL && s.commune != NULL);
    p = caller(0, "29341", own); /* anonymous: nothing */
    reg_scope_init(&s, &p);
    CHECK(s.all[0] == 'f' && s.producers == NULL && s.commune == NULL);
    reg_scope_everything(&s);
    CHECK(!reg_scope_limited(&s));
}

int main(void)
{
    CHECK_STR_EQ(producer_types[0], "enterprise");
    CHECK_STR_EQ(producer_types[3], "household");
    CHECK(producer_types[4] == NULL);
    test_identifiers();
    test_full();
    test_formats();
    test_personal();
    test_scope();
    TEST_DONE();
}
