/*
 * A product's OCOP standing as the promotion desk judges it, pure C: which
 * certificate statuses are in force, which inspection outcomes block
 * promotion, what a certificate or inspection event must carry, and whether a
 * product may be promoted today or over a span of days (a fair's dates). No
 * I/O: "today" is always given by the caller. A model for a domain header:
 * it states its rule and the rule's source (style.md, "Our own models").
 *
 * The rule (domain.md §6, Trà Vinh's plan: promote products of 3 stars and
 * up): the product's current certificate is valid or expiring, recognises 3
 * stars or more, is in its validity on every day asked about (issued on or
 * before the first, valid until the last or later), and no recall,
 * suspension or revocation found by an inspection is outstanding since the
 * certificate was last put in force.
 *
 * Dates are calendar dates "YYYY-MM-DD" (Asia/Ho_Chi_Minh), compared as text.
 */
#ifndef PROMO_STANDING_H
#define PROMO_STANDING_H

#include <stddef.h>

#include <jansson.h>

#include "common/err.h"

/* Certificate statuses of ocop.evaluation.certificate.*.v1, NULL-terminated. */
extern const char *const standing_certificate_statuses[];

/* Inspection outcomes of ocop.evaluation.inspection.recorded.v1, NULL-terminated. */
extern const char *const standing_inspection_outcomes[];

/* The fewest stars a promoted product has. */
#define STANDING_MIN_STARS 3

/* What is known of a product's standing; strings borrowed, NULL when unknown. */
struct standing {
    const char *certificate_id;      /* the current certificate, NULL when none is known */
    const char *number;              /* its printed number, or NULL */
    const char *status;              /* one of standing_certificate_statuses */
    long long stars;                 /* 1..5 */
    const char *issued_on;           /* first day of validity, or NULL */
    const char *valid_until;         /* last day of validity, or NULL */
    const char *block_inspection_id; /* the outstanding blocking inspection, or NULL */
    const char *block_outcome;       /* its outcome: recall, suspension or revocation */
    const char *block_inspected_on;  /* its day, or NULL */
};

/* Why a product may not be promoted. */
enum standing_verdict {
    STANDING_OK,             /* promotable over the days asked */
    STANDING_NO_CERTIFICATE, /* no certificate is known */
    STANDING_NOT_IN_FORCE,   /* the current certificate is suspended, revoked, expired... */
    STANDING_BELOW_STARS,    /* fewer than STANDING_MIN_STARS */
    STANDING_BLOCKED,        /* an inspection's recall, suspension or revocation is outstanding */
    STANDING_EXPIRED,        /* valid_until is before today */
    STANDING_NOT_YET_VALID,  /* issued_on is after today */
    STANDING_NOT_OVER_DATES  /* not valid on every day from..to */
};

/* 1 when a certificate in status is in force (valid or expiring). */
int standing_in_force(const char *status);

/* 1 when a certificate moving to status takes the product's promotion away. */
int standing_status_reacts(const char *status);

/* 1 when an inspection outcome blocks promotion (recall, suspension, revocation). */
int standing_outcome_blocks(const char *outcome);

/*
 * Judges s on today and, when from and to are not NULL, over every day from
 * from to to (inclusive; from <= to). Writes a sentence for people into
 * reason (naming the certificate and the dates at fault, or, when promotable,
 * until when) and returns the verdict.
 */
enum standing_verdict standing_check(const struct standing *s, const char *today, const char *from,
                                     const char *to, char *reason, size_t len);

/*
 * Reads a stored standing (members certificate_id, number, status, stars,
 * issued_on, valid_until, block_inspection_id, block_outcome,
 * block_inspected_on; null or absent ones are NULL) into out. Strings are
 * borrowed from row, which must outlive out.
 */
void standing_from_json(const json_t *row, struct standing *out);

/* The data of a certificate event (issued or status changed), borrowed from the event. */
struct certificate_fact {
    const char *product_id;     /* UUID */
    const char *certificate_id; /* 1..200 characters */
    const char *status;         /* one of standing_certificate_statuses */
    long long stars;            /* 1..5 */
    const char *number;         /* or NULL */
    const char *issued_on;      /* YYYY-MM-DD or NULL */
    const char *expires_on;     /* YYYY-MM-DD or NULL */
    const char *reason;         /* or NULL */
};

/* The data of an inspection event, borrowed from the event. */
struct inspection_fact {
    const char *product_id;    /* UUID */
    const char *inspection_id; /* 1..200 characters */
    const char *outcome;       /* one of standing_inspection_outcomes, or NULL */
    const char *kind;          /* or NULL */
    const char *inspected_on;  /* YYYY-MM-DD or NULL */
};

/*
 * Reads a certificate event's data (the members its JSON Schema lists;
 * others are ignored). OC_INVALID with the reason in err when it breaks the
 * contract: product_id not a UUID, certificate_id not a non-empty string,
 * status unknown, stars not an integer 1..5, a date that is not one, a
 * certificate in force without issued_on.
 */
enum oc_err standing_certificate_parse(json_t *data, struct certificate_fact *out, char *err,
                                       size_t errlen);

/* As standing_certificate_parse, for an inspection event (product_id, inspection_id required). */
enum oc_err standing_inspection_parse(json_t *data, struct inspection_fact *out, char *err,
                                      size_t errlen);

#endif
