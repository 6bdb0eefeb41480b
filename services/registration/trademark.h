/*
 * Trademark support rules (hỗ trợ xây dựng nhãn hiệu, step 4 of the OCOP
 * cycle), pure C: the kinds of mark, the statuses a support request moves
 * through, what each status requires, and the order of its dates. No I/O.
 *
 * Statuses: requested -> filed -> granted | refused, and requested -> refused
 * (the request is turned down before filing). granted and refused are final;
 * there is no way back.
 */
#ifndef REG_TRADEMARK_H
#define REG_TRADEMARK_H

#include <jansson.h>

#include "common/validate.h"

/* Kinds of mark (nhãn hiệu thông thường, tập thể, chứng nhận), NULL-terminated. */
extern const char *const trademark_kinds[];

/* Statuses as sent on the wire, NULL-terminated, in the order of the cycle. */
extern const char *const trademark_statuses[];

/* The office a request is filed with when none is given. */
extern const char trademark_default_office[];

/* Bounds of the support amount, in VND. */
#define TRADEMARK_SUPPORT_MAX 1000000000000LL

/*
 * A trademark support record as the rules see it: every member a client may
 * set. Strings are borrowed (from a request body or a stored view); NULL means
 * absent.
 */
struct trademark {
    const char *kind;               /* one of trademark_kinds */
    const char *mark_name;          /* the mark, as filed */
    const char *office;             /* where it is filed */
    const char *status;             /* one of trademark_statuses */
    const char *requested_on;       /* YYYY-MM-DD, always set */
    const char *filing_number;      /* số đơn; set once filed */
    const char *filed_on;           /* YYYY-MM-DD; set once filed */
    const char *decided_on;         /* YYYY-MM-DD of the grant or refusal */
    const char *certificate_number; /* số văn bằng; only when granted */
    const char *notes;              /* free text */
    long long support_amount_vnd;   /* 0..TRADEMARK_SUPPORT_MAX when has_support_amount */
    int has_support_amount;         /* 1 when support_amount_vnd is set */
};

/* A validated request to create; status is always "requested". */
struct trademark_new {
    const char *product_id; /* UUID of an existing product */
    struct trademark tm;    /* the record to create */
};

/*
 * A validated change (JSON merge patch): NULL members and set_* == 0 leave a
 * field as it is; clear_* == 1 sets it to null.
 */
struct trademark_patch {
    struct trademark set;         /* new values; NULL members unchanged */
    int set_support_amount;       /* 1: support_amount_vnd changes to set's value */
    int clear_filing_number;      /* 1: filing_number becomes null */
    int clear_filed_on;           /* 1: filed_on becomes null */
    int clear_decided_on;         /* 1: decided_on becomes null */
    int clear_certificate_number; /* 1: certificate_number becomes null */
    int clear_notes;              /* 1: notes becomes null */
    int clear_support_amount;     /* 1: support_amount_vnd becomes null */
};

/* Returns 1 when a record may move from status from to status to (from != to). */
int trademark_transition_ok(const char *from, const char *to);

/*
 * Validates a POST body into out (strings borrowed from the body), recording
 * every field error in v, then checks the new record with trademark_check.
 * Returns 1 when valid.
 */
int trademark_from_json(struct oc_v *v, struct trademark_new *out);

/* Validates a PATCH body into out, recording every field error. Returns 1 when valid, not empty. */
int trademark_patch_from_json(struct oc_v *v, struct trademark_patch *out);

/*
 * Reads a stored view (as the store returns it; borrowed, must outlive out)
 * into out. Returns 1, or 0 when a required member is missing.
 */
int trademark_from_view(const json_t *view, struct trademark *out);

/* Writes before with patch applied into after (strings borrowed from both). */
void trademark_merge(const struct trademark *before, const struct trademark_patch *patch,
                     struct trademark *after);

/*
 * Checks tm against the rules, coming from status from (NULL for a new
 * record, which must be "requested"): the transition, the members the status
 * requires and forbids, and the order of the dates. Records every problem in
 * v and returns 1 when there is none.
 */
int trademark_check(struct oc_v *v, const char *from, const struct trademark *tm);

#endif
