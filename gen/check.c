/* check.c — the completeness-check engine (include/premarket/check.h): walks
 * the areas of the checklist (gen/check_<area>.c) in report order, runs each
 * rule on a model, turns its findings (model marks) into owned, located
 * results, and applies the effective weight (statutory rules for non-cyber
 * devices and IDEs; "helpful" elements for IDEs).  Also the rule-writing API
 * of gen/check_internal.h.  The renderers live in render_check_*.c. */
#include "check_internal.h"
#include "premarket/view.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct pm_check_ctx {
	const pm_model *m;
	const char *date; /* documentation date, or NULL */
	pm_check_report *r;
	pm_check_finding *f;
	size_t n, cap;
	char *message;
	bool na;
};

/* The checklist, in report order. */
static const pm_check_area *const areas[] = {
        &pm_check_area_device,       &pm_check_area_risk_report, &pm_check_area_threats,  &pm_check_area_risk,
        &pm_check_area_interop,      &pm_check_area_sbom,        &pm_check_area_vulns,    &pm_check_area_controls,
        &pm_check_area_architecture, &pm_check_area_testing,     &pm_check_area_labeling, &pm_check_area_plan,
        &pm_check_area_submission,
};
#define N_AREAS (sizeof areas / sizeof *areas)

size_t pm_check_rule_count(void)
{
	size_t n = 0;
	for (size_t a = 0; a < N_AREAS; a++)
		n += areas[a]->n;
	return n;
}

const pm_check_def *pm_check_def_at(size_t i)
{
	for (size_t a = 0; a < N_AREAS; a++) {
		if (i < areas[a]->n)
			return &areas[a]->v[i];
		i -= areas[a]->n;
	}
	return NULL;
}

const pm_check_rule *pm_check_rule_at(size_t i)
{
	const pm_check_def *def = pm_check_def_at(i);
	return def ? &def->rule : NULL;
}

bool pm_check_is_cyber_device(const pm_model *m)
{
	const pm_cyber_device *cd = &m->device.cyber_device;
	return cd->at.line && cd->software.v && cd->internet_connectable.v && cd->vulnerable_characteristics.v;
}

const char *pm_check_weight_name(pm_check_weight w)
{
	switch (w) {
	case PM_CHECK_REQUIRED:
		return "required";
	case PM_CHECK_RECOMMENDED:
		return "recommended";
	default:
		return "advisory";
	}
}

const char *pm_check_level_name(pm_check_weight w)
{
	switch (w) {
	case PM_CHECK_REQUIRED:
		return "error";
	case PM_CHECK_RECOMMENDED:
		return "warning";
	default:
		return "note";
	}
}

const char *pm_check_status_name(pm_check_status s)
{
	switch (s) {
	case PM_CHECK_PASS:
		return "pass";
	case PM_CHECK_FAIL:
		return "fail";
	default:
		return "not applicable";
	}
}

int pm_check_weight_parse(const char *s, pm_check_weight *w)
{
	for (int i = 0; i < PM_CHECK_N_WEIGHTS; i++)
		if (strcmp(s, pm_check_weight_name((pm_check_weight)i)) == 0) {
			*w = (pm_check_weight)i;
			return 0;
		}
	return -1;
}

/* ---- the rule-writing API -------------------------------------------------- */

static pm_check_loc loc_of(const pm_check_report *r, pm_mark at)
{
	pm_check_loc l = {NULL, 0, 0};
	if (at.line && at.file < r->n_files) {
		l.file = r->files[at.file];
		l.line = at.line;
		l.col = at.col;
	}
	return l;
}

/* The device's mark, else the model's: where a gap with no nearer object goes. */
static pm_mark fallback_mark(const pm_model *m)
{
	if (m->device.at.line)
		return m->device.at;
	if (m->at.line)
		return m->at;
	pm_mark top = {0, 1, 1};
	return top;
}

void pm_check_add(pm_check_ctx *c, pm_mark at, const char *fmt, ...)
{
	va_list ap;
	if (c->n == c->cap)
		c->f = pm_xgrow(c->f, &c->cap, c->n + 1, sizeof *c->f);
	va_start(ap, fmt);
	c->f[c->n].message = pm_xvasprintf(fmt, ap);
	va_end(ap);
	c->f[c->n].loc = loc_of(c->r, at.line ? at : fallback_mark(c->m));
	c->n++;
}

void pm_check_note(pm_check_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(c->message);
	c->message = pm_xvasprintf(fmt, ap);
	va_end(ap);
}

pm_check_status pm_check_na(pm_check_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(c->message);
	c->message = pm_xvasprintf(fmt, ap);
	va_end(ap);
	c->na = true;
	return PM_CHECK_NA;
}

pm_check_status pm_check_verdict(const pm_check_ctx *c)
{
	return c->n ? PM_CHECK_FAIL : PM_CHECK_PASS;
}

size_t pm_check_count(const pm_check_ctx *c)
{
	return c->n;
}

const char *pm_check_date(const pm_check_ctx *c)
{
	return c->date;
}

/* ---- the engine ------------------------------------------------------------------ */

/* The documentation date (pm_view_date), copied: the report outlives no model string. */
static void doc_date(const pm_model *m, long long epoch, char out[11])
{
	char buf[11];
	const char *d = pm_view_date(m, epoch, buf);
	out[0] = '\0';
	if (d && strlen(d) == 10)
		memcpy(out, d, 11);
}

static pm_check_weight effective_weight(const pm_check_rule *rule, const pm_check_report *r)
{
	pm_check_weight w = rule->weight;
	if ((rule->flags & PM_CHECK_F_STATUTORY) && w == PM_CHECK_REQUIRED && (!r->cyber_device || r->ide))
		w = PM_CHECK_RECOMMENDED;
	if ((rule->flags & PM_CHECK_F_IDE_HELPFUL) && r->ide)
		w = PM_CHECK_ADVISORY;
	return w;
}

/* Summary of several findings: the count and the first few messages. */
static char *summarize(const pm_check_finding *f, size_t n)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_buf_printf(&b, "%zu gaps: ", n);
	for (size_t i = 0; i < n && i < 3; i++)
		pm_buf_printf(&b, "%s%s", i ? "; " : "", f[i].message);
	if (n > 3)
		pm_buf_printf(&b, "; and %zu more", n - 3);
	return pm_buf_detach(&b, NULL);
}

static void run_rule(const pm_model *m, const pm_check_def *def, pm_check_ctx *c, pm_check_result *res)
{
	const pm_check_rule *rule = &def->rule;
	c->f = NULL;
	c->n = c->cap = 0;
	c->message = NULL;
	c->na = false;
	pm_check_status st = def->eval(m, c);
	if (c->na)
		st = PM_CHECK_NA;
	else if (c->n)
		st = PM_CHECK_FAIL;
	else if (st == PM_CHECK_FAIL) /* a rule failing without a finding: place it at the device */
		pm_check_add(c, fallback_mark(m), "%s", c->message ? c->message : rule->title);
	memset(res, 0, sizeof *res);
	res->rule = rule;
	res->id = rule->id;
	res->title = rule->title;
	res->basis = rule->basis;
	res->weight = effective_weight(rule, c->r);
	res->status = st;
	if (st == PM_CHECK_NA) {
		for (size_t i = 0; i < c->n; i++)
			free(c->f[i].message);
		free(c->f);
		c->f = NULL;
		c->n = 0;
	}
	res->findings = c->f;
	res->n_findings = c->n;
	if (st == PM_CHECK_FAIL) {
		res->loc = c->f[0].loc;
		if (!c->message)
			c->message = c->n == 1 ? pm_xstrdup(c->f[0].message) : summarize(c->f, c->n);
	}
	res->message = c->message ? c->message : pm_xstrdup(st == PM_CHECK_PASS ? "complete" : "");
}

int pm_check_run(const pm_model *m, const pm_check_options *opt, pm_check_report *out, pm_diags *d)
{
	if (out)
		memset(out, 0, sizeof *out);
	if (!m || !out)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "pm_check_run: %s is NULL", m ? "out" : "m");
	out->n_files = m->n_files;
	out->files = pm_xcalloc(m->n_files + 1, sizeof *out->files);
	for (size_t i = 0; i < m->n_files; i++)
		out->files[i] = pm_xstrdup(m->files[i] ? m->files[i] : "");
	out->n_model_files = m->n_files;
	if (m->policy_is_default && m->n_files > 1 && m->risk_policy.at.line &&
	    m->risk_policy.at.file == m->n_files - 1)
		out->n_model_files = m->n_files - 1;
	out->device_name = m->device.name.s ? pm_xstrdup(m->device.name.s) : NULL;
	out->device_version = m->device.version.s ? pm_xstrdup(m->device.version.s) : NULL;
	doc_date(m, opt ? opt->source_date_epoch : -1, out->date);
	out->cyber_device = pm_check_is_cyber_device(m);
	out->ide = m->device.submission_type.at.line && m->device.submission_type.v == PM_SUB_IDE;

	out->v = pm_xcalloc(pm_check_rule_count() + 1, sizeof *out->v);
	pm_check_ctx c;
	memset(&c, 0, sizeof c);
	c.m = m;
	c.r = out;
	c.date = out->date[0] ? out->date : NULL;
	for (size_t a = 0; a < N_AREAS; a++)
		for (size_t i = 0; i < areas[a]->n; i++) {
			pm_check_result *res = &out->v[out->n++];
			run_rule(m, &areas[a]->v[i], &c, res);
			switch (res->status) {
			case PM_CHECK_PASS:
				out->passed++;
				break;
			case PM_CHECK_NA:
				out->not_applicable++;
				break;
			default:
				out->failed[res->weight]++;
				out->findings[res->weight] += res->n_findings;
			}
		}
	return 0;
}

void pm_check_report_free(pm_check_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		for (size_t k = 0; k < r->v[i].n_findings; k++)
			free(r->v[i].findings[k].message);
		free(r->v[i].findings);
		free(r->v[i].message);
	}
	free(r->v);
	for (size_t i = 0; i < r->n_files; i++)
		free(r->files[i]);
	free(r->files);
	free(r->device_name);
	free(r->device_version);
	memset(r, 0, sizeof *r);
}

bool pm_check_fails(const pm_check_report *r, pm_check_weight threshold)
{
	for (int w = 0; w <= (int)threshold && w < PM_CHECK_N_WEIGHTS; w++)
		if (r->failed[w])
			return true;
	return false;
}

int pm_check_render(const pm_check_report *r, pm_check_format fmt, const pm_check_render_options *opt, pm_buf *out,
                    pm_diags *d)
{
	switch (fmt) {
	case PM_CHECK_MD:
		return pm_check_render_md(r, opt, out, d);
	case PM_CHECK_SARIF:
		return pm_check_render_sarif(r, opt, out, d);
	case PM_CHECK_JSON:
		return pm_check_render_json(r, opt, out, d);
	default:
		return pm_check_render_text(r, opt, out, d);
	}
}
