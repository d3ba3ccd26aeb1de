/* xalloc.c — checked allocation: out of memory is the one condition on which
 * the library aborts (a one-shot generator cannot do anything useful after it). */
#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *oom(void)
{
	abort();
}

void *pm_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom();
}

void *pm_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	return p ? p : oom();
}

void *pm_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom();
}

void *pm_xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 8;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			return oom();
		c *= 2;
	}
	if (c > SIZE_MAX / size)
		return oom();
	*cap = c;
	return pm_xrealloc(p, c * size);
}

char *pm_xstrndup(const char *s, size_t n)
{
	char *p = pm_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *pm_xstrdup(const char *s)
{
	return pm_xstrndup(s, strlen(s));
}

char *pm_xvasprintf(const char *fmt, va_list ap)
{
	char small[256];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0)
		n = 0;
	char *p = pm_xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof small)
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

char *pm_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = pm_xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}
