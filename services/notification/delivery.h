/*
 * Webhook deliveries, the rules without I/O: the secret ("whsec_" and the
 * base64 of 32 random bytes), Standard Webhooks signatures, the retry
 * schedule (data: schemas/reference/webhook-retry-schedule.json) and the
 * bodies sent (a CloudEvent in structured mode, or the portal's dossier
 * status).
 */
#ifndef NOTIF_DELIVERY_H
#define NOTIF_DELIVERY_H

#include <stddef.h>

#include <jansson.h>

#include "common/event.h"

#define DELIVERY_SECRET_BYTES 32
#define DELIVERY_SECRET_LEN   (6 + 44 + 1) /* "whsec_", base64 of 32 bytes, NUL */
#define DELIVERY_SIG_LEN      (3 + 44 + 1) /* "v1,", base64 of a SHA-256, NUL */
#define DELIVERY_SCHEDULE_MAX 32

#define DELIVERY_CT_CLOUDEVENTS "application/cloudevents+json"
#define DELIVERY_CT_JSON        "application/json"

/* A new secret "whsec_..." from the system's random generator. Returns 0, or -1. */
int delivery_secret_new(char out[DELIVERY_SECRET_LEN]);

/*
 * The Standard Webhooks signature "v1,<base64 HMAC-SHA256>" of
 * "{id}.{timestamp}.{body}" keyed with the bytes of secret (the base64 after
 * "whsec_"). Returns 0, or -1 when the secret is malformed.
 */
int delivery_sign(const char *secret, const char *id, long long timestamp, const char *body,
                  size_t len, char out[DELIVERY_SIG_LEN]);

/*
 * The webhook-signature header: the signature with secret, then, when
 * previous is not NULL (a rotation's overlap), a space and the signature
 * with previous. Returns 0, or -1.
 */
int delivery_signature_header(const char *secret, const char *previous, const char *id,
                              long long timestamp, const char *body, size_t len, char *out,
                              size_t outlen);

/* The retry schedule: the waits after each failed attempt. */
struct delivery_schedule {
    double delays_s[DELIVERY_SCHEDULE_MAX]; /* seconds, each > 0, scaled */
    size_t n;                               /* entries */
};

/*
 * Reads {"delays_s": [seconds, ...], "then": "dead"} (1 to 32 delays, each
 * 0 < s <= 7 days) and multiplies each delay by scale. Returns 0, or -1 with
 * the reason in err.
 */
int delivery_schedule_parse(const json_t *doc, double scale, struct delivery_schedule *out,
                            char *err, size_t errlen);

/*
 * After the failed attempt number failed (1 = the first, counted since the
 * last redrive): 1 and the wait in *delay_s when another attempt follows, 0
 * when the delivery is dead.
 */
int delivery_next(const struct delivery_schedule *s, int failed, double *delay_s);

/*
 * The CloudEvent of ev in structured mode (specversion, id, source, type,
 * subject, time, datacontenttype, data, and traceparent: a new span, child of
 * the thread's current trace context or else of ev's traceparent, omitted when
 * there is neither), as compact JSON text (caller frees).
 */
char *delivery_cloudevent(const struct oc_event_in *ev);

/*
 * The portal's dossier-status body of an application event (submitted or
 * status_changed): dossier_code, status_code (1-10), status,
 * receiving_agency, received_on, changed_at, product_code, product_name,
 * reason. NULL when ev carries no dossier (a withdrawn draft) or is not an
 * application event. Caller frees.
 */
char *delivery_dossier_status(const struct oc_event_in *ev, const char *agency);

#endif
