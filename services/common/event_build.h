/*
 * An event's data built from a resource's view by a table: a NULL-terminated
 * list of members, each "name" (copied from the view's member of that name)
 * or "name=path" (copied from the view's path, "a" or "a.b" for member b of
 * member a). The events modules of the services (<aggregate>_events.c)
 * declare their payloads this way and hand the result, as a struct
 * oc_event_draft, to oc_outbox_add_draft (outbox.h). Pure: no I/O.
 */
#ifndef OC_EVENT_BUILD_H
#define OC_EVENT_BUILD_H

#include <stddef.h>

#include <jansson.h>

/* An event ready for the outbox. */
struct oc_event_draft {
    const char *type;    /* the ce_type, e.g. "ocop.evaluation.round.status_changed.v1" */
    const char *subject; /* the aggregate id (ce_subject, Kafka key), borrowed from the view */
    json_t *data;        /* the event's data (owned: oc_outbox_add_draft frees it) */
};

/*
 * The value at path in view ("a.b": member b of member a), borrowed; NULL
 * when a step is missing or not an object.
 */
json_t *oc_event_path(const json_t *view, const char *path);

/* The string at path in view (borrowed), or NULL. */
const char *oc_event_path_string(const json_t *view, const char *path);

/*
 * Sets in data each of members (a NULL-terminated list, above) from view
 * (data borrowed and changed). A member whose path the view lacks (or
 * reaches through a non-object) is set to null, never left out.
 */
void oc_event_copy(json_t *data, const json_t *view, const char *const *members);

/* A new object with members copied from view (caller owns). */
json_t *oc_event_data(const json_t *view, const char *const *members);

/* A JSON string of s, or null when s is NULL (caller owns). */
json_t *oc_event_string_or_null(const char *s);

#endif
