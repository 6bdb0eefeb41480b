/*
 * The one way a service performs a write from HTTP: in one transaction, claim
 * the Idempotency-Key, run the change (which adds its outbox events on the
 * same connection), store the response for replays, commit, respond. Nothing
 * is written when any step fails. A model for every cross-cutting path: one
 * function a handler calls, so a POST handler is a few lines (style.md).
 */
#ifndef OC_WRITE_H
#define OC_WRITE_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>
#include <ulfius.h>

#include "common/auth.h"
#include "common/err.h"
#include "common/service.h"
#include "common/validate.h"

/* What a change reports back. */
struct oc_write_result {
    json_t *view;     /* the resource as the response shows it (owned), on success */
    char detail[256]; /* on failure: what went wrong, for the problem response */
    json_t *errors;   /* on failure: per-field errors (owned), or NULL */
};

/*
 * A change: runs on conn inside the open transaction. Returns OC_OK with
 * out->view set, or an error with out->detail (and maybe out->errors).
 */
typedef enum oc_err (*oc_write_fn)(PGconn *conn, const void *input, struct oc_service *svc,
                                   const char *traceparent, struct oc_write_result *out);

/*
 * A write refused on one member: out->errors becomes [{field, code, message}]
 * (any earlier errors dropped) and out->detail detail (NULL: the message).
 * Returns rc: OC_INVALID for a 422, or another answer that names a member.
 */
enum oc_err oc_write_refuse(struct oc_write_result *out, enum oc_err rc, const char *detail,
                            const char *field, const char *code, const char *message);

/*
 * A write refused because the resource changed since the version the client
 * read (If-Match): out->detail says so, naming what and version. Returns
 * OC_PRECONDITION (412).
 */
enum oc_err oc_write_stale(struct oc_write_result *out, const char *what, long long version);

/* How to answer a successful write. */
struct oc_write_spec {
    unsigned int status;         /* 201 for a create, 200 for an update */
    const char *location_prefix; /* e.g. "/v1/products/": Location = prefix + view.id; or NULL */
};

/* Runs fn for req and sends the response. Returns U_CALLBACK_COMPLETE. */
int oc_write(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
             const struct oc_write_spec *spec, oc_write_fn fn, const void *input);

/* Parses and validates a JSON body; on failure sends the problem and returns 0. */
int oc_write_body(const struct _u_request *req, struct _u_response *resp, json_t **body);

/* Validates the body in v into out (a handler's input struct). Returns 1 when valid. */
typedef int (*oc_parse_fn)(struct oc_v *v, void *out);

/*
 * OC_PARSER(name, fn, type); at file scope defines name, the oc_parse_fn of a
 * typed validator int fn(struct oc_v *v, type *out) that needs no rule of its
 * own: no hand-written thunk, and the compiler checks fn against type. A
 * parser that adds a rule (a role check, the actor) is written out instead.
 */
#define OC_PARSER(name, fn, type)                                                                  \
    static int name(struct oc_v *v, void *out)                                                     \
    {                                                                                              \
        /* type is a type name: it cannot be parenthesised */                                      \
        int (*const typed)(struct oc_v *, type *) = fn; /* NOLINT(bugprone-macro-parentheses) */   \
        return typed(v, out);                                                                      \
    }                                                                                              \
    static int name(struct oc_v *v, void *out)

/*
 * OC_PARSER_ACTOR(name, fn, type); as OC_PARSER for an input that records who
 * asks: after fn, the input's const char *actor member becomes the caller,
 * oc_principal_actor(oc_principal()). A handler passes the input itself as
 * oc_write_json's out (a member of its request record, when it has one).
 */
#define OC_PARSER_ACTOR(name, fn, type)                                                            \
    static int name(struct oc_v *v, void *out)                                                     \
    {                                                                                              \
        /* type is a type name: it cannot be parenthesised */                                      \
        type *const typed = out; /* NOLINT(bugprone-macro-parentheses) */                          \
        int ok = (fn)(v, typed);                                                                   \
        typed->actor = oc_principal_actor(oc_principal());                                         \
        return ok;                                                                                 \
    }                                                                                              \
    static int name(struct oc_v *v, void *out)

/*
 * The whole of a JSON write handler: parses the body, validates it into out
 * with parse (its strings stay borrowed from the body while fn runs), answers
 * 422 "the <what> is not valid" with the field errors, or runs fn on input
 * through oc_write. Returns U_CALLBACK_COMPLETE.
 */
int oc_write_json(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
                  const struct oc_write_spec *spec, oc_parse_fn parse, void *out, const char *what,
                  oc_write_fn fn, const void *input);

/* What a change acts on: the resource id from the path and the version from If-Match. */
struct oc_target {
    const char *id;    /* the path's :id, a UUID */
    long long version; /* the version the client read */
};

/*
 * As oc_write_json for a change to one resource: a malformed :id is 404
 * "no <what> has this id", a missing If-Match 428, a foreign one 412; target
 * is filled before fn runs.
 */
int oc_write_change(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
                    const struct oc_write_spec *spec, oc_parse_fn parse, void *out,
                    const char *what, struct oc_target *target, oc_write_fn fn, const void *input);

#endif
