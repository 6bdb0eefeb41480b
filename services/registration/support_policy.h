/*
 * The province's support policies (step 4 of the OCOP cycle) as versioned
 * data, pure C: one JSON document per version under
 * schemas/reference/support-policies/, read at start (support_policy_load.c).
 * A policy lists the kinds of support it pays, the share of the eligible cost
 * each may cover, and its caps. A payment is judged by the version in force on
 * its paid_on. The amounts of nq03-2021-tra-vinh are UNCONFIRMED (its
 * provenance says so): data to switch, never law in code. No I/O.
 */
#ifndef REG_SUPPORT_POLICY_H
#define REG_SUPPORT_POLICY_H

#include <stddef.h>

#include <jansson.h>

/* What a cap totals over. */
enum support_per {
    SUPPORT_PER_FACILITY, /* one producer (cơ sở, chủ thể) */
    SUPPORT_PER_PRODUCT,  /* one product */
    SUPPORT_PER_COMMUNE,  /* every producer of one commune */
    SUPPORT_PER_YEAR,     /* the whole province */
    SUPPORT_PER_COUNT
};

/* Wire names of enum support_per, NULL-terminated. */
extern const char *const support_pers[];

/* How long a cap's total runs. */
enum support_period {
    SUPPORT_ONCE, /* every payment ever made under the policy */
    SUPPORT_YEAR  /* the calendar year of paid_on */
};

/* Largest amount a file or a payment may name, in VND (one trillion). */
#define SUPPORT_AMOUNT_MAX 1000000000000LL

/* Most kinds in one policy, caps of one kind, and policy versions. */
#define SUPPORT_KINDS_MAX    32
#define SUPPORT_CAPS_MAX     4
#define SUPPORT_POLICIES_MAX 16

/* One cap of a kind. Strings are borrowed from the policy's document. */
struct support_cap {
    enum support_per per;       /* what the total is over */
    long long amount_vnd;       /* the most the total may reach, 1..SUPPORT_AMOUNT_MAX */
    enum support_period period; /* once, or per calendar year */
    const char *group;          /* kinds whose caps name the same group total together; NULL:
                                   this kind alone */
};

/* One kind of support. Strings are borrowed from the policy's document. */
struct support_kind {
    const char *kind;  /* e.g. "equipment": [a-z0-9_], 2..40 */
    const char *title; /* Vietnamese, as the policy words it */
    int per_product;   /* 1: a payment names a product ("subject": "product") */
    int share_percent; /* 1..100 of the eligible cost, or -1: no share rule */
    size_t ncaps;      /* caps used */
    struct support_cap caps[SUPPORT_CAPS_MAX]; /* the kind's caps */
};

/* A policy version. Its strings point into doc. */
struct support_policy {
    json_t *doc;            /* the file's document, as served by GET (owned) */
    const char *id;         /* e.g. "nq03-2021-tra-vinh": the file's name without .json */
    const char *valid_from; /* YYYY-MM-DD, first day in force */
    const char *valid_to;   /* YYYY-MM-DD, last day in force, or NULL: open */
    int confirmed;          /* provenance.confirmed */
    size_t nkinds;          /* kinds used */
    struct support_kind kinds[SUPPORT_KINDS_MAX]; /* the kinds */
};

/* The versions loaded. */
struct support_policy_set {
    size_t n;                                             /* versions used */
    struct support_policy policies[SUPPORT_POLICIES_MAX]; /* ordered by valid_from */
};

/*
 * Reads doc (stolen, also on failure) into out, checking every member: id
 * ([a-z0-9-], 3..64), title, basis, valid_from, valid_to (null or not before
 * valid_from), provenance {source, confirmed, note}, and kinds (unique, each
 * with title, subject, share_percent null or 1..100 and caps). Returns 1, or 0
 * with the reason in err.
 */
int support_policy_parse(json_t *doc, struct support_policy *out, char *err, size_t errlen);

/*
 * Adds p (taken over) to set, keeping valid_from order. Refuses (0, with the
 * reason in err, p freed) a repeated id, a version whose days overlap another's,
 * or one too many.
 */
int support_policy_set_add(struct support_policy_set *set, struct support_policy *p, char *err,
                           size_t errlen);

/* Frees what the set holds; set may be zeroed. */
void support_policy_set_clean(struct support_policy_set *set);

/* The version in force on day (YYYY-MM-DD), or NULL when none is. */
const struct support_policy *support_policy_in_force(const struct support_policy_set *set,
                                                     const char *day);

/* The version with this id, or NULL. */
const struct support_policy *support_policy_find(const struct support_policy_set *set,
                                                 const char *id);

/* The kind of p called kind, or NULL. */
const struct support_kind *support_policy_kind(const struct support_policy *p, const char *kind);

/*
 * The kinds of p that share cap c of kind k (c->group, else k alone) as a
 * text[] literal "{a,b}" into buf. Returns buf.
 */
char *support_policy_cap_kinds(const struct support_policy *p, const struct support_kind *k,
                               const struct support_cap *c, char *buf, size_t len);

#endif
