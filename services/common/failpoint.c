#include "common/failpoint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef OCOP_TEST_FAILPOINTS
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>

#include "common/log.h"
#include "common/timeutil.h"
#endif

#define NAME_MAX_LEN 63
#define SLEEP_MAX_MS 600000L
#define NTH_MAX      1000000L

enum action { ACT_KILL, ACT_FAIL, ACT_SLEEP };

/* One armed failpoint. */
struct point {
    char name[NAME_MAX_LEN + 1]; /* e.g. "relay.before_publish" */
    enum action action;          /* what happens */
    long sleep_ms;               /* for ACT_SLEEP */
    long nth;                    /* the action applies from this hit on (1..) */
};

/* A decimal number in [min, max] spanning exactly [s, s + len). */
static int number_parse(const char *s, size_t len, long min, long max, long *out)
{
    long v = 0;
    if (len == 0 || len > 9 || strspn(s, "0123456789") < len)
        return 0;
    for (size_t i = 0; i < len; i++)
        v = v * 10 + (s[i] - '0');
    if (v < min || v > max)
        return 0;
    *out = v;
    return 1;
}

/* Parses one "name:action[@n]" of len bytes at s into p. Returns 1 when well-formed. */
static int entry_parse(const char *s, size_t len, struct point *p)
{
    size_t nlen = 0;
    while (nlen < len && s[nlen] != ':')
        nlen++;
    if (nlen == 0 || nlen > NAME_MAX_LEN || nlen == len ||
        strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_.") < nlen)
        return 0;
    memcpy(p->name, s, nlen);
    p->name[nlen] = '\0';
    const char *a = s + nlen + 1;
    size_t alen = len - nlen - 1;
    const char *at = memchr(a, '@', alen);
    p->nth = 1;
    if (at != NULL) {
        if (!number_parse(at + 1, (size_t)(a + alen - at - 1), 1, NTH_MAX, &p->nth))
            return 0;
        alen = (size_t)(at - a);
    }
    if (alen == 4 && memcmp(a, "kill", 4) == 0) {
        p->action = ACT_KILL;
        return 1;
    }
    if (alen == 4 && memcmp(a, "fail", 4) == 0) {
        p->action = ACT_FAIL;
        return 1;
    }
    p->action = ACT_SLEEP;
    return alen > 6 && memcmp(a, "sleep:", 6) == 0 &&
           number_parse(a + 6, alen - 6, 1, SLEEP_MAX_MS, &p->sleep_ms);
}

/* Parses spec into points; returns the count, or -1 with the reason in err. */
static int spec_parse(const char *spec, struct point *points, char *err, size_t errlen)
{
    int n = 0;
    size_t total = strlen(spec);
    if (total > OC_FAILPOINT_SPEC_MAX) {
        (void)snprintf(err, errlen, "OCOP_FAILPOINT is longer than %d bytes",
                       OC_FAILPOINT_SPEC_MAX);
        return -1;
    }
    for (const char *s = spec; *s != '\0';) {
        size_t len = strcspn(s, ",");
        if (n == OC_FAILPOINT_MAX || !entry_parse(s, len, &points[n])) {
            (void)snprintf(err, errlen,
                           "OCOP_FAILPOINT must be at most %d entries name:kill|fail|sleep:MS[@n] "
                           "separated by commas",
                           OC_FAILPOINT_MAX);
            return -1;
        }
        n++;
        s += len;
        if (*s == ',' && *++s == '\0') {
            (void)snprintf(err, errlen, "OCOP_FAILPOINT ends with a comma");
            return -1;
        }
    }
    return n;
}

#ifdef OCOP_TEST_FAILPOINTS

static struct point armed[OC_FAILPOINT_MAX]; /* written by oc_failpoint_arm before threads */
static int narmed;                           /* entries used in armed */
static atomic_long hits[OC_FAILPOINT_MAX];   /* times each armed point was reached */

int oc_failpoint_compiled(void)
{
    return 1;
}

int oc_failpoint_arm(const char *spec, char *err, size_t errlen)
{
    struct point parsed[OC_FAILPOINT_MAX];
    int n = spec == NULL ? 0 : spec_parse(spec, parsed, err, errlen);
    if (n < 0)
        return -1;
    memcpy(armed, parsed, sizeof(parsed[0]) * (size_t)n);
    narmed = n;
    for (int i = 0; i < OC_FAILPOINT_MAX; i++)
        atomic_store(&hits[i], 0);
    return 0;
}

int oc_failpoint_hit(const char *name)
{
    for (int i = 0; i < narmed; i++) {
        if (strcmp(armed[i].name, name) != 0)
            continue;
        long hit = atomic_fetch_add(&hits[i], 1) + 1;
        if (hit < armed[i].nth)
            return 0;
        switch (armed[i].action) {
        case ACT_KILL:
            oc_log(OC_LOG_WARN, "failpoint %s: kill (hit %ld)", name, hit);
            (void)kill(getpid(), SIGKILL);
            for (;;)
                pause(); /* SIGKILL cannot be caught or ignored: the process ends here */
        case ACT_FAIL:
            oc_log(OC_LOG_WARN, "failpoint %s: fail (hit %ld)", name, hit);
            return -1;
        case ACT_SLEEP:
            oc_sleep_ms((int)armed[i].sleep_ms);
            return 0;
        }
    }
    return 0;
}

#else

int oc_failpoint_compiled(void)
{
    return 0;
}

int oc_failpoint_arm(const char *spec, char *err, size_t errlen)
{
    struct point parsed[OC_FAILPOINT_MAX];
    if (spec == NULL || spec[0] == '\0')
        return 0;
    if (spec_parse(spec, parsed, err, errlen) < 0)
        return -1;
    (void)snprintf(err, errlen,
                   "OCOP_FAILPOINT is honoured only by test builds (CMake option "
                   "OCOP_TEST_FAILPOINTS); unset it");
    return -1;
}

#endif
