/*
 * Data-driven checks of an events module (common/event_build.h): each row
 * builds a draft from a view and expects its type, subject and data exactly,
 * members in order (the order the payloads had before they were tables).
 */
#ifndef OC_TEST_EVENT_CASES_H
#define OC_TEST_EVENT_CASES_H

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/event_build.h"
#include "unit/test.h"

/* One event built from one view. */
struct event_case {
    const char *name;                               /* the row */
    struct oc_event_draft (*build)(const json_t *); /* the builder */
    const char *view;                               /* the view, JSON */
    const char *type;                               /* the event type; NULL: none */
    const char *subject;                            /* its key */
    const char *data;                               /* its data, JSON, exactly; NULL: no data */
};

/* data's members are expected's, in the same order. */
static int event_same_order(json_t *data, json_t *expected)
{
    void *a = json_object_iter(data), *b = json_object_iter(expected);
    for (; a != NULL && b != NULL;
         a = json_object_iter_next(data, a), b = json_object_iter_next(expected, b))
        if (strcmp(json_object_iter_key(a), json_object_iter_key(b)) != 0)
            return 0;
    return a == NULL && b == NULL;
}

/* Checks the n rows of cases. */
static void event_cases_run(const struct event_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        json_error_t err;
        json_t *view = json_loads(cases[i].view, 0, &err);
        json_t *expected = cases[i].data != NULL ? json_loads(cases[i].data, 0, &err) : NULL;
        CHECK(view != NULL && (expected != NULL || cases[i].data == NULL));
        struct oc_event_draft d = cases[i].build(view);
        CHECK_STR_EQ(d.type, cases[i].type);
        CHECK_STR_EQ(d.subject, cases[i].subject);
        int ok = expected == NULL
                     ? d.data == NULL
                     : json_equal(d.data, expected) && event_same_order(d.data, expected);
        if (!ok) {
            char *got = d.data != NULL ? json_dumps(d.data, JSON_COMPACT) : NULL;
            fprintf(stderr, "    %s: got %s\n", cases[i].name, got != NULL ? got : "(no data)");
            free(got);
        }
        CHECK(ok);
        json_decref(d.data);
        json_decref(expected);
        json_decref(view);
    }
}

#endif
