/*
 * Entries of a round, pure C: what a request may say to enter an
 * application, finalise its result or withdraw it. No I/O.
 */
#ifndef EVAL_ENTRY_H
#define EVAL_ENTRY_H

#include <stddef.h>

#include "common/validate.h"

/* An application to enter into a round. */
struct entry_input {
    const char *application_id;
    const char *actor; /* the token's subject, set by the handler */
};

/* The decision that finalises an entry; precheck only where the level only checks dossiers. */
struct result_input {
    const char *decision_number, *decided_on;
    const char *precheck; /* "passed" or "failed", or NULL */
    const char *reason;   /* why a pre-check failed */
    const char *actor;    /* the token's subject, set by the handler */
    /* The number the decision gives the certificate, or NULL for the pattern's; required for a
     * central recognition, which the provincial pattern never numbers (certificate.h). */
    const char *certificate_number;
};

/* Why an entry is withdrawn. */
struct entry_withdrawal {
    const char *reason;
    const char *actor; /* the token's subject, set by the handler */
};

/*
 * The states an entry's moves need. Each returns 1 when the move may be
 * made, or 0 with why (the problem's detail, len bytes) filled. status is
 * the entry's status, round_status its round's.
 */

/* Withdrawn: while it is entered. */
int entry_withdrawable(const char *status, char *why, size_t len);

/* A member's score sheet sent: while the round is scoring and the entry entered. */
int entry_takes_sheets(const char *status, const char *round_status, char *why, size_t len);

/* Finalised with its result: while it is entered and the round scoring. */
int entry_finalisable(const char *status, const char *round_status, char *why, size_t len);

int entry_from_json(struct oc_v *v, struct entry_input *out);
int result_from_json(struct oc_v *v, struct result_input *out);
int withdrawal_from_json(struct oc_v *v, struct entry_withdrawal *out);

#endif
