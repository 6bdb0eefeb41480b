/*
 * ocop-broker: librdkafka's mock cluster as a standalone Kafka-protocol broker
 * for local runs and tests, with fault injection via control commands (see
 * control.h) read from stdin and an optional FIFO.
 *
 * Contract: prints "bootstrap <host:port,...>" as its first stdout line and,
 * with --bootstrap-file, writes the same list atomically to that file once the
 * control FIFO is open (so the file doubles as a readiness signal). On
 * SIGTERM/SIGINT or "quit" it removes both files and exits 0. Exit 1 on a
 * startup failure, 2 on bad usage. Stdin reaching EOF is not a reason to stop.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "control.h"
#include "log.h"

#define USAGE                                                                                      \
    "usage: ocop-broker [--brokers N (1..32, default 3)] [--partitions N (1..1000, default 3)] "   \
    "[--bootstrap-file PATH] [--control FIFO_PATH] [--topic NAME]..."

struct options {
    long brokers;
    long partitions;
    const char *bootstrap_file; /* NULL: none */
    const char *control_path;   /* NULL: stdin only */
    const char **topics;        /* argv strings; array owned */
    size_t topic_cnt;
};

/* Written by the signal handler; read end polled by the event loop. */
static int sig_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    ssize_t w = write(sig_pipe[1], &b, 1);
    (void)w;
    errno = saved;
}

/* Applies one "--name value" pair; returns 0, or -1 after logging why. */
static int apply_option(struct options *o, const char *name, const char *value)
{
    if (strcmp(name, "--brokers") == 0) {
        if (!parse_long(value, 1, BROKER_MAX_BROKERS, &o->brokers)) {
            goto bad_value;
        }
    } else if (strcmp(name, "--partitions") == 0) {
        if (!parse_long(value, 1, BROKER_MAX_PARTITIONS, &o->partitions)) {
            goto bad_value;
        }
    } else if (strcmp(name, "--bootstrap-file") == 0 && value[0] != '\0') {
        o->bootstrap_file = value;
    } else if (strcmp(name, "--control") == 0 && value[0] != '\0') {
        o->control_path = value;
    } else if (strcmp(name, "--topic") == 0 && topic_name_valid(value)) {
        o->topics[o->topic_cnt++] = value;
    } else {
        goto bad_value;
    }
    return 0;

bad_value:
    blog(BLOG_ERROR, "bad value '%s' for %s; %s", value, name, USAGE);
    return -1;
}

static bool is_value_option(const char *a)
{
    static const char *const names[] = {"--brokers", "--partitions", "--bootstrap-file",
                                        "--control", "--topic"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(a, names[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* Returns 0 to run, 1 for --help, -1 on bad usage (logged). o->topics must hold argc entries. */
static int parse_args(int argc, char **argv, struct options *o)
{
    for (int i = 1; i < argc; i += 2) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return 1;
        }
        if (!is_value_option(argv[i])) {
            blog(BLOG_ERROR, "unknown argument '%s'; %s", argv[i], USAGE);
            return -1;
        }
        if (i + 1 >= argc) {
            blog(BLOG_ERROR, "%s needs a value; %s", argv[i], USAGE);
            return -1;
        }
        if (apply_option(o, argv[i], argv[i + 1]) != 0) {
            return -1;
        }
    }
    return 0;
}

static int set_cloexec_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
        return -1;
    }
    return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* Self-pipe for SIGTERM/SIGINT; ignores SIGPIPE (stdout may go away) and SIGTTIN. */
static int install_signals(void)
{
    struct sigaction sa;

    if (pipe(sig_pipe) != 0 || set_cloexec_nonblock(sig_pipe[0]) != 0 ||
        set_cloexec_nonblock(sig_pipe[1]) != 0) {
        blog(BLOG_ERROR, "signal pipe: %s", strerror(errno));
        return -1;
    }
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_signal;
    if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGINT, &sa, NULL) != 0) {
        blog(BLOG_ERROR, "sigaction: %s", strerror(errno));
        return -1;
    }
    sa.sa_handler = SIG_IGN;
    /* SIGTTIN ignored: a background read of a terminal then fails with EIO, and we stop reading. */
    (void)sigaction(SIGPIPE, &sa, NULL);
    (void)sigaction(SIGTTIN, &sa, NULL);
    return 0;
}

/*
 * Routes librdkafka's own log lines (syslog levels) through our JSON logger,
 * minus the expected warning that the cluster's host handle has no
 * bootstrap.servers (it never connects anywhere).
 */
static void rdkafka_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    (void)rk;
    if (strcmp(fac, "CONFWARN") == 0 && strstr(buf, "bootstrap.servers") != NULL) {
        return;
    }
    enum blog_level lvl = level <= 3 ? BLOG_ERROR : level == 4 ? BLOG_WARN : BLOG_INFO;
    blog(level >= 7 ? BLOG_DEBUG : lvl, "rdkafka %s: %s", fac, buf);
}

/* Creates the client handle that hosts the mock cluster. NULL on failure (logged). */
static rd_kafka_t *create_handle(void)
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();

    rd_kafka_conf_set_log_cb(conf, rdkafka_log);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (rk == NULL) {
        blog(BLOG_ERROR, "rd_kafka_new: %s", errstr);
        rd_kafka_conf_destroy(conf); /* only owned by rk on success */
    }
    return rk;
}

/*
 * Creates rk and the mock cluster with SIGTERM/SIGINT blocked, so librdkafka's
 * threads inherit a mask that leaves those signals to the main thread.
 */
static int start_cluster(struct broker_state *st, rd_kafka_t **rk, int broker_cnt)
{
    sigset_t block, old;

    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    (void)pthread_sigmask(SIG_BLOCK, &block, &old);
    *rk = create_handle();
    if (*rk != NULL) {
        st->mc = rd_kafka_mock_cluster_new(*rk, broker_cnt);
    }
    (void)pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (st->mc == NULL) {
        if (*rk != NULL) {
            blog(BLOG_ERROR, "rd_kafka_mock_cluster_new failed");
        }
        return -1;
    }
    st->broker_cnt = broker_cnt;
    st->bootstraps = rd_kafka_mock_cluster_bootstraps(st->mc);
    return 0;
}

static int create_topics(struct broker_state *st, const struct options *o)
{
    for (size_t i = 0; i < o->topic_cnt; i++) {
        rd_kafka_resp_err_t err =
            rd_kafka_mock_topic_create(st->mc, o->topics[i], (int)o->partitions, 1);
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            blog(BLOG_ERROR, "create topic %s: %s", o->topics[i], rd_kafka_err2str(err));
            return -1;
        }
        blog(BLOG_INFO, "created topic %s with %ld partitions", o->topics[i], o->partitions);
    }
    return 0;
}

/* Writes all of buf to fd, retrying short writes and EINTR. */
static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Writes "<bootstraps>\n" to path via path.tmp + fsync + rename; 0 or -1 (logged). */
static int write_bootstrap_file(const char *path, const char *bootstraps)
{
    int rc = -1;
    int fd = -1;
    size_t tmp_len = strlen(path) + sizeof ".tmp";
    char *tmp = malloc(tmp_len);

    if (tmp == NULL) {
        goto cleanup;
    }
    (void)snprintf(tmp, tmp_len, "%s.tmp", path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || write_all(fd, bootstraps, strlen(bootstraps)) != 0 ||
        write_all(fd, "\n", 1) != 0 || fsync(fd) != 0) {
        goto cleanup;
    }
    if (close(fd) != 0) {
        fd = -1;
        goto cleanup;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        goto cleanup;
    }
    rc = 0;

cleanup:
    if (rc != 0) {
        blog(BLOG_ERROR, "write bootstrap file %s: %s", path, strerror(errno));
        if (tmp != NULL) {
            (void)unlink(tmp);
        }
    }
    if (fd >= 0) {
        (void)close(fd);
    }
    free(tmp);
    return rc;
}

/*
 * Creates the FIFO (0600) unless a FIFO already exists there, and opens it
 * O_RDWR|O_NONBLOCK: a writer's open() never blocks (a reader always exists)
 * and reads never see EOF. Returns the fd, or -1 (logged).
 */
static int open_control_fifo(const char *path)
{
    struct stat sb;

    if (mkfifo(path, 0600) != 0 && errno != EEXIST) {
        blog(BLOG_ERROR, "mkfifo %s: %s", path, strerror(errno));
        return -1;
    }
    int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        blog(BLOG_ERROR, "open %s: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fd, &sb) != 0 || !S_ISFIFO(sb.st_mode)) {
        blog(BLOG_ERROR, "%s exists and is not a FIFO", path);
        (void)close(fd);
        return -1;
    }
    return fd;
}

/* Reads what is available on fd into lr. Returns fd, or -1 once the source is done. */
static int pump(int fd, struct line_reader *lr, struct broker_state *st)
{
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);

    if (n > 0) {
        line_reader_feed(lr, st, chunk, (size_t)n);
        return fd;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
        return fd;
    }
    if (n < 0) {
        blog(BLOG_WARN, "read %s: %s; no longer reading it", lr->source, strerror(errno));
    } else {
        blog(BLOG_INFO, "%s closed; no longer reading it", lr->source);
    }
    line_reader_finish(lr, st);
    return -1;
}

/* Serves control input until a signal or "quit". Returns 0, or -1 if poll fails. */
static int run_loop(struct broker_state *st, int fifo_fd)
{
    struct line_reader in_lr, fifo_lr;
    struct pollfd pfd[3] = {
        {.fd = sig_pipe[0], .events = POLLIN},
        {.fd = STDIN_FILENO, .events = POLLIN},
        {.fd = fifo_fd, .events = POLLIN}, /* poll skips negative fds */
    };

    line_reader_init(&in_lr, "stdin");
    line_reader_init(&fifo_lr, "control");
    if (fcntl(STDIN_FILENO, F_GETFD) < 0) {
        pfd[1].fd = -1;
    }
    while (!st->quit) {
        if (poll(pfd, 3, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            blog(BLOG_ERROR, "poll: %s", strerror(errno));
            return -1;
        }
        if (pfd[0].revents != 0) {
            unsigned char sig = 0;
            ssize_t n = read(sig_pipe[0], &sig, 1);
            blog(BLOG_INFO, "received signal %d, stopping", n == 1 ? (int)sig : 0);
            return 0;
        }
        if (pfd[1].revents != 0) {
            pfd[1].fd = pump(pfd[1].fd, &in_lr, st);
        }
        if (pfd[2].revents != 0 && !st->quit) {
            pfd[2].fd = pump(pfd[2].fd, &fifo_lr, st);
        }
    }
    blog(BLOG_INFO, "quit command, stopping");
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 1;
    int fifo_fd = -1;
    bool bootstrap_written = false;
    rd_kafka_t *rk = NULL;
    struct broker_state st = {0};
    struct options o = {.brokers = 3, .partitions = 3};

    o.topics = calloc((size_t)argc, sizeof *o.topics);
    if (o.topics == NULL) {
        blog(BLOG_ERROR, "out of memory");
        goto cleanup;
    }
    int parsed = parse_args(argc, argv, &o);
    if (parsed != 0) {
        if (parsed > 0) {
            (void)puts(USAGE);
        }
        rc = parsed > 0 ? 0 : 2;
        goto cleanup;
    }
    (void)setvbuf(stdout, NULL, _IOLBF, 0);
    if (install_signals() != 0 || start_cluster(&st, &rk, (int)o.brokers) != 0 ||
        create_topics(&st, &o) != 0) {
        goto cleanup;
    }
    if (o.control_path != NULL && (fifo_fd = open_control_fifo(o.control_path)) < 0) {
        goto cleanup;
    }
    if (o.bootstrap_file != NULL) {
        if (write_bootstrap_file(o.bootstrap_file, st.bootstraps) != 0) {
            goto cleanup;
        }
        bootstrap_written = true;
    }
    (void)printf("bootstrap %s\n", st.bootstraps);
    (void)fflush(stdout);
    blog(BLOG_INFO, "ready: %d brokers at %s", st.broker_cnt, st.bootstraps);
    if (run_loop(&st, fifo_fd) == 0) {
        rc = 0;
    }

cleanup:
    if (bootstrap_written) {
        (void)unlink(o.bootstrap_file);
    }
    if (fifo_fd >= 0) {
        (void)close(fifo_fd);
        (void)unlink(o.control_path);
    }
    if (st.mc != NULL) {
        rd_kafka_mock_cluster_destroy(st.mc);
    }
    if (rk != NULL) {
        rd_kafka_destroy(rk);
    }
    for (int i = 0; i < 2; i++) {
        if (sig_pipe[i] >= 0) {
            (void)close(sig_pipe[i]);
        }
    }
    free(o.topics);
    blog(rc == 0 ? BLOG_INFO : BLOG_ERROR, "exiting with status %d", rc);
    return rc;
}
