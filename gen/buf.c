/* buf.c — growable, capped byte buffer (see include/premarket/buf.h). */
#include "premarket/buf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PM_BUF_DEFAULT_LIMIT ((size_t)1 << 30)

void pm_buf_init(pm_buf *b, size_t limit)
{
	memset(b, 0, sizeof *b);
	b->limit = limit ? limit : PM_BUF_DEFAULT_LIMIT;
}

void pm_buf_free(pm_buf *b)
{
	free(b->data);
	size_t limit = b->limit;
	memset(b, 0, sizeof *b);
	b->limit = limit;
}

void pm_buf_clear(pm_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static int reserve(pm_buf *b, size_t n)
{
	size_t limit = b->limit ? b->limit : PM_BUF_DEFAULT_LIMIT;
	if (n > limit || b->len > limit - n) {
		b->overflow = 1;
		return -1;
	}
	b->data = pm_xgrow(b->data, &b->cap, b->len + n + 1, 1);
	return 0;
}

int pm_buf_put(pm_buf *b, const void *p, size_t n)
{
	if (reserve(b, n) < 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int pm_buf_puts(pm_buf *b, const char *s)
{
	return pm_buf_put(b, s, strlen(s));
}

int pm_buf_putc(pm_buf *b, int c)
{
	char ch = (char)c;
	return pm_buf_put(b, &ch, 1);
}

int pm_buf_vprintf(pm_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0 || reserve(b, (size_t)n) < 0) {
		va_end(ap2);
		return -1;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	b->len += (size_t)n;
	return 0;
}

int pm_buf_printf(pm_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = pm_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

void pm_buf_truncate(pm_buf *b, size_t len)
{
	if (len > b->len)
		return;
	b->len = len;
	if (b->data)
		b->data[len] = '\0';
}

int pm_buf_done(pm_buf *b, size_t mark, const char *what, pm_diags *d)
{
	if (!b->overflow)
		return 0;
	pm_buf_truncate(b, mark);
	return pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, NULL, 0, 0, "%s is larger than the output limit of %zu bytes",
	                   what, b->limit ? b->limit : PM_BUF_DEFAULT_LIMIT);
}

char *pm_buf_detach(pm_buf *b, size_t *len)
{
	char *p = b->data ? b->data : pm_xstrdup("");
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
