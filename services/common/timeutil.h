/* Wall-clock and monotonic time helpers. */
#ifndef OC_TIMEUTIL_H
#define OC_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

/* Milliseconds of the monotonic clock. */
int64_t oc_mono_ms(void);

/* Microseconds of the monotonic clock. */
int64_t oc_mono_us(void);

/* Writes the current UTC time as RFC 3339 with milliseconds ("...Z") into buf. */
void oc_time_format_now(char *buf, size_t len);

/* Sleeps ms milliseconds (restarting on signals is not needed by callers). */
void oc_sleep_ms(int64_t ms);

#endif
