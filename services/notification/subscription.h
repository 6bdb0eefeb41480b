/*
 * Webhook subscriptions, the rules without I/O: which event types a
 * subscription may ask for (an exact type such as
 * "ocop.evaluation.certificate.issued.v1", or a prefix ending in '.' such as
 * "ocop.evaluation.certificate."), whether an event matches it, and which
 * events a format can carry.
 */
#ifndef NOTIF_SUBSCRIPTION_H
#define NOTIF_SUBSCRIPTION_H

#include <stddef.h>

#include <jansson.h>

#define SUBSCRIPTION_TYPES_MAX    32   /* event_types entries at most */
#define SUBSCRIPTION_URL_MAX      2048 /* characters of a URL at most */
#define SUBSCRIPTION_INFLIGHT_DEF 4    /* max_in_flight when not given */

/* The formats: CloudEvents structured JSON, or the portal's dossier-status JSON. */
extern const char *const subscription_formats[];
/* The statuses a client may set. */
extern const char *const subscription_statuses[];

/*
 * Why an event_types entry is refused (a static phrase), or NULL when it is
 * well formed: "ocop." then lower-case letters, digits, '_' and '.', no empty
 * segment, 5 to 200 characters; an exact type ends in ".v<digits>", a prefix
 * in '.'.
 */
const char *subscription_type_problem(const char *entry);

/* 1 when type is entry itself or entry is a prefix (ending in '.') of it. */
int subscription_type_matches(const char *entry, const char *type);

/* 1 when any string of the JSON array types matches type. */
int subscription_matches(const json_t *types, const char *type);

/*
 * 1 when a subscription of format carries events of type: "cloudevents"
 * carries all; "dossier_status" only an application's submission and status
 * changes.
 */
int subscription_format_carries(const char *format, const char *type);

#endif
