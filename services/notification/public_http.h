/*
 * HTTP helpers of the public routes (verify_http.c, open_data_http.c):
 * conditional requests (If-None-Match, If-Modified-Since), caching headers,
 * and sending text or bytes that are not JSON.
 */
#ifndef NOTIF_PUBLIC_HTTP_H
#define NOTIF_PUBLIC_HTTP_H

#include <stddef.h>
#include <time.h>

#include <ulfius.h>

#include "common/service.h"
#include "notification/public.h"

/* The public settings of the running service (borrowed for its life). */
const struct public_settings *public_settings_of(const struct oc_service *svc);

/*
 * 1 when the request's validators match: If-None-Match lists etag (or "*"),
 * or, without If-None-Match, If-Modified-Since is at or after modified
 * (seconds since the epoch; 0 means unknown and never matches).
 */
int public_not_modified(const struct _u_request *req, const char *etag, time_t modified);

/*
 * Sets ETag, Last-Modified (when modified is not 0) and Cache-Control
 * "public, max-age=max_age" on resp.
 */
void public_validators(struct _u_response *resp, const char *etag, time_t modified, int max_age);

/* Sends 304 Not Modified with no body. Returns U_CALLBACK_COMPLETE. */
int public_send_304(struct _u_response *resp);

/* Sends len bytes of body (copied) with status and Content-Type. Returns U_CALLBACK_COMPLETE. */
int public_send(struct _u_response *resp, unsigned int status, const char *type, const void *body,
                size_t len);

#endif
