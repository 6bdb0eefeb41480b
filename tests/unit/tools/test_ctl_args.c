/* ocopctl's command line: what each subcommand takes and what it refuses. */
#include <stdint.h>

#include "tools/ctl_args.h"
#include "unit/test.h"

static struct ctl_args args;
static char err[256];

/* Parses a NULL-terminated list of words after "ocopctl"; 0 or -1. */
#define PARSE(...) parse((char *[]){"ocopctl", __VA_ARGS__, NULL})

static int parse(char **argv)
{
    int argc = 0;
    while (argv[argc] != NULL)
        argc++;
    err[0] = '\0';
    return ctl_args_parse(argc, argv, &args, err, sizeof(err));
}

static void test_commands(void)
{
    CHECK_INT_EQ(PARSE("status", "--service", "registration"), 0);
    CHECK_INT_EQ(args.cmd, CTL_STATUS);
    CHECK_STR_EQ(args.service, "registration");
    CHECK_INT_EQ(args.json, 0);
    CHECK_INT_EQ(args.limit, 100);
    CHECK_INT_EQ(args.offset, -1);
    CHECK_INT_EQ(PARSE("--json", "status", "--service", "notification"), 0);
    CHECK_INT_EQ(args.json, 1);
    CHECK_INT_EQ(PARSE("dead-letters", "list", "--service", "promotion", "--limit", "5"), 0);
    CHECK_INT_EQ(args.cmd, CTL_DLQ_LIST);
    CHECK_INT_EQ(args.limit, 5);
    CHECK_INT_EQ(PARSE("dead-letters", "redrive", "--service", "evaluation", "--offset", "2:17",
                       "--reason", "fixed", "--actor", "lan"),
                 0);
    CHECK_INT_EQ(args.cmd, CTL_DLQ_REDRIVE);
    CHECK_INT_EQ(args.partition, 2);
    CHECK_INT_EQ(args.offset, 17);
    CHECK_STR_EQ(args.reason, "fixed");
    CHECK_STR_EQ(args.actor, "lan");
    CHECK_INT_EQ(PARSE("dead-letters", "redrive", "--service", "evaluation", "--all", "--reason",
                       "r", "--force"),
                 0);
    CHECK_INT_EQ(args.all, 1);
    CHECK_INT_EQ(args.force, 1);
    CHECK_INT_EQ(PARSE("dead-letters", "discard", "--service", "evaluation", "--offset", "0:0",
                       "--reason", "r"),
                 0);
    CHECK_INT_EQ(args.cmd, CTL_DLQ_DISCARD);
    CHECK_INT_EQ(PARSE("rebuild", "--service", "notification", "--model", "read-model"), 0);
    CHECK_INT_EQ(args.cmd, CTL_REBUILD);
    CHECK_STR_EQ(args.model, "read-model");
    CHECK_INT_EQ(PARSE("audit", "verify", "--service", "registration"), 0);
    CHECK_INT_EQ(args.cmd, CTL_AUDIT_VERIFY);
}

static void test_refused(void)
{
    CHECK_INT_EQ(PARSE("status"), -1); /* no service */
    CHECK(strstr(err, "--service") != NULL);
    CHECK_INT_EQ(PARSE("status", "--service", "billing"), -1);
    CHECK_INT_EQ(PARSE("status", "--service"), -1); /* no value */
    CHECK_INT_EQ(PARSE("stats", "--service", "registration"), -1);
    CHECK_INT_EQ(PARSE("dead-letters", "--service", "registration"), -1);
    CHECK_INT_EQ(PARSE("audit", "purge", "--service", "registration"), -1);
    CHECK_INT_EQ(PARSE("status", "--service", "registration", "--verbose"), -1);
    /* redrive: one letter or all, and a reason */
    CHECK_INT_EQ(PARSE("dead-letters", "redrive", "--service", "evaluation", "--reason", "r"), -1);
    CHECK_INT_EQ(PARSE("dead-letters", "redrive", "--service", "evaluation", "--offset", "0:1",
                       "--all", "--reason", "r"),
                 -1);
    CHECK_INT_EQ(PARSE("dead-letters", "redrive", "--service", "evaluation", "--offset", "0:1"),
                 -1);
    CHECK_INT_EQ(PARSE("dead-letters", "redrive", "--service", "evaluation", "--offset", "0:1",
                       "--reason", ""),
                 -1);
    /* discard: one letter, never --all or --force */
    CHECK_INT_EQ(
        PARSE("dead-letters", "discard", "--service", "evaluation", "--all", "--reason", "r"), -1);
    CHECK_INT_EQ(PARSE("dead-letters", "discard", "--service", "evaluation", "--offset", "0:1",
                       "--reason", "r", "--force"),
                 -1);
    /* positions and numbers, whole and in range */
    const char *bad[] = {"1",
                         ":1",
                         "1:",
                         "-1:0",
                         "0:-1",
                         "a:1",
                         "1:2x",
                         "0x1:1",
                         " 1:1",
                         "99999999999:1",
                         "1:99999999999999999999",
                         "1:1:1"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_INT_EQ(PARSE("dead-letters", "discard", "--service", "evaluation", "--offset",
                           (char *)bad[i], "--reason", "r"),
                     -1);
    CHECK_INT_EQ(PARSE("dead-letters", "list", "--service", "evaluation", "--limit", "0"), -1);
    CHECK_INT_EQ(PARSE("dead-letters", "list", "--service", "evaluation", "--limit", "100001"), -1);
    /* options of another command */
    CHECK_INT_EQ(PARSE("status", "--service", "evaluation", "--offset", "0:1"), -1);
    CHECK_INT_EQ(PARSE("status", "--service", "evaluation", "--model", "read-model"), -1);
    CHECK_INT_EQ(PARSE("rebuild", "--service", "notification"), -1);
    char longer[600];
    memset(longer, 'x', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = '\0';
    CHECK_INT_EQ(
        PARSE("rebuild", "--service", "notification", "--model", "read-model", "--reason", longer),
        -1);
}

int main(void)
{
    test_commands();
    test_refused();
    TEST_DONE();
}
