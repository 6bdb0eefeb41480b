/*
 * Failpoints: named places in the code where a test can make a process fail on
 * purpose, to prove that a fault at exactly that point loses nothing (the fault
 * suite, tests/integration/test_fault_*.sh).
 *
 * Only a test build compiles them in (CMake option OCOP_TEST_FAILPOINTS, which
 * tests/run turns on and deploy/local/run leaves off). In any other build
 * OC_FAILPOINT(name) is the constant 0: neither the call nor the name is in the
 * binary, and configuration refuses to start when OCOP_FAILPOINT is set
 * (oc_failpoint_arm), so nobody believes a production process armed one.
 *
 * OCOP_FAILPOINT, read once when the configuration is loaded, holds up to
 * OC_FAILPOINT_MAX entries separated by commas, each "name:action[@n]":
 *   kill       the process raises SIGKILL on itself (a crash: no clean-up at all)
 *   fail       OC_FAILPOINT returns -1 and the code there takes its error path
 *   sleep:MS   the calling thread sleeps MS milliseconds (1..600000), then goes on
 * The action applies from the n-th time the point is reached (1 by default), so
 * a test can let some work through before the fault. Example:
 *   OCOP_FAILPOINT=relay.before_publish:kill@5
 *
 * The points (each documented where it sits):
 *   relay.before_publish     the relay has read unpublished outbox rows and is about to
 *                            hand them to Kafka (relay.c); fail: not this round
 *   consumer.after_commit    the consumer has committed an event's effect and inbox claim
 *                            and not yet stored its offset (consumer.c)
 *   audit.write              a batch of audit rows is about to be written (audit.c); sleep
 *                            makes the write slow, so concurrent requests' rows queue behind it
 */
#ifndef OC_FAILPOINT_H
#define OC_FAILPOINT_H

#include <stddef.h>

#define OC_FAILPOINT_MAX      8   /* entries in OCOP_FAILPOINT */
#define OC_FAILPOINT_SPEC_MAX 512 /* bytes of OCOP_FAILPOINT */

#ifdef OCOP_TEST_FAILPOINTS
#define OC_FAILPOINT(name) oc_failpoint_hit(name)
#else
#define OC_FAILPOINT(name) 0
#endif

/*
 * Parses spec (the value of OCOP_FAILPOINT; NULL or "" arms nothing) and arms its
 * failpoints, replacing any armed before. Call it before the threads that reach
 * failpoints start. Returns 0, or -1 with the reason in err when spec is malformed
 * or, in a build without failpoints, when it is set at all.
 */
int oc_failpoint_arm(const char *spec, char *err, size_t errlen);

/* Returns 1 when this build has failpoints compiled in (OCOP_TEST_FAILPOINTS), else 0. */
int oc_failpoint_compiled(void);

#ifdef OCOP_TEST_FAILPOINTS
/*
 * The failpoint name is reached: returns 0 to go on, or -1 when it is armed to
 * fail; an armed kill does not return. Thread-safe. Call it through OC_FAILPOINT.
 */
int oc_failpoint_hit(const char *name);
#endif

#endif
