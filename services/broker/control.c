#include "control.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

#define MAX_ARGS        4     /* after the command name */
#define MAX_ERROR_COUNT 10000 /* errors pushed by one "error" command */
#define MAX_RTT_MS      600000
#define REPLY_MAX       1024

/* Details for an ok reply, or the reason for an error reply. */
struct reply {
    char text[REPLY_MAX];
};

/* Runs a command whose argument count is already checked; returns 0 or -1 (reason in r). */
typedef int (*command_fn)(struct broker_state *st, int argc, char **argv, struct reply *r);

struct command {
    const char *name;
    int min_args;
    int max_args;
    const char *usage;
    command_fn fn;
};

/* Sets r->text and returns -1, so handlers can "return fail(r, ...)". */
__attribute__((format(printf, 2, 3))) static int fail(struct reply *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(r->text, sizeof r->text, fmt, ap);
    va_end(ap);
    return -1;
}

bool parse_long(const char *text, long min, long max, long *out)
{
    char *end = NULL;

    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || v < min || v > max) {
        return false;
    }
    *out = v;
    return true;
}

bool topic_name_valid(const char *name)
{
    size_t len = strlen(name);

    if (len == 0 || len > 249 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        return false;
    }
    return strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == len;
}

/* True when code is an error code this librdkafka knows (including NO_ERROR). */
static bool err_code_known(long code)
{
    const struct rd_kafka_err_desc *descs;
    size_t cnt;

    rd_kafka_get_err_descs(&descs, &cnt);
    for (size_t i = 0; i < cnt; i++) {
        if (descs[i].name != NULL && descs[i].desc != NULL && (long)descs[i].code == code) {
            return true;
        }
    }
    return false;
}

/*
 * Parses "<id>" (1..broker_cnt) or "all" (-1: one mock op for every broker,
 * which matters because a 2.0.2 mock op can take up to ~1 s).
 */
static int parse_target(const struct broker_state *st, const char *arg, int32_t *id,
                        struct reply *r)
{
    long v = 0;

    if (strcmp(arg, "all") == 0) {
        *id = -1;
        return 0;
    }
    if (!parse_long(arg, 1, st->broker_cnt, &v)) {
        return fail(r, "bad broker id '%s' (expected 1..%d or all)", arg, st->broker_cnt);
    }
    *id = (int32_t)v;
    return 0;
}

static int set_broker_down(struct broker_state *st, const char *target, bool down, struct reply *r)
{
    int32_t id = 0;

    if (parse_target(st, target, &id, r) != 0) {
        return -1;
    }
    rd_kafka_resp_err_t err =
        down ? rd_kafka_mock_broker_set_down(st->mc, id) : rd_kafka_mock_broker_set_up(st->mc, id);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return fail(r, "%s", rd_kafka_err2str(err));
    }
    for (int i = 1; i <= st->broker_cnt; i++) {
        if (id == -1 || id == i) {
            st->down[i] = down;
        }
    }
    return 0;
}

static int cmd_down(struct broker_state *st, int argc, char **argv, struct reply *r)
{
    (void)argc;
    return set_broker_down(st, argv[1], true, r);
}

static int cmd_up(struct broker_state *st, int argc, char **argv, struct reply *r)
{
    (void)argc;
    return set_broker_down(st, argv[1], false, r);
}

static int cmd_rtt(struct broker_state *st, int argc, char **argv, struct reply *r)
{
    int32_t id = 0;
    long ms = 0;

    (void)argc;
    if (parse_target(st, argv[1], &id, r) != 0) {
        return -1;
    }
    if (!parse_long(argv[2], 0, MAX_RTT_MS, &ms)) {
        return fail(r, "bad rtt '%s' (expected 0..%d ms)", argv[2], MAX_RTT_MS);
    }
    rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_rtt(st->mc, id, (int)ms);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return fail(r, "%s", rd_kafka_err2str(err));
    }
    return 0;
}

static int parse_api_key(const char *arg, int16_t *out, struct reply *r)
{
    long key = 0;

    if (!parse_long(arg, 0, INT16_MAX, &key)) {
        return fail(r, "bad api key '%s' (expected 0..%d)", arg, INT16_MAX);
    }
    *out = (int16_t)key;
    return 0;
}

static int cmd_error(struct broker_state *st, int argc, char **argv, struct reply *r)
{
    int16_t api_key = 0;
    long code = 0, count = 1;
    rd_kafka_resp_err_t *errs = NULL;

    if (parse_api_key(argv[1], &api_key, r) != 0) {
        return -1;
    }
    if (!parse_long(argv[2], INT_MIN, INT_MAX, &code) || !err_code_known(code)) {
        return fail(r, "unknown error code '%s' (a numeric rd_kafka_resp_err_t)", argv[2]);
    }
    if (argc > 3 && !parse_long(argv[3], 1, MAX_ERROR_COUNT, &count)) {
        return fail(r, "bad count '%s' (expected 1..%d)", argv[3], MAX_ERROR_COUNT);
    }
    errs = malloc((size_t)count * sizeof *errs);
    if (errs == NULL) {
        return fail(r, "out of memory");
    }
    for (long i = 0; i < count; i++) {
        errs[i] = (rd_kafka_resp_err_t)code;
    }
    rd_kafka_mock_push_request_errors_array(st->mc, api_key, (size_t)count, errs);
    free(errs);
    (void)snprintf(r->text, sizeof r->text, "(%s)", rd_kafka_err2name((rd_kafka_resp_err_t)code));
    return 0;
}

static int cmd_clear(struct broker_state *st, int argc, char **argv, struct reply *r)
{
    int16_t api_key = 0;

    (void)argc;
    if (parse_api_key(argv[1], &api_key, r) != 0) {
        return -1;
    }
    rd_kafka_mock_clear_request_errors(st->mc, api_key);
    return 0;
}

static int cmd_leader(struct broker_state *st, int argc, char **argv, struct reply *r)
{
    long partition = 0, id = 0;

    (void)argc;
    if (!topic_name_valid(argv[1])) {
        return fail(r, "bad topic name '%s'", argv[1]);
    }
    if (!parse_long(argv[2], 0, INT32_MAX, &partition)) {
        return fail(r, "bad partition '%s'", argv[2]);
    }
    if (!parse_long(argv[3], -1, st->broker_cnt, &id) || id == 0) {
        return fail(r, "bad broker id '%s' (expected 1..%d, or -1 for no leader)", argv[3],
                    st->broker_cnt);
    }
    rd_kafka_resp_err_t err =
        rd_kafka_mock_partition_set_leader(st->mc, argv[1], (int32_t)partition, (int32_t)id);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return fail(r, "%s", rd_kafka_err2str(err));
    }
    return 0;
}

static int cmd_topic(struct broker_state *st, int argc, char **argv, struct reply *r)
{
    long partitions = 0;

    (void)argc;
    if (!topic_name_valid(argv[1])) {
        return fail(r, "bad topic name '%s'", argv[1]);
    }
    if (!parse_long(argv[2], 1, BROKER_MAX_PARTITIONS, &partitions)) {
        return fail(r, "bad partition count '%s' (expected 1..%d)", argv[2], BROKER_MAX_PARTITIONS);
    }
    rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(st->mc, argv[1], (int)partitions, 1);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return fail(r, "%s", rd_kafka_err2str(err));
    }
    return 0;
}

/* Details: "bootstrap=<list> brokers=<n> down=<id,id|none>". */
static int cmd_status(struct broker_state *st, int argc, char **argv, struct reply *r)
{
    char down[BROKER_MAX_BROKERS * 4 + 8] = "";
    size_t len = 0;

    (void)argc;
    (void)argv;
    for (int id = 1; id <= st->broker_cnt; id++) {
        if (st->down[id]) {
            int n = snprintf(down + len, sizeof down - len, "%s%d", len > 0 ? "," : "", id);
            len += (n > 0) ? (size_t)n : 0;
        }
    }
    (void)snprintf(r->text, sizeof r->text, "bootstrap=%s brokers=%d down=%s", st->bootstraps,
                   st->broker_cnt, len > 0 ? down : "none");
    return 0;
}

static int cmd_quit(struct broker_state *st, int argc, char **argv, struct reply *r)
{
    (void)argc;
    (void)argv;
    (void)r;
    st->quit = true;
    return 0;
}

static const struct command COMMANDS[] = {
    {"down", 1, 1, "down <id|all>", cmd_down},
    {"up", 1, 1, "up <id|all>", cmd_up},
    {"rtt", 2, 2, "rtt <id|all> <ms>", cmd_rtt},
    {"error", 2, 3, "error <apikey> <errcode> [count]", cmd_error},
    {"clear", 1, 1, "clear <apikey>", cmd_clear},
    {"leader", 3, 3, "leader <topic> <partition> <broker_id>", cmd_leader},
    {"topic", 2, 2, "topic <name> <partitions>", cmd_topic},
    {"status", 0, 0, "status", cmd_status},
    {"quit", 0, 0, "quit", cmd_quit},
};

/* Lets execute_line clamp the token count to MAX_ARGS + 1 and still get a usage error. */
_Static_assert(MAX_ARGS > 3, "MAX_ARGS must exceed every command's max_args");

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) {
        if (strcmp(COMMANDS[i].name, name) == 0) {
            return &COMMANDS[i];
        }
    }
    return NULL;
}

/* Writes one reply line on stdout (flushed) and logs it. */
static void respond(const char *source, bool ok, const char *text)
{
    (void)printf("%s %s\n", ok ? "ok" : "error", text);
    (void)fflush(stdout);
    blog(ok ? BLOG_INFO : BLOG_WARN, "%s command %s: %s", source, ok ? "ok" : "failed", text);
}

/* Splits line in place on blanks; stores at most cap tokens, returns the full count. */
static int tokenize(char *line, char **argv, int cap)
{
    int argc = 0;
    char *save = NULL;

    for (char *tok = strtok_r(line, " \t", &save); tok != NULL;
         tok = strtok_r(NULL, " \t", &save)) {
        if (argc < cap) {
            argv[argc] = tok;
        }
        argc++;
    }
    return argc;
}

/* Only printable ASCII and tabs: keeps replies one clean line and logs valid JSON. */
static bool line_is_clean(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        if ((c < 0x20 && c != '\t') || c >= 0x7f) {
            return false;
        }
    }
    return true;
}

/* Runs a tokenized command and replies. */
static void dispatch(struct broker_state *st, const char *source, int argc, char **argv)
{
    struct reply r = {""};
    char echo[CONTROL_LINE_MAX + 1] = "";
    const struct command *cmd = find_command(argv[0]);

    if (cmd == NULL) {
        (void)snprintf(r.text, sizeof r.text,
                       "%s: unknown command (try down, up, rtt, error, "
                       "clear, leader, topic, status, quit)",
                       argv[0]);
        respond(source, false, r.text);
        return;
    }
    if (argc - 1 < cmd->min_args || argc - 1 > cmd->max_args) {
        (void)snprintf(r.text, sizeof r.text, "%s: usage: %s", cmd->name, cmd->usage);
        respond(source, false, r.text);
        return;
    }
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(echo);
        (void)snprintf(echo + len, sizeof echo - len, "%s%s", i > 0 ? " " : "", argv[i]);
    }
    char out[CONTROL_LINE_MAX + REPLY_MAX + 4];
    if (cmd->fn(st, argc, argv, &r) == 0) {
        (void)snprintf(out, sizeof out, "%s%s%s", echo, r.text[0] != '\0' ? " " : "", r.text);
        respond(source, true, out);
    } else {
        (void)snprintf(out, sizeof out, "%s: %s", cmd->name, r.text);
        respond(source, false, out);
    }
}

/* Executes one line (NUL-terminated at line[len], may hold NULs and a trailing CR). */
static void execute_line(struct broker_state *st, const char *source, char *line, size_t len)
{
    char *argv[MAX_ARGS + 1];

    if (len > 0 && line[len - 1] == '\r') {
        line[--len] = '\0';
    }
    if (!line_is_clean(line, len)) {
        respond(source, false, "line contains control or non-ASCII bytes");
        return;
    }
    int argc = tokenize(line, argv, MAX_ARGS + 1);
    if (argc == 0) {
        return;
    }
    if (argc > MAX_ARGS + 1) {
        argc = MAX_ARGS + 1; /* more than any command takes: dispatch reports usage */
    }
    dispatch(st, source, argc, argv);
}

void line_reader_init(struct line_reader *lr, const char *source)
{
    lr->source = source;
    lr->len = 0;
    lr->overlong = false;
}

static void end_line(struct line_reader *lr, struct broker_state *st)
{
    if (lr->overlong) {
        char text[64];
        (void)snprintf(text, sizeof text, "line longer than %d bytes", CONTROL_LINE_MAX);
        respond(lr->source, false, text);
    } else {
        lr->buf[lr->len] = '\0';
        execute_line(st, lr->source, lr->buf, lr->len);
    }
    lr->len = 0;
    lr->overlong = false;
}

void line_reader_feed(struct line_reader *lr, struct broker_state *st, const char *data, size_t n)
{
    for (size_t i = 0; i < n && !st->quit; i++) {
        if (data[i] == '\n') {
            end_line(lr, st);
        } else if (lr->len == CONTROL_LINE_MAX) {
            lr->overlong = true;
        } else if (!lr->overlong) {
            lr->buf[lr->len++] = data[i];
        }
    }
}

void line_reader_finish(struct line_reader *lr, struct broker_state *st)
{
    if ((lr->len > 0 || lr->overlong) && !st->quit) {
        end_line(lr, st);
    }
}
