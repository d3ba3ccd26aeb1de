/* render_check_md.c — the completeness report as a gap report in
 * GitHub-flavoured Markdown: the result, a summary table by area, each
 * failed check with its basis, its gaps (located) and how to fix it, the
 * checks that do not apply and why, and every check's result.  Self-contained
 * (it is also appended to the document set as an appendix): the top heading's
 * level is an option; every table has the same number of cells per row.
 * Reads a pm_check_report; computes nothing. */
#include "premarket/mustache.h"
#include "premarket/check.h"

#include <string.h>

/* Text in a paragraph or table cell: the document escaper (gen/mustache.c),
 * which keeps a table row on one line and blocks markup, HTML and autolinks. */
static void md_text(pm_buf *b, const char *s)
{
	if (s)
		pm_mustache_escape_markdown(b, s, strlen(s), NULL);
}

/* A file location as a code span (text escaped when it holds a backtick). */
static void md_loc(pm_buf *b, const pm_check_loc *l)
{
	if (!l->file) {
		pm_buf_puts(b, "(model)");
		return;
	}
	if (strchr(l->file, '`') || strchr(l->file, '|') || strchr(l->file, '\n')) {
		md_text(b, l->file);
		pm_buf_printf(b, ":%u:%u", (unsigned)l->line, (unsigned)l->col);
		return;
	}
	pm_buf_printf(b, "`%s:%u:%u`", l->file, (unsigned)l->line, (unsigned)l->col);
}

static void heading(pm_buf *b, int level, const char *text)
{
	for (int i = 0; i < level; i++)
		pm_buf_putc(b, '#');
	pm_buf_putc(b, ' ');
	pm_buf_puts(b, text);
	pm_buf_puts(b, "\n\n");
}

static void area_row(pm_buf *b, const char *area, const size_t c[6])
{
	pm_buf_puts(b, "| ");
	md_text(b, area);
	pm_buf_printf(b, " | %zu | %zu | %zu | %zu | %zu | %zu |\n", c[0], c[1], c[2], c[3], c[4], c[5]);
}

static void summary_by_area(const pm_check_report *r, pm_buf *b, int h)
{
	heading(b, h, "Summary by area");
	pm_buf_puts(b,
	            "| Area | Checks | Pass | Fail: required | Fail: recommended | Fail: advisory | Not applicable |\n"
	            "|---|---:|---:|---:|---:|---:|---:|\n");
	size_t total[6] = {0};
	for (size_t i = 0; i < r->n; i++) {
		const char *area = r->v[i].rule->area;
		size_t k;
		for (k = 0; k < i; k++)
			if (strcmp(r->v[k].rule->area, area) == 0)
				break;
		if (k < i)
			continue; /* area already printed */
		size_t c[6] = {0};
		for (k = i; k < r->n; k++) {
			const pm_check_result *x = &r->v[k];
			if (strcmp(x->rule->area, area) != 0)
				continue;
			c[0]++;
			if (x->status == PM_CHECK_PASS)
				c[1]++;
			else if (x->status == PM_CHECK_NA)
				c[5]++;
			else
				c[2 + x->weight]++;
		}
		for (int j = 0; j < 6; j++)
			total[j] += c[j];
		area_row(b, area, c);
	}
	area_row(b, "Total", total);
	pm_buf_putc(b, '\n');
}

static void gap(const pm_check_result *x, pm_buf *b, int h)
{
	for (int i = 0; i < h; i++)
		pm_buf_putc(b, '#');
	pm_buf_printf(b, " %s: ", x->id);
	md_text(b, x->title);
	pm_buf_puts(b, "\n\n| Weight | Basis | Gaps |\n|---|---|---:|\n| ");
	pm_buf_printf(b, "%s (%s) | ", pm_check_weight_name(x->weight), pm_check_level_name(x->weight));
	md_text(b, x->basis);
	pm_buf_printf(b, " | %zu |\n\n", x->n_findings);
	pm_buf_puts(b, "**What is missing:** ");
	md_text(b, x->message);
	pm_buf_puts(b, "\n\n| Where | Gap |\n|---|---|\n");
	for (size_t k = 0; k < x->n_findings; k++) {
		pm_buf_puts(b, "| ");
		md_loc(b, &x->findings[k].loc);
		pm_buf_puts(b, " | ");
		md_text(b, x->findings[k].message);
		pm_buf_puts(b, " |\n");
	}
	pm_buf_puts(b, "\n**How to fix:** ");
	md_text(b, x->rule->fix);
	pm_buf_puts(b, "\n\n");
}

int pm_check_render_md(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out, pm_diags *d)
{
	size_t before = out->len;
	int h = opt && opt->heading_level >= 1 && opt->heading_level <= 4 ? opt->heading_level : 1;
	size_t failed = r->failed[0] + r->failed[1] + r->failed[2];
	size_t gaps = r->findings[0] + r->findings[1] + r->findings[2];

	heading(out, h, "Completeness check");
	pm_buf_puts(
	        out,
	        "| Device | Version | Model files | Documentation date | Cyber device |\n|---|---|---|---|---|\n| ");
	md_text(out, r->device_name ? r->device_name : "(unnamed)");
	pm_buf_puts(out, " | ");
	md_text(out, r->device_version ? r->device_version : "");
	pm_buf_puts(out, " | ");
	for (size_t i = 0; i < r->n_model_files; i++) {
		pm_check_loc l = {r->files[i], 0, 0};
		if (i)
			pm_buf_puts(out, ", ");
		if (strchr(l.file, '`') || strchr(l.file, '|'))
			md_text(out, l.file);
		else
			pm_buf_printf(out, "`%s`", l.file);
	}
	pm_buf_printf(out, " | %s | %s |\n\n", r->date[0] ? r->date : "not stated", r->cyber_device ? "yes" : "no");

	if (failed)
		pm_buf_printf(out,
		              "**Result:** %zu of %zu checks fail — %zu required, %zu recommended, %zu advisory — with "
		              "%zu gaps in all; %zu pass and %zu do not apply.\n\n",
		              failed, r->n, r->failed[PM_CHECK_REQUIRED], r->failed[PM_CHECK_RECOMMENDED],
		              r->failed[PM_CHECK_ADVISORY], gaps, r->passed, r->not_applicable);
	else
		pm_buf_printf(out, "**Result:** every applicable check passes (%zu pass, %zu do not apply).\n\n",
		              r->passed, r->not_applicable);
	pm_buf_puts(out, "Checks are keyed to FDA's premarket cybersecurity guidance (G25, June 2025) and FD&C Act "
	                 "section 524B. *Required* checks apply to cyber devices: section 524B(b) requires the plan, "
	                 "the processes and the SBOM, and the check asks for the content G25 section VII recommends "
	                 "to meet each requirement (for the SBOM, the elements of G25 V.A.4.b); *recommended* checks "
	                 "follow the other recommendations of the guidance; *advisory* ones point at likely "
	                 "problems.\n\n");

	summary_by_area(r, out, h + 1);

	heading(out, h + 1, "Gaps");
	if (!failed)
		pm_buf_puts(out, "No gaps: every applicable check passes.\n\n");
	for (int w = 0; w < PM_CHECK_N_WEIGHTS; w++)
		for (size_t i = 0; i < r->n; i++)
			if (r->v[i].status == PM_CHECK_FAIL && (int)r->v[i].weight == w)
				gap(&r->v[i], out, h + 2);

	heading(out, h + 1, "Not applicable");
	if (!r->not_applicable) {
		pm_buf_puts(out, "Every check applies to this model.\n\n");
	} else {
		pm_buf_puts(out, "| Check | Title | Reason |\n|---|---|---|\n");
		for (size_t i = 0; i < r->n; i++) {
			const pm_check_result *x = &r->v[i];
			if (x->status != PM_CHECK_NA)
				continue;
			pm_buf_printf(out, "| %s | ", x->id);
			md_text(out, x->title);
			pm_buf_puts(out, " | ");
			md_text(out, x->message);
			pm_buf_puts(out, " |\n");
		}
		pm_buf_putc(out, '\n');
	}

	heading(out, h + 1, "All checks");
	pm_buf_puts(out, "| Check | Title | Basis | Weight | Result |\n|---|---|---|---|---|\n");
	for (size_t i = 0; i < r->n; i++) {
		const pm_check_result *x = &r->v[i];
		pm_buf_printf(out, "| %s | ", x->id);
		md_text(out, x->title);
		pm_buf_puts(out, " | ");
		md_text(out, x->basis);
		pm_buf_printf(out, " | %s | ", pm_check_weight_name(x->weight));
		if (x->status == PM_CHECK_FAIL)
			pm_buf_printf(out, "**fail** (%zu)", x->n_findings);
		else
			pm_buf_puts(out, pm_check_status_name(x->status));
		pm_buf_puts(out, " |\n");
	}
	return pm_buf_done(out, before, "the check report", d);
}
