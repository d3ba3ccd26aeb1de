/* date.h — calendar dates as the model and SBOM files write them
 * (YYYY-MM-DD, proleptic Gregorian), and the documentation date.  Not a
 * public header; the documentation date is public as pm_view_date(). */
#ifndef PM_DATE_H
#define PM_DATE_H

#include <stddef.h>

/** Why a text is not a date (PM_DATE_OK when it is one). */
typedef enum pm_date_status {
	PM_DATE_OK = 0,
	PM_DATE_SHAPE, /**< not exactly DDDD-DD-DD */
	PM_DATE_YEAR,  /**< a year before 1900 */
	PM_DATE_MONTH, /**< month not 01..12 */
	PM_DATE_DAY    /**< day not in the month */
} pm_date_status;

/** Days in month mo (1..12) of year y. */
int pm_date_days_in_month(int y, int mo);

/**
 * Check s[0..n) as a date YYYY-MM-DD: exactly ten characters, digits where
 * digits go, year 1900 or later, a real month and day.  On PM_DATE_OK the
 * parts are stored in y, mo, d (each may be NULL).
 */
pm_date_status pm_date_check(const char *s, size_t n, int *y, int *mo, int *d);

/** Non-zero when t is the time part of an ISO 8601 timestamp (what follows
 *  the 'T'): hh:mm[:ss[.fff]] with hours 00-23, minutes 00-59, seconds
 *  00-60, then nothing, Z, or an offset +hh, +hh:mm, +hhmm (or -). */
int pm_date_time_valid(const char *t);

/** Non-zero when the NUL-terminated s is a valid date. */
int pm_date_valid(const char *s);

/** A hint saying why s is not a valid date ("months are 01 to 12", ...);
 *  the result is a constant or buf. */
const char *pm_date_hint(const char *s, char *buf, size_t len);

/** SOURCE_DATE_EPOCH (seconds) as YYYY-MM-DD in buf[11] (UTC); NULL when epoch < 0
 *  or out of range. */
const char *pm_date_from_epoch(long long epoch, char buf[11]);

#endif
