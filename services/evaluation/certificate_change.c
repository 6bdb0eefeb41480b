#include "evaluation/certificate_change.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/date.h"
#include "common/db.h"
#include "common/log.h"
#include "evaluation/certificate_events.h"
#include "evaluation/certificate_settings.h"
#include "evaluation/certificate_store.h"

enum oc_err certificate_today(const struct oc_service *svc, long *day, char *day_text, char *detail,
                              size_t detaillen)
{
    char err[512];
    if (oc_clock_today(svc->cfg.clock_file, day, err, sizeof(err)) != 0) {
        oc_log(OC_LOG_ERROR, "%s", err);
        snprintf(detail, detaillen, "the service's clock cannot be read; try again later");
        return OC_UNAVAILABLE;
    }
    oc_day_format(*day, day_text, 11);
    return OC_OK;
}

/* Sets out to one field error and a detail; returns rc. */
static enum oc_err field_error(struct oc_write_result *out, enum oc_err rc, const char *field,
                               const char *code, const char *message)
{
    return oc_write_refuse(out, rc, NULL, field, code, message);
}

/* ---- issue ---------------------------------------------------------------------------------- */

/*
 * Checks the recognition's members, issued_on against today and whether it
 * must carry its printed number; fills out on failure.
 */
static enum oc_err issue_check_fields(const struct certificate_fields *f, const char *start,
                                      long today, const char *today_text,
                                      struct oc_write_result *out)
{
    struct oc_v v;
    long issued;
    json_t *none = json_object();
    oc_v_init(&v, none);
    if (certificate_fields_check(&v, f) && oc_date_read(f->issued_on, &issued) && issued > today)
        oc_v_error(&v, "issued_on", "future", "must not be after today (%s)", today_text);
    const char *why = certificate_number_required(f->level, f->issued_on, start);
    if (f->number == NULL && why != NULL && strcmp(why, "central") == 0)
        oc_v_error(&v, "number", "required",
                   "a central recognition keeps the number the central decision gives it: the "
                   "provincial pattern never numbers it");
    else if (f->number == NULL && why != NULL)
        oc_v_error(&v, "number", "required",
                   "a certificate issued before the platform's start (%s) keeps its printed "
                   "number",
                   start);
    int ok = oc_v_ok(&v);
    if (!ok) {
        out->errors = oc_v_take_errors(&v);
        snprintf(out->detail, sizeof(out->detail), "the certificate is not valid");
    }
    oc_v_clean(&v);
    json_decref(none);
    return ok ? OC_OK : OC_INVALID;
}

/* Checks the rule set: known, confirmed, in force if asked, and the level recognises the stars. */
static enum oc_err issue_check_rule(PGconn *conn, const struct certificate_issue *in,
                                    struct certificate_rule *rule, struct oc_write_result *out)
{
    const struct certificate_fields *f = in->fields;
    char msg[256];
    enum oc_err rc =
        certificate_store_rule(conn, f->rule_set, f->stars, f->level, f->issued_on, rule);
    if (rc == OC_NOT_FOUND)
        return field_error(out, OC_INVALID, "rule_set", "not_found", "no rule set has this id");
    if (rc != OC_OK)
        return rc;
    if (!rule->confirmed)
        return field_error(out, OC_INVALID, "rule_set", "unconfirmed",
                           "this rule set is not confirmed: nothing is decided under it");
    if (in->require_in_force && !rule->in_force) {
        snprintf(msg, sizeof(msg), "was not in force on issued_on %s (in force from %s to %s)",
                 f->issued_on, rule->from, rule->to[0] ? rule->to : "today");
        return field_error(out, OC_INVALID, "rule_set", "not_in_force", msg);
    }
    if (!rule->recognises) {
        snprintf(msg, sizeof(msg), "under %s the %s level does not recognise %lld stars",
                 f->rule_set, f->level, f->stars);
        return field_error(out, OC_INVALID, "level", "not_recognising", msg);
    }
    return OC_OK;
}

/*
 * A number is taken by certificate taken (its view): OC_CONFLICT naming the
 * clash in out (field number, code taken, the other certificate's id).
 */
static enum oc_err number_taken(const char *number, const json_t *taken,
                                struct oc_write_result *out)
{
    const json_t *product = json_object_get(taken, "product");
    char msg[512];
    snprintf(msg, sizeof(msg),
             "certificate number %s is already certificate %s of product %s (decision %s of %s)",
             number, json_string_value(json_object_get(taken, "id")),
             json_string_value(json_object_get(product, "code")),
             json_string_value(json_object_get(taken, "decision_number")),
             json_string_value(json_object_get(taken, "issued_on")));
    json_decref(out->errors);
    out->errors = json_pack("[{s:s,s:s,s:s,s:O}]", "field", "number", "code", "taken", "message",
                            msg, "certificate_id", json_object_get(taken, "id"));
    snprintf(out->detail, sizeof(out->detail), "%.250s", msg);
    return OC_CONFLICT;
}

/*
 * The number of the new certificate into number: the printed one when given
 * (OC_CONFLICT when another certificate has it), else the next of the
 * pattern's sequence for its year (*seq), passing over numbers a printed
 * certificate already holds.
 */
static enum oc_err issue_number(PGconn *conn, struct oc_service *svc,
                                const struct certificate_fields *f, char *number, size_t len,
                                long *seq, struct oc_write_result *out)
{
    const struct certificate_settings *s = certificate_settings_of(svc);
    int year = (int)strtol(f->issued_on, NULL, 10);
    json_t *taken = NULL;
    enum oc_err rc;
    *seq = 0;
    if (f->number != NULL) {
        snprintf(number, len, "%s", f->number);
        rc = certificate_store_by_number(conn, number, &taken);
        if (rc == OC_OK)
            rc = number_taken(number, taken, out);
        json_decref(taken);
        return rc == OC_NOT_FOUND ? OC_OK : rc;
    }
    for (int tries = 0; tries < 1000; tries++) {
        rc = certificate_store_next_number(conn, year, seq);
        if (rc != OC_OK)
            return rc;
        if (certificate_number_format(number, len, s->number_pattern, s->agency, year, *seq,
                                      (int)f->stars) != 0)
            return OC_INTERNAL;
        rc = certificate_store_by_number(conn, number, &taken);
        json_decref(taken);
        taken = NULL;
        if (rc != OC_OK)
            return rc == OC_NOT_FOUND ? OC_OK : rc;
    }
    snprintf(out->detail, sizeof(out->detail),
             "the pattern's numbers for %d are all taken; check OCOP_CERTIFICATE_NUMBER_PATTERN",
             year);
    return OC_CONFLICT;
}

/* Inserts the certificate with its number; *view is its view (caller owns). */
static enum oc_err issue_insert(PGconn *conn, struct oc_service *svc,
                                const struct certificate_issue *in, long months, long today,
                                json_t **view, struct oc_write_result *out)
{
    const struct certificate_fields *f = in->fields;
    long issued, seq;
    char expires_on[11], number[CERTIFICATE_NUMBER_BYTES];
    oc_date_read(f->issued_on, &issued);
    long expires = certificate_expiry(issued, months);
    oc_day_format(expires, expires_on, sizeof(expires_on));
    int year = (int)strtol(f->issued_on, NULL, 10);
    enum oc_err rc = issue_number(conn, svc, f, number, sizeof(number), &seq, out);
    if (rc != OC_OK)
        return rc;
    struct certificate_row row = {f,    number, expires_on, expires < today ? "expired" : "valid",
                                  year, seq};
    rc = certificate_store_insert(conn, &row, view);
    if (rc == OC_CONFLICT && strcmp(oc_db_last_constraint(), "certificates_decision_unique") == 0)
        snprintf(out->detail, sizeof(out->detail),
                 "the product already has a certificate of decision %s", f->decision_number);
    else if (rc == OC_CONFLICT)
        snprintf(out->detail, sizeof(out->detail),
                 "certificate number %.100s is taken (%.60s); check "
                 "OCOP_CERTIFICATE_NUMBER_PATTERN",
                 number, oc_db_last_constraint());
    return rc;
}

/* Records the new certificate's history: issued valid, and expired at once when past its end. */
static enum oc_err issue_history(PGconn *conn, const struct certificate_issue *in,
                                 const json_t *view, const char *today)
{
    const char *id = json_string_value(json_object_get(view, "id"));
    const char *status = json_string_value(json_object_get(view, "status"));
    char reason[160];
    struct certificate_why why = {
        in->actor, NULL, NULL, in->fields->decision_number, in->fields->issued_on, NULL, NULL};
    if (in->fields->result_id != NULL) {
        why.cause_type = "result";
        why.cause_id = in->fields->result_id;
    }
    enum oc_err rc = certificate_store_history(conn, id, NULL, "valid", today, &why);
    if (rc != OC_OK || strcmp(status, "expired") != 0)
        return rc;
    snprintf(reason, sizeof(reason), "in force through %s, before it was recorded on %s",
             json_string_value(json_object_get(view, "expires_on")), today);
    struct certificate_why expiry = {"evaluation", reason, NULL, NULL, NULL, NULL, NULL};
    return certificate_store_history(conn, id, "valid", "expired", today, &expiry);
}

/*
 * Records and announces that the new certificate (view) superseded the
 * product's certificate cur, whose status was set to superseded before the
 * new one was inserted (one current certificate per product).
 */
static enum oc_err issue_supersede(PGconn *conn, struct oc_service *svc,
                                   const struct certificate_issue *in,
                                   const struct certificate_current *cur, const json_t *view,
                                   const char *today, const char *traceparent)
{
    char reason[256];
    json_t *old = NULL;
    const char *id = json_string_value(json_object_get(view, "id"));
    snprintf(reason, sizeof(reason), "superseded by certificate %s (decision %s of %s)",
             json_string_value(json_object_get(view, "number")), in->fields->decision_number,
             in->fields->issued_on);
    struct certificate_why why = {in->actor, reason, NULL, NULL, NULL, "certificate", id};
    enum oc_err rc =
        certificate_store_history(conn, cur->id, cur->status, "superseded", today, &why);
    if (rc == OC_OK)
        rc = certificate_store_lock(conn, cur->id, &old);
    /* After certificate.issued: both events share the transaction's ce_time, and a consumer
     * keeping the newest certificate event per product applies the first one it reads. */
    if (rc == OC_OK)
        rc = certificate_emit_changed(conn, svc, old, cur->status, &why, today, traceparent);
    json_decref(old);
    return rc;
}

/*
 * Locks the product and finds its current certificate (cur); a recognition
 * not newer than the current certificate is refused.
 */
static enum oc_err issue_check_product(PGconn *conn, const struct certificate_fields *f,
                                       struct certificate_current *cur, struct oc_write_result *out)
{
    char code[128];
    enum oc_err rc = certificate_store_product_lock(conn, f->product_id, code, sizeof(code));
    if (rc == OC_NOT_FOUND)
        return field_error(out, rc, "product_id", "not_found", "no product has this id");
    if (rc == OC_OK)
        rc = certificate_store_current(conn, f->product_id, cur);
    if (rc == OC_OK && cur->found && strcmp(cur->issued_on, f->issued_on) >= 0) {
        char msg[512];
        snprintf(msg, sizeof(msg),
                 "the product's current certificate %s was issued on %s, not before %s: record "
                 "certificates in the order they were issued",
                 cur->number, cur->issued_on, f->issued_on);
        return field_error(out, OC_CONFLICT, "issued_on", "order", msg);
    }
    return rc;
}

enum oc_err certificate_issue(PGconn *conn, struct oc_service *svc,
                              const struct certificate_issue *in, const char *traceparent,
                              struct oc_write_result *out)
{
    struct certificate_rule rule;
    struct certificate_current cur = {0};
    char today_text[11];
    long today;
    json_t *view = NULL, *old = NULL;
    enum oc_err rc = certificate_today(svc, &today, today_text, out->detail, sizeof(out->detail));
    if (rc == OC_OK)
        rc = issue_check_fields(in->fields, certificate_settings_of(svc)->platform_start, today,
                                today_text, out);
    if (rc == OC_OK)
        rc = issue_check_product(conn, in->fields, &cur, out);
    if (rc == OC_OK)
        rc = issue_check_rule(conn, in, &rule, out);
    /* the current certificate stops being current before the new one is inserted */
    if (rc == OC_OK && cur.found)
        rc = certificate_store_set_status(conn, cur.id, "superseded", &old);
    if (rc == OC_OK)
        rc = issue_insert(conn, svc, in, rule.months, today, &view, out);
    if (rc == OC_OK)
        rc = issue_history(conn, in, view, today_text);
    if (rc == OC_OK)
        rc = certificate_emit_issued(conn, svc, view, cur.found ? cur.id : NULL, in->actor,
                                     traceparent);
    if (rc == OC_OK && cur.found)
        rc = issue_supersede(conn, svc, in, &cur, view, today_text, traceparent);
    if (rc == OC_OK)
        rc =
            certificate_store_get(conn, json_string_value(json_object_get(view, "id")), &out->view);
    json_decref(old);
    json_decref(view);
    return rc;
}

/* ---- moves ---------------------------------------------------------------------------------- */

/* Resolves the target of m from status from; returns OC_CONFLICT with detail when refused. */
static enum oc_err move_target(PGconn *conn, const struct certificate_move *m, const char *id,
                               const char *from, const char **to, struct oc_write_result *out)
{
    *to = m->to;
    if (strcmp(m->to, CERTIFICATE_REINSTATED) == 0) {
        int sent = 0;
        if (strcmp(from, "suspended") != 0) {
            snprintf(out->detail, sizeof(out->detail),
                     "only a suspended certificate can be reinstated; this one is %s", from);
            return OC_CONFLICT;
        }
        enum oc_err rc = certificate_store_notice_sent(conn, id, &sent);
        if (rc != OC_OK)
            return rc;
        *to = certificate_reinstated_status(sent);
    }
    const char *problem =
        strcmp(*to, "revoked") == 0 ? certificate_revocation_problem(from, m->why->grounds) : NULL;
    if (certificate_transition_ok(from, *to) && problem != NULL)
        return field_error(out, OC_CONFLICT, "grounds", "not_applicable", problem);
    if (certificate_transition_ok(from, *to))
        return OC_OK;
    if (certificate_is_final(from))
        snprintf(out->detail, sizeof(out->detail), "the certificate is %s, which is final", from);
    else
        snprintf(out->detail, sizeof(out->detail), "a %s certificate cannot become %s", from, *to);
    return OC_CONFLICT;
}

/* decided_on must lie between the certificate's issue and today. */
static enum oc_err move_check_date(const struct certificate_why *why, const json_t *view,
                                   const char *today, struct oc_write_result *out)
{
    char msg[160];
    const char *issued_on = json_string_value(json_object_get(view, "issued_on"));
    if (why->decided_on == NULL)
        return OC_OK;
    if (strcmp(why->decided_on, today) > 0) {
        snprintf(msg, sizeof(msg), "must not be after today (%s)", today);
        return field_error(out, OC_INVALID, "decided_on", "future", msg);
    }
    if (strcmp(why->decided_on, issued_on) < 0) {
        snprintf(msg, sizeof(msg), "must not be before the certificate's issued_on (%s)",
                 issued_on);
        return field_error(out, OC_INVALID, "decided_on", "order", msg);
    }
    return OC_OK;
}

enum oc_err certificate_move(PGconn *conn, struct oc_service *svc, const struct certificate_move *m,
                             const char *traceparent, struct oc_write_result *out)
{
    json_t *before = NULL, *after = NULL;
    char today[11];
    long day;
    const char *to = NULL;
    enum oc_err rc = certificate_today(svc, &day, today, out->detail, sizeof(out->detail));
    if (rc == OC_OK)
        rc = certificate_store_lock(conn, m->id, &before);
    if (rc == OC_NOT_FOUND)
        snprintf(out->detail, sizeof(out->detail), "no certificate has this id");
    const char *from = json_string_value(json_object_get(before, "status"));
    if (rc == OC_OK && m->version >= 0 &&
        json_integer_value(json_object_get(before, "version")) != m->version) {
        rc = oc_write_stale(out, "certificate", m->version);
    }
    if (rc == OC_OK)
        rc = move_target(conn, m, m->id, from, &to, out);
    if (rc == OC_OK)
        rc = move_check_date(m->why, before, today, out);
    if (rc == OC_OK)
        rc = certificate_store_set_status(conn, m->id, to, &after);
    if (rc == OC_OK)
        rc = certificate_store_history(conn, m->id, from, to, today, m->why);
    if (rc == OC_OK)
        rc = certificate_emit_changed(conn, svc, after, from, m->why, today, traceparent);
    if (rc == OC_OK)
        rc = certificate_store_get(conn, m->id, &out->view);
    json_decref(before);
    json_decref(after);
    return rc;
}
