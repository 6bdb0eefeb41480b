/*
 * The rule sets registration knows, pure C: which decision is in force on a
 * day, whose dossier checklist and classification a rule set uses. The
 * evaluation service loads the rule sets from schemas/reference/rule-sets/;
 * registration keeps this small table of their validity dates instead, and
 * tests/unit/registration/test_rule_sets.c checks that it equals those files
 * (id, confirmed, valid_from, valid_to, amends), so the list is written once
 * as data and once here under test. No I/O.
 */
#ifndef REG_RULE_SETS_H
#define REG_RULE_SETS_H

/* How a product is classified under a rule set. */
enum rule_sets_class {
    RULE_SETS_CRITERIA_SET, /* QĐ 148's 26 criteria sets in six sectors */
    RULE_SETS_LEGACY_GROUP, /* QĐ 1048's own groups, kept as text for old products */
};

/* One rule set as registration needs it. */
struct rule_sets_entry {
    const char *id;         /* "qd148-2023", as the file is named */
    int confirmed;          /* 0: reported, never verified; never in force */
    const char *valid_from; /* first day in force (YYYY-MM-DD), or NULL when never in force */
    const char *valid_to;   /* last day in force, or NULL while in force */
    const char *amends;     /* the rule set it amends, or NULL */
    const char *checklist;  /* whose dossier checklist applies: its own, or the amended one's */
    enum rule_sets_class classification; /* how its products are classified */
};

/* Every rule set, in the order they took effect; NULL-terminated by id. */
extern const struct rule_sets_entry rule_sets_table[];

/* Every confirmed rule set id, NULL-terminated (the wire enum of a product's rule_set). */
extern const char *const rule_sets_ids[];

/* The rule set called id, or NULL. */
const struct rule_sets_entry *rule_sets_find(const char *id);

/*
 * The confirmed rule set in force on day (YYYY-MM-DD): valid_from <= day <=
 * valid_to (inclusive, valid_to NULL: open). NULL when none is (before 2019).
 */
const struct rule_sets_entry *rule_sets_in_force(const char *day);

/* Returns 1 when rule set id is confirmed and in force on day. */
int rule_sets_in_force_on(const char *id, const char *day);

#endif
