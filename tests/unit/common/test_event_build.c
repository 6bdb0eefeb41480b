/*
 * Events built by tables (common/event_build.h): a path's steps, a missing
 * member (or a step through a non-object) as null, the order of the table.
 */
#include <jansson.h>

#include "common/event_build.h"
#include "unit/test.h"

/* One table copied from one view: the data expected, as JSON text. */
static const struct {
    const char *view;     /* the view */
    const char *expected; /* the data */
} cases[] = {
    {"{\"id\":\"a\",\"product\":{\"id\":\"p\",\"code\":\"C\"},\"n\":3}",
     "{\"x_id\":\"a\",\"product_id\":\"p\",\"deep\":null,\"n\":3,\"absent\":null}"},
    {"{\"id\":\"a\",\"product\":null,\"n\":null}",
     "{\"x_id\":\"a\",\"product_id\":null,\"deep\":null,\"n\":null,\"absent\":null}"},
    {"{\"id\":\"a\",\"product\":{\"id\":{\"x\":1}},\"n\":[1]}",
     "{\"x_id\":\"a\",\"product_id\":{\"x\":1},\"deep\":1,\"n\":[1],\"absent\":null}"},
    {"{}", "{\"x_id\":null,\"product_id\":null,\"deep\":null,\"n\":null,\"absent\":null}"},
};

static const char *const members[] = {"x_id=id", "product_id=product.id", "deep=product.id.x",
                                      "n",       "absent=no.such",        NULL};
/* the names of the data's members, in order */
static const char *const names[] = {"x_id", "product_id", "deep", "n", "absent"};

int main(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *view = json_loads(cases[i].view, 0, NULL);
        json_t *expected = json_loads(cases[i].expected, JSON_PRESERVE_ORDER, NULL);
        json_t *data = oc_event_data(view, members);
        CHECK(json_equal(data, expected));
        /* the table's order is the data's order */
        const char *key;
        json_t *value;
        size_t k = 0;
        json_object_foreach(data, key, value)
        {
            CHECK_STR_EQ(key, names[k]);
            k++;
        }
        CHECK_INT_EQ(k, sizeof(names) / sizeof(names[0]));
        json_decref(data);
        json_decref(expected);
        json_decref(view);
    }
    json_t *view = json_pack("{s:{s:s},s:i}", "a", "b", "c", "n", 1);
    CHECK_STR_EQ(oc_event_path_string(view, "a.b"), "c");
    CHECK(oc_event_path_string(view, "n") == NULL);
    CHECK(oc_event_path(view, "a.b.c") == NULL);
    CHECK(oc_event_path(view, "a.") == NULL);
    CHECK(oc_event_path(view, "") == NULL);
    CHECK(oc_event_path(NULL, "a") == NULL);
    json_decref(view);
    json_t *s = oc_event_string_or_null(NULL);
    CHECK(json_is_null(s));
    json_decref(s);
    s = oc_event_string_or_null("x");
    CHECK_STR_EQ(json_string_value(s), "x");
    json_decref(s);
    TEST_DONE();
}
