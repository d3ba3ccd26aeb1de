/* load_policy.c — stages 2 and 3 of loading: the risk policy.
 *
 * 2. default policy: a model without a risk_policy section gets the shipped
 *    one (models/default-policy.yaml in the data folder), filled by the same
 *    field tables (load_fill.c); the model is marked policy_is_default.
 * 3. check policy: its scales and acceptability matrix.  Rules
 *    (docs/risk-method.md): five exploitability levels and the five
 *    severity-of-harm levels (ids negligible..catastrophic, in that order),
 *    at least two risk levels, ids unique within each list; the matrix has
 *    one row per exploitability level in order, one cell per severity level,
 *    every cell a risk-level id; risk never falls when exploitability or
 *    severity rises, and acceptability never returns once lost.
 */
#include "load_internal.h"
#include "suggest.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define N_EXPLOIT 5

/* ---- 2. default policy ------------------------------------------------------------------- */

void ld_default_policy(ld_ctx *L)
{
	pm_model *m = L->m;
	if (m->risk_policy.at.line)
		return; /* the model has its own */
	char *path = pm_xasprintf("%s/models/default-policy.yaml", L->opt.datadir);
	ld_file F;
	pm_mark none = {0, 0, 0};
	if (ld_parse_file(L, path, none, &F) == 0) {
		if (ld_fill_section(L, &F, "risk_policy") == 0)
			m->policy_is_default = true;
		ld_close_file(&F);
	}
	free(path);
}

/* ---- 3. check policy --------------------------------------------------------------------- */

static int level_index(const pm_level *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id.s && strcmp(v[i].id.s, id) == 0)
			return (int)i;
	return -1;
}

int ld_policy_exploitability(const pm_policy *p, const char *id)
{
	return level_index(p->exploitability_levels.v, p->exploitability_levels.n, id);
}

static void hint_level(ld_ctx *L, const pm_level *v, size_t n, const char *id)
{
	const char *c[64];
	size_t k = n < 64 ? n : 64;
	for (size_t i = 0; i < k; i++)
		c[i] = v[i].id.s;
	const char *near = pm_suggest(id, c, k);
	if (near)
		pm_diag_hint(L->diags, "did you mean \"%s\"?", near);
}

static int check_unique(ld_ctx *L, const char *what, const pm_level *v, size_t n)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (v[i].id.s && v[j].id.s && strcmp(v[i].id.s, v[j].id.s) == 0) {
				ld_error(L, PM_ERR_VALUE, v[i].id.at,
				         "%s level \"%s\" is defined twice (first at line %u)", what, v[i].id.s,
				         v[j].id.at.line);
				bad = 1;
			}
	return bad;
}

void ld_check_policy(ld_ctx *L)
{
	pm_policy *p = &L->m->risk_policy;
	size_t before = L->diags->errors;
	if (!p->at.line)
		return;
	if (p->exploitability_levels.at.line && p->exploitability_levels.n != N_EXPLOIT)
		ld_error(L, PM_ERR_VALUE, p->exploitability_levels.at.line ? p->exploitability_levels.at : p->at,
		         "risk policy must define exactly %d exploitability levels, found %zu", N_EXPLOIT,
		         p->exploitability_levels.n);
	if (!p->severity_levels.at.line) {
		/* missing: reported as a missing field */
	} else if (p->severity_levels.n != PM_N_HARM) {
		ld_error(L, PM_ERR_VALUE, p->severity_levels.at.line ? p->severity_levels.at : p->at,
		         "risk policy must define the %d severity levels, found %zu", PM_N_HARM, p->severity_levels.n);
	} else {
		for (size_t i = 0; i < PM_N_HARM; i++) {
			const pm_level *lv = &p->severity_levels.v[i];
			if (lv->id.s && strcmp(lv->id.s, pm_enum_names_harm[i]) != 0)
				ld_error(L, PM_ERR_VALUE, lv->id.at,
				         "severity level %zu must have id \"%s\" (the harm scale, lowest first), found "
				         "\"%s\"",
				         i + 1, pm_enum_names_harm[i], lv->id.s);
		}
	}
	if (p->risk_levels.at.line && (p->risk_levels.n < 2 || p->risk_levels.n > 64))
		ld_error(L, PM_ERR_VALUE, p->risk_levels.at.line ? p->risk_levels.at : p->at,
		         "risk policy must define 2 to 64 risk levels, found %zu", p->risk_levels.n);
	for (size_t i = 0; i < p->risk_levels.n && i < 64; i++)
		if (!p->risk_levels.v[i].acceptable.at.line)
			ld_error(L, PM_ERR_VALUE, p->risk_levels.v[i].at,
			         "risk level \"%s\" must say whether it is acceptable (acceptable: true|false)",
			         p->risk_levels.v[i].id.s ? p->risk_levels.v[i].id.s : "?");
	/* uniqueness is quadratic: only for lists of a sensible size */
	if (p->exploitability_levels.n <= 64)
		check_unique(L, "exploitability", p->exploitability_levels.v, p->exploitability_levels.n);
	if (p->severity_levels.n <= 64)
		check_unique(L, "severity", p->severity_levels.v, p->severity_levels.n);
	if (p->risk_levels.n <= 64)
		check_unique(L, "risk", p->risk_levels.v, p->risk_levels.n);
	if (L->diags->errors != before)
		return;

	/* matrix: rows in exploitability order, cells in severity order */
	size_t ne = p->exploitability_levels.n, ns = p->severity_levels.n;
	int cell[N_EXPLOIT][PM_N_HARM];
	int have[N_EXPLOIT] = {0};
	for (size_t r = 0; r < p->matrix.n; r++) {
		const pm_matrix_row *row = &p->matrix.v[r];
		if (!row->exploitability.s)
			continue;
		int e = ld_policy_exploitability(p, row->exploitability.s);
		if (e < 0) {
			ld_error(L, PM_ERR_VALUE, row->exploitability.at,
			         "matrix row names unknown exploitability level \"%s\"", row->exploitability.s);
			hint_level(L, p->exploitability_levels.v, ne, row->exploitability.s);
			continue;
		}
		if (have[e]) {
			ld_error(L, PM_ERR_VALUE, row->exploitability.at,
			         "matrix has two rows for exploitability level \"%s\"", row->exploitability.s);
			continue;
		}
		if ((size_t)e != r)
			ld_error(L, PM_ERR_VALUE, row->exploitability.at,
			         "matrix rows must follow the exploitability levels in order: row %zu should be \"%s\"",
			         r + 1, r < ne ? p->exploitability_levels.v[r].id.s : "?");
		have[e] = 1;
		if (row->cells.n != ns) {
			ld_error(L, PM_ERR_VALUE, row->cells.at.line ? row->cells.at : row->at,
			         "matrix row \"%s\" has %zu cells; it needs one per severity level (%zu)",
			         row->exploitability.s, row->cells.n, ns);
			have[e] = 0;
			continue;
		}
		for (size_t c = 0; c < ns; c++) {
			int rl = level_index(p->risk_levels.v, p->risk_levels.n, row->cells.v[c].s);
			if (rl < 0) {
				ld_error(L, PM_ERR_VALUE, row->cells.v[c].at,
				         "matrix cell names unknown risk level \"%s\"", row->cells.v[c].s);
				hint_level(L, p->risk_levels.v, p->risk_levels.n, row->cells.v[c].s);
				have[e] = 0;
			}
			cell[e][c] = rl;
		}
	}
	for (size_t e = 0; e < ne; e++)
		if (!have[e] && L->diags->errors == before)
			ld_error(L, PM_ERR_VALUE, p->matrix.at.line ? p->matrix.at : p->at,
			         "matrix has no row for exploitability level \"%s\"",
			         p->exploitability_levels.v[e].id.s);
	if (L->diags->errors != before)
		return;
	for (size_t e = 0; e < ne; e++) {
		for (size_t c = 0; c < ns; c++) {
			const pm_str *here = &p->matrix.v[e].cells.v[c];
			if (e > 0 && cell[e][c] < cell[e - 1][c])
				ld_error(L, PM_ERR_VALUE, here->at,
				         "matrix is not ordered: risk at (%s, %s) is lower than at the less "
				         "exploitable (%s, %s)",
				         p->exploitability_levels.v[e].id.s, pm_enum_names_harm[c],
				         p->exploitability_levels.v[e - 1].id.s, pm_enum_names_harm[c]);
			if (c > 0 && cell[e][c] < cell[e][c - 1])
				ld_error(L, PM_ERR_VALUE, here->at,
				         "matrix is not ordered: risk at (%s, %s) is lower than at the less severe "
				         "(%s, %s)",
				         p->exploitability_levels.v[e].id.s, pm_enum_names_harm[c],
				         p->exploitability_levels.v[e].id.s, pm_enum_names_harm[c - 1]);
		}
	}
	for (size_t i = 1; i < p->risk_levels.n; i++)
		if (p->risk_levels.v[i].acceptable.v && !p->risk_levels.v[i - 1].acceptable.v)
			ld_error(L, PM_ERR_VALUE, p->risk_levels.v[i].acceptable.at,
			         "risk level \"%s\" is acceptable but the lower level \"%s\" is not",
			         p->risk_levels.v[i].id.s, p->risk_levels.v[i - 1].id.s);
}
