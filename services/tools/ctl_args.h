/*
 * ocopctl's command line: the subcommand and its options, parsed without
 * touching the environment, a database or a broker (unit-tested).
 */
#ifndef OCOPCTL_ARGS_H
#define OCOPCTL_ARGS_H

#include <stddef.h>
#include <stdint.h>

enum ctl_cmd {
    CTL_STATUS,      /* status */
    CTL_DLQ_LIST,    /* dead-letters list */
    CTL_DLQ_REDRIVE, /* dead-letters redrive */
    CTL_DLQ_DISCARD, /* dead-letters discard */
    CTL_REBUILD,     /* rebuild */
    CTL_AUDIT_VERIFY /* audit verify */
};

/* The parsed command line; strings are borrowed from argv. */
struct ctl_args {
    enum ctl_cmd cmd;    /* the subcommand */
    const char *service; /* --service: registration, evaluation, promotion, notification */
    const char *reason;  /* --reason: why (redrive, discard, rebuild), or NULL */
    const char *actor;   /* --actor: who, instead of the OS user, or NULL */
    const char *model;   /* --model: the read model to rebuild, or NULL */
    int json;            /* --json: one JSON document on stdout */
    int all;             /* --all: every unhandled dead letter */
    int force;           /* --force: redrive one already handled */
    long limit;          /* --limit: dead letters listed at most (default 100) */
    int32_t partition;   /* --offset P:O, P */
    int64_t offset;      /* --offset P:O, O; -1 when not given */
};

/*
 * Parses argv (argv[0] is the program). Returns 0, or -1 with the reason in
 * err (a usage error: exit status 2).
 */
int ctl_args_parse(int argc, char **argv, struct ctl_args *out, char *err, size_t errlen);

/* The usage text. */
extern const char ctl_usage[];

#endif
