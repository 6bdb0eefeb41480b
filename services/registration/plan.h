/*
 * The province's yearly OCOP plan as data, pure C: the indicators a target
 * may name, the shape of a target, and how progress against one reads. The
 * 2022 targets (KH 43/KH-UBND of 2022-06-06) are seeded by migration 0005.
 * No I/O.
 */
#ifndef REG_PLAN_H
#define REG_PLAN_H

#include <jansson.h>

#include "common/validate.h"

/* The known indicators, in the order responses list them. */
enum plan_indicator_id {
    PLAN_PRODUCTS_3STAR_PLUS,     /* products recognised 3★ or more */
    PLAN_TRADEMARKS_SUPPORTED,    /* trademarks granted with the programme's support */
    PLAN_EVALUATION_ROUNDS,       /* evaluation and ranking rounds held */
    PLAN_POTENTIAL_5_STAR,        /* products standing as potential 5★ in the period */
    PLAN_INSPECTION_COVERAGE,     /* share of certified products inspected in the year, % */
    PLAN_IDEAS_ACCEPTED,          /* product ideas accepted (cycle step 2) */
    PLAN_BUSINESS_PLANS_APPROVED, /* business plans approved (cycle step 3) */
    PLAN_SUPPORT_PAID_VND,        /* state support paid (VND), cancelled payments excluded */
    PLAN_INDICATOR_COUNT
};

/* What an indicator's figure (and its target) is. */
enum plan_unit {
    PLAN_UNIT_COUNT,   /* a number of things: target 0..PLAN_TARGET_MAX */
    PLAN_UNIT_PERCENT, /* a percentage with one decimal: target 0..100 */
    PLAN_UNIT_VND      /* an amount in đồng: target 0..PLAN_TARGET_MAX_VND */
};

/* The units as on the wire (statistics' "unit"), indexed by enum plan_unit, NULL-terminated. */
extern const char *const plan_unit_names[];

/* One indicator a plan target may name. */
struct plan_indicator {
    const char *name;    /* on the wire and in plan_targets.indicator */
    const char *title;   /* what it counts, as the plans word it (Vietnamese) */
    const char *measure; /* how the platform counts the actual figure */
    int standing;        /* 1: a standing rule (e.g. twice a year): a year without a target of
                            its own takes the latest earlier year's, else the earliest later one */
    int per_key;         /* 1: the target applies to each key of the breakdown (each level) */
    enum plan_unit unit; /* what the figure and its target are */
};

/* The indicators, indexed by enum plan_indicator_id. */
extern const struct plan_indicator plan_indicators[PLAN_INDICATOR_COUNT];

/* Their names, NULL-terminated (for oc_v_enum and oc_query_enum). */
extern const char *const plan_indicator_names[PLAN_INDICATOR_COUNT + 1];

/* Years a plan target may be set for. */
#define PLAN_YEAR_MIN 2000
#define PLAN_YEAR_MAX 2100

/* Largest target value accepted: of a count, and of an amount in VND (below 2^53). */
#define PLAN_TARGET_MAX     1000000LL
#define PLAN_TARGET_MAX_VND 10000000000000LL

/* The largest target indicator i (an index of plan_indicators) takes: by its unit. */
long long plan_target_max(int i);

/* Returns the index of the indicator called name, or -1 when there is none. */
int plan_indicator_find(const char *name);

/* Returns the year PLAN_YEAR_MIN..PLAN_YEAR_MAX that s (exactly 4 digits) names, else 0. */
int plan_year(const char *s);

/* A validated PUT of one target; strings borrowed from the path and the body. */
struct plan_target_put {
    int year;              /* PLAN_YEAR_MIN..PLAN_YEAR_MAX */
    const char *indicator; /* one of plan_indicator_names */
    long long target;      /* 0..PLAN_TARGET_MAX: the minimum to reach */
    const char *basis;     /* the document that set it, e.g. "Kế hoạch 43/KH-UBND ..." */
    const char *note;      /* NULL when absent */
    const char *locality;  /* "" for the province, else a district or commune code (shape only:
                              plan_locality_errors judges it against the admin units) */
};

/*
 * Validates the path members year and indicator (as sent, may be NULL) and
 * the body in v into out, recording every error ("year" and "indicator" name
 * the path members). Returns 1 when valid.
 */
int plan_target_from_json(struct oc_v *v, const char *year, const char *indicator,
                          struct plan_target_put *out);

/*
 * As plan_target_from_json, also checking the shape of locality (the query
 * parameter, NULL or "" for the province; "locality" names it), and that a
 * percentage indicator's target is at most 100.
 */
int plan_target_at_from_json(struct oc_v *v, const char *year, const char *indicator,
                             const char *locality, struct plan_target_put *out);

/* ---- targets per locality ---- */

/*
 * The first year whose end falls after the merger of 2025-07-01 (domain §8):
 * targets of earlier years may name a legacy district, of this year and later
 * a current commune.
 */
#define PLAN_MERGER_YEAR 2025

/* What the admin-units table says a locality code is. */
enum plan_locality_kind {
    PLAN_LOCALITY_PROVINCE,       /* '' (or absent): the whole province */
    PLAN_LOCALITY_DISTRICT,       /* a district code (all districts ended on 2025-06-30) */
    PLAN_LOCALITY_COMMUNE,        /* a commune code in force today */
    PLAN_LOCALITY_COMMUNE_FORMER, /* a commune code no unit carries today */
    PLAN_LOCALITY_UNKNOWN         /* a code the table does not know */
};

/* Returns 1 when s is '' (or NULL), 3 digits or 5 digits: the shape of a locality. */
int plan_locality_shape(const char *s);

/*
 * Whether a target (or a report) of year may name a locality of kind: a
 * district only for years before PLAN_MERGER_YEAR, a commune only a current
 * one and only from PLAN_MERGER_YEAR. Returns NULL when it may, else the
 * field errors (caller owns): one for "locality", code "not_found",
 * "abolished" or "mismatch".
 */
json_t *plan_locality_errors(int year, enum plan_locality_kind kind);

/* ---- plan periods ---- */

/* Longest period, in years. */
#define PLAN_PERIOD_MAX_YEARS 10

/* A validated PUT of a period; strings borrowed from the body. */
struct plan_period_put {
    char id[10];       /* "YYYY-YYYY", from the path */
    int first_year;    /* from the id */
    int last_year;     /* from the id, >= first_year, < first_year + PLAN_PERIOD_MAX_YEARS */
    const char *title; /* e.g. "Chương trình OCOP ... giai đoạn 2026 – 2030" */
    const char *basis; /* the document that set it */
    int sourced;       /* 1: basis confirmed; 0: awaits confirmation */
    const char *note;  /* NULL when absent */
};

/*
 * Parses a period id "YYYY-YYYY" into its years. Returns 1 when both are
 * plan years, the second not before the first and the span at most
 * PLAN_PERIOD_MAX_YEARS years, else 0.
 */
int plan_period_id(const char *s, int *first_year, int *last_year);

/*
 * Validates the path member id (may be NULL) and the body in v into out,
 * recording every error ("id" names the path member). Returns 1 when valid.
 */
int plan_period_from_json(struct oc_v *v, const char *id, struct plan_period_put *out);

/*
 * How an actual figure compares with its target: "no_target" when the year
 * has none, "not_yet_known" when the figure cannot be counted yet, else "met"
 * (actual >= target) or "below_target". Counts are exact as doubles up to
 * 2^53; a percentage compares as the one-decimal figure shown. Never NULL.
 */
const char *plan_progress_status(int has_target, double target, int known, double actual);

#endif
