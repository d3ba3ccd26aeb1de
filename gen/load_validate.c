/* load_validate.c — stage 6 of loading, validate: semantic checks the
 * field tables cannot express, then warnings for suspicious but valid
 * models.  Runs on the resolved model (stage 5).
 *
 * Errors (exit 1): conditional requirements (a not-applicable control,
 * view or labeling item needs a rationale; an unused interface needs one; a
 * not_affected vulnerability needs a VEX justification; an accepted,
 * transferred or false-positive threat needs a status rationale); a threat with
 * neither a CVSS vector nor an exploitability level; an exploitability
 * level the risk policy does not define; a flow interface that belongs to
 * another component; test dates out of order; duplicate labeling / plan
 * items; referenced files (SBOM, diagrams, attachments) that do not exist.  (CVSS
 * vectors and control effects are checked where they are filled,
 * load_fill.c.)
 * Warnings: assets no threat affects, controls no threat uses, tests that
 * verify no control, zones without components.
 * Risk method fields (risk_method_checks, at the end): a whole multi_patient_step,
 * each hazard of a threat listed once.
 * Zones and layout hints (zone_checks): zones nest without a cycle ('within'),
 * a component's diagram rank is a whole number.
 */
#include "load_internal.h"
#include "suggest.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void need_rationale(ld_ctx *L, const pm_str *rationale, pm_mark at, const char *what)
{
	if (!rationale->s)
		ld_error(L, PM_ERR_SCHEMA, at, "%s is not_applicable and needs a 'rationale'", what);
}

static void check_exploitability(ld_ctx *L, const pm_str *s, const char *owner)
{
	const pm_policy *p = &L->m->risk_policy;
	if (!s->s || ld_policy_exploitability(p, s->s) >= 0)
		return;
	ld_error(L, PM_ERR_VALUE, s->at, "%s: \"%s\" is not an exploitability level of the risk policy", owner, s->s);
	const char *c[16];
	size_t n = p->exploitability_levels.n < 16 ? p->exploitability_levels.n : 16;
	pm_buf all;
	pm_buf_init(&all, 0);
	for (size_t i = 0; i < n; i++) {
		c[i] = p->exploitability_levels.v[i].id.s;
		pm_buf_printf(&all, "%s%s", i ? ", " : "", c[i] ? c[i] : "?");
	}
	const char *near = pm_suggest(s->s, c, n);
	if (near)
		pm_diag_hint(L->diags, "did you mean \"%s\"? (levels: %s)", near, all.data ? all.data : "");
	else
		pm_diag_hint(L->diags, "levels: %s", all.data ? all.data : "none");
	pm_buf_free(&all);
}

static void check_file(ld_ctx *L, const pm_str *path, const char *what)
{
	if (!path->s)
		return;
	char *p = ld_resolve_path(L->m, path->at, path->s);
	struct stat st;
	if (stat(p, &st) != 0)
		ld_error(L, PM_ERR_VALUE, path->at, "%s \"%s\" not found (looked for %s)", what, path->s, p);
	else if (!S_ISREG(st.st_mode))
		ld_error(L, PM_ERR_VALUE, path->at, "%s \"%s\" is not a regular file (%s)", what, path->s, p);
	free(p);
}

static void check_items(ld_ctx *L, const pm_item *v, size_t n, const char *what, const char *const *names)
{
	uint32_t first_line[32] = {0}; /* per item value: line of its first listing */
	for (size_t i = 0; i < n; i++) {
		if (v[i].item.at.line && v[i].item.v >= 0 && v[i].item.v < 32) {
			uint32_t *fl = &first_line[v[i].item.v];
			if (*fl)
				ld_error(L, PM_ERR_SCHEMA, v[i].item.at,
				         "%s item %s is listed twice (first at line %u)", what, names[v[i].item.v],
				         *fl);
			else
				*fl = v[i].item.at.line;
		}
		char label[64];
		snprintf(label, sizeof label, "%s item %s", what, v[i].item.at.line ? names[v[i].item.v] : "?");
		if (v[i].status.at.line && v[i].status.v == PM_PROV_NOT_APPLICABLE)
			need_rationale(L, &v[i].rationale, v[i].at, label);
		else if (!v[i].content.s && !v[i].location.s)
			ld_error(L, PM_ERR_SCHEMA, v[i].at, "%s needs 'content' or 'location'", label);
	}
}

static void semantic_checks(ld_ctx *L)
{
	pm_model *m = L->m;
	char owner[200];
	for (size_t i = 0; i < m->components.n; i++) {
		const pm_component *c = &m->components.v[i];
		for (size_t k = 0; k < c->interfaces.n; k++) {
			const pm_interface *f = &c->interfaces.v[k];
			if (f->status.at.line && f->status.v != PM_IFS_USED && !f->rationale.s)
				ld_error(L, PM_ERR_SCHEMA, f->at,
				         "interface \"%s\" is %s and needs a 'rationale' (how it cannot be activated)",
				         f->id.s ? f->id.s : "?", pm_enum_names_iface_status[f->status.v]);
		}
	}
	for (size_t i = 0; i < m->flows.n; i++) {
		const pm_flow *f = &m->flows.v[i];
		const pm_ref *ends[2] = {&f->from, &f->to};
		const pm_ref *ifs[2] = {&f->from_interface, &f->to_interface};
		for (int e = 0; e < 2; e++) {
			if (ifs[e]->kind != PM_K_INTERFACE || ends[e]->kind != PM_K_COMPONENT)
				continue;
			const pm_interface *itf = pm_model_obj(m, PM_K_INTERFACE, ifs[e]->idx);
			if (itf->component != ends[e]->idx)
				ld_error(L, PM_ERR_REF, ifs[e]->id.at,
				         "flow \"%s\": interface \"%s\" belongs to component \"%s\", not \"%s\"",
				         f->id.s, ifs[e]->id.s, m->components.v[itf->component].id.s, ends[e]->id.s);
		}
		if (f->from.kind && f->to.kind && f->from.idx == f->to.idx)
			ld_warn(L, f->to.id.at, "flow \"%s\" goes from component \"%s\" to itself", f->id.s,
			        f->from.id.s);
	}
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_threat *t = &m->threats.v[i];
		snprintf(owner, sizeof owner, "threat \"%s\"", t->id.s ? t->id.s : "?");
		if (!t->cvss.at.line && !t->exploitability.s && t->at.line)
			ld_error(L, PM_ERR_SCHEMA, t->at,
			         "%s needs a 'cvss' vector or an explicit 'exploitability' level", owner);
		check_exploitability(L, &t->exploitability, owner);
		if (t->cvss.s && t->residual.cvss.s && strncmp(t->cvss.s, t->residual.cvss.s, 9) != 0)
			ld_warn(L, t->residual.cvss.at,
			        "%s: the residual vector is not the same CVSS version as the threat's vector; their "
			        "scores are not comparable",
			        owner);
		check_exploitability(L, &t->residual.exploitability, owner);
		if (t->status.at.line && t->status.v >= PM_TS_ACCEPTED && !t->status_rationale.s)
			ld_error(L, PM_ERR_SCHEMA, t->status.at, "%s is %s and needs a 'status_rationale'", owner,
			         pm_enum_names_threat_status[t->status.v]);
	}
	for (size_t i = 0; i < m->controls.n; i++) {
		const pm_control *c = &m->controls.v[i];
		if (c->status.at.line && c->status.v == PM_CS_NOT_APPLICABLE && !c->status_rationale.s)
			ld_error(L, PM_ERR_SCHEMA, c->status.at,
			         "control \"%s\" is not_applicable and needs a 'status_rationale'",
			         c->id.s ? c->id.s : "?");
	}
	for (size_t i = 0; i < m->tests.n; i++) {
		const pm_test *t = &m->tests.v[i];
		if (t->start.s && t->end.s && strcmp(t->end.s, t->start.s) < 0)
			ld_error(L, PM_ERR_VALUE, t->end.at, "test \"%s\" ends (%s) before it starts (%s)", t->id.s,
			         t->end.s, t->start.s);
	}
	for (size_t i = 0; i < m->vulnerabilities.n; i++) {
		const pm_vulnerability *v = &m->vulnerabilities.v[i];
		int imported = L->first_sbom_file && v->at.file >= L->first_sbom_file; /* check reports those */
		if (!imported && v->status.at.line && v->status.v == PM_VEX_NOT_AFFECTED && !v->justification.at.line)
			ld_error(L, PM_ERR_SCHEMA, v->status.at,
			         "vulnerability \"%s\" is not_affected and needs a VEX 'justification'",
			         v->id.s ? v->id.s : "?");
	}
	for (size_t i = 0; i < m->views.n; i++) {
		const pm_view *v = &m->views.v[i];
		if (v->status.at.line && v->status.v == PM_PROV_NOT_APPLICABLE) {
			char label[200];
			snprintf(label, sizeof label, "view \"%s\"", v->id.s ? v->id.s : "?");
			need_rationale(L, &v->rationale, v->status.at, label);
		}
		check_file(L, &v->diagram, "diagram");
	}
	for (size_t i = 0; i < m->sbom.files.n; i++)
		if (!pm_model_file_xml(m, m->sbom.files.v[i].path.at))
			check_file(L, &m->sbom.files.v[i].path, "SBOM file"); /* from XML: imported already */
	for (size_t i = 0; i < m->attachments.n; i++)
		check_file(L, &m->attachments.v[i].file, "attached file");
	check_items(L, m->labeling.items.v, m->labeling.items.n, "labeling", pm_enum_names_label_item);
	check_items(L, m->management_plan.items.v, m->management_plan.items.n, "management plan",
	            pm_enum_names_plan_item);
	if (m->metrics.at.line && m->metrics.period_start.s && m->metrics.period_end.s &&
	    strcmp(m->metrics.period_end.s, m->metrics.period_start.s) < 0)
		ld_error(L, PM_ERR_VALUE, m->metrics.period_end.at, "metrics period ends before it starts");
}

/* Warnings look at registered objects only (a duplicate is an error already). */
static void warnings(ld_ctx *L)
{
	pm_model *m = L->m;
	/* one pass over the threats: which assets they affect, which controls they use */
	unsigned char *asset_used = pm_xcalloc(m->n_objs[PM_K_ASSET] + 1, 1);
	unsigned char *control_used = pm_xcalloc(m->n_objs[PM_K_CONTROL] + 1, 1);
	for (size_t t = 0; t < m->threats.n; t++) {
		const pm_threat *th = &m->threats.v[t];
		for (size_t k = 0; k < th->assets.n; k++)
			if (th->assets.v[k].kind == PM_K_ASSET)
				asset_used[th->assets.v[k].idx] = 1;
		for (size_t k = 0; k < th->controls.n; k++)
			if (th->controls.v[k].kind == PM_K_CONTROL)
				control_used[th->controls.v[k].idx] = 1;
	}
	for (size_t i = 0; i < m->n_objs[PM_K_ASSET]; i++) {
		const pm_asset *a = m->objs[PM_K_ASSET][i];
		if (!asset_used[i])
			ld_warn(L, a->at, "no threat affects asset \"%s\"", a->id.s);
	}
	for (size_t i = 0; i < m->n_objs[PM_K_CONTROL]; i++) {
		const pm_control *c = m->objs[PM_K_CONTROL][i];
		if (!control_used[i] && c->status.v != PM_CS_NOT_APPLICABLE)
			ld_warn(L, c->at, "no threat is mitigated by control \"%s\"", c->id.s);
	}
	free(asset_used);
	free(control_used);
	for (size_t i = 0; i < m->n_objs[PM_K_TEST]; i++) {
		const pm_test *t = m->objs[PM_K_TEST][i];
		if (ld_ref_count(L, PM_K_TEST, (int32_t)i) == 0)
			ld_warn(L, t->at, "test \"%s\" verifies no control", t->id.s);
	}
	for (size_t i = 0; i < m->n_objs[PM_K_ZONE]; i++) {
		const pm_zone *z = m->objs[PM_K_ZONE][i];
		if (ld_ref_count(L, PM_K_ZONE, (int32_t)i) == 0)
			ld_warn(L, z->at, "zone \"%s\" has no components", z->id.s);
	}
}

static void risk_method_checks(ld_ctx *L);

/* A zone inside itself, directly or through others, is reported once, at
 * the 'within' of the cycle's first zone in model order; the hint names
 * the whole chain. */
static void zone_checks(ld_ctx *L)
{
	const pm_model *m = L->m;
	size_t nz = m->zones.n;
	uint8_t *state = pm_xcalloc(nz + 1, 1); /* 0 unseen, 1 on the walk, 2 done */
	int32_t *walk = pm_xcalloc(nz + 1, sizeof *walk);
	for (size_t i = 0; i < nz; i++) {
		size_t n = 0;
		int32_t z = (int32_t)i;
		while (z >= 0 && state[z] == 0) {
			state[z] = 1;
			walk[n++] = z;
			const pm_ref *w = &m->zones.v[z].within;
			z = w->kind == PM_K_ZONE && w->idx >= 0 && (size_t)w->idx < nz ? w->idx : -1;
		}
		if (z >= 0 && state[z] == 1) { /* back on this walk: a cycle from z */
			size_t from = 0;
			while (walk[from] != z)
				from++;
			const pm_zone *zz = &m->zones.v[z];
			pm_buf chain;
			pm_buf_init(&chain, 0);
			for (size_t k = from; k < n; k++)
				pm_buf_printf(&chain, "%s -> ", m->zones.v[walk[k]].id.s);
			pm_buf_printf(&chain, "%s", zz->id.s);
			ld_error(L, PM_ERR_REF, zz->within.id.at, "zone \"%s\" lies within itself: %s", zz->id.s,
			         chain.data);
			pm_diag_hint(L->diags,
			             "'within' names the zone that contains this one; the outermost zone has no "
			             "'within'");
			pm_buf_free(&chain);
		}
		for (size_t k = 0; k < n; k++)
			state[walk[k]] = 2;
	}
	free(walk);
	free(state);
	for (size_t i = 0; i < m->components.n; i++) {
		const pm_num *r = &m->components.v[i].diagram.rank;
		if (r->at.line && r->v != (double)(int)r->v)
			ld_error(L, PM_ERR_VALUE, r->at,
			         "component \"%s\": diagram 'rank' must be a whole number, found %g",
			         m->components.v[i].id.s ? m->components.v[i].id.s : "?", r->v);
	}
}

void ld_validate(ld_ctx *L)
{
	semantic_checks(L);
	zone_checks(L);
	risk_method_checks(L);
	warnings(L);
}

/* ---- risk method fields -----------------------------------------------------------------------
 * Checks of the fields the risk method added that the field tables cannot express: the
 * policy's multi_patient_step is a whole number of severity levels, and a threat lists each
 * hazard of the safety risk file once.  Self-contained: it needs only the model. */
static void risk_method_checks(ld_ctx *L)
{
	const pm_model *m = L->m;
	const pm_num *step = &m->risk_policy.multi_patient_step;
	if (step->at.line && step->v != (double)(int)step->v) {
		ld_error(L, PM_ERR_VALUE, step->at,
		         "'multi_patient_step' must be a whole number of severity levels, found %g", step->v);
		pm_diag_hint(L->diags,
		             "0 adds nothing, 1 raises serious to critical, 2 raises serious to catastrophic");
	}
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_threat *t = &m->threats.v[i];
		for (size_t h = 0; h < t->hazards.n; h++)
			for (size_t k = 0; k < h; k++) {
				const pm_str *a = &t->hazards.v[h].id, *b = &t->hazards.v[k].id;
				if (!a->s || !b->s || strcmp(a->s, b->s) != 0)
					continue;
				ld_error(L, PM_ERR_VALUE, a->at,
				         "threat \"%s\" lists hazard \"%s\" twice (first at %u:%u)",
				         t->id.s ? t->id.s : "?", a->s, b->at.line, b->at.col);
				pm_diag_hint(L->diags, "list each hazard of the safety risk file once; one hazard can "
				                       "name one document");
				break;
			}
	}
}
