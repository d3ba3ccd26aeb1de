/* render_check_text.c — the completeness report as compiler-style lines:
 *     file:line:col: error|warning|note: [ID] message
 * one per finding of every failed rule (error = required, warning =
 * recommended, note = advisory), in rule order then model order, then a
 * summary.  Reads a pm_check_report; computes nothing. */
#include "premarket/check.h"

#include <string.h>

/* Text on one line: control characters become spaces. */
static void one_line(pm_buf *b, const char *s)
{
	for (; s && *s; s++)
		pm_buf_putc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

int pm_check_render_text(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out, pm_diags *d)
{
	(void)opt;
	size_t before = out->len;
	for (size_t i = 0; i < r->n; i++) {
		const pm_check_result *res = &r->v[i];
		if (res->status != PM_CHECK_FAIL)
			continue;
		for (size_t k = 0; k < res->n_findings; k++) {
			const pm_check_finding *f = &res->findings[k];
			if (f->loc.file) {
				one_line(out, f->loc.file);
				pm_buf_printf(out, ":%u:%u: ", (unsigned)f->loc.line, (unsigned)f->loc.col);
			} else {
				pm_buf_puts(out, "premarket: ");
			}
			pm_buf_printf(out, "%s: [%s] ", pm_check_level_name(res->weight), res->id);
			one_line(out, f->message);
			pm_buf_putc(out, '\n');
		}
	}
	size_t failed = r->failed[0] + r->failed[1] + r->failed[2];
	pm_buf_puts(out, "check: ");
	if (r->n_model_files) {
		one_line(out, r->files[0]);
		if (r->n_model_files > 1)
			pm_buf_printf(out, " (and %zu included files)", r->n_model_files - 1);
		pm_buf_puts(out, ": ");
	}
	pm_buf_printf(out, "%zu checks: %zu passed, %zu failed, %zu not applicable", r->n, r->passed, failed,
	              r->not_applicable);
	if (r->date[0])
		pm_buf_printf(out, " (documentation date %s)", r->date);
	pm_buf_putc(out, '\n');
	if (!failed) {
		pm_buf_puts(out, "check: no gaps\n");
	} else {
		pm_buf_puts(out, "check: failed:");
		for (int w = 0; w < PM_CHECK_N_WEIGHTS; w++)
			pm_buf_printf(out, "%s %zu %s (%zu %s)", w ? "," : "", r->failed[w],
			              pm_check_weight_name((pm_check_weight)w), r->findings[w],
			              r->findings[w] == 1 ? "gap" : "gaps");
		pm_buf_putc(out, '\n');
	}
	return pm_buf_done(out, before, "the check report", d);
}
