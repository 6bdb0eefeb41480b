/*
 * An event's data built from a resource's view by a table: each member of the
 * data names the view member (or nested member) it copies. The events modules
 * of the services (<aggregate>_events.c) declare their payloads this way and
 * hand the result, as a struct oc_event_draft, to oc_outbox_add_draft
 * (outbox.h). Pure: no I/O.
 */
#ifndef OC_EVENT_BUILD_H
#define OC_EVENT_BUILD_H

#include <stddef.h>

#include <jansson.h>

/* One member of an event's data. */
struct oc_event_member {
    const char *name; /* the member in the event's data */
    const char *path; /* where the view holds it: "a" or "a.b" (dotted); NULL: name itself */
};

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
 * Sets in data each of the n members from view (data borrowed and changed).
 * A member whose path the view lacks (or reaches through a non-object) is
 * set to null, never left out.
 */
void oc_event_copy(json_t *data, const json_t *view, const struct oc_event_member *members,
                   size_t n);

/* A new object with the n members copied from view (caller owns). */
json_t *oc_event_data(const json_t *view, const struct oc_event_member *members, size_t n);

/* A JSON string of s, or null when s is NULL (caller owns). */
json_t *oc_event_string_or_null(const char *s);

/* The number of entries of a static array. */
#define OC_EVENT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif
