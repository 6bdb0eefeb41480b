/*
 * HTTP helpers shared by every handler: JSON and problem+json responses
 * (RFC 9457), request-body parsing, pagination cursors, ETags and
 * Idempotency-Key replay. Handlers stay adapters: unpack, call the domain,
 * store, respond.
 */
#ifndef OC_HTTP_H
#define OC_HTTP_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>
#include <ulfius.h>

#include "common/err.h"

#define OC_LIST_LIMIT_DEFAULT 50
#define OC_LIST_LIMIT_MAX     200

/* Sends body (stolen) as application/json with status. Returns U_CALLBACK_COMPLETE. */
int oc_http_json(struct _u_response *resp, unsigned int status, json_t *body);

/* Field errors a problem lists at most; the rest are counted in "errors_omitted". */
#define OC_PROBLEM_ERRORS_MAX 50

/*
 * The application/problem+json text for err with an optional detail and an
 * optional array of field errors (stolen; cut to OC_PROBLEM_ERRORS_MAX).
 * Caller frees the text.
 */
char *oc_http_problem_text(enum oc_err err, const char *detail, json_t *errors);

/*
 * Sends an application/problem+json response for err with an optional detail
 * and an optional array of field errors (stolen). Returns U_CALLBACK_COMPLETE.
 */
int oc_http_problem(struct _u_response *resp, enum oc_err err, const char *detail, json_t *errors);

/*
 * Parses the request body as a JSON object. Returns OC_OK with *out owned by
 * the caller, OC_MEDIA_TYPE when Content-Type is not application/json, or
 * OC_BAD_REQUEST for malformed JSON, with a message in detail.
 */
enum oc_err oc_http_body(const struct _u_request *req, json_t **out, char *detail,
                         size_t detail_len);

/*
 * Reads "limit" (1..OC_LIST_LIMIT_MAX, default OC_LIST_LIMIT_DEFAULT) and an
 * optional opaque "cursor" (decoded JSON object, owned by the caller, NULL when
 * absent). Bad values are appended to errors.
 */
void oc_http_page_params(const struct _u_request *req, int *limit, json_t **cursor, json_t *errors);

/* Encodes a cursor object as an opaque URL-safe string (caller frees). */
char *oc_cursor_encode(const json_t *cursor);

/* Decodes an opaque cursor; NULL when it is not one of ours. */
json_t *oc_cursor_decode(const char *text);

/* Sets the ETag header for a row version. */
void oc_http_etag(struct _u_response *resp, long long version);

/*
 * Reads If-Match as one of our ETags ("N") into *version. Returns OC_OK,
 * OC_PRECONDITION_REQUIRED when the header is absent, or OC_PRECONDITION when
 * it is not an ETag this service issues (it can then never match).
 */
enum oc_err oc_http_if_match(const struct _u_request *req, long long *version);

/* Returns the request's W3C traceparent header when well-formed, else NULL. Borrowed. */
const char *oc_http_traceparent(const struct _u_request *req);
#endif
