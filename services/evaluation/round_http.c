/* Councils, their members and conflicts of interest, and rounds with their moves. */
#include <stdio.h>
#include <string.h>

#include "common/auth.h"
#include "common/http.h"
#include "common/outbox.h"
#include "common/read.h"
#include "common/write.h"
#include "evaluation/handlers.h"
#include "evaluation/round.h"
#include "evaluation/round_events.h"
#include "evaluation/round_store.h"
#include "evaluation/rule_set.h"

/* ---- councils ----------------------------------------------------------------------------- */

OC_PARSER(council_parse, council_from_json, struct council_input);

static enum oc_err council_create(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    (void)svc;
    (void)traceparent;
    enum oc_err rc = council_store_insert(conn, input, &out->view);
    if (rc == OC_CONFLICT)
        snprintf(out->detail, sizeof(out->detail), "a council with this decision number exists");
    return rc;
}

int council_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/councils/"};
    struct council_input c;
    memset(&c, 0, sizeof(c));
    return oc_write_json(req, resp, svc, &spec, council_parse, &c, "council", council_create, &c);
}

int council_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct council_filter f;
    json_t *errors = json_array();
    f.level = oc_query_enum(req, "level", rule_set_levels, errors);
    return oc_list_serve(req, resp, svc, errors, council_store_list, &f);
}

/* A member or conflict request: the path's ids and the validated body. */
struct member_req {
    const char *council_id, *member_id;
    struct member_input member;
    struct conflict_input conflict;
};

OC_PARSER(member_parse, member_from_json, struct member_input);

static enum oc_err member_create(PGconn *conn, const void *input, struct oc_service *svc,
                                 const char *traceparent, struct oc_write_result *out)
{
    (void)svc;
    (void)traceparent;
    const struct member_req *m = input;
    enum oc_err rc = council_store_add_member(conn, m->council_id, &m->member, &out->view);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no council has this id");
    if (rc == OC_CONFLICT)
        snprintf(out->detail, sizeof(out->detail), "the council already has a chair");
    return rc;
}

int council_member_post(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, NULL};
    struct member_req m;
    memset(&m, 0, sizeof(m));
    m.council_id = u_map_get(req->map_url, "id");
    if (!oc_uuid_ok(m.council_id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no council has this id", NULL);
    return oc_write_json(req, resp, svc, &spec, member_parse, &m.member, "member", member_create,
                         &m);
}

OC_PARSER(conflict_parse, conflict_from_json, struct conflict_input);

static enum oc_err conflict_create(PGconn *conn, const void *input, struct oc_service *svc,
                                   const char *traceparent, struct oc_write_result *out)
{
    (void)svc;
    (void)traceparent;
    const struct member_req *m = input;
    enum oc_err rc =
        council_store_add_conflict(conn, m->council_id, m->member_id, &m->conflict, &out->view);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "the council has no member with this id");
    if (rc == OC_CONFLICT)
        snprintf(out->detail, sizeof(out->detail),
                 "the member already declared a conflict with this producer");
    if (rc == OC_INVALID) {
        out->errors = json_pack("[{s:s,s:s,s:s}]", "field", "producer_id", "code", "not_found",
                                "message", "no producer has this id in the evaluation's view");
        snprintf(out->detail, sizeof(out->detail), "the declaration is not valid");
    }
    return rc;
}

int council_conflict_post(const struct _u_request *req, struct _u_response *resp,
                          struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, NULL};
    struct member_req m;
    memset(&m, 0, sizeof(m));
    m.council_id = u_map_get(req->map_url, "id");
    m.member_id = u_map_get(req->map_url, "member_id");
    if (!oc_uuid_ok(m.council_id) || !oc_uuid_ok(m.member_id))
        return oc_http_problem(resp, OC_NOT_FOUND, "the council has no member with this id", NULL);
    /* Officers declare for any member; a caller acting only as a council member, for itself. */
    const struct oc_principal *p = oc_principal();
    if (oc_principal_restricted(p, OC_ROLE_PROVINCE_OFFICER | OC_ROLE_ADMIN) &&
        !oc_principal_has_member(p, m.member_id))
        return oc_http_problem(resp, OC_FORBIDDEN,
                               "a council member declares only its own conflicts of interest",
                               NULL);
    return oc_write_json(req, resp, svc, &spec, conflict_parse, &m.conflict, "declaration",
                         conflict_create, &m);
}

/* ---- rounds ------------------------------------------------------------------------------- */

OC_PARSER(round_parse, round_from_json, struct round_input);

static enum oc_err round_create(PGconn *conn, const void *input, struct oc_service *svc,
                                const char *traceparent, struct oc_write_result *out)
{
    (void)svc;
    (void)traceparent;
    const char *field = NULL, *problem = NULL;
    enum oc_err rc = round_store_insert(conn, input, &out->view, &field, &problem);
    if (rc == OC_INVALID && field != NULL) {
        out->errors =
            json_pack("[{s:s,s:s,s:s}]", "field", field, "code", "not_valid", "message", problem);
        snprintf(out->detail, sizeof(out->detail), "the round is not valid");
    }
    if (rc == OC_CONFLICT)
        snprintf(out->detail, sizeof(out->detail),
                 "the council already has a round with this year, level and sequence");
    return rc;
}

int round_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/rounds/"};
    struct round_input r;
    memset(&r, 0, sizeof(r));
    return oc_write_json(req, resp, svc, &spec, round_parse, &r, "round", round_create, &r);
}

int round_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct round_filter f;
    json_t *errors = json_array();
    f.year = oc_query_digits(req, "year", 4, errors);
    f.level = oc_query_enum(req, "level", rule_set_levels, errors);
    f.status = oc_query_enum(req, "status", round_statuses, errors);
    f.council_id = oc_query_uuid(req, "council_id", errors);
    return oc_list_serve(req, resp, svc, errors, round_store_list, &f);
}

/* A move of one round, with the version the client saw (0: any). */
struct round_step {
    const char *id;
    long long version;
    struct round_move move;
};

/* The body, and the caller as the move's actor. */
OC_PARSER_ACTOR(round_move_parse, round_move_from_json, struct round_move);

static enum oc_err round_transition(PGconn *conn, const void *input, struct oc_service *svc,
                                    const char *traceparent, struct oc_write_result *out)
{
    const struct round_step *s = input;
    char status[16];
    long long version = 0;
    long waiting = 0;
    enum oc_err rc = round_store_lock(conn, s->id, status, &version);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no round has this id");
    if (rc != OC_OK)
        return rc;
    if (s->version != 0 && s->version != version) {
        return oc_write_stale(out, "round", s->version);
    }
    if (!round_transition_ok(status, s->move.to)) {
        snprintf(out->detail, sizeof(out->detail),
                 "a round moves planned -> open -> scoring -> closed, or planned/open -> "
                 "cancelled: %s -> %s is not possible",
                 status, s->move.to);
        return OC_CONFLICT;
    }
    if (round_move_waits_for_entries(s->move.to) &&
        (rc = round_store_open_entries(conn, s->id, &waiting)) == OC_OK && waiting > 0) {
        snprintf(out->detail, sizeof(out->detail),
                 "%ld entr%s still wait%s for a result; finalise them first", waiting,
                 waiting == 1 ? "y" : "ies", waiting == 1 ? "s" : "");
        return OC_CONFLICT;
    }
    if (rc == OC_OK)
        rc = round_store_move(conn, s->id, status, &s->move);
    if (rc == OC_OK)
        rc = round_store_get(conn, s->id, &out->view);
    return rc == OC_OK ? oc_outbox_add_draft(conn, &svc->emitter,
                                             round_event_moved(out->view, status), traceparent)
                       : rc;
}

int round_transition_post(const struct _u_request *req, struct _u_response *resp,
                          struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct round_step s;
    memset(&s, 0, sizeof(s));
    s.id = u_map_get(req->map_url, "id");
    if (!oc_uuid_ok(s.id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no round has this id", NULL);
    if (u_map_get_case(req->map_header, "If-Match") != NULL &&
        oc_http_if_match(req, &s.version) != OC_OK)
        return oc_http_problem(resp, OC_PRECONDITION, "If-Match is not one of our ETags", NULL);
    return oc_write_json(req, resp, svc, &spec, round_move_parse, &s.move, "transition",
                         round_transition, &s);
}
