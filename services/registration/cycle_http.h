/*
 * The cycle's screened records (an idea, a business plan) share one flow:
 * their event as the record now is, and a screening move checked against its
 * rules (roles, reasons, If-Match) and served from POST .../transitions.
 * What differs between them is a struct cycle_kind.
 */
#ifndef REG_CYCLE_HTTP_H
#define REG_CYCLE_HTTP_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>
#include <ulfius.h>

#include "common/err.h"
#include "common/service.h"
#include "common/write.h"
#include "registration/cycle.h"
#include "registration/cycle_store.h"

/* One kind of screened record. */
struct cycle_kind {
    const char *noun;               /* "idea", "business plan": in messages */
    const char *event_type;         /* its status_changed event */
    const struct cycle_rule *rules; /* its moves (cycle.h) */
    const size_t *nrules;           /* entries in rules (a count defined with them) */
    const char *const *statuses;    /* its statuses, NULL-terminated */
    unsigned writers;               /* roles that register and change it (the first held is
                                       recorded) */
    enum cycle_record record;       /* its table set, for the statements the kinds share */
    enum oc_err (*event)(PGconn *conn, const char *id, json_t **data); /* the event's data now */
    enum oc_err (*view)(PGconn *conn, const char *id, json_t **out);   /* its view, in scope */
};

/* A move of one record, with the version the client saw (0: any). */
struct cycle_step {
    struct oc_target target;       /* from the path, and from If-Match (0: any version) */
    const struct cycle_kind *kind; /* what it moves */
    struct cycle_move move;        /* the validated body */
};

/*
 * Checks step s against the locked record (status, version): the version
 * the client saw (412), the move's rule and the caller's roles (409, 403)
 * and its reasons (422). *role gets the role the caller acts as.
 */
enum oc_err cycle_step_check(const struct cycle_kind *k, const struct cycle_step *s,
                             const char *status, long long version, const char **role,
                             struct oc_write_result *out);

/*
 * Records step s of a record of kind k, checked by cycle_step_check from
 * status from (role: the role it gave): a resubmission with no change since
 * the return is refused (409); else the record moves with today as the
 * move's day, its event is added and out->view is its view.
 */
enum oc_err cycle_step_record(PGconn *conn, struct oc_service *svc, const struct cycle_kind *k,
                              const struct cycle_step *s, const char *from, const char *role,
                              const char *today, const char *traceparent,
                              struct oc_write_result *out);

/* Notes changes ({member: {from, to}}, borrowed) in record id's history, by the caller. */
enum oc_err cycle_note_change(PGconn *conn, const struct cycle_kind *k, const char *id,
                              json_t *changes);

/*
 * Serves POST .../{id}/transitions: a UUID id (else 404), an If-Match that
 * is one of our ETags when sent (else 412), a body that is a move among k's
 * statuses (else 422); then fn runs with the struct cycle_step in one write.
 */
int cycle_transition_serve(const struct _u_request *req, struct _u_response *resp,
                           struct oc_service *svc, const struct oc_write_spec *spec,
                           const struct cycle_kind *k, oc_write_fn fn);

#endif
