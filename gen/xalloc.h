/* xalloc.h — checked allocation.  Out of memory aborts (docs/internals.md). */
#ifndef PM_XALLOC_H
#define PM_XALLOC_H
#include <stddef.h>
void *pm_xmalloc(size_t n);
void *pm_xcalloc(size_t n, size_t size);
void *pm_xrealloc(void *p, size_t n);
/** Grow an array to hold at least `need` items of `size` bytes; updates *cap. */
void *pm_xgrow(void *p, size_t *cap, size_t need, size_t size);
char *pm_xstrdup(const char *s);
char *pm_xstrndup(const char *s, size_t n);
char *pm_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
char *pm_xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
#endif
