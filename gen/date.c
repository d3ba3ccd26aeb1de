/* date.c — YYYY-MM-DD dates (see date.h) and the documentation date. */
#include "date.h"
#include "premarket/view.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int pm_date_days_in_month(int y, int mo)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return mo < 1 || mo > 12 ? 0 : mdays[mo - 1] + (mo == 2 && leap);
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

pm_date_status pm_date_check(const char *s, size_t n, int *y, int *mo, int *d)
{
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return PM_DATE_SHAPE;
	int yy = digits(s, 4), mm = digits(s + 5, 2), dd = digits(s + 8, 2);
	if (yy < 0 || mm < 0 || dd < 0)
		return PM_DATE_SHAPE;
	if (yy < 1900)
		return PM_DATE_YEAR;
	if (mm < 1 || mm > 12)
		return PM_DATE_MONTH;
	if (dd < 1 || dd > pm_date_days_in_month(yy, mm))
		return PM_DATE_DAY;
	if (y)
		*y = yy;
	if (mo)
		*mo = mm;
	if (d)
		*d = dd;
	return PM_DATE_OK;
}

int pm_date_time_valid(const char *t)
{
	int h = digits(t, 2);
	if (h < 0 || h > 23 || t[2] != ':')
		return 0;
	int mi = digits(t + 3, 2);
	if (mi < 0 || mi > 59)
		return 0;
	t += 5;
	if (*t == ':') {
		int sec = digits(t + 1, 2);
		if (sec < 0 || sec > 60)
			return 0;
		t += 3;
		if (*t == '.' || *t == ',') {
			t++;
			if (!isdigit((unsigned char)*t))
				return 0;
			while (isdigit((unsigned char)*t))
				t++;
		}
	}
	if (*t == 'Z' || *t == 'z')
		return t[1] == '\0';
	if (*t == '+' || *t == '-') {
		t++;
		if (digits(t, 2) < 0)
			return 0;
		t += 2;
		if (*t == ':')
			t++;
		return !*t || (digits(t, 2) >= 0 && !t[2]);
	}
	return *t == '\0';
}

int pm_date_valid(const char *s)
{
	return pm_date_check(s, strlen(s), NULL, NULL, NULL) == PM_DATE_OK;
}

const char *pm_date_hint(const char *s, char *buf, size_t len)
{
	switch (pm_date_check(s, strlen(s), NULL, NULL, NULL)) {
	case PM_DATE_YEAR:
		return "years before 1900 are not accepted";
	case PM_DATE_MONTH:
		return "months are 01 to 12";
	case PM_DATE_DAY: {
		int y = digits(s, 4), mo = digits(s + 5, 2);
		snprintf(buf, len, "%04d-%02d has days 01 to %02d", y, mo, pm_date_days_in_month(y, mo));
		return buf;
	}
	case PM_DATE_OK:
	case PM_DATE_SHAPE:
	default:
		return "write dates as YYYY-MM-DD, e.g. 2026-03-31";
	}
}

const char *pm_date_from_epoch(long long epoch, char buf[11])
{
	if (epoch < 0)
		return NULL;
	time_t t = (time_t)epoch;
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(buf, 11, "%Y-%m-%d", &tm) != 10)
		return NULL;
	return buf;
}

/* The one documentation date: device.date, else the last revision's date,
 * else SOURCE_DATE_EPOCH (UTC), else none. */
const char *pm_view_date(const pm_model *m, long long epoch, char *buf)
{
	if (m->device.date.s)
		return m->device.date.s;
	if (m->device.revisions.n && m->device.revisions.v[m->device.revisions.n - 1].date.s)
		return m->device.revisions.v[m->device.revisions.n - 1].date.s;
	return pm_date_from_epoch(epoch, buf);
}
