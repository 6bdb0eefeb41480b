#include "common/clock.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/date.h"

#define DAY_S 86400L

/* Two digits at s into *v; returns 1 when both are digits. */
static int two_digits(const char *s, int *v)
{
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
        return 0;
    *v = (s[0] - '0') * 10 + (s[1] - '0');
    return 1;
}

/* Seconds east of UTC of an RFC 3339 offset ("Z", "+07:00"); returns 1 when well-formed. */
static int offset_parse(const char *s, long *seconds)
{
    int h, m;
    if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0') {
        *seconds = 0;
        return 1;
    }
    if ((s[0] != '+' && s[0] != '-') || !two_digits(s + 1, &h) || s[3] != ':' ||
        !two_digits(s + 4, &m) || s[6] != '\0' || h > 23 || m > 59)
        return 0;
    *seconds = (s[0] == '-' ? -1L : 1L) * (h * 3600L + m * 60L);
    return 1;
}

/* "HH:MM:SS[.fraction]<offset>" after the 'T' into seconds since local midnight of the date. */
static int time_parse(const char *s, long *seconds)
{
    int h, m, sec;
    long offset;
    if (!two_digits(s, &h) || s[2] != ':' || !two_digits(s + 3, &m) || s[5] != ':' ||
        !two_digits(s + 6, &sec) || h > 23 || m > 59 || sec > 60)
        return 0;
    const char *p = s + 8;
    if (*p == '.') {
        size_t n = strspn(p + 1, "0123456789");
        if (n == 0)
            return 0;
        p += 1 + n;
    }
    if (!offset_parse(p, &offset))
        return 0;
    /* seconds since midnight UTC, then moved to Asia/Ho_Chi_Minh */
    *seconds = h * 3600L + m * 60L + sec - offset + OC_CLOCK_UTC_OFFSET_S;
    return 1;
}

int oc_clock_parse(const char *text, long *day)
{
    char buf[OC_CLOCK_FILE_MAX + 1];
    while (isspace((unsigned char)*text))
        text++;
    size_t n = strlen(text);
    while (n > 0 && isspace((unsigned char)text[n - 1]))
        n--;
    if (n < 10 || n > OC_CLOCK_FILE_MAX)
        return 0;
    memcpy(buf, text, n);
    buf[n] = '\0';
    char date[11];
    memcpy(date, buf, 10);
    date[10] = '\0';
    long d;
    if (!oc_date_parse(date, &d))
        return 0;
    if (n == 10) {
        *day = d;
        return 1;
    }
    long seconds;
    if ((buf[10] != 'T' && buf[10] != 't') || !time_parse(buf + 11, &seconds))
        return 0;
    /* floor division: a time before local midnight belongs to the previous day */
    *day = d + (seconds >= 0 ? seconds / DAY_S : -((-seconds + DAY_S - 1) / DAY_S));
    return 1;
}

int oc_clock_file_allowed(void)
{
#ifdef OCOP_TEST_CLOCK
    return 1;
#else
    return 0;
#endif
}

/* Today by the system clock. */
static int clock_real(long *day)
{
    time_t now = time(NULL) + OC_CLOCK_UTC_OFFSET_S;
    struct tm tm;
    gmtime_r(&now, &tm);
    *day = oc_day_of(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return 0;
}

#ifdef OCOP_TEST_CLOCK
/* Today as the clock file says. */
static int clock_file_read(const char *file, long *day, char *err, size_t errlen)
{
    char text[OC_CLOCK_FILE_MAX + 2];
    FILE *f = fopen(file, "r");
    if (f == NULL) {
        snprintf(err, errlen, "cannot read the clock file %s: %s", file, strerror(errno));
        return -1;
    }
    size_t n = fread(text, 1, sizeof(text) - 1, f);
    (void)fclose(f);
    text[n] = '\0';
    if (n == sizeof(text) - 1 || strlen(text) != n || !oc_clock_parse(text, day)) {
        snprintf(err, errlen, "the clock file %s holds neither a date nor an RFC 3339 time", file);
        return -1;
    }
    return 0;
}
#endif

int oc_clock_today(const char *file, long *day, char *err, size_t errlen)
{
#ifdef OCOP_TEST_CLOCK
    if (file != NULL && file[0] != '\0')
        return clock_file_read(file, day, err, errlen);
#else
    (void)file; /* a build that is not a test build reads the real clock only */
    (void)err;
    (void)errlen;
#endif
    return clock_real(day);
}
