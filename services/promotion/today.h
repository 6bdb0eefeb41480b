/*
 * "Today" for the promotion desk: the calendar date in Asia/Ho_Chi_Minh
 * (UTC+7, no daylight saving time), from the real clock. Every rule that
 * depends on the day asks here, so the clock can be swapped in one place.
 */
#ifndef PROMO_TODAY_H
#define PROMO_TODAY_H

#include <stddef.h>

/* Writes today's date "YYYY-MM-DD" into out (at least 11 bytes). */
void promo_today(char *out, size_t len);

#endif
