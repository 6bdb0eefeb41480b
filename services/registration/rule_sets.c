#include "registration/rule_sets.h"

#include <string.h>

/*
 * Validity dates of the files of schemas/reference/rule-sets/ (the unit test
 * test_rule_sets.c compares them). QĐ 1489 amends QĐ 148's levels only: its
 * dossier and classification are 148's. QĐ 26/2026 is unconfirmed: no dates,
 * never in force until its file says so (then this row follows, under test).
 */
const struct rule_sets_entry rule_sets_table[] = {
    {"qd1048-2019", 1, "2019-08-21", "2023-02-23", NULL, "qd1048-2019", RULE_SETS_LEGACY_GROUP},
    {"qd148-2023", 1, "2023-02-24", "2025-07-05", NULL, "qd148-2023", RULE_SETS_CRITERIA_SET},
    {"qd1489-2025", 1, "2025-07-06", NULL, "qd148-2023", "qd148-2023", RULE_SETS_CRITERIA_SET},
    {"qd26-2026", 0, NULL, NULL, NULL, "qd26-2026", RULE_SETS_CRITERIA_SET},
    {NULL, 0, NULL, NULL, NULL, NULL, RULE_SETS_CRITERIA_SET},
};

const char *const rule_sets_ids[] = {"qd1048-2019", "qd148-2023", "qd1489-2025", NULL};

const struct rule_sets_entry *rule_sets_find(const char *id)
{
    for (const struct rule_sets_entry *r = rule_sets_table; id != NULL && r->id != NULL; r++)
        if (strcmp(r->id, id) == 0)
            return r;
    return NULL;
}

/* Days as YYYY-MM-DD compare as text. */
static int covers(const struct rule_sets_entry *r, const char *day)
{
    return r->confirmed && r->valid_from != NULL && strcmp(r->valid_from, day) <= 0 &&
           (r->valid_to == NULL || strcmp(day, r->valid_to) <= 0);
}

const struct rule_sets_entry *rule_sets_in_force(const char *day)
{
    for (const struct rule_sets_entry *r = rule_sets_table; day != NULL && r->id != NULL; r++)
        if (covers(r, day))
            return r;
    return NULL;
}

int rule_sets_in_force_on(const char *id, const char *day)
{
    const struct rule_sets_entry *r = rule_sets_find(id);
    return r != NULL && day != NULL && covers(r, day);
}
