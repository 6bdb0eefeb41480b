/*
 * The unit-test checks: each prints file:line and the failing expression, and
 * TEST_DONE() prints "N passed, N failed" and returns main's exit status.
 */
#ifndef OC_TEST_H
#define OC_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

static inline void test_report(int ok, const char *file, int line, const char *expr)
{
    if (ok) {
        test_passed++;
        return;
    }
    test_failed++;
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, expr);
}

#define CHECK(cond) test_report((cond) ? 1 : 0, __FILE__, __LINE__, #cond)

#define CHECK_STR_EQ(a, b)                                                                         \
    do {                                                                                           \
        const char *t_a_ = (a), *t_b_ = (b);                                                       \
        int t_ok_ = (t_a_ == NULL || t_b_ == NULL) ? t_a_ == t_b_ : strcmp(t_a_, t_b_) == 0;       \
        test_report(t_ok_, __FILE__, __LINE__, #a " == " #b);                                      \
        if (!t_ok_)                                                                                \
            fprintf(stderr, "    \"%s\" != \"%s\"\n", t_a_ ? t_a_ : "(null)",                      \
                    t_b_ ? t_b_ : "(null)");                                                       \
    } while (0)

#define CHECK_INT_EQ(a, b)                                                                         \
    do {                                                                                           \
        long long t_a_ = (long long)(a), t_b_ = (long long)(b);                                    \
        test_report(t_a_ == t_b_, __FILE__, __LINE__, #a " == " #b);                               \
        if (t_a_ != t_b_)                                                                          \
            fprintf(stderr, "    %lld != %lld\n", t_a_, t_b_);                                     \
    } while (0)

#define TEST_DONE()                                                                                \
    do {                                                                                           \
        printf("%d passed, %d failed\n", test_passed, test_failed);                                \
        return test_failed != 0;                                                                   \
    } while (0)

#endif
