/* oc_v_*: per-field validation of JSON bodies, lengths counted in code points. */
#include <string.h>

#include <jansson.h>

#include "common/validate.h"
#include "unit/test.h"

#define UUID "0b5f6c7e-3a91-4c2d-8e4f-1a2b3c4d5e6f"

/* "Đường hoa dừa": 13 code points, 19 bytes of UTF-8. */
#define STREET "Đường hoa dừa"

static const char *err_at(const struct oc_v *v, size_t i, const char *member)
{
    return json_string_value(json_object_get(json_array_get(v->errors, i), member));
}

/* Checks that v holds exactly one error, for field with code. */
#define CHECK_ONE_ERROR(v, field, code)                                                            \
    do {                                                                                           \
        CHECK_INT_EQ(json_array_size((v)->errors), 1);                                             \
        CHECK_STR_EQ(err_at((v), 0, "field"), field);                                              \
        CHECK_STR_EQ(err_at((v), 0, "code"), code);                                                \
        CHECK(err_at((v), 0, "message") != NULL && err_at((v), 0, "message")[0] != '\0');          \
    } while (0)

/* Validates one string member of {"f": value} with the given bounds. */
static const char *string_of(struct oc_v *v, json_t **body, const char *value, size_t min,
                             size_t max)
{
    *body = json_pack("{s:s}", "f", value);
    oc_v_init(v, *body);
    return oc_v_string(v, "f", 1, min, max);
}

static void test_string(void)
{
    struct oc_v v;
    json_t *body;
    const char *s;

    CHECK_INT_EQ(strlen(STREET), 19);
    CHECK_INT_EQ(oc_utf8_len(STREET), 13);
    CHECK_INT_EQ(oc_utf8_len(""), 0);
    CHECK_INT_EQ(oc_utf8_len("abc"), 3);

    s = string_of(&v, &body, STREET, 13, 13); /* 13 characters fit in 13, though 19 bytes */
    CHECK_STR_EQ(s, STREET);
    CHECK(oc_v_ok(&v));
    oc_v_clean(&v);
    json_decref(body);

    s = string_of(&v, &body, STREET, 1, 12);
    CHECK(s == NULL);
    CHECK_ONE_ERROR(&v, "f", "too_long");
    CHECK(!oc_v_ok(&v));
    oc_v_clean(&v);
    json_decref(body);

    s = string_of(&v, &body, STREET, 14, 100);
    CHECK(s == NULL);
    CHECK_ONE_ERROR(&v, "f", "too_short");
    oc_v_clean(&v);
    json_decref(body);

    s = string_of(&v, &body, "", 1, 10);
    CHECK(s == NULL);
    CHECK_ONE_ERROR(&v, "f", "too_short");
    oc_v_clean(&v);
    json_decref(body);

    static const char *const bad_format[] = {"a\tb",  "line\nbreak", "bell\x07", "del\x7f",
                                             " lead", "trail ",      " ",        NULL};
    for (const char *const *p = bad_format; *p; p++) {
        s = string_of(&v, &body, *p, 0, 100);
        CHECK(s == NULL);
        CHECK_ONE_ERROR(&v, "f", "format");
        oc_v_clean(&v);
        json_decref(body);
    }
    s = string_of(&v, &body, "inner space ok", 1, 100);
    CHECK_STR_EQ(s, "inner space ok");
    CHECK(oc_v_ok(&v));
    oc_v_clean(&v);
    json_decref(body);

    /* required and missing; optional and missing; wrong type */
    body = json_pack("{s:i,s:n,s:b,s:[]}", "num", 5, "nul", "bool", 1, "arr");
    oc_v_init(&v, body);
    CHECK(oc_v_string(&v, "absent", 0, 1, 10) == NULL);
    CHECK(oc_v_ok(&v)); /* optional: no error */
    CHECK(oc_v_string(&v, "absent", 1, 1, 10) == NULL);
    CHECK_ONE_ERROR(&v, "absent", "required");
    oc_v_clean(&v);
    oc_v_init(&v, body);
    static const char *const wrong[] = {"num", "nul", "bool", "arr", NULL};
    for (size_t i = 0; wrong[i]; i++) {
        CHECK(oc_v_string(&v, wrong[i], 1, 0, 10) == NULL);
        CHECK_STR_EQ(err_at(&v, i, "field"), wrong[i]);
        CHECK_STR_EQ(err_at(&v, i, "code"), "type");
    }
    CHECK_INT_EQ(json_array_size(v.errors), 4);
    oc_v_clean(&v);
    json_decref(body);
}

static void test_enum_digits_uuid(void)
{
    static const char *const kinds[] = {"enterprise", "household", NULL};
    struct oc_v v;
    json_t *body = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "k1", "household", "k2",
                             "Household", "d1", "70000", "d2", "7000a", "d3", "7000", "u1", UUID,
                             "u2", "0B5F6C7E-3A91-4C2D-8E4F-1A2B3C4D5E6F", "u3", UUID "0");
    oc_v_init(&v, body);
    CHECK_STR_EQ(oc_v_enum(&v, "k1", 1, kinds), "household");
    CHECK_STR_EQ(oc_v_digits(&v, "d1", 1, 5, 5), "70000");
    CHECK_STR_EQ(oc_v_uuid(&v, "u1", 1), UUID);
    CHECK(oc_v_ok(&v));
    CHECK(oc_v_enum(&v, "k2", 1, kinds) == NULL);
    CHECK_ONE_ERROR(&v, "k2", "enum");
    CHECK(strstr(err_at(&v, 0, "message"), "enterprise, household") != NULL);
    oc_v_clean(&v);

    oc_v_init(&v, body);
    CHECK(oc_v_digits(&v, "d2", 1, 5, 5) == NULL);
    CHECK_ONE_ERROR(&v, "d2", "format");
    oc_v_clean(&v);
    oc_v_init(&v, body);
    CHECK(oc_v_digits(&v, "d3", 1, 5, 5) == NULL);
    CHECK_ONE_ERROR(&v, "d3", "too_short");
    oc_v_clean(&v);
    oc_v_init(&v, body);
    CHECK(oc_v_uuid(&v, "u2", 1) == NULL); /* upper case is not canonical */
    CHECK_ONE_ERROR(&v, "u2", "format");
    oc_v_clean(&v);
    oc_v_init(&v, body);
    CHECK(oc_v_uuid(&v, "u3", 1) == NULL);
    CHECK_ONE_ERROR(&v, "u3", "too_long");
    oc_v_clean(&v);
    oc_v_init(&v, body);
    CHECK(oc_v_uuid(&v, "none", 0) == NULL);
    CHECK(oc_v_enum(&v, "none", 0, kinds) == NULL);
    CHECK(oc_v_ok(&v));
    oc_v_clean(&v);
    json_decref(body);

    CHECK_INT_EQ(oc_uuid_ok(UUID), 1);
    CHECK_INT_EQ(oc_uuid_ok("0b5f6c7e-3a91-4c2d-8e4f-1a2b3c4d5e6g"), 0);
    CHECK_INT_EQ(oc_uuid_ok("0b5f6c7e03a91-4c2d-8e4f-1a2b3c4d5e6f"), 0);
    CHECK_INT_EQ(oc_uuid_ok("0b5f6c7e3a914c2d8e4f1a2b3c4d5e6f"), 0);
    CHECK_INT_EQ(oc_uuid_ok(""), 0);
    CHECK_INT_EQ(oc_uuid_ok(NULL), 0);
}

static void test_int(void)
{
    struct oc_v v;
    long long out = -1;
    json_t *body = json_pack("{s:i,s:i,s:i,s:s,s:f,s:b,s:I}", "ok", 26, "low", 0, "high", 27,
                             "text", "5", "real", 5.0, "bool", 1, "huge", (json_int_t)1 << 40);
    oc_v_init(&v, body);
    CHECK_INT_EQ(oc_v_int(&v, "ok", 1, 1, 26, &out), 1);
    CHECK_INT_EQ(out, 26);
    CHECK(oc_v_ok(&v));
    out = -1;
    CHECK_INT_EQ(oc_v_int(&v, "absent", 0, 1, 26, &out), 0);
    CHECK_INT_EQ(out, -1); /* untouched */
    CHECK(oc_v_ok(&v));
    oc_v_clean(&v);

    static const struct {
        const char *field;
        const char *code;
    } cases[] = {{"low", "range"}, {"high", "range"}, {"huge", "range"},     {"text", "type"},
                 {"real", "type"}, {"bool", "type"},  {"absent", "required"}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        oc_v_init(&v, body);
        out = -1;
        CHECK_INT_EQ(oc_v_int(&v, cases[i].field, 1, 1, 26, &out), 0);
        CHECK_INT_EQ(out, -1);
        CHECK_ONE_ERROR(&v, cases[i].field, cases[i].code);
        oc_v_clean(&v);
    }
    json_decref(body);
}

static void test_only_and_body(void)
{
    static const char *const allowed[] = {"name", "type", NULL};
    struct oc_v v;
    json_t *body = json_pack("{s:s,s:s,s:i}", "name", "Mật ong", "colour", "vàng", "type", 1);
    oc_v_init(&v, body);
    oc_v_only(&v, allowed);
    CHECK_ONE_ERROR(&v, "colour", "unknown");
    oc_v_clean(&v);
    json_decref(body);

    /* a body that is not an object is one error, and nothing is read from it */
    json_t *bodies[] = {json_pack("[s]", "name"), json_string("name"), json_null(), NULL};
    for (size_t i = 0; i < 4; i++) {
        oc_v_init(&v, bodies[i]);
        CHECK_ONE_ERROR(&v, "", "type");
        oc_v_only(&v, allowed); /* no crash, no error added */
        CHECK_INT_EQ(json_array_size(v.errors), 1);
        CHECK(oc_v_string(&v, "name", 0, 1, 10) == NULL);
        CHECK_INT_EQ(json_array_size(v.errors), 1);
        oc_v_clean(&v);
        json_decref(bodies[i]);
    }
}

static void test_collected(void)
{
    static const char *const allowed[] = {"name",         "commune_code", "producer_id",
                                          "criteria_set", "email",        NULL};
    struct oc_v v;
    long long set = 0;
    json_t *body = json_pack("{s:s,s:s,s:s,s:i,s:s}", "name", " Trà", "commune_code", "12a45",
                             "producer_id", UUID, "criteria_set", 99, "extra", "x");
    oc_v_init(&v, body);
    oc_v_only(&v, allowed);
    CHECK(oc_v_string(&v, "name", 1, 2, 255) == NULL);
    CHECK(oc_v_digits(&v, "commune_code", 1, 5, 5) == NULL);
    CHECK_STR_EQ(oc_v_uuid(&v, "producer_id", 1), UUID);
    CHECK_INT_EQ(oc_v_int(&v, "criteria_set", 1, 1, 26, &set), 0);
    CHECK(oc_v_string(&v, "email", 1, 3, 254) == NULL);
    oc_v_error(&v, "custom", "conflict", "value %d of %s", 7, "x");

    static const char *const fields[] = {"extra",        "name",  "commune_code",
                                         "criteria_set", "email", "custom"};
    static const char *const codes[] = {"unknown", "format",   "format",
                                        "range",   "required", "conflict"};
    CHECK_INT_EQ(json_array_size(v.errors), 6);
    for (size_t i = 0; i < 6; i++) {
        CHECK_STR_EQ(err_at(&v, i, "field"), fields[i]);
        CHECK_STR_EQ(err_at(&v, i, "code"), codes[i]);
    }
    CHECK_STR_EQ(err_at(&v, 5, "message"), "value 7 of x");
    CHECK(!oc_v_ok(&v));

    json_t *taken = oc_v_take_errors(&v);
    CHECK_INT_EQ(json_array_size(taken), 6);
    CHECK(oc_v_ok(&v)); /* an empty list is left behind */
    CHECK(json_is_array(v.errors));
    json_decref(taken);
    oc_v_clean(&v);
    CHECK(v.errors == NULL);
    json_decref(body);
}

/* An error quoting a value cut inside a character by the 256-byte message is still recorded. */
static void test_error_cut_in_a_character(void)
{
    char value[400];
    size_t pos = 0;
    for (int i = 0; i < 190; i++) /* "Đ": two bytes each */
        pos += (size_t)snprintf(value + pos, sizeof(value) - pos, "Đ");
    struct oc_v v;
    json_t *body = json_object();
    oc_v_init(&v, body);
    oc_v_error(&v, "name", "format", "%s", value); /* 255 bytes kept: the last splits a Đ */
    CHECK(!oc_v_ok(&v));
    json_t *errors = oc_v_take_errors(&v);
    CHECK_INT_EQ(json_array_size(errors), 1);
    const char *msg = json_string_value(json_object_get(json_array_get(errors, 0), "message"));
    CHECK(msg != NULL && strlen(msg) == 254 && oc_utf8_ok(msg, strlen(msg)));
    json_decref(errors);
    oc_v_clean(&v);
    json_decref(body);
}

int main(void)
{
    test_error_cut_in_a_character();
    test_string();
    test_enum_digits_uuid();
    test_int();
    test_only_and_body();
    test_collected();
    TEST_DONE();
}
