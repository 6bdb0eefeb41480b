/*
 * Failpoints of a test build (common/failpoint.h): the grammar of
 * OCOP_FAILPOINT, the n-th hit, and each action. In a build without
 * failpoints (OCOP_TEST_FAILPOINTS off) it checks that one is refused instead.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/failpoint.h"
#include "common/timeutil.h"
#include "unit/test.h"

#ifdef OCOP_TEST_FAILPOINTS
static int armed_ok(const char *spec)
{
    char err[256] = "";
    return oc_failpoint_arm(spec, err, sizeof(err)) == 0;
}

static void test_grammar(void)
{
    static const char *const good[] = {
        "relay.before_publish:kill", "a:fail@3",       "a_b.c:sleep:5", "a:sleep:600000@1000000",
        "a:kill,b:fail,c:sleep:1@2", "a:fail,a:fail@2"};
    static const char *const bad[] = {"a",
                                      "a:",
                                      ":kill",
                                      "A:kill",
                                      "a b:kill",
                                      "a:boom",
                                      "a:kill@0",
                                      "a:kill@",
                                      "a:kill@x",
                                      "a:kill@1000001",
                                      "a:sleep:",
                                      "a:sleep:0",
                                      "a:sleep:-1",
                                      "a:sleep:600001",
                                      "a:kill,",
                                      ",a:kill",
                                      "a:kill,,b:fail",
                                      "a:fail@1@2",
                                      "a:kill ",
                                      "a:1:2:3:4:5:6:7:8:9:0:kill"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        int ok = armed_ok(good[i]);
        CHECK(ok);
        if (!ok)
            fprintf(stderr, "    refused: %s\n", good[i]);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int ok = armed_ok(bad[i]);
        CHECK(!ok);
        if (ok)
            fprintf(stderr, "    accepted: %s\n", bad[i]);
    }
    /* at most OC_FAILPOINT_MAX entries, at most OC_FAILPOINT_SPEC_MAX bytes */
    CHECK(armed_ok("a:fail,b:fail,c:fail,d:fail,e:fail,f:fail,g:fail,h:fail"));
    CHECK(!armed_ok("a:fail,b:fail,c:fail,d:fail,e:fail,f:fail,g:fail,h:fail,i:fail"));
    char long_spec[OC_FAILPOINT_SPEC_MAX + 16];
    memset(long_spec, 'a', sizeof(long_spec) - 1);
    long_spec[sizeof(long_spec) - 1] = '\0';
    memcpy(long_spec + sizeof(long_spec) - 6, ":kill", 5);
    CHECK(!armed_ok(long_spec));
    CHECK(armed_ok(NULL));
    CHECK(armed_ok(""));
}

static void test_actions(void)
{
    CHECK(armed_ok("p:fail@3,q:sleep:30"));
    CHECK_INT_EQ(OC_FAILPOINT("p"), 0);
    CHECK_INT_EQ(OC_FAILPOINT("p"), 0);
    CHECK_INT_EQ(OC_FAILPOINT("p"), -1);
    CHECK_INT_EQ(OC_FAILPOINT("p"), -1);
    CHECK_INT_EQ(OC_FAILPOINT("other"), 0);
    int64_t t0 = oc_mono_ms();
    CHECK_INT_EQ(OC_FAILPOINT("q"), 0);
    CHECK(oc_mono_ms() - t0 >= 30);
    /* arming again starts the counts afresh; arming nothing disarms */
    CHECK(armed_ok("p:fail@2"));
    CHECK_INT_EQ(OC_FAILPOINT("p"), 0);
    CHECK_INT_EQ(OC_FAILPOINT("p"), -1);
    CHECK(armed_ok(NULL));
    CHECK_INT_EQ(OC_FAILPOINT("p"), 0);

    /* kill: the process dies of SIGKILL at the second hit, not before */
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        if (!armed_ok("k:kill@2") || OC_FAILPOINT("k") != 0)
            _exit(3);
        (void)OC_FAILPOINT("k");
        _exit(4);
    }
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}
#endif

int main(void)
{
#ifdef OCOP_TEST_FAILPOINTS
    CHECK_INT_EQ(oc_failpoint_compiled(), 1);
    test_grammar();
    test_actions();
#else
    /* a build without failpoints refuses any OCOP_FAILPOINT, and OC_FAILPOINT is 0 */
    char err[256] = "";
    CHECK_INT_EQ(oc_failpoint_compiled(), 0);
    CHECK_INT_EQ(oc_failpoint_arm("relay.before_publish:kill", err, sizeof(err)), -1);
    CHECK(strstr(err, "OCOP_TEST_FAILPOINTS") != NULL);
    CHECK_INT_EQ(oc_failpoint_arm("a:boom", err, sizeof(err)), -1);
    CHECK_INT_EQ(oc_failpoint_arm(NULL, err, sizeof(err)), 0);
    CHECK_INT_EQ(oc_failpoint_arm("", err, sizeof(err)), 0);
    CHECK_INT_EQ(OC_FAILPOINT("relay.before_publish"), 0);
#endif
    TEST_DONE();
}
