/*
 * POST /v1/certificates/imports: a province's list of certificates as CSV
 * (certificate_import.h), loaded in one transaction. Every line goes through
 * certificate_issue() as POST /v1/certificates would (same checks, same
 * certificate.issued events), oldest issued_on first so that a product's
 * certificates supersede one another in order. A line already loaded
 * identically is "unchanged"; every problem of every line is reported, and
 * then nothing is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/alloc.h"
#include "common/auth.h"
#include "common/http.h"
#include "common/write.h"
#include "evaluation/certificate_change.h"
#include "evaluation/certificate_import.h"
#include "evaluation/certificate_store.h"
#include "evaluation/handlers.h"

/* What the transaction works on. */
struct import_request {
    struct certificate_import imp; /* the parsed list */
    const char *actor;             /* the caller's subject */
    json_t **report;               /* set to every problem found (owned by the handler) */
};

/* What happened to each line (by index in imp.rows). */
struct import_run {
    json_t *errors;   /* every problem (owned) */
    json_t **done;    /* per row: {line, outcome, id, number}, or NULL (owned) */
    size_t created;   /* lines issued now */
    size_t unchanged; /* lines found already loaded */
};

/*
 * Looks for the row's certificate among those loaded: by its number, else by
 * the product's decision. Sets *existing (caller owns) when found; a
 * different certificate there is a line error (returns OC_CONFLICT).
 */
static enum oc_err import_existing(PGconn *conn, const struct certificate_import_row *row,
                                   const struct certificate_fields *f, json_t **existing,
                                   json_t *errors)
{
    json_t *view = NULL;
    enum oc_err rc =
        f->number != NULL ? certificate_store_by_number(conn, f->number, &view) : OC_NOT_FOUND;
    const char *column = "number";
    if (rc == OC_NOT_FOUND) {
        rc = certificate_store_by_decision(conn, f->product_id, f->decision_number, &view);
        column = "decision_number";
    }
    if (rc == OC_NOT_FOUND)
        return OC_OK;
    if (rc != OC_OK)
        return rc;
    if (certificate_import_same(view, f)) {
        *existing = view;
        return OC_OK;
    }
    certificate_import_error(
        errors, row->line, column, "conflict",
        "certificate %s (%s, product %s, decision %s of %s, %lld stars) is already loaded and "
        "differs from this line",
        json_string_value(json_object_get(view, "number")),
        json_string_value(json_object_get(view, "id")),
        json_string_value(json_object_get(json_object_get(view, "product"), "code")),
        json_string_value(json_object_get(view, "decision_number")),
        json_string_value(json_object_get(view, "issued_on")),
        (long long)json_integer_value(json_object_get(view, "stars")));
    json_decref(view);
    return OC_CONFLICT;
}

/* The problems certificate_issue() found with one line, named by column. */
static void import_issue_errors(const struct certificate_import_row *row,
                                const struct oc_write_result *out, json_t *errors)
{
    if (json_array_size(out->errors) == 0) {
        certificate_import_error(errors, row->line, "", "refused", "%s",
                                 out->detail[0] ? out->detail : "the certificate was refused");
        return;
    }
    for (size_t i = 0; i < json_array_size(out->errors); i++) {
        const json_t *e = json_array_get(out->errors, i);
        certificate_import_error(
            errors, row->line,
            certificate_import_column(json_string_value(json_object_get(e, "field"))),
            json_string_value(json_object_get(e, "code")), "%s",
            json_string_value(json_object_get(e, "message")));
    }
}

/* Loads one well-formed row under a savepoint; *done is what happened to it. */
static enum oc_err import_row(PGconn *conn, struct oc_service *svc,
                              const struct import_request *req,
                              const struct certificate_import_row *row, const char *traceparent,
                              json_t **done, struct import_run *run)
{
    char product_id[37];
    struct certificate_fields f = row->fields;
    json_t *existing = NULL;
    enum oc_err rc = OC_OK;
    if (f.product_id == NULL) {
        rc = certificate_store_product_by_code(conn, row->product_code, product_id,
                                               sizeof(product_id));
        if (rc == OC_NOT_FOUND) {
            certificate_import_error(run->errors, row->line, "product", "not_found",
                                     "no product has the code %s", row->product_code);
            return OC_OK;
        }
        f.product_id = product_id;
    }
    if (rc == OC_OK)
        rc = import_existing(conn, row, &f, &existing, run->errors);
    if (rc == OC_CONFLICT)
        return OC_OK;
    if (rc == OC_OK && existing != NULL) {
        *done = json_pack("{s:I,s:s,s:O,s:O}", "line", (json_int_t)row->line, "outcome",
                          "unchanged", "id", json_object_get(existing, "id"), "number",
                          json_object_get(existing, "number"));
        run->unchanged++;
        json_decref(existing);
        return OC_OK;
    }
    if (rc == OC_OK)
        rc = certificate_store_savepoint(conn);
    if (rc != OC_OK)
        return rc;
    struct certificate_issue in = {&f, req->actor, 1};
    struct oc_write_result out = {NULL, "", NULL};
    rc = certificate_issue(conn, svc, &in, traceparent, &out);
    int db_failed = rc == OC_DB || rc == OC_UNAVAILABLE || rc == OC_OVERLOADED || rc == OC_INTERNAL;
    if (rc != OC_OK && !db_failed)
        import_issue_errors(row, &out, run->errors);
    int ok = rc == OC_OK && certificate_import_agrees(row, out.view, run->errors);
    if (ok) {
        rc = certificate_store_release_savepoint(conn);
        *done = json_pack("{s:I,s:s,s:O,s:O}", "line", (json_int_t)row->line, "outcome", "created",
                          "id", json_object_get(out.view, "id"), "number",
                          json_object_get(out.view, "number"));
        run->created++;
    } else if (!db_failed) {
        certificate_store_rollback_to_savepoint(conn);
        rc = OC_OK;
    }
    json_decref(out.view);
    json_decref(out.errors);
    return rc;
}

static enum oc_err import_load(PGconn *conn, const void *input, struct oc_service *svc,
                               const char *traceparent, struct oc_write_result *out)
{
    const struct import_request *req = input;
    const struct certificate_import *imp = &req->imp;
    struct import_run run = {json_deep_copy(imp->errors), oc_xcalloc(imp->n + 1, sizeof(json_t *)),
                             0, 0};
    const struct certificate_import_row **order = oc_xcalloc(imp->n + 1, sizeof(*order));
    size_t n = 0;
    enum oc_err rc = OC_OK;
    for (size_t i = 0; i < imp->n; i++)
        if (imp->rows[i].ok)
            order[n++] = &imp->rows[i];
    certificate_import_order(order, n);
    for (size_t i = 0; rc == OC_OK && i < n; i++)
        rc = import_row(conn, svc, req, order[i], traceparent, &run.done[order[i] - imp->rows],
                        &run);
    size_t bad = json_array_size(run.errors);
    if (rc == OC_OK && bad > 0) {
        snprintf(out->detail, sizeof(out->detail),
                 "%zu problems in the list of %zu certificates: nothing was loaded", bad, imp->n);
        out->errors = json_deep_copy(run.errors); /* the problem lists the first 50 */
        json_decref(*req->report);
        *req->report = json_incref(run.errors);
        rc = OC_INVALID;
    }
    if (rc == OC_OK) {
        json_t *lines = json_array();
        for (size_t i = 0; i < imp->n; i++)
            json_array_append(lines, run.done[i]);
        out->view = json_pack("{s:I,s:I,s:I,s:o}", "lines", (json_int_t)imp->n, "created",
                              (json_int_t)run.created, "unchanged", (json_int_t)run.unchanged,
                              "certificates", lines);
    }
    for (size_t i = 0; i < imp->n; i++)
        json_decref(run.done[i]);
    free(run.done);
    free(order);
    json_decref(run.errors);
    return rc;
}

/*
 * A 422 lists the first 50 problems in errors, as every problem+json does;
 * the list's report adds every one of them, line by line, as "lines".
 */
static void import_full_report(struct _u_response *resp, json_t *report)
{
    json_t *body = json_loadb(resp->binary_body, resp->binary_body_length, 0, NULL);
    if (body == NULL || resp->status != 422) {
        json_decref(body);
        return;
    }
    json_object_set(body, "lines", report);
    char *text = json_dumps(body, JSON_COMPACT);
    ulfius_set_string_body_response(resp, 422, text);
    free(text);
    json_decref(body);
}

/* Returns 1 when the request says its body is CSV (text/csv, any parameters). */
static int is_csv(const struct _u_request *req)
{
    const char *type = u_map_get_case(req->map_header, "Content-Type");
    return type != NULL && strncasecmp(type, "text/csv", 8) == 0 &&
           (type[8] == '\0' || type[8] == ';' || type[8] == ' ');
}

int certificate_import_post(const struct _u_request *req, struct _u_response *resp,
                            struct oc_service *svc)
{
    static const struct oc_write_spec spec = {200, NULL};
    struct import_request r;
    json_t *report = NULL;
    char detail[160];
    if (!is_csv(req))
        return oc_http_problem(resp, OC_MEDIA_TYPE, "send the list as text/csv", NULL);
    enum oc_err rc = certificate_import_parse(req->binary_body, req->binary_body_length, &r.imp);
    snprintf(detail, sizeof(detail),
             "a list holds at most %d certificates and %d bytes; split it into several files",
             CERTIFICATE_IMPORT_MAX_ROWS, CERTIFICATE_IMPORT_MAX_BYTES);
    int ret;
    if (rc != OC_OK) {
        ret = oc_http_problem(resp, rc, detail, NULL);
    } else if (r.imp.n == 0 && json_array_size(r.imp.errors) == 0) {
        ret = oc_http_problem(resp, OC_INVALID, "the list holds no certificate", NULL);
    } else if (r.imp.n == 0) {
        ret = oc_http_problem(resp, OC_INVALID, "the list cannot be read",
                              json_deep_copy(r.imp.errors));
        import_full_report(resp, r.imp.errors);
    } else {
        r.actor = oc_principal_actor(oc_principal());
        r.report = &report;
        ret = oc_write(req, resp, svc, &spec, import_load, &r);
        if (report != NULL)
            import_full_report(resp, report);
    }
    json_decref(report);
    certificate_import_clean(&r.imp);
    return ret;
}
