/*
 * What registration keeps from the evaluation service to count the past the
 * same way every time, pure C: a product's recognitions (one per certificate
 * issued) and the evaluation rounds' moves. No I/O.
 *
 * A recognition's kind (new, upgrade, re_recognition) is not decided here:
 * it depends on the product's earlier recognitions, so the view
 * product_recognition_history (migration 0011) derives it from them.
 */
#ifndef REG_RECOGNITION_H
#define REG_RECOGNITION_H

#include <stddef.h>

#include <jansson.h>

/* A recognition, from the data of ocop.evaluation.certificate.issued.v1; strings borrowed. */
struct recognition {
    const char *certificate_id; /* evaluation's certificate id: one recognition per certificate */
    const char *product_id;     /* the product recognised (UUID) */
    const char *recognised_on;  /* the certificate's issued_on, YYYY-MM-DD */
    int stars;                  /* 1..5 (a certificate says 3..5) */
    const char *level;          /* district, province or central; NULL when absent */
    const char *rule_set;       /* e.g. qd148-2023; NULL when absent */
    const char *number;         /* the printed certificate number; NULL when absent */
};

/*
 * Fills out from data that product_fact_check() accepted as a certificate.
 * Members of the wrong type or too long (over 100 bytes) count as absent.
 * Returns 1 when the data names the day of the recognition (issued_on), else
 * 0: such a certificate is shown on the product but cannot be dated.
 */
int recognition_from_issued(const json_t *data, struct recognition *out);

/* A round's move, from the data of ocop.evaluation.round.status_changed.v1; strings borrowed. */
struct round_move_in {
    const char *round_id;  /* UUID */
    long long year;        /* the round's plan year, 2000..2100 */
    const char *level;     /* commune, district, province or central */
    long long sequence;    /* 1..12 */
    const char *name;      /* NULL when absent */
    const char *to;        /* open, scoring, closed or cancelled */
    const char *starts_on; /* YYYY-MM-DD or NULL */
    const char *ends_on;   /* YYYY-MM-DD or NULL */
    const char *at;        /* when the move was recorded, RFC 3339 UTC */
};

/*
 * Checks the data of a round event into out: round_id a UUID, year and
 * sequence integers in range, level and to known values, at an RFC 3339 UTC
 * time; name, starts_on and ends_on are kept when well formed. Returns 1, or
 * 0 with the reason in err.
 */
int round_move_from_event(const json_t *data, struct round_move_in *out, char *err, size_t errlen);

/* An inspection, from the data of ocop.evaluation.inspection.recorded.v1; strings borrowed. */
struct inspection_in {
    const char *inspection_id;  /* evaluation's id */
    const char *product_id;     /* UUID */
    const char *certificate_id; /* NULL when absent */
    const char *inspected_on;   /* YYYY-MM-DD, a calendar date */
    const char *outcome;        /* outcome, else the first of outcomes */
    json_t *outcomes;           /* outcomes: an array of 1..8 strings (borrowed), else NULL:
                                   the store keeps [outcome] */
};

/*
 * Reads what the inspection read model keeps (migration 0016). Returns 1,
 * or 0 when data lacks an inspection id, product id, calendar inspected_on or
 * outcome: the event is then kept only as products.latest_inspection, as
 * before (its consumer requires no more than the two ids).
 */
int inspection_from_event(const json_t *data, struct inspection_in *out);

/* A revocation, from the data of ocop.evaluation.certificate.status_changed.v1; strings borrowed.
 */
struct revocation_in {
    const char *certificate_id; /* evaluation's id, 1..64 characters */
    const char *product_id;     /* UUID */
    const char *number;         /* NULL when absent */
    long long stars;            /* 1..5, 0 when absent */
    const char *revoked_on;     /* changed_on: YYYY-MM-DD, a calendar date */
    const char *grounds;        /* NULL when absent */
};

/*
 * Reads a revocation (migration 0018). Returns 1 when data says status
 * revoked with a certificate id, a product id and a calendar changed_on;
 * else 0 (another move, or one the read model cannot date: the product's
 * certificate is still kept as before).
 */
int revocation_from_event(const json_t *data, struct revocation_in *out);

#endif
