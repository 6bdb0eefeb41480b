/* Every SQL statement about applications, their transitions and dossier documents. */
#ifndef REG_APPLICATION_STORE_H
#define REG_APPLICATION_STORE_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/err.h"
#include "registration/application.h"
#include "registration/scope.h"

/*
 * Creates a draft for a product; *out gets its id. Its rule set is
 * a->rule_set (the one in force today), or the product's when NULL.
 * OC_NOT_FOUND when the product does not exist in scope.
 */
enum oc_err application_store_insert(PGconn *conn, const struct reg_scope *scope,
                                     const struct application_input *a, char *id, size_t idlen);

/*
 * Reads one application's view into *out (caller owns): its fields, product,
 * documents (without content), transitions, and "present" (item -> count)
 * and "criteria_set" for building the checklist. OC_NOT_FOUND when there is
 * none in scope.
 */
enum oc_err application_store_get(PGconn *conn, const struct reg_scope *scope, const char *id,
                                  json_t **out);

/* The state of an application, locked for the rest of the transaction. */
struct application_row {
    char status[32];         /* current status */
    long long version;       /* current version */
    char kind[32];           /* application kind */
    char rule_set[16];       /* rule set */
    long long criteria_set;  /* product's criteria set, 0 when none */
    long long samples_count; /* samples handed in */
    char dossier_code[64];   /* "" until submitted */
};

/* Locks and reads an application (FOR UPDATE). OC_NOT_FOUND when there is none in scope. */
enum oc_err application_store_lock(PGconn *conn, const struct reg_scope *scope, const char *id,
                                   struct application_row *row);

/* Counts documents per item into *present (object item -> count; caller owns). */
enum oc_err application_store_present(PGconn *conn, const char *id, json_t **present);

/*
 * Takes the next number of today's (Asia/Ho_Chi_Minh) sequence for agency and
 * writes today's date into day (YYYY-MM-DD, 11 bytes). *seq gets the number.
 */
enum oc_err application_store_next_seq(PGconn *conn, const char *agency, char *day, long *seq);

/* A recorded status change. */
struct application_change {
    const char *id;           /* application id */
    const char *from;         /* status before */
    const char *to;           /* status after */
    int portal_code;          /* portal code of to */
    const char *role;         /* acting role (application_roles) */
    const char *actor;        /* the token subject, or "system" (oc_principal_actor) */
    const char *reason;       /* why, or NULL */
    const char *cause_event;  /* the event that caused it, or NULL */
    const char *dossier_code; /* set on submission, else NULL */
    const char *received_on;  /* set on submission, else NULL */
    const json_t *result;     /* the evaluation result to keep, or NULL */
    const char *rule_set;     /* set on submission: the rule set in force that day; else NULL */
};

/* Moves the application and appends the transition; bumps the version. */
enum oc_err application_store_move(PGconn *conn, const struct application_change *c);

/* Bumps an application's version (its dossier changed). */
enum oc_err application_store_touch(PGconn *conn, const char *id);

/* Keeps an evaluation result on an application without moving it. */
enum oc_err application_store_keep_result(PGconn *conn, const char *id, const json_t *result);

/* Changes samples_count and note of an application at version; OC_PRECONDITION if it moved. */
enum oc_err application_store_update(PGconn *conn, const char *id, long long version,
                                     const long long *samples_count, const char *note,
                                     int clear_note);

/* The data of the application's events (caller owns): ids, codes, product, producer, status. */
enum oc_err application_store_event(PGconn *conn, const char *id, json_t **data);

/* Stores an upload; content is binary; *out gets the document's metadata view. */
enum oc_err application_store_add_document(PGconn *conn, const char *application_id,
                                           const char *item, const char *filename,
                                           const char *media_type, const unsigned char *content,
                                           size_t len, json_t **out);

/* A document to send back. */
/* The documents an application holds now: their number and total bytes. */
enum oc_err application_store_doc_usage(PGconn *conn, const char *application_id, long long *count,
                                        long long *bytes);

struct dossier_document {
    const char *media_type;       /* stored media type (borrowed from res) */
    const char *filename;         /* stored file name, whole (borrowed from res) */
    const char *sha256;           /* hex digest (borrowed from res) */
    const unsigned char *content; /* bytes (borrowed from res) */
    size_t len;                   /* number of bytes */
    PGresult *res;                /* the row, read in binary (owned; see _document_clean) */
};

/*
 * Reads a document of an application. OC_NOT_FOUND when there is none in
 * scope. On OC_OK the caller frees doc with application_store_document_clean.
 */
enum oc_err application_store_document(PGconn *conn, const struct reg_scope *scope,
                                       const char *application_id, const char *document_id,
                                       struct dossier_document *doc);

/* Frees what application_store_document kept; a zeroed doc is a no-op. */
void application_store_document_clean(struct dossier_document *doc);

/* Filters of an application listing. */
struct application_filter {
    const char *status;     /* status name */
    const char *product_id; /* UUID */
    struct reg_scope scope; /* the caller's scope */
};

/* Reads a page of applications, newest first. */
enum oc_err application_store_list(PGconn *conn, const void *filter, const struct oc_after *after,
                                   int limit, json_t **items, json_t **next);

#endif
