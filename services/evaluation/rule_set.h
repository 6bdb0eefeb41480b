/*
 * Rule sets and criteria sets as data (domain §1-2), pure C: the shape and
 * the rules of the reference files under schemas/reference/rule-sets/ and
 * schemas/reference/criteria/, and the mapping of a council score to stars.
 * No I/O: the loader (rule_set_load.c) reads the files, parses them with
 * Jansson and hands the documents here.
 *
 * Points in the files are whole numbers. A score (the mean of the council
 * members' totals, 0-100) is an integer in hundredths of a point, 0..10000,
 * so that 49.99 and 50 compare exactly. Dates are YYYY-MM-DD and inclusive.
 *
 * Every function that checks a document returns 1, or 0 with a message in
 * msg naming the member at fault ("star_bands[2]: ..."); the caller adds the
 * file name.
 */
#ifndef EVAL_RULE_SET_H
#define EVAL_RULE_SET_H

#include <stddef.h>

#include <jansson.h>

#define RULE_SET_SCORE_MAX  10000 /* 100 points, in hundredths */
#define RULE_SET_ID_MAX     40    /* bytes of a rule set id */
#define RULE_SET_PARTS_MAX  8
#define RULE_SET_BANDS_MAX  10
#define RULE_SET_LEVELS_MAX 4
#define CRITERIA_SETS_MAX   100           /* criteria sets in one index */
#define RULE_SET_DAY_MIN    (-100000000L) /* an open valid_from: before any date */
#define RULE_SET_DAY_MAX    100000000L    /* an open valid_to: after any date */

/* Evaluation levels, lowest first, as stored and sent on the wire (NULL-terminated). */
extern const char *const rule_set_levels[];
/* What a level does with a product (NULL-terminated): only "evaluates_and_recognises" gives stars.
 */
extern const char *const rule_set_roles[];

/* One part of the score sheet (A, B, C). Strings are borrowed from the document. */
struct rule_set_part {
    const char *code;    /* "A", "B", "C" */
    const char *name_vi; /* Vietnamese name */
    const char *name_en; /* English name */
    long max_points;     /* 1..100; the parts of a rule set sum to 100 */
};

/* One star band: scores in [min_score, max_score) give stars. */
struct rule_set_band {
    int stars;      /* 1, 2, ... in ascending order */
    long min_score; /* hundredths, inclusive */
    long max_score; /* hundredths, exclusive; -1 for the top band, which has no upper bound */
};

/* What one evaluation level does under a rule set. */
struct rule_set_level {
    const char *level; /* one of rule_set_levels */
    const char *role;  /* one of rule_set_roles */
    unsigned stars;    /* bit s is set when this level recognises s stars (3..5) */
};

/* One rule set file. Strings are borrowed from the parsed document, which must outlive it. */
struct rule_set {
    const char *id;       /* "qd148-2023": lower-case letters and digits in dash-separated words */
    const char *decision; /* "148/QĐ-TTg" */
    const char *title;    /* the decision's title */
    int confirmed;        /* 0 for a reported, unverified decision: never in force */
    const char *valid_from;     /* first day in force; NULL only when not confirmed */
    const char *valid_to;       /* last day in force; NULL while in force */
    long from_day;              /* valid_from in days since 1970-01-01, or RULE_SET_DAY_MIN */
    long to_day;                /* valid_to in days since 1970-01-01, or RULE_SET_DAY_MAX */
    const char *amends;         /* the rule set this one amends, or NULL */
    const char *replaces;       /* the rule set this one replaces, or NULL */
    const char *criteria_from;  /* the rule set whose criteria sets apply (itself or another) */
    const char *criteria_index; /* file under criteria/ listing its criteria sets, or NULL */
    struct rule_set_part parts[RULE_SET_PARTS_MAX];    /* in order */
    size_t nparts;                                     /* entries in parts */
    struct rule_set_band bands[RULE_SET_BANDS_MAX];    /* ascending, contiguous from 0 */
    size_t nbands;                                     /* entries in bands */
    struct rule_set_level levels[RULE_SET_LEVELS_MAX]; /* who recognises which stars */
    size_t nlevels;                                    /* entries in levels */
    const char *potential_level; /* level whose high score is only "potential 5 stars", or NULL */
    long potential_min_score;    /* hundredths; the potential-5-star threshold, or -1 */
    const char *potential_to;    /* level the potential 5 stars are forwarded to, or NULL */
    long certificate_months;     /* validity of a certificate, in months */
    long min_rounds_per_year;    /* evaluation rounds a year per level; 0 when not stated */
};

/* Returns 1 when s is a well-formed rule set id (see struct rule_set). */
int rule_set_id_ok(const char *s);

/*
 * Reads and checks one rule set document by itself: known members only;
 * parts that sum to 100; star bands contiguous from 0 with no gap or
 * overlap, the top one open; dates that are dates, in order; levels that
 * recognise each of 3, 4 and 5 stars exactly once; a potential-5-star rule
 * whose levels exist. Fills *rs (borrowing from doc) and returns 1, or 0
 * with msg.
 */
int rule_set_parse(json_t *doc, struct rule_set *rs, char *msg, size_t len);

/*
 * Checks the rule sets as a whole; each passed rule_set_parse. Ids are
 * unique; amends, replaces and criteria_from name another rule set of the
 * list; criteria_from leads to a rule set whose criteria_from is itself, with
 * the same parts; no two confirmed rule sets are in force on the same day.
 * Returns n, or the index of the first offending rule set with msg.
 */
size_t rule_set_check_all(const struct rule_set *sets, size_t n, char *msg, size_t len);

/*
 * Maps a score in hundredths (0..RULE_SET_SCORE_MAX) to stars under rs's
 * bands: with the bands of QĐ 148, 4999 gives 2, 5000 gives 3, 8999 gives 4
 * and 9000 gives 5. Returns 0 for a score out of range. Mandatory criteria,
 * which may cap the stars, are not considered here.
 */
int rule_set_stars(const struct rule_set *rs, long score);

/*
 * Returns 1 when a result scored at level is only "potential 5 stars" under
 * rs (a province result of 90 or more, forwarded to the central council).
 */
int rule_set_potential_5_star(const struct rule_set *rs, const char *level, long score);

/* Returns 1 when rs is confirmed and in force on day (days since 1970-01-01). */
int rule_set_in_force(const struct rule_set *rs, long day);

/* The confirmed rule set in force on day, or NULL. */
const struct rule_set *rule_set_on(const struct rule_set *sets, size_t n, long day);

/* ---- criteria sets -------------------------------------------------------------------------- */

/* One criteria set of an index. Strings are borrowed from the index document. */
struct criteria_set_entry {
    long number;                /* 1..n, in order */
    const char *sector;         /* sector code, "I".."VI" under QĐ 148 */
    const char *sector_name_en; /* that sector's English name */
    const char *name_en;        /* English name of the set */
    const char *detail_file;    /* file under criteria/ with the full criteria, or NULL */
};

/* A criteria index file: the criteria sets of one rule set. */
struct criteria_index {
    const char *rule_set;            /* the rule set's id */
    const char *detail_note;         /* what to say of a set without detail */
    struct criteria_set_entry *sets; /* owned; free with criteria_index_clean */
    size_t nsets;                    /* entries in sets */
};

/*
 * Reads and checks the criteria index of rs (whose criteria_index names it):
 * known members; rule_set is rs's id; sectors with unique codes; sets
 * numbered 1, 2, ... in order, each in a listed sector, sectors in order;
 * detail files named once. Fills *idx (caller cleans, also on failure) and
 * returns 1, or 0 with msg.
 */
int criteria_index_parse(json_t *doc, const struct rule_set *rs, struct criteria_index *idx,
                         char *msg, size_t len);

/* Frees what criteria_index_parse allocated; idx may be zeroed. */
void criteria_index_clean(struct criteria_index *idx);

/* Sizes of a detailed criteria set. */
struct criteria_counts {
    size_t groups;   /* numbered groups of criteria */
    size_t criteria; /* criteria */
    size_t options;  /* options over all criteria */
};

/*
 * Checks the detail document of criteria set e of rule set rs: id
 * "<rule set>-set-<NN>", rule_set and number as in the index; the parts of
 * rs in order with their maxima; in each part, groups whose maxima sum to the
 * part's and criteria whose maxima sum to their group's and to the part's;
 * unique group and criterion codes; in each criterion, options of 0 to the
 * criterion's maximum whose highest equals it, star markers of 3 to 5, and
 * mandatory stars consistent with their minimum points. Fills *counts and
 * returns 1, or 0 with msg.
 */
int criteria_detail_check(json_t *doc, const struct rule_set *rs,
                          const struct criteria_set_entry *e, struct criteria_counts *counts,
                          char *msg, size_t len);

#endif
