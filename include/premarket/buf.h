/**
 * buf.h — one growable byte buffer with a size cap (cmark_strbuf + curl dynbuf).
 *
 * A pm_buf is always NUL-terminated after any successful append.  Appends
 * fail (return -1 and set `overflow`) once the cap would be exceeded; the
 * buffer keeps what it had.  Free with pm_buf_free().
 */
#ifndef PREMARKET_BUF_H
#define PREMARKET_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "premarket/diag.h"

typedef struct pm_buf {
	char *data;   /**< NUL-terminated content, or NULL when empty and never grown */
	size_t len;   /**< bytes used, excluding the terminating NUL */
	size_t cap;   /**< bytes allocated */
	size_t limit; /**< maximum len; 0 = default (1 GiB) */
	int overflow; /**< set once an append was refused */
} pm_buf;

/** An empty buffer holding at most limit bytes (0 = 1 GiB); nothing is allocated yet. */
void pm_buf_init(pm_buf *b, size_t limit);
/** Free the content; the buffer is empty again and keeps its limit. */
void pm_buf_free(pm_buf *b);
/** Empty the buffer, keeping its storage. */
void pm_buf_clear(pm_buf *b);
/* Appends: each returns 0, or -1 when the limit would be exceeded (the
 * buffer keeps what it had and `overflow` is set).  Builders append without
 * checking each call and end with pm_buf_done(), which turns a refused
 * append into a diagnostic (the convention of diag.h). */
/** Append p[0..n). */
int pm_buf_put(pm_buf *b, const void *p, size_t n);
/** Append the NUL-terminated s. */
int pm_buf_puts(pm_buf *b, const char *s);
/** Append one byte. */
int pm_buf_putc(pm_buf *b, int c);
/** Append printf-formatted text. */
int pm_buf_printf(pm_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** pm_buf_printf() with a va_list. */
int pm_buf_vprintf(pm_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/** Roll the buffer back to its first len bytes (len <= b->len; a larger
 *  len is ignored), e.g. to drop a half-written part after a failure.
 *  The overflow flag is kept. */
void pm_buf_truncate(pm_buf *b, size_t len);
/** The end of a render that started when b held `mark` bytes: 0 when b
 *  never refused an append; otherwise roll b back to mark, add a
 *  PM_ERR_OUTPUT error "<what> is larger than the output limit of N bytes"
 *  to d and return -1.  Renderers keep `size_t mark = out->len;` and end
 *  with `return pm_buf_done(out, mark, "the register", d);`. */
int pm_buf_done(pm_buf *b, size_t mark, const char *what, pm_diags *d);
/** Take the content; the buffer is left empty.  It is the caller's
 *  responsibility to free the returned buffer.  Never NULL. */
char *pm_buf_detach(pm_buf *b, size_t *len);

#endif
