/*
 * Entries of a round, pure C: what a request may say to enter an
 * application, finalise its result or withdraw it. No I/O.
 */
#ifndef EVAL_ENTRY_H
#define EVAL_ENTRY_H

#include <stddef.h>

#include "common/fields.h"
#include "common/validate.h"

/* An application to enter into a round. */
enum entry_field { ENTRY_APPLICATION_ID, ENTRY_N };
extern const struct oc_field entry_fields[ENTRY_N];
struct entry_input {
    struct oc_field_value m[ENTRY_N]; /* the members of entry_fields */
    const char *actor;                /* the token's subject, set by the handler */
};

/*
 * The decision that finalises an entry; precheck ("passed" or "failed") only
 * where the level only checks dossiers, and reason why a pre-check failed.
 * certificate_number is the number the decision gives the certificate, or
 * unset for the pattern's; required for a central recognition, which the
 * provincial pattern never numbers (certificate.h).
 */
enum result_field {
    RESULT_CERTIFICATE_NUMBER,
    RESULT_DECISION_NUMBER,
    RESULT_DECIDED_ON,
    RESULT_PRECHECK,
    RESULT_REASON,
    RESULT_N
};
extern const struct oc_field result_fields[RESULT_N];
struct result_input {
    struct oc_field_value m[RESULT_N]; /* the members of result_fields */
    const char *actor;                 /* the token's subject, set by the handler */
};

/* Why an entry is withdrawn. */
enum withdrawal_field { WITHDRAWAL_REASON, WITHDRAWAL_N };
extern const struct oc_field withdrawal_fields[WITHDRAWAL_N];
struct entry_withdrawal {
    struct oc_field_value m[WITHDRAWAL_N]; /* the members of withdrawal_fields */
    const char *actor;                     /* the token's subject, set by the handler */
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

/*
 * 1 when an application in the registry's status has ended for good
 * (withdrawn, stopped, rejected at intake): its entries leave the rounds
 * they wait in.
 */
int entry_application_ended(const char *application_status);

int entry_from_json(struct oc_v *v, struct entry_input *out);
int result_from_json(struct oc_v *v, struct result_input *out);
int withdrawal_from_json(struct oc_v *v, struct entry_withdrawal *out);

#endif
