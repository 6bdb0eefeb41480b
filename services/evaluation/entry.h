/*
 * Entries of a round, pure C: what a request may say to enter an
 * application, finalise its result or withdraw it. No I/O.
 */
#ifndef EVAL_ENTRY_H
#define EVAL_ENTRY_H

#include "common/validate.h"

/* An application to enter into a round. */
struct entry_new {
    const char *application_id;
    const char *actor; /* the token's subject, set by the handler */
};

/* The decision that finalises an entry; precheck only where the level only checks dossiers. */
struct result_new {
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

int entry_from_json(struct oc_v *v, struct entry_new *out);
int result_from_json(struct oc_v *v, struct result_new *out);
int withdrawal_from_json(struct oc_v *v, struct entry_withdrawal *out);

#endif
