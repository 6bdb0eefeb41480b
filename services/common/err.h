/*
 * The one error table of the platform. Each entry yields an enum constant, the
 * HTTP status it maps to and a short title for problem+json responses.
 * A model for any list the code keeps: one X-macro table, every use derived
 * from it (style.md, "Our own models"); config.c's settings table is its twin.
 */
#ifndef OC_ERR_H
#define OC_ERR_H

#include <stddef.h>

#define OC_ERR_MAP(XX)                                                                             \
    XX(OK, 200, "ok")                                                                              \
    XX(INVALID, 422, "invalid input")                                                              \
    XX(BAD_REQUEST, 400, "malformed request")                                                      \
    XX(UNAUTHORIZED, 401, "unauthorized")                                                          \
    XX(FORBIDDEN, 403, "forbidden")                                                                \
    XX(NOT_FOUND, 404, "not found")                                                                \
    XX(METHOD, 405, "method not allowed")                                                          \
    XX(CONFLICT, 409, "conflict")                                                                  \
    XX(PRECONDITION, 412, "precondition failed")                                                   \
    XX(TOO_LARGE, 413, "request body too large")                                                   \
    XX(MEDIA_TYPE, 415, "unsupported media type")                                                  \
    XX(HEADERS_TOO_LARGE, 431, "request header fields too large")                                  \
    XX(RATE_LIMITED, 429, "too many requests")                                                     \
    XX(PRECONDITION_REQUIRED, 428, "precondition required")                                        \
    XX(IDEMPOTENCY, 422, "idempotency key reused with a different request")                        \
    XX(DB, 503, "database unavailable")                                                            \
    XX(UNAVAILABLE, 503, "service unavailable")                                                    \
    XX(OVERLOADED, 503, "service overloaded")                                                      \
    XX(INTERNAL, 500, "internal error")

enum oc_err {
#define XX(name, status, text) OC_##name,
    OC_ERR_MAP(XX)
#undef XX
};

/* HTTP status for an error; 500 for an unknown value. */
unsigned int oc_err_status(enum oc_err err);

/* Static title for an error; never NULL. */
const char *oc_err_title(enum oc_err err);

/* Stable machine name of an error ("NOT_FOUND"); never NULL. */
const char *oc_err_name(enum oc_err err);

/*
 * Writes why a check failed into msg (len bytes, truncated) and returns 0, so
 * that a pure check can end with "return oc_say(msg, len, ...)".
 */
int oc_say(char *msg, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
