/*
 * The member table (common/fields.h) on a table of its own: what a POST and a
 * merge patch may carry, the codes of their errors, a view read back, a patch
 * merged and the SQL parameters in table order. Each case is a body and the
 * sorted fields of its errors ("" when valid) with the code of the first.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "common/fields.h"
#include "unit/test.h"
#include "unit/test_errors.h"

static const char *const colours[] = {"red", "green", NULL};

enum { ID, NAME, COLOUR, CODE, DAY, COUNT, WEIGHT, FRESH, NOTE, STATUS, SINCE, TAG, N };

static const struct oc_field fields[N] = {
    [ID] = {"id", OC_FIELD_UUID, 0, 0, NULL, OC_FIELD_REQUIRED | OC_FIELD_FIXED},
    [NAME] = {"name", OC_FIELD_TEXT, 2, 8, NULL, OC_FIELD_REQUIRED},
    [COLOUR] = {"colour", OC_FIELD_ENUM, 0, 0, colours, 0},
    [CODE] = {"code", OC_FIELD_DIGITS, 5, 5, NULL, OC_FIELD_CLEARABLE},
    [DAY] = {"day", OC_FIELD_DATE, 0, 0, NULL, OC_FIELD_CLEARABLE},
    [COUNT] = {"count", OC_FIELD_INT, 0, 10, NULL, OC_FIELD_CLEARABLE},
    [WEIGHT] = {"weight", OC_FIELD_NUMBER, 0, 100, NULL, OC_FIELD_CLEARABLE},
    [FRESH] = {"fresh", OC_FIELD_BOOL, 0, 0, NULL, 0},
    [NOTE] = {"note", OC_FIELD_TEXT, 1, 40, NULL, OC_FIELD_SERVER | OC_FIELD_CLEARABLE},
    [STATUS] = {"status", OC_FIELD_ENUM, 0, 0, colours, OC_FIELD_SERVER | OC_FIELD_MOVES},
    [SINCE] = {"since", OC_FIELD_DATE, 2000, 2099, NULL, OC_FIELD_NEW_ONLY},
    [TAG] = {"tag", OC_FIELD_TEXT, 1, 4, NULL, OC_FIELD_OWN},
};

#define UUID "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"

static const struct {
    int patch;          /* 1: oc_fields_patch, else oc_fields_create */
    const char *body;   /* the body */
    const char *errors; /* sorted fields of the errors, "" when valid */
    const char *code;   /* the code of the error on the first of them, or NULL */
} cases[] = {
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\"}", "", NULL},
    {0,
     "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"colour\":\"red\",\"code\":\"84000\","
     "\"day\":\"2024-02-29\",\"count\":10,\"weight\":0.5,\"fresh\":false}",
     "", NULL},
    {0, "{\"name\":\"Tra\"}", "id", "required"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"T\"}", "name", "too_short"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"colour\":\"blue\"}", "colour", "enum"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"code\":\"8400a\"}", "code", "format"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"day\":\"2023-02-29\"}", "day", "format"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"count\":11}", "count", "range"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"weight\":0}", "weight", "range"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"fresh\":1}", "fresh", "type"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"note\":\"x\"}", "note", "not_allowed"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"code\":null}", "code", "type"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"x\":1}", "x", "unknown"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"since\":\"2000-01-01\"}", "", NULL},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"since\":\"1999-12-31\"}", "since", "format"},
    {0, "{\"id\":\"" UUID "\",\"name\":\"Tra\",\"tag\":12345}", "", NULL},
    {1, "{\"since\":\"2000-01-01\"}", "since", "unknown"},
    {1, "{\"tag\":null}", "", NULL},
    {1, "{\"name\":\"Trà\",\"code\":null,\"note\":\"ghi chú\"}", "", NULL},
    {1, "{}", "", "empty"},
    {1, "{\"id\":\"" UUID "\"}", "id", "immutable"},
    {1, "{\"status\":\"red\"}", "status", "not_allowed"},
    {1, "{\"name\":null}", "name", "type"},
    {1, "{\"fresh\":null}", "fresh", "type"},
};

static void test_cases(void)
{
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        struct oc_v v;
        struct oc_field_value out[N];
        int failed = test_failed;
        json_t *body = json_loads(cases[c].body, 0, NULL);
        oc_v_init(&v, body);
        int ok = cases[c].patch ? oc_fields_patch(&v, fields, N, NULL, out)
                                : oc_fields_create(&v, fields, N, NULL, out);
        CHECK_STR_EQ(error_fields(&v), cases[c].errors);
        CHECK_INT_EQ(ok, cases[c].errors[0] == '\0' && cases[c].code == NULL);
        CHECK(!out[TAG].set); /* the resource's own rule reads it */
        if (cases[c].code != NULL) {
            const char *first =
                json_string_value(json_object_get(json_array_get(v.errors, 0), "code"));
            CHECK_STR_EQ(first, cases[c].code);
        }
        if (test_failed != failed)
            fprintf(stderr, "    case %zu: %s\n", c, cases[c].body);
        oc_v_clean(&v);
        json_decref(body);
    }
}

/* A stored view read back, patched and turned into SQL parameters in table order. */
static void test_view_merge_params(void)
{
    json_t *view = json_loads("{\"id\":\"" UUID "\",\"name\":\"Tra\",\"colour\":\"green\","
                              "\"code\":\"84000\",\"day\":null,\"count\":3,\"weight\":2.5,"
                              "\"fresh\":true,\"note\":null,\"status\":\"red\",\"other\":1}",
                              0, NULL);
    json_t *body = json_loads("{\"code\":null,\"count\":4,\"fresh\":false}", 0, NULL);
    struct oc_field_value before[N], patch[N], after[N];
    struct oc_field_param buf[N];
    const char *params[N];
    struct oc_v v;
    oc_fields_from_view(view, fields, N, before);
    CHECK(before[DAY].set == 0 && before[COUNT].n == 3 && before[FRESH].n == 1);
    oc_v_init(&v, body);
    CHECK(oc_fields_patch(&v, fields, N, NULL, patch));
    oc_fields_merge(before, patch, N, after);
    oc_fields_params(fields, N, after, buf, params);
    static const char *const want[N] = {UUID,  "Tra",   "green", NULL,  NULL, "4",
                                        "2.5", "false", NULL,    "red", NULL, NULL};
    for (int i = 0; i < N; i++)
        CHECK_STR_EQ(params[i], want[i]);
    oc_v_clean(&v);
    json_decref(body);
    json_decref(view);
}

int main(void)
{
    test_cases();
    test_view_merge_params();
    TEST_DONE();
}
