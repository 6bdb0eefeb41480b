/*
 * The calendar clock: which day it is in Asia/Ho_Chi_Minh (UTC+07:00 all
 * year; Viet Nam has no daylight saving time), as days since 1970-01-01.
 *
 * By default it is the real clock. In a test build (CMake option
 * OCOP_TEST_CLOCK) OCOP_CLOCK_FILE may name a file that holds the time instead, and is read at
 * every call, so tests (and a rehearsal of a year-end run) can move the date while services run.
 * The file holds one date "YYYY-MM-DD" (a day in Asia/Ho_Chi_Minh) or one RFC 3339 date-time with
 * "Z" or a "+HH:MM"/"-HH:MM" offset; surrounding white space is ignored. Write it with a rename so
 * that a reader never sees half a file.
 *
 * Every "today" of a service (expiry, validity, dates that may not lie in
 * the future) comes from here, never from the database's now().
 */
#ifndef OC_CLOCK_H
#define OC_CLOCK_H

#include <stddef.h>

#include "common/date.h" /* oc_day_format and the other day arithmetic */

#define OC_CLOCK_UTC_OFFSET_S 25200L /* Asia/Ho_Chi_Minh: UTC+07:00, in seconds */
#define OC_CLOCK_FILE_MAX     128    /* bytes read from the clock file */

/*
 * Parses the text of a clock file into the local day it names. Returns 1, or
 * 0 when it is neither a date nor an RFC 3339 date-time with an offset.
 */
int oc_clock_parse(const char *text, long *day);

/*
 * Returns 1 in a test build, which honours a clock file; 0 in any other, where
 * setting OCOP_CLOCK_FILE is a configuration error (config.c refuses to start).
 */
int oc_clock_file_allowed(void);

/*
 * Today in Asia/Ho_Chi_Minh into *day. file is OCOP_CLOCK_FILE: NULL or ""
 * for the real clock, which a build that is not a test build always reads. Returns 0, or -1 with
 * the reason in err when the file cannot be read or does not hold a time (the caller must not guess
 * a day).
 */
int oc_clock_today(const char *file, long *day, char *err, size_t errlen);

#endif
