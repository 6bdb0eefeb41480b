/*
 * The states the moves of rounds, entries and results need (round.h,
 * entry.h, result.h), one row per boundary: every status of the entry and of
 * its round, whether the move may be made, and the detail of a refusal.
 */
#include <string.h>

#include "evaluation/entry.h"
#include "evaluation/result.h"
#include "evaluation/round.h"
#include "unit/test.h"

/* A check of an entry (status) in a round (round_status). */
typedef int (*entry_check_fn)(const char *status, const char *round_status, char *why, size_t len);

static int withdrawable(const char *status, const char *round_status, char *why, size_t len)
{
    (void)round_status;
    return entry_withdrawable(status, why, len);
}

static int takes_entries(const char *status, const char *round_status, char *why, size_t len)
{
    (void)status;
    return round_takes_entries(round_status, why, len);
}

static const struct {
    const char *rule;         /* the function's name */
    entry_check_fn check;     /* it */
    const char *status;       /* the entry's */
    const char *round_status; /* its round's */
    const char *why;          /* the refusal's detail; NULL: allowed */
} cases[] = {
    {"round_takes_entries", takes_entries, NULL, "planned", NULL},
    {"round_takes_entries", takes_entries, NULL, "open", NULL},
    {"round_takes_entries", takes_entries, NULL, "scoring",
     "the round is scoring: applications are entered while it is planned or open"},
    {"round_takes_entries", takes_entries, NULL, "closed",
     "the round is closed: applications are entered while it is planned or open"},
    {"round_takes_entries", takes_entries, NULL, "cancelled",
     "the round is cancelled: applications are entered while it is planned or open"},
    {"entry_withdrawable", withdrawable, "entered", NULL, NULL},
    {"entry_withdrawable", withdrawable, "withdrawn", NULL, "the entry is already withdrawn"},
    {"entry_withdrawable", withdrawable, "finalised", NULL, "the entry is already finalised"},
    {"entry_takes_sheets", entry_takes_sheets, "entered", "scoring", NULL},
    {"entry_takes_sheets", entry_takes_sheets, "entered", "open",
     "the round is open: sheets are sent while it is scoring"},
    {"entry_takes_sheets", entry_takes_sheets, "entered", "closed",
     "the round is closed: sheets are sent while it is scoring"},
    {"entry_takes_sheets", entry_takes_sheets, "finalised", "scoring",
     "the entry is finalised: its sheets are final"},
    {"entry_takes_sheets", entry_takes_sheets, "withdrawn", "scoring",
     "the entry is withdrawn: its sheets are final"},
    /* the round is named first: a closed round's finalised entry */
    {"entry_takes_sheets", entry_takes_sheets, "finalised", "closed",
     "the round is closed: sheets are sent while it is scoring"},
    {"entry_finalisable", entry_finalisable, "entered", "scoring", NULL},
    {"entry_finalisable", entry_finalisable, "entered", "open",
     "the round is open: entries are finalised while it is scoring"},
    {"entry_finalisable", entry_finalisable, "entered", "closed",
     "the round is closed: entries are finalised while it is scoring"},
    {"entry_finalisable", entry_finalisable, "finalised", "scoring",
     "the entry is already finalised"},
    /* the entry is named first: a closed round's withdrawn entry */
    {"entry_finalisable", entry_finalisable, "withdrawn", "closed",
     "the entry is already withdrawn"},
};

static const struct {
    const char *outcome; /* a result's */
    int final;           /* result_outcome_final */
} outcomes[] = {
    {"recognised", 1},
    {"not_recognised", 1},
    {"forwarded", 0},
    {"returned", 0},
};

static const struct {
    const char *to; /* a round's move */
    int waits;      /* round_move_waits_for_entries */
} moves[] = {
    {"open", 0},
    {"scoring", 0},
    {"closed", 1},
    {"cancelled", 0},
};

static const struct {
    const char *status; /* the registry's application status */
    int ended;          /* entry_application_ended */
} applications[] = {
    {"withdrawn", 1},  {"stopped", 1},   {"rejected_at_intake", 1},   {"submitted", 0},
    {"processing", 0}, {"processed", 0}, {"supplement_requested", 0}, {"", 0},
    {NULL, 0},
};

int main(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char why[256] = "";
        int ok = cases[i].check(cases[i].status, cases[i].round_status, why, sizeof(why));
        if (ok != (cases[i].why == NULL))
            fprintf(stderr, "    row %zu: %s(%s, %s)\n", i, cases[i].rule,
                    cases[i].status ? cases[i].status : "-",
                    cases[i].round_status ? cases[i].round_status : "-");
        CHECK_INT_EQ(ok, cases[i].why == NULL);
        CHECK_STR_EQ(why, cases[i].why != NULL ? cases[i].why : "");
    }
    for (size_t i = 0; i < sizeof(outcomes) / sizeof(outcomes[0]); i++)
        CHECK_INT_EQ(result_outcome_final(outcomes[i].outcome), outcomes[i].final);
    for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
        CHECK_INT_EQ(round_move_waits_for_entries(moves[i].to), moves[i].waits);
    for (size_t i = 0; i < sizeof(applications) / sizeof(applications[0]); i++)
        CHECK_INT_EQ(entry_application_ended(applications[i].status), applications[i].ended);
    TEST_DONE();
}
