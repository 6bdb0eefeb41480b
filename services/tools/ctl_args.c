#include "tools/ctl_args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char ctl_usage[] =
    "usage: ocopctl [--json] COMMAND --service SERVICE [options]\n"
    "  status                                        outbox backlog, consumer lag, inbox, dead "
    "letters\n"
    "  dead-letters list [--limit N]                 the dead-letter topic, each with its reason\n"
    "  dead-letters redrive (--offset P:O | --all) --reason TEXT [--force]\n"
    "                                                republish to the original topic\n"
    "  dead-letters discard --offset P:O --reason TEXT\n"
    "                                                mark handled without republishing\n"
    "  rebuild --model read-model [--reason TEXT]    replay the topics into a copy, swap it in\n"
    "  audit verify                                  check the audit trail's hash chain\n"
    "options: --actor NAME (default: the OS user), --json\n"
    "exit status: 0 done, 1 refused or found wrong, 2 usage or connection error\n";

/* The subcommands: one or two words each. */
static const struct {
    const char *word, *sub;
    enum ctl_cmd cmd;
} commands[] = {
    {"status", NULL, CTL_STATUS},
    {"dead-letters", "list", CTL_DLQ_LIST},
    {"dead-letters", "redrive", CTL_DLQ_REDRIVE},
    {"dead-letters", "discard", CTL_DLQ_DISCARD},
    {"rebuild", NULL, CTL_REBUILD},
    {"audit", "verify", CTL_AUDIT_VERIFY},
};

static const char *const services[] = {"registration", "evaluation", "promotion", "notification"};

static int fail(char *err, size_t errlen, const char *what, const char *arg)
{
    snprintf(err, errlen, "%s%s%s", what, arg ? ": " : "", arg ? arg : "");
    return -1;
}

/* A decimal integer from min to max, the whole string. */
static int parse_long(const char *s, long long min, long long max, long long *out)
{
    char *end = NULL;
    errno = 0;
    if (*s < '0' || *s > '9')
        return -1;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* "P:O", a partition and an offset. */
static int parse_position(const char *s, struct ctl_args *out)
{
    char part[16];
    const char *colon = strchr(s, ':');
    long long p = 0, o = 0;
    if (colon == NULL || (size_t)(colon - s) >= sizeof(part))
        return -1;
    memcpy(part, s, (size_t)(colon - s));
    part[colon - s] = '\0';
    if (parse_long(part, 0, INT32_MAX, &p) != 0 || parse_long(colon + 1, 0, INT64_MAX, &o) != 0)
        return -1;
    out->partition = (int32_t)p;
    out->offset = o;
    return 0;
}

static int known_service(const char *s)
{
    for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++)
        if (strcmp(s, services[i]) == 0)
            return 1;
    return 0;
}

/* One option at argv[*i] (and its value). */
static int parse_option(int argc, char **argv, int *i, struct ctl_args *out, char *err,
                        size_t errlen)
{
    const char *opt = argv[*i];
    long long n = 0;
    if (strcmp(opt, "--json") == 0)
        return out->json = 1, 0;
    if (strcmp(opt, "--all") == 0)
        return out->all = 1, 0;
    if (strcmp(opt, "--force") == 0)
        return out->force = 1, 0;
    if (*i + 1 >= argc)
        return fail(err, errlen, "unknown option or missing value", opt);
    const char *val = argv[++*i];
    if (strcmp(opt, "--service") == 0)
        out->service = val;
    else if (strcmp(opt, "--reason") == 0)
        out->reason = val;
    else if (strcmp(opt, "--actor") == 0)
        out->actor = val;
    else if (strcmp(opt, "--model") == 0)
        out->model = val;
    else if (strcmp(opt, "--limit") == 0) {
        if (parse_long(val, 1, 100000, &n) != 0)
            return fail(err, errlen, "--limit must be an integer from 1 to 100000", val);
        out->limit = (long)n;
    } else if (strcmp(opt, "--offset") == 0) {
        if (parse_position(val, out) != 0)
            return fail(err, errlen, "--offset must be PARTITION:OFFSET", val);
    } else
        return fail(err, errlen, "unknown option", opt);
    return 0;
}

/* What each subcommand needs, checked once everything is read. */
static int check(struct ctl_args *a, char *err, size_t errlen)
{
    if (a->service == NULL || !known_service(a->service))
        return fail(err, errlen,
                    "--service must be registration, evaluation, promotion or notification",
                    a->service);
    if (a->reason != NULL && (a->reason[0] == '\0' || strlen(a->reason) > 500))
        return fail(err, errlen, "--reason must be 1 to 500 characters", NULL);
    if (a->actor != NULL && (a->actor[0] == '\0' || strlen(a->actor) > 64))
        return fail(err, errlen, "--actor must be 1 to 64 characters", NULL);
    int one = a->offset >= 0;
    switch (a->cmd) {
    case CTL_DLQ_REDRIVE:
        if (one == a->all)
            return fail(err, errlen, "redrive takes either --offset P:O or --all", NULL);
        if (a->reason == NULL)
            return fail(err, errlen, "redrive needs --reason", NULL);
        break;
    case CTL_DLQ_DISCARD:
        if (!one || a->all || a->reason == NULL)
            return fail(err, errlen, "discard needs --offset P:O and --reason", NULL);
        break;
    case CTL_REBUILD:
        if (a->model == NULL)
            return fail(err, errlen, "rebuild needs --model", NULL);
        break;
    default:
        break;
    }
    if ((a->all && a->cmd != CTL_DLQ_REDRIVE) || (a->force && a->cmd != CTL_DLQ_REDRIVE) ||
        (one && a->cmd != CTL_DLQ_REDRIVE && a->cmd != CTL_DLQ_DISCARD) ||
        (a->model != NULL && a->cmd != CTL_REBUILD))
        return fail(err, errlen, "an option this command does not take", NULL);
    return 0;
}

int ctl_args_parse(int argc, char **argv, struct ctl_args *out, char *err, size_t errlen)
{
    int i = 1, found = 0;
    memset(out, 0, sizeof(*out));
    out->limit = 100;
    out->offset = -1;
    while (i < argc && strncmp(argv[i], "--", 2) == 0) {
        if (parse_option(argc, argv, &i, out, err, errlen) != 0)
            return -1;
        i++;
    }
    if (i >= argc)
        return fail(err, errlen, "no command", NULL);
    for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]) && !found; k++) {
        if (strcmp(argv[i], commands[k].word) != 0)
            continue;
        if (commands[k].sub != NULL && (i + 1 >= argc || strcmp(argv[i + 1], commands[k].sub) != 0))
            continue;
        out->cmd = commands[k].cmd;
        i += commands[k].sub != NULL ? 2 : 1;
        found = 1;
    }
    if (!found)
        return fail(err, errlen, "unknown command", argv[i]);
    for (; i < argc; i++)
        if (parse_option(argc, argv, &i, out, err, errlen) != 0)
            return -1;
    return check(out, err, errlen);
}
