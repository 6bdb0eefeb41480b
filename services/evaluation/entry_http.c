/* Entries of a round, members' score sheets, and the result that finalises an entry. */
#include <stdio.h>
#include <string.h>

#include "common/auth.h"
#include "common/http.h"
#include "common/outbox.h"
#include "common/read.h"
#include "common/write.h"
#include "evaluation/certificate_change.h"
#include "evaluation/certificate_grant.h"
#include "evaluation/entry.h"
#include "evaluation/entry_events.h"
#include "evaluation/entry_store.h"
#include "evaluation/evidence_store.h"
#include "evaluation/handlers.h"
#include "evaluation/result.h"
#include "evaluation/round.h"
#include "evaluation/round_store.h"
#include "evaluation/sheet.h"

/* ---- entries ------------------------------------------------------------------------------ */

struct entry_req {
    const char *round_id;
    struct entry_input entry;
};

/* The body, and the caller as the one who enters the application. */
OC_PARSER_ACTOR(entry_parse, entry_from_json, struct entry_input);

static enum oc_err entry_create(PGconn *conn, const void *input, struct oc_service *svc,
                                const char *traceparent, struct oc_write_result *out)
{
    (void)svc;
    (void)traceparent;
    const struct entry_req *e = input;
    struct entry_refusal why = {NULL, ""};
    char status[16];
    long long version;
    enum oc_err rc = round_store_lock(conn, e->round_id, status, &version);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no round has this id");
    if (rc == OC_OK && !round_takes_entries(status, out->detail, sizeof(out->detail)))
        return OC_CONFLICT;
    if (rc == OC_OK)
        rc = entry_store_insert(conn, e->round_id, &e->entry, &out->view, &why);
    if ((rc == OC_INVALID || rc == OC_CONFLICT) && why.problem[0] != '\0') {
        snprintf(out->detail, sizeof(out->detail), "%s",
                 why.field != NULL ? "the entry is not valid" : why.problem);
        if (why.field != NULL)
            out->errors = json_pack("[{s:s,s:s,s:s}]", "field", why.field, "code", "not_found",
                                    "message", why.problem);
    }
    return rc;
}

int entry_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, "/v1/entries/"};
    struct entry_req e;
    memset(&e, 0, sizeof(e));
    e.round_id = u_map_get(req->map_url, "id");
    if (!oc_uuid_ok(e.round_id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no round has this id", NULL);
    return oc_write_json(req, resp, svc, &spec, entry_parse, &e.entry, "entry", entry_create, &e);
}

/*
 * An entry as GET shows it: until the entry is finalised, its market evidence
 * is the product's linkages as they are now (the council sees them while
 * scoring); the result keeps the evidence as it was when finalised.
 */
enum oc_err entry_get_live(PGconn *conn, const char *id, json_t **out)
{
    json_t *evidence = NULL;
    enum oc_err rc = entry_store_get(conn, id, out);
    if (rc != OC_OK || !json_is_null(json_object_get(*out, "market_evidence")))
        return rc;
    const char *product =
        json_string_value(json_object_get(json_object_get(*out, "product"), "id"));
    rc = evidence_store_for_product(conn, product, &evidence);
    if (rc == OC_OK)
        json_object_set_new(*out, "market_evidence", evidence);
    return rc;
}

static const char *const entry_statuses[] = {"entered", "withdrawn", "finalised", NULL};

int entry_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    const char *f[4];
    json_t *errors = json_array();
    f[0] = u_map_get(req->map_url, "id"); /* a round's entries, or NULL on /v1/entries */
    if (f[0] != NULL && !oc_uuid_ok(f[0])) {
        json_decref(errors);
        return oc_http_problem(resp, OC_NOT_FOUND, "no round has this id", NULL);
    }
    if (f[0] == NULL)
        f[0] = oc_query_uuid(req, "round_id", errors);
    f[1] = oc_query_uuid(req, "application_id", errors);
    f[2] = oc_query_uuid(req, "product_id", errors);
    f[3] = oc_query_enum(req, "status", entry_statuses, errors);
    return oc_list_serve(req, resp, svc, errors, entry_store_list, f);
}

/* ---- withdrawal -------------------------------------------------------------------------- */

struct withdrawal_req {
    const char *entry_id;
    struct entry_withdrawal w;
};

/* The body, and the caller as the one who withdraws the entry. */
OC_PARSER_ACTOR(withdrawal_parse, withdrawal_from_json, struct entry_withdrawal);

static enum oc_err entry_withdraw(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    (void)svc;
    (void)traceparent;
    const struct withdrawal_req *w = input;
    struct entry_row row;
    enum oc_err rc = entry_store_lock(conn, w->entry_id, &row);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no entry has this id");
    if (rc == OC_OK && !entry_withdrawable(row.status, out->detail, sizeof(out->detail)))
        return OC_CONFLICT;
    if (rc == OC_OK)
        rc = entry_store_withdraw(conn, w->entry_id, &w->w);
    return rc == OC_OK ? entry_store_get(conn, w->entry_id, &out->view) : rc;
}

int entry_withdrawal_post(const struct _u_request *req, struct _u_response *resp,
                          struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct withdrawal_req w;
    memset(&w, 0, sizeof(w));
    w.entry_id = u_map_get(req->map_url, "id");
    if (!oc_uuid_ok(w.entry_id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no entry has this id", NULL);
    return oc_write_json(req, resp, svc, &spec, withdrawal_parse, &w.w, "withdrawal",
                         entry_withdraw, &w);
}

/* ---- score sheets ------------------------------------------------------------------------- */

struct sheet_req {
    const char *entry_id, *member_id;
    long long version; /* If-Match, or 0 */
    json_t *body;      /* borrowed */
};

static int sheet_parse(struct oc_v *v, void *out)
{
    ((struct sheet_req *)out)->body = v->body;
    return json_is_object(v->body);
}

/* Checks that the member may score this entry now (the secretary where secretary_scores). */
static enum oc_err sheet_allowed(PGconn *conn, const struct sheet_req *s,
                                 const struct entry_row *row, int secretary_scores,
                                 struct oc_write_result *out)
{
    char role[16];
    int conflict = 0;
    long long sheet_version = 0;
    if (!entry_takes_sheets(row->status, row->round_status, out->detail, sizeof(out->detail)))
        return OC_CONFLICT;
    enum oc_err rc = entry_store_member(conn, row, s->member_id, role, &conflict, &sheet_version);
    if (rc != OC_OK)
        return rc;
    if (role[0] == '\0' || !council_role_scores(role, secretary_scores) || conflict) {
        snprintf(out->detail, sizeof(out->detail), "%s",
                 role[0] == '\0' ? "the member is not on the council of the entry's round"
                 : conflict ? "the member declared a conflict of interest with the producer and "
                              "cannot score its products"
                            : "the council's secretary does not score");
        return OC_FORBIDDEN;
    }
    if (sheet_version != 0 && s->version == 0) {
        snprintf(out->detail, sizeof(out->detail),
                 "the member already sent a sheet: send If-Match with its version to replace it");
        return OC_PRECONDITION_REQUIRED;
    }
    if (sheet_version != 0 && s->version != sheet_version) {
        return oc_write_stale(out, "sheet", s->version);
    }
    return OC_OK;
}

static enum oc_err sheet_put_change(PGconn *conn, const void *input, struct oc_service *svc,
                                    const char *traceparent, struct oc_write_result *out)
{
    (void)traceparent;
    const struct sheet_req *s = input;
    struct entry_row row;
    json_t *rule_set = NULL, *criteria = NULL;
    struct sheet_score score = {0};
    struct oc_v v;
    enum oc_err rc = entry_store_lock(conn, s->entry_id, &row);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no entry has this id");
    if (rc == OC_OK)
        rc = sheet_allowed(conn, s, &row, svc->cfg.council_secretary_scores, out);
    if (rc == OC_OK)
        rc = entry_store_rules(conn, &row, &rule_set, &criteria);
    struct rule_set rs;
    if (rc == OC_OK && !result_rules_from_view(rule_set, &rs))
        rc = OC_INTERNAL;
    if (rc == OC_OK && result_level_checks_only(&rs, row.level)) {
        snprintf(out->detail, sizeof(out->detail),
                 "under %s the %s level checks dossiers and proposes; it does not score",
                 row.rule_set, row.level);
        rc = OC_CONFLICT;
    }
    if (rc == OC_OK) {
        oc_v_init(&v, s->body);
        /* a round scored by parts takes part totals whatever the criteria set */
        const json_t *against = strcmp(row.scoring, "parts") == 0 ? NULL : criteria;
        if (!sheet_from_json(&v, against, json_object_get(rule_set, "parts"), &score)) {
            out->errors = oc_v_take_errors(&v);
            snprintf(out->detail, sizeof(out->detail), "the score sheet is not valid");
            rc = OC_INVALID;
        }
        oc_v_clean(&v);
    }
    if (rc == OC_OK)
        rc = entry_store_put_sheet(
            conn, s->entry_id, s->member_id, score.lines, score.parts, score.total,
            json_string_value(json_object_get(s->body, "comment")), &out->view);
    sheet_score_clean(&score);
    json_decref(rule_set);
    json_decref(criteria);
    return rc;
}

int sheet_put(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct sheet_req s;
    memset(&s, 0, sizeof(s));
    s.entry_id = u_map_get(req->map_url, "id");
    s.member_id = u_map_get(req->map_url, "member_id");
    if (!oc_uuid_ok(s.entry_id) || !oc_uuid_ok(s.member_id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no entry or council member has this id", NULL);
    /* A council member writes only its own sheet: the path's member is one of its token's
     * member_ids; sheet_allowed() then checks it sits on the council of the entry's round. */
    if (!oc_principal_has_member(oc_principal(), s.member_id))
        return oc_http_problem(resp, OC_FORBIDDEN, "you may write only your own score sheet", NULL);
    if (u_map_get_case(req->map_header, "If-Match") != NULL &&
        oc_http_if_match(req, &s.version) != OC_OK)
        return oc_http_problem(resp, OC_PRECONDITION, "If-Match is not one of our ETags", NULL);
    return oc_write_json(req, resp, svc, &spec, sheet_parse, &s, "score sheet", sheet_put_change,
                         &s);
}

/* ---- results ------------------------------------------------------------------------------ */

struct result_req {
    const char *entry_id;
    struct result_input decision;
};

/* The body, and the caller as the one who finalises the entry. */
OC_PARSER_ACTOR(result_parse, result_from_json, struct result_input);

/* What a finalisation works with. */
struct finalising {
    struct entry_row row;
    json_t *rule_set, *criteria, *sheets, *failed;
    struct rule_set rs;
    struct result result;
    long quorum;
    int cap_unapplied; /* the mandatory cap not applied (reading unconfirmed); 5: none */
};

static void finalising_clean(struct finalising *f)
{
    json_decref(f->rule_set);
    json_decref(f->criteria);
    json_decref(f->sheets);
    json_decref(f->failed);
}

/* A decision is dated between the round's first day and today. */
static enum oc_err decision_dates(const struct oc_service *svc, const struct result_req *r,
                                  const struct finalising *f, struct oc_write_result *out)
{
    char today[11];
    long day;
    const char *on = r->decision.m[RESULT_DECIDED_ON].s;
    enum oc_err rc = certificate_today(svc, &day, today, out->detail, sizeof(out->detail));
    if (rc != OC_OK || on == NULL)
        return rc;
    char msg[128];
    if (strcmp(on, today) > 0)
        snprintf(msg, sizeof(msg), "lies in the future (today is %s)", today);
    else if (strcmp(on, f->row.starts_on) < 0)
        snprintf(msg, sizeof(msg), "comes before the round's first day (%s)", f->row.starts_on);
    else
        return OC_OK;
    return oc_write_refuse(out, OC_INVALID, "the result is not valid", "decided_on", "order", msg);
}

/* Checks the entry can be finalised now and computes its result into f. */
static enum oc_err result_prepare(PGconn *conn, struct oc_service *svc, const struct result_req *r,
                                  struct finalising *f, struct oc_write_result *out)
{
    enum oc_err rc = entry_store_lock(conn, r->entry_id, &f->row);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no entry has this id");
    if (rc == OC_OK &&
        !entry_finalisable(f->row.status, f->row.round_status, out->detail, sizeof(out->detail)))
        return OC_CONFLICT;
    if (rc == OC_OK)
        rc = entry_store_rules(conn, &f->row, &f->rule_set, &f->criteria);
    if (rc == OC_OK && !result_rules_from_view(f->rule_set, &f->rs))
        rc = OC_INTERNAL;
    if (rc != OC_OK)
        return rc;
    int checks_only = result_level_checks_only(&f->rs, f->row.level);
    if (checks_only != r->decision.m[RESULT_PRECHECK].set) {
        out->errors = json_pack(
            "[{s:s,s:s,s:s}]", "field", "precheck", "code",
            checks_only ? "required" : "not_allowed", "message",
            checks_only
                ? "this level checks dossiers and proposes: say whether the pre-check passed"
                : "this level scores: its result comes from the sheets");
        snprintf(out->detail, sizeof(out->detail), "the result is not valid");
        return OC_INVALID;
    }
    if (checks_only)
        return result_precheck(&f->rs, f->row.level,
                               strcmp(r->decision.m[RESULT_PRECHECK].s, "passed") == 0, &f->result)
                   ? OC_OK
                   : OC_INTERNAL;
    rc = entry_store_counted_sheets(conn, r->entry_id, &f->sheets);
    if (rc != OC_OK)
        return rc;
    size_t n = json_array_size(f->sheets);
    f->quorum =
        round_quorum(f->row.quorum, f->row.scoring_members, svc->cfg.council_quorum_percent);
    if ((long)n < f->quorum) {
        snprintf(out->detail, sizeof(out->detail),
                 "no quorum: %zu of the %ld sheets needed are in (%ld scoring members)", n,
                 f->quorum, f->row.scoring_members);
        return OC_CONFLICT;
    }
    long totals[64];
    const json_t *lines[64];
    if (n > 64)
        return OC_INTERNAL; /* a council is far smaller; the quorum caps it at 50 */
    for (size_t i = 0; i < n; i++) {
        totals[i] =
            (long)json_integer_value(json_object_get(json_array_get(f->sheets, i), "total"));
        lines[i] = json_object_get(json_array_get(f->sheets, i), "lines");
    }
    f->failed = json_array();
    /* by parts there are no criterion lines: nothing to check */
    const json_t *checked = strcmp(f->row.scoring, "parts") == 0 ? NULL : f->criteria;
    int cap = checked != NULL ? result_mandatory_cap(checked, lines, n, f->failed) : 5;
    cap = result_cap_in_force(checked, cap, &f->cap_unapplied);
    if (!result_compute(&f->rs, f->row.level, totals, n, cap, &f->result))
        return OC_INTERNAL;
    result_lower_rating_policy(&f->rs, f->row.level, svc->cfg.council_lower_rating_stands,
                               &f->result);
    rc = decision_dates(svc, r, f, out);
    if (rc != OC_OK)
        return rc;
    if (result_outcome_final(f->result.outcome) && !r->decision.m[RESULT_DECISION_NUMBER].set) {
        return oc_write_refuse(out, OC_INVALID, "the result is not valid", "decision_number",
                               "required",
                               "the result is final here: give the decision's number and date");
    }
    return OC_OK;
}

/* The computation kept with the result. */
static json_t *result_detail(const struct finalising *f, const struct result_input *d)
{
    if (!f->result.scored)
        return json_pack("{s:s,s:s?}", "precheck", d->m[RESULT_PRECHECK].s, "reason",
                         d->m[RESULT_REASON].s);
    json_t *sheets = json_array();
    size_t i;
    const json_t *s;
    json_array_foreach(f->sheets, i, s)
    {
        json_array_append_new(
            sheets, json_pack("{s:O,s:f}", "member_id", json_object_get(s, "member_id"), "total",
                              (double)json_integer_value(json_object_get(s, "total")) / 100.0));
    }
    const json_t *reading = json_object_get(
        json_object_get(json_object_get(f->criteria, "provenance"), "mandatory_reading"),
        "confirmed");
    return json_pack("{s:o,s:i,s:O,s:O,s:o,s:s}", "sheets", sheets, "quorum", (int)f->quorum,
                     "failed_mandatory", f->failed, "mandatory_reading_confirmed",
                     f->criteria != NULL ? (reading != NULL ? reading : json_false()) : json_null(),
                     "mandatory_cap_unapplied",
                     f->cap_unapplied < 5 ? json_integer(f->cap_unapplied) : json_null(), "scoring",
                     f->row.scoring);
}

/* Issues the certificate of a recognised result (3 stars and more). */
static enum oc_err result_certify(PGconn *conn, struct oc_service *svc, const struct result_req *r,
                                  const struct finalising *f, const char *traceparent,
                                  struct oc_write_result *out)
{
    struct certificate_grant g = {f->row.product_id,
                                  f->result.stars,
                                  f->row.rule_set,
                                  f->row.level,
                                  r->decision.m[RESULT_DECISION_NUMBER].s,
                                  r->decision.m[RESULT_DECIDED_ON].s,
                                  f->row.id,
                                  f->row.application_id,
                                  r->decision.actor,
                                  r->decision.m[RESULT_CERTIFICATE_NUMBER].s};
    json_t *cert = NULL;
    enum oc_err rc =
        certificate_grant(conn, svc, &g, traceparent, &cert, out->detail, sizeof(out->detail));
    if (rc == OC_OK)
        rc = entry_store_link_certificate(conn, f->row.id,
                                          json_string_value(json_object_get(cert, "id")));
    json_decref(cert);
    return rc;
}

static enum oc_err result_finalise(PGconn *conn, const void *input, struct oc_service *svc,
                                   const char *traceparent, struct oc_write_result *out)
{
    const struct result_req *r = input;
    struct finalising f;
    memset(&f, 0, sizeof(f));
    enum oc_err rc = result_prepare(conn, svc, r, &f, out);
    json_t *detail = rc == OC_OK ? result_detail(&f, &r->decision) : NULL;
    json_t *evidence = NULL;
    if (rc == OC_OK)
        rc = evidence_store_for_product(conn, f.row.product_id, &evidence);
    if (rc == OC_OK)
        rc = entry_store_finalise(conn, &f.row, &f.result, detail, &r->decision, evidence);
    int recognised = rc == OC_OK && strcmp(f.result.outcome, "recognised") == 0;
    if (recognised && f.result.stars >= 3)
        rc = result_certify(conn, svc, r, &f, traceparent, out);
    if (rc == OC_OK)
        rc = entry_store_get(conn, r->entry_id, &out->view);
    if (rc == OC_OK)
        rc = oc_outbox_add_draft(conn, &svc->emitter, entry_event_result(out->view), traceparent);
    json_decref(detail);
    json_decref(evidence);
    finalising_clean(&f);
    return rc;
}

int result_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct result_req r;
    memset(&r, 0, sizeof(r));
    r.entry_id = u_map_get(req->map_url, "id");
    if (!oc_uuid_ok(r.entry_id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no entry has this id", NULL);
    return oc_write_json(req, resp, svc, &spec, result_parse, &r.decision, "result",
                         result_finalise, &r);
}
