/*
 * OCOP certificate rules (domain §4), pure C: numbers from a configurable
 * pattern, the expiry date, the statuses and the moves between them, the
 * expiry notices, and the shape of the requests that create or change a
 * certificate. No I/O.
 *
 * Statuses: valid -> expiring (the first expiry notice, the largest of
 * OCOP_CERTIFICATE_NOTICE_DAYS) -> expired (the day after expires_on); valid
 * or expiring -> suspended -> valid or expiring (reinstatement, while
 * suspension is allowed); valid, expiring or suspended -> revoked, expired or
 * superseded (a new certificate of the same product); expired -> revoked (the
 * province revokes lapsed certificates by decision, domain §4). revoked and
 * superseded are final; expired only ever becomes revoked. The grounds
 * not_re_evaluated_in_time revoke only an expired certificate. A product has
 * at most one current certificate (valid, expiring or suspended).
 *
 * Numbers: a certificate the platform issues is numbered by the pattern
 * below. A recognition decided outside it keeps the number printed on its
 * paper (certificate_number_problem): the printed number is required for a
 * central recognition (5 stars: the central decision numbers it, never the
 * provincial pattern) and for one issued before the platform's start
 * (OCOP_CERTIFICATE_PLATFORM_START); elsewhere it is optional and the
 * pattern numbers what comes without one.
 *
 * Validity: a certificate issued on day I under a rule set whose
 * certificate_validity_months is M expires on I + M months, the day of month
 * clamped to the last day of the target month (2020-02-29 + 36 months =
 * 2023-02-28; 2022-08-31 + 6 = 2023-02-28). It is in force through
 * expires_on inclusive and expired from the next day.
 */
#ifndef EVAL_CERTIFICATE_H
#define EVAL_CERTIFICATE_H

#include <stddef.h>

#include "common/contracts.h"
#include "common/validate.h"

/* Statuses as stored and sent on the wire, NULL-terminated. */
extern const char *const certificate_statuses[];
/* Levels that may recognise stars (rule_set_levels without "commune"), NULL-terminated. */
extern const char *const certificate_levels[];
/* Legal grounds of a revocation (domain §4), NULL-terminated; "other" needs a reason. */
extern const char *const certificate_grounds[];

/* ---- numbers -------------------------------------------------------------------------------- */

/*
 * Certificate numbers follow OCOP_CERTIFICATE_NUMBER_PATTERN: literal text
 * (A-Z, 0-9, '-', '.', '/') and the tokens {AGENCY} (OCOP_AGENCY_CODE),
 * {YYYY} or {YY} (the year of issue), {SEQ} or {SEQ:n} (the number of the
 * certificate among those issued that year, 1, 2, ..., zero-padded to n
 * digits, default 5, 1..9; never cut) and {STARS} (3, 4 or 5). A pattern
 * must contain {SEQ} and a year, which make numbers unique.
 */
#define CERTIFICATE_NUMBER_DEFAULT_PATTERN "{AGENCY}-CN-{YYYY}-{SEQ:5}"
#define CERTIFICATE_AGENCY_DEFAULT         OC_AGENCY_CODE_DEFAULT
#define CERTIFICATE_NUMBER_MAX             64 /* longest number, in characters (code points) */
#define CERTIFICATE_NUMBER_BYTES           (CERTIFICATE_NUMBER_MAX * 4 + 1) /* its UTF-8, NUL */

/* Returns NULL when pattern is usable, else what is wrong with it. */
const char *certificate_number_pattern_problem(const char *pattern);

/* Returns 1 when agency is 1 to 32 of A-Z, 0-9 and '.'. */
int certificate_agency_ok(const char *agency);

/*
 * Expands a valid pattern into buf for a certificate issued in year, with
 * sequence number seq (>= 1) and stars. Returns 0, or -1 when it does not fit.
 */
int certificate_number_format(char *buf, size_t len, const char *pattern, const char *agency,
                              int year, long seq, int stars);

/*
 * A printed number (trimmed of spaces by the caller): returns NULL when it is
 * 1 to CERTIFICATE_NUMBER_MAX characters of well-formed UTF-8 without control
 * characters, without the markup and quoting characters < > " ' ` \ & and
 * without leading or trailing spaces ("123/QĐ-UBND", "OCOP-TV-2022-015"),
 * else what is wrong with it. Notification's verify_number_ok() keeps the
 * same rule.
 */
const char *certificate_number_problem(const char *number);

/*
 * Copies in without its leading and trailing spaces and tabs into out
 * (outlen bytes). Returns 0, or -1 when it does not fit.
 */
int certificate_number_trim(const char *in, char *out, size_t outlen);

/*
 * Why a recognition must carry its printed number: "central" (the central
 * decision numbers 5-star certificates), "before_platform" (issued_on before
 * platform_start, YYYY-MM-DD or "" for none), or NULL when the pattern may
 * number it.
 */
const char *certificate_number_required(const char *level, const char *issued_on,
                                        const char *platform_start);

/* ---- dates ---------------------------------------------------------------------------------- */

/*
 * The expiry day of a certificate issued on issued (days since 1970-01-01)
 * and valid for months (1..1200) months, clamped to the end of the month.
 */
long certificate_expiry(long issued, long months);

/* ---- statuses ------------------------------------------------------------------------------- */

/* Returns 1 for valid, expiring and suspended: the product's current certificate. */
int certificate_is_current(const char *status);

/* Returns 1 for revoked and superseded, which nothing changes any more (expired may be revoked). */
int certificate_is_final(const char *status);

/* Returns 1 when a certificate may move from status from to status to. */
int certificate_transition_ok(const char *from, const char *to);

/*
 * Whether a certificate of status from may be revoked on grounds: NULL when
 * it may, else why not (not_re_evaluated_in_time applies to an expired
 * certificate only; an expired certificate may be revoked on any grounds).
 */
const char *certificate_revocation_problem(const char *from, const char *grounds);

/* The status a reinstated certificate returns to: expiring once a notice was sent, else valid. */
const char *certificate_reinstated_status(int notice_sent);

/* ---- expiry notices ------------------------------------------------------------------------- */

#define CERTIFICATE_NOTICES_MAX         8
#define CERTIFICATE_NOTICE_DAYS_MAX     3650
#define CERTIFICATE_NOTICE_LEGAL_MIN    30 /* the issuer must notify at least 30 days before */
#define CERTIFICATE_NOTICE_DAYS_DEFAULT "180,90,30"

/* Days before expiry at which notices go out, largest first. */
struct certificate_notice_days {
    int days[CERTIFICATE_NOTICES_MAX]; /* distinct, 1..CERTIFICATE_NOTICE_DAYS_MAX, descending */
    size_t n;                          /* entries in days, >= 1 */
};

/*
 * Parses OCOP_CERTIFICATE_NOTICE_DAYS ("180,90,30": integers separated by
 * commas, no spaces): not empty, at most CERTIFICATE_NOTICES_MAX, distinct,
 * each 1..3650 and one at least 30. Returns NULL, or what is wrong.
 */
const char *certificate_notice_days_parse(const char *text, struct certificate_notice_days *out);

/*
 * The notice due on day today for a certificate in force that expires on
 * expires: the smallest offset d with expires - d <= today (the latest notice
 * due; larger offsets missed while nothing ran are not sent late). handled is
 * the smallest offset already sent or skipped for it (0: none). Returns the
 * offset to send now, or 0 when none is due (also once expired).
 */
int certificate_notice_due(const struct certificate_notice_days *nd, long expires, long today,
                           int handled);

/*
 * The offsets skipped when due is sent: those larger than due not handled
 * yet (smaller than handled, when handled > 0). Writes them into out
 * (CERTIFICATE_NOTICES_MAX entries) and returns how many.
 */
size_t certificate_notice_skipped(const struct certificate_notice_days *nd, int due, int handled,
                                  int *out);

/* ---- suspension policy ---------------------------------------------------------------------- */

#define CERTIFICATE_SUSPENSION_MAX_DAYS 3650

/* Whether and how long a certificate may be suspended (OCOP_CERTIFICATE_SUSPENSION*). */
struct certificate_suspension_policy {
    int allowed;  /* 0: the province does not suspend; a suspension is refused */
    int max_days; /* 0: no limit; else a suspension names its fix_deadline, at most this many
                   * days after its decision (or inspection) day */
};

/*
 * Checks a suspension decided on day (YYYY-MM-DD) with fix_deadline (NULL
 * when none) against the policy: records errors (fields outcome,
 * fix_deadline) in v and returns 1 when it holds.
 */
int certificate_suspension_check(struct oc_v *v, const struct certificate_suspension_policy *p,
                                 const char *day, const char *fix_deadline);

/* ---- requests ------------------------------------------------------------------------------- */

/* What a recognition decided (the members of struct certificate_grant), strings borrowed. */
struct certificate_fields {
    const char *product_id;      /* UUID */
    long long stars;             /* 3..5 */
    const char *rule_set;        /* rule set id */
    const char *level;           /* one of certificate_levels */
    const char *decision_number; /* 1..100 characters */
    const char *issued_on;       /* YYYY-MM-DD */
    const char *result_id;       /* UUID or NULL */
    const char *application_id;  /* UUID or NULL */
    const char *number;          /* the printed number (certificate_number_problem), or NULL:
                                  * the pattern numbers it */
};

/*
 * Checks fields that did not come through oc_v (a grant from results):
 * records one error per bad member in v. Returns 1 when all are well-formed.
 */
int certificate_fields_check(struct oc_v *v, const struct certificate_fields *f);

/* POST /v1/certificates: a recognition decided outside this platform. */
struct certificate_record {
    struct certificate_fields fields; /* the decision; result_id is always NULL */
    const char *actor;                /* who records it: the token's subject, set by the handler */
    char number[CERTIFICATE_NUMBER_BYTES]; /* the printed number, trimmed (fields.number) */
};

/* Validates a POST /v1/certificates body into out (actor left NULL). Returns 1 when valid. */
int certificate_record_from_json(struct oc_v *v, struct certificate_record *out);

/* Why a status changes; strings borrowed, NULL when absent. */
struct certificate_why {
    const char *actor;           /* the caller's token subject (set by the handler), or
                                  * "evaluation" / "scheduler" for changes no request makes */
    const char *reason;          /* free text */
    const char *grounds;         /* one of certificate_grounds (revocations, suspensions) */
    const char *decision_number; /* the decision that makes the change */
    const char *decided_on;      /* its date, YYYY-MM-DD */
    const char *cause_type;      /* "inspection", "result", "certificate" or "schedule" */
    const char *cause_id;        /* id of the cause */
};

/* Validates a revocation body (grounds, reason, decision_number, decided_on); actor NULL. */
int certificate_revocation_from_json(struct oc_v *v, struct certificate_why *out);

/* Validates a reinstatement body (reason, decision_number, decided_on); actor NULL. */
int certificate_reinstatement_from_json(struct oc_v *v, struct certificate_why *out);

/*
 * A date member of v's body: returns it when present and a real date of the
 * years 1900 to 2999, else NULL (with an error when malformed or required).
 */
const char *certificate_date_member(struct oc_v *v, const char *field, int required);

#endif
