/* diag.c — the diagnostics list (see include/premarket/diag.h). */
#include "premarket/diag.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pm_diags_init(pm_diags *d)
{
	memset(d, 0, sizeof *d);
}

void pm_diags_free(pm_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].msg);
		free(d->v[i].hint);
		free(d->v[i].file);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

int pm_diag_vadd(pm_diags *d, pm_severity sev, pm_errkind kind, const char *file, unsigned line, unsigned col,
                 const char *fmt, va_list ap)
{
	size_t max = d->max_errors ? d->max_errors : PM_DEFAULT_MAX_ERRORS;
	if (sev == PM_ERROR) {
		d->errors++;
		d->kinds |= 1u << kind;
	} else if (sev == PM_WARNING) {
		d->warnings++;
	}
	d->last_dropped = 1;
	if (sev == PM_ERROR && d->errors > max) {
		d->dropped++;
		return -1;
	}
	if (sev != PM_ERROR && d->n >= 4 * max) {
		d->dropped_warnings++;
		return -1;
	}
	d->last_dropped = 0;
	d->v = pm_xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	pm_diag *g = &d->v[d->n++];
	memset(g, 0, sizeof *g);
	g->sev = sev;
	g->kind = kind;
	g->file = file ? pm_xstrdup(file) : NULL;
	g->line = line;
	g->col = col;
	g->msg = pm_xvasprintf(fmt, ap);
	return -1;
}

int pm_diag_add(pm_diags *d, pm_severity sev, pm_errkind kind, const char *file, unsigned line, unsigned col,
                const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(d, sev, kind, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void pm_diag_hint(pm_diags *d, const char *fmt, ...)
{
	if (!d->n || d->last_dropped)
		return;
	pm_diag *g = &d->v[d->n - 1];
	va_list ap;
	va_start(ap, fmt);
	free(g->hint);
	g->hint = pm_xvasprintf(fmt, ap);
	va_end(ap);
}

int pm_diags_has(const pm_diags *d, pm_errkind kind)
{
	return (d->kinds >> kind) & 1u;
}

static const char *const *sort_files;
static size_t sort_nfiles;

static size_t file_rank(const char *f)
{
	if (!f)
		return 0;
	for (size_t i = 0; i < sort_nfiles; i++)
		if (sort_files[i] == f || strcmp(sort_files[i], f) == 0)
			return i + 1;
	return sort_nfiles + 1;
}

void pm_diags_sort(pm_diags *d, const char *const *files, size_t nfiles)
{
	sort_files = files;
	sort_nfiles = nfiles;
	/* insertion sort: stable, and lists are capped and nearly sorted */
	for (size_t i = 1; i < d->n; i++) {
		pm_diag x = d->v[i];
		size_t rx = file_rank(x.file);
		size_t j = i;
		while (j > 0) {
			pm_diag *p = &d->v[j - 1];
			size_t rp = file_rank(p->file);
			if (rp < rx || (rp == rx && (p->line < x.line || (p->line == x.line && p->col <= x.col))))
				break;
			d->v[j] = *p;
			j--;
		}
		d->v[j] = x;
	}
}
