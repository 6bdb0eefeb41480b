/*
 * The province's yearly OCOP plan as data, pure C: the indicators a target
 * may name, the shape of a target, and how progress against one reads. The
 * 2022 targets (KH 43/KH-UBND of 2022-06-06) are seeded by migration 0005.
 * No I/O.
 */
#ifndef REG_PLAN_H
#define REG_PLAN_H

#include "common/validate.h"

/* The known indicators, in the order responses list them. */
enum plan_indicator_id {
    PLAN_PRODUCTS_3STAR_PLUS,  /* products recognised 3★ or more */
    PLAN_TRADEMARKS_SUPPORTED, /* trademarks granted with the programme's support */
    PLAN_EVALUATION_ROUNDS,    /* evaluation and ranking rounds held */
    PLAN_SUPPORT_PAID_VND,     /* state support paid (VND), cancelled payments excluded */
    PLAN_INDICATOR_COUNT
};

/* One indicator a plan target may name. */
struct plan_indicator {
    const char *name;    /* on the wire and in plan_targets.indicator */
    const char *title;   /* what it counts, as the plans word it (Vietnamese) */
    const char *measure; /* how the platform counts the actual figure */
    int standing;        /* 1: a standing rule (e.g. twice a year): a year without a target of
                            its own takes the latest earlier year's, else the earliest later one */
    int per_key;         /* 1: the target applies to each key of the breakdown (each level) */
};

/* The indicators, indexed by enum plan_indicator_id. */
extern const struct plan_indicator plan_indicators[PLAN_INDICATOR_COUNT];

/* Their names, NULL-terminated (for oc_v_enum and oc_query_enum). */
extern const char *const plan_indicator_names[PLAN_INDICATOR_COUNT + 1];

/* Years a plan target may be set for. */
#define PLAN_YEAR_MIN 2000
#define PLAN_YEAR_MAX 2100

/* Largest target value accepted. */
#define PLAN_TARGET_MAX 1000000LL

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
};

/*
 * Validates the path members year and indicator (as sent, may be NULL) and
 * the body in v into out, recording every error ("year" and "indicator" name
 * the path members). Returns 1 when valid.
 */
int plan_target_from_json(struct oc_v *v, const char *year, const char *indicator,
                          struct plan_target_put *out);

/*
 * How an actual figure compares with its target: "no_target" when the year
 * has none, "not_yet_known" when the figure cannot be counted yet, else "met"
 * (actual >= target) or "below_target". Never NULL.
 */
const char *plan_progress_status(int has_target, long long target, int known, long long actual);

#endif
