/*
 * "Today" for the promotion desk: the calendar date in Asia/Ho_Chi_Minh, from
 * the service clock (common/clock.h: the real clock, or OCOP_CLOCK_FILE so
 * that tests move the date while the service runs). Every rule that depends
 * on the day asks here.
 */
#ifndef PROMO_TODAY_H
#define PROMO_TODAY_H

#include <stddef.h>

/* Names the clock file (OCOP_CLOCK_FILE; NULL or "" for the real clock); called once at start. */
void promo_today_init(const char *clock_file);

/*
 * Writes today's date "YYYY-MM-DD" into out (at least 11 bytes). A clock
 * file that cannot be read is logged and the real clock is used: the file is
 * for tests and rehearsals, never set in production.
 */
void promo_today(char *out, size_t len);

#endif
