/*
 * Everything ocopctl says to a service's database: its statements about
 * operator_actions, the inbox and the outbox, the audit row of an action, the
 * transaction steps, and the statements of the read models it rebuilds. Every
 * function that fails prints the database's message ("ocopctl: ...") on stderr.
 */
#ifndef OCOPCTL_CTL_STORE_H
#define OCOPCTL_CTL_STORE_H

#include <libpq-fe.h>

#include "tools/ctl.h"

/* The transaction steps ocopctl takes (ctl_store_step). */
enum ctl_step {
    CTL_BEGIN,
    CTL_COMMIT,
    CTL_ROLLBACK,
    CTL_SAVEPOINT,          /* SAVEPOINT ev: one event of a replay */
    CTL_SAVEPOINT_RELEASE,  /* RELEASE SAVEPOINT ev */
    CTL_SAVEPOINT_UNDO,     /* ROLLBACK TO SAVEPOINT ev */
    CTL_LOCK_TIMEOUT_SHORT, /* SET LOCAL lock_timeout to a short wait (200 ms) */
    CTL_LOCK_TIMEOUT_OFF    /* SET LOCAL lock_timeout = 0 */
};

/* Takes one step; 0 or -1 (reported). */
int ctl_store_step(PGconn *conn, enum ctl_step step);

/* Sets search_path to schema, then public. 0 or -1 (reported). */
int ctl_store_search_path(PGconn *conn, const char *schema);

/* ---- status --------------------------------------------------------------------------------- */

/* What waits in the service's database; -1 in a member whose statement failed. */
struct ctl_counts {
    long long outbox_unpublished;   /* outbox rows not yet published */
    long long outbox_oldest_age_s;  /* the oldest one's age, 0 when none */
    long long inbox_events;         /* inbox rows */
    long long inbox_dead_lettered;  /* of them, dead-lettered */
    long long dead_letters_handled; /* letters redriven or discarded by an operator */
};

/* Fills *counts; 0, or -1 (reported) when a statement failed. */
int ctl_store_counts(PGconn *conn, struct ctl_counts *counts);

/* ---- dead letters --------------------------------------------------------------------------- */

/* A dead letter's last redrive or discard (owned strings). */
struct ctl_handled {
    char *object; /* the letter, "<dlq topic>:P:O" */
    char *action; /* "redrive" or "discard" */
    char *actor;  /* "ocopctl:<who>" */
    char *at;     /* when, as PostgreSQL writes a timestamptz */
    char *reason; /* the operator's reason */
};

/* Every handled letter: *rows (free with ctl_handled_free) and *n. 0 or -1 (reported). */
int ctl_store_handled(PGconn *conn, struct ctl_handled **rows, int *n);

/* The row of rows about object, or NULL. */
const struct ctl_handled *ctl_handled_find(const struct ctl_handled *rows, int n,
                                           const char *object);

/* Frees n rows; rows may be NULL. */
void ctl_handled_free(struct ctl_handled *rows, int n);

/* Takes the letter's advisory lock for the transaction. 0 or -1 (reported). */
int ctl_store_letter_lock(PGconn *conn, const char *object);

/* Is the letter handled already? 1 yes, 0 no, -1 failure (reported). */
int ctl_store_letter_handled(PGconn *conn, const char *object);

/* Removes the inbox's dead_lettered claim of event_id. 0 or -1 (reported). */
int ctl_store_unclaim(PGconn *conn, const char *event_id);

/*
 * In the caller's open transaction: records an action (a row of
 * operator_actions when status is 200) and its audit row: subject the actor,
 * method "OCOPCTL", route the action (e.g. "dead-letters redrive"), object_id
 * the object, the given status (200 done, 409 refused), request_id
 * "ocopctl:<action id>" (or "ocopctl:refused"). Returns 0 or -1 (reported).
 */
int ctl_record(struct ctl *c, const char *action, const char *object, const char *event_id,
               int forced, int status);

/* ---- read model rebuilds -------------------------------------------------------------------- */

/* A read model's statements, constant text on its tables' names. */
struct ctl_model_sql {
    const char *copy[4]; /* make the empty copies (live tables first), NULL-terminated */
    const char *lock;    /* lock the live tables against writers (live tables first) */
    const char *swap[8]; /* the live rows replaced by the copies' (live tables first) */
    const char *count;   /* rows in the copies */
};

/* notification's read model: producers, products, certificates. */
extern const struct ctl_model_sql ctl_store_notification_read_model;

/* Makes the empty copies. 0 or -1 (reported). */
int ctl_store_copies_make(PGconn *conn, const struct ctl_model_sql *m);

/* Tries once to lock the live tables: 1 locked, 0 not (lock_timeout; not reported). */
int ctl_store_tables_lock(PGconn *conn, const struct ctl_model_sql *m);

/* Replaces the live rows by the copies'. 0 or -1 (reported). */
int ctl_store_swap(PGconn *conn, const struct ctl_model_sql *m);

/* Rows in the copies, or -1 (reported). */
long long ctl_store_copies_rows(PGconn *conn, const struct ctl_model_sql *m);

/* Puts the copies first on search_path (copies = 1, pg_temp first) or the live tables (0). */
int ctl_store_path(PGconn *conn, const char *schema, int copies);

/* 1 when the inbox records event id as dead-lettered, else 0 (also on failure, reported). */
int ctl_store_dead_lettered(PGconn *conn, const char *id);

#endif
