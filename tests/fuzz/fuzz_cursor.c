/*
 * The opaque list cursor (?cursor=): the input is the query value. A cursor
 * that decodes must pass or fail oc_page_begin's checks without harm, and one
 * we would issue (an object of strings) must come back unchanged from
 * oc_cursor_encode and oc_cursor_decode.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <ulfius.h>

#include "common/http.h"
#include "common/read.h"
#include "fuzz/fuzz.h"

/* 1 when cursor is an object of strings, the shape oc_cursor_encode is given. */
static int issued_shape(const json_t *cursor)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)(uintptr_t)cursor, key, value)
    {
        if (!json_is_string(value))
            return 0;
    }
    return 1;
}

static void round_trip(const json_t *cursor)
{
    if (!issued_shape(cursor))
        return;
    char *text = oc_cursor_encode(cursor);
    json_t *again = strlen(text) <= 512 ? oc_cursor_decode(text) : NULL;
    if (strlen(text) <= 512 && (again == NULL || !json_equal(cursor, again)))
        abort(); /* a cursor we issue must decode to itself */
    json_decref(again);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    json_t *cursor = oc_cursor_decode(text);
    if (cursor != NULL)
        round_trip(cursor);
    json_decref(cursor);

    struct _u_request req;
    struct oc_page page;
    json_t *errors = json_array();
    ulfius_init_request(&req);
    u_map_put(req.map_url, "cursor", text);
    if (oc_page_begin(&req, &page, errors)) {
        (void)oc_page_after(&page, "t");
        (void)oc_page_after(&page, "id");
        oc_page_clean(&page);
    }
    ulfius_clean_request(&req);
    json_decref(errors);
    free(text);
    return 0;
}
