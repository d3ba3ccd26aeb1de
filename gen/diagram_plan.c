/* diagram_plan.c — which diagrams a model gets and what each shows
 * (pm_diagram_plan_new(), include/premarket/diagram.h; docs/diagrams.md).
 *
 * In plan order:
 *   1. every view the model provides without a diagram file of its own: the
 *      components and flows it lists; when it lists neither, those of the
 *      use cases it presents, else what its kind calls for (below); when it
 *      lists components but no flows, the flows between them; always the
 *      components at both ends of its flows;
 *   2. for each of the global, multi-patient harm and updatability kinds the
 *      model has no view of at all, the view drawn from the model: every
 *      component and flow; the fleet-wide paths (cloud services, flows from
 *      and to them, flows of code, what multi-patient threats target); every
 *      flow of code;
 *   3. every security use case with components or flows: a call flow in
 *      step order when it has steps and flows, else a graph;
 *   4. a view over PM_DG_SUMMARY_COMPONENTS components or
 *      PM_DG_SUMMARY_FLOWS flows becomes a summary by zone, followed by one
 *      diagram per zone; a zone of more than PM_DG_ZONE_MAX components
 *      shows the ones with the most flows and says how many it leaves out.
 * Ids are the views' and use cases' own, made safe for file names and
 * unique even on a case-insensitive file system. */
#include "diagram.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct sel {
	const pm_model *m;
	int32_t *c, *f;
	size_t nc, nf;
	uint8_t *hc, *hf;
} sel;

static void sel_init(sel *s, const pm_model *m)
{
	memset(s, 0, sizeof *s);
	s->m = m;
	s->c = pm_xcalloc(m->components.n + 1, sizeof *s->c);
	s->f = pm_xcalloc(m->flows.n + 1, sizeof *s->f);
	s->hc = pm_xcalloc(m->components.n + 1, 1);
	s->hf = pm_xcalloc(m->flows.n + 1, 1);
}

static void sel_free(sel *s)
{
	free(s->c);
	free(s->f);
	free(s->hc);
	free(s->hf);
}

static void sel_comp(sel *s, int32_t i)
{
	if (i >= 0 && (size_t)i < s->m->components.n && !s->hc[i]) {
		s->hc[i] = 1;
		s->c[s->nc++] = i;
	}
}

/* A flow is drawn only when both its ends are components. */
static int flow_ok(const pm_model *m, int32_t i)
{
	const pm_flow *f = &m->flows.v[i];
	return f->from.kind == PM_K_COMPONENT && f->to.kind == PM_K_COMPONENT && f->from.idx >= 0 && f->to.idx >= 0 &&
	       (size_t)f->from.idx < m->components.n && (size_t)f->to.idx < m->components.n;
}

static void sel_flow(sel *s, int32_t i)
{
	if (i >= 0 && (size_t)i < s->m->flows.n && !s->hf[i] && flow_ok(s->m, i)) {
		s->hf[i] = 1;
		s->f[s->nf++] = i;
	}
}

static void sel_refs(sel *s, const pm_refs *r)
{
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].kind == PM_K_COMPONENT)
			sel_comp(s, r->v[i].idx);
		else if (r->v[i].kind == PM_K_FLOW)
			sel_flow(s, r->v[i].idx);
	}
}

/* The components at the ends of the selected flows; returns how many were added. */
static size_t sel_ends(sel *s)
{
	size_t before = s->nc;
	for (size_t k = 0; k < s->nf; k++) {
		const pm_flow *f = &s->m->flows.v[s->f[k]];
		sel_comp(s, f->from.idx);
		sel_comp(s, f->to.idx);
	}
	return s->nc - before;
}

static void sel_flows_among(sel *s)
{
	for (size_t i = 0; i < s->m->flows.n; i++)
		if (flow_ok(s->m, (int32_t)i) && s->hc[s->m->flows.v[i].from.idx] && s->hc[s->m->flows.v[i].to.idx])
			sel_flow(s, (int32_t)i);
}

static void sel_all(sel *s)
{
	for (size_t i = 0; i < s->m->components.n; i++)
		sel_comp(s, (int32_t)i);
	for (size_t i = 0; i < s->m->flows.n; i++)
		sel_flow(s, (int32_t)i);
}

static int is_cloud(const pm_model *m, int32_t c)
{
	return c >= 0 && (size_t)c < m->components.n && m->components.v[c].kind.at.line &&
	       m->components.v[c].kind.v == PM_COMP_CLOUD;
}

uint8_t *pm_dg_multi_patient_threats(const pm_model *m)
{
	uint8_t *mp = pm_xcalloc(m->threats.n + 1, 1);
	for (size_t t = 0; t < m->threats.n; t++)
		mp[t] = m->threats.v[t].multi_patient.at.line && m->threats.v[t].multi_patient.v;
	for (size_t k = 0; k < m->risk.n; k++)
		if (m->risk.v[k].multi_patient && m->risk.v[k].threat >= 0 &&
		    (size_t)m->risk.v[k].threat < m->threats.n)
			mp[m->risk.v[k].threat] = 1;
	return mp;
}

/* The multi-patient paths: cloud services and their flows, flows of code,
 * and whatever multi-patient threats target. */
static void sel_multi_patient(sel *s)
{
	const pm_model *m = s->m;
	uint8_t *mp = pm_dg_multi_patient_threats(m);
	for (size_t i = 0; i < m->components.n; i++)
		if (is_cloud(m, (int32_t)i))
			sel_comp(s, (int32_t)i);
	for (size_t t = 0; t < m->threats.n; t++) {
		if (!mp[t])
			continue;
		const pm_refs *r = &m->threats.v[t].targets;
		for (size_t k = 0; k < r->n; k++) {
			if (r->v[k].kind == PM_K_COMPONENT) {
				sel_comp(s, r->v[k].idx);
			} else if (r->v[k].kind == PM_K_FLOW) {
				sel_flow(s, r->v[k].idx);
			} else if (r->v[k].kind == PM_K_INTERFACE) {
				const pm_interface *itf = pm_model_obj(m, PM_K_INTERFACE, r->v[k].idx);
				if (itf)
					sel_comp(s, itf->component);
			}
		}
	}
	for (size_t i = 0; i < m->flows.n; i++) {
		const pm_flow *f = &m->flows.v[i];
		if (!flow_ok(m, (int32_t)i))
			continue;
		if ((f->kind.at.line && f->kind.v == PM_FLOW_CODE) || is_cloud(m, f->from.idx) ||
		    is_cloud(m, f->to.idx))
			sel_flow(s, (int32_t)i);
	}
	free(mp);
}

static void sel_updates(sel *s)
{
	for (size_t i = 0; i < s->m->flows.n; i++)
		if (s->m->flows.v[i].kind.at.line && s->m->flows.v[i].kind.v == PM_FLOW_CODE)
			sel_flow(s, (int32_t)i);
}

static size_t zones_of(const pm_model *m, const int32_t *c, size_t n)
{
	uint8_t *seen = pm_xcalloc(m->zones.n + 1, 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const pm_ref *z = &m->components.v[c[i]].zone;
		if (z->kind == PM_K_ZONE && z->idx >= 0 && (size_t)z->idx < m->zones.n && !seen[z->idx]) {
			seen[z->idx] = 1;
			k++;
		}
	}
	free(seen);
	return k;
}

/* ---- specs ------------------------------------------------------------------------------ */

static pm_dg_spec *add_spec(pm_diagram_plan *p)
{
	p->v = pm_xgrow(p->v, &p->cap, p->n + 1, sizeof *p->v);
	pm_dg_spec *s = &p->v[p->n++];
	memset(s, 0, sizeof *s);
	s->view = s->use_case = s->zone = s->parent = -1;
	s->view_kind = -1;
	return s;
}

/* A file-name-safe id, unique in the plan regardless of case. */
static void set_id(pm_diagram_plan *p, pm_dg_spec *s, const char *raw)
{
	size_t n = strlen(raw);
	if (n > 160)
		n = 160;
	char *base = pm_xstrndup(raw, n);
	for (char *q = base; *q; q++)
		if (!isalnum((unsigned char)*q) && *q != '-' && *q != '_' && *q != '.')
			*q = '_';
	if (!*base || base[0] == '.') {
		char *b = pm_xasprintf("d%s", base);
		free(base);
		base = b;
	}
	char *id = pm_xstrdup(base);
	for (int k = 2;; k++) {
		int clash = 0;
		for (size_t i = 0; i + 1 < p->n && !clash; i++)
			clash = p->v[i].id && strcasecmp(p->v[i].id, id) == 0;
		if (!clash)
			break;
		free(id);
		id = pm_xasprintf("%s-%d", base, k);
	}
	s->id = pm_arena_strdup(p->a, id);
	char *file = pm_xasprintf("diagrams/%s.svg", id);
	s->file = pm_arena_strdup(p->a, file);
	free(file);
	free(id);
	free(base);
}

static void take(pm_diagram_plan *p, pm_dg_spec *s, const pm_model *m, const sel *x)
{
	s->comps = pm_arena_array(p->a, x->nc + 1, sizeof *s->comps);
	s->flows = pm_arena_array(p->a, x->nf + 1, sizeof *s->flows);
	memcpy(s->comps, x->c, x->nc * sizeof *s->comps);
	memcpy(s->flows, x->f, x->nf * sizeof *s->flows);
	s->ncomps = x->nc;
	s->nflows = x->nf;
	s->nzones = zones_of(m, x->c, x->nc);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void set_caption(pm_diagram_plan *p, pm_dg_spec *s, const char *lead)
{
	char *c;
	if (s->form == DG_SUMMARY)
		c = pm_xasprintf("%s: %zu %s in %zu %s, %zu %s, summarised by zone", lead, s->ncomps,
		                 plural(s->ncomps, "component", "components"), s->nzones,
		                 plural(s->nzones, "zone", "zones"), s->nflows, plural(s->nflows, "flow", "flows"));
	else if (s->form == DG_SEQUENCE)
		c = pm_xasprintf("%s: call flow of %zu %s between %zu %s, in step order", lead, s->nflows,
		                 plural(s->nflows, "flow", "flows"), s->ncomps,
		                 plural(s->ncomps, "component", "components"));
	else if (s->hidden_comps)
		c = pm_xasprintf("%s: the %zu busiest of its %zu components, %zu %s drawn", lead, s->ncomps,
		                 s->ncomps + s->hidden_comps, s->nflows, plural(s->nflows, "flow", "flows"));
	else
		c = pm_xasprintf("%s: %zu %s in %zu %s, %zu %s", lead, s->ncomps,
		                 plural(s->ncomps, "component", "components"), s->nzones,
		                 plural(s->nzones, "zone", "zones"), s->nflows, plural(s->nflows, "flow", "flows"));
	s->caption = pm_arena_strdup(p->a, c);
	free(c);
}

static const char *const KIND_NAMES[PM_N_VIEW_KIND] = {"Global system view", "Multi-patient harm view",
                                                       "Updatability/patchability view", "Security use case view"};

/* The basis sentence of a view's diagram. */
static const char *basis_text(int how, size_t ends_added, int among)
{
	static const char *const lead[] = {
	        "It shows the components and flows the view lists.",
	        "It shows the components and flows of the security use cases the view presents.",
	        "It shows every component and flow of the model.",
	        "It shows the cloud services and the flows from and to them, the flows of code (software "
	        "distribution), and the components, interfaces and flows that multi-patient threats target.",
	        "It shows every flow of kind code (software and update distribution) and the components at "
	        "its ends.",
	};
	static char buf[512];
	snprintf(buf, sizeof buf, "%s%s%s", lead[how],
	         among ? " The flows between the listed components are drawn with them." : "",
	         ends_added ? " Components at the ends of its flows that the view does not list are added." : "");
	return buf;
}

enum { HOW_LISTED, HOW_USE_CASES, HOW_ALL, HOW_MULTI, HOW_UPDATES };

/* Split a large global view: a summary, then one diagram per zone. */
static int32_t zone_idx(const pm_model *m, int32_t c)
{
	const pm_ref *z = &m->components.v[c].zone;
	return z->kind == PM_K_ZONE ? z->idx : -1;
}

typedef struct ranked {
	int32_t comp;
	size_t degree, order;
} ranked;

static int by_degree(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->degree != y->degree)
		return x->degree > y->degree ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* A zone with more than PM_DG_ZONE_MAX components: keep those with the
 * most flows (in their order); returns how many are left out. */
static size_t keep_busiest(sel *x, const pm_dg_spec *parent, int32_t z)
{
	const pm_model *m = x->m;
	size_t *deg = pm_xcalloc(m->components.n + 1, sizeof *deg);
	for (size_t k = 0; k < parent->nflows; k++) {
		const pm_flow *f = &m->flows.v[parent->flows[k]];
		deg[f->from.idx]++;
		deg[f->to.idx]++;
	}
	ranked *r = pm_xcalloc(x->nc + 1, sizeof *r);
	for (size_t i = 0; i < x->nc; i++)
		r[i] = (ranked){x->c[i], deg[x->c[i]], i};
	qsort(r, x->nc, sizeof *r, by_degree);
	size_t n = x->nc;
	for (size_t i = PM_DG_ZONE_MAX; i < n; i++)
		x->hc[r[i].comp] = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (x->hc[x->c[i]])
			x->c[k++] = x->c[i];
	x->nc = k;
	(void)z;
	free(r);
	free(deg);
	return n - k;
}

static void split_by_zone(pm_diagram_plan *p, const pm_model *m, size_t si)
{
	p->v[si].form = DG_SUMMARY;
	pm_dg_spec parent = p->v[si];
	for (size_t z = 0; z < m->zones.n; z++) {
		sel x;
		sel_init(&x, m);
		for (size_t k = 0; k < parent.ncomps; k++) {
			const pm_ref *zr = &m->components.v[parent.comps[k]].zone;
			if (zr->kind == PM_K_ZONE && zr->idx == (int32_t)z)
				sel_comp(&x, parent.comps[k]);
		}
		if (x.nc) {
			size_t hidden = x.nc > PM_DG_ZONE_MAX ? keep_busiest(&x, &parent, (int32_t)z) : 0,
			       hidden_flows = 0;
			for (size_t k = 0; k < parent.nflows; k++) {
				const pm_flow *f = &m->flows.v[parent.flows[k]];
				int32_t zf = zone_idx(m, f->from.idx), zt = zone_idx(m, f->to.idx);
				int a = x.hc[f->from.idx] || zf != (int32_t)z, b = x.hc[f->to.idx] || zt != (int32_t)z;
				if (zf != (int32_t)z && zt != (int32_t)z)
					continue;
				if (a && b)
					sel_flow(&x, parent.flows[k]);
				else
					hidden_flows++;
			}
			pm_dg_spec *s = add_spec(p);
			s->hidden_comps = hidden;
			s->hidden_flows = hidden_flows;
			char *raw = pm_xasprintf("%s.%s", parent.id, m->zones.v[z].id.s ? m->zones.v[z].id.s : "zone");
			set_id(p, s, raw);
			free(raw);
			s->form = DG_ZONE;
			s->view_kind = parent.view_kind;
			s->view = parent.view;
			s->zone = (int32_t)z;
			s->parent = (int32_t)si;
			s->derived = parent.derived;
			s->ref = parent.ref;
			char *t = pm_xasprintf("Zone %s",
			                       m->zones.v[z].name.s ? m->zones.v[z].name.s : m->zones.v[z].id.s);
			s->title = pm_arena_strdup(p->a, t);
			free(t);
			s->basis = pm_arena_strdup(
			        p->a, "It shows the components of one zone and every flow from or to them; "
			              "each other zone is one box.");
			take(p, s, m, &x);
			char *lead = pm_xasprintf("%s, zone %s (%s)", parent.title,
			                          m->zones.v[z].name.s ? m->zones.v[z].name.s : "",
			                          m->zones.v[z].id.s ? m->zones.v[z].id.s : "");
			set_caption(p, s, lead);
			free(lead);
		}
		sel_free(&x);
	}
}

static int too_large(const pm_dg_spec *s)
{
	if (s->form != DG_GRAPH)
		return 0;
	return s->ncomps > PM_DG_SUMMARY_COMPONENTS || s->nflows > PM_DG_SUMMARY_FLOWS;
}

/* Derived content for a view kind; returns the HOW_ constant, or -1. */
static int derive(sel *x, int kind)
{
	if (kind == PM_VIEW_GLOBAL) {
		sel_all(x);
		return HOW_ALL;
	}
	if (kind == PM_VIEW_MULTI_PATIENT) {
		sel_multi_patient(x);
		return HOW_MULTI;
	}
	if (kind == PM_VIEW_UPDATABILITY) {
		sel_updates(x);
		return HOW_UPDATES;
	}
	return -1;
}

/* The last spec's content and caption (lead is freed); a global view too
 * large to read becomes a summary followed by its zones. */
static void finish_view(pm_diagram_plan *p, const pm_model *m, const sel *x, char *lead)
{
	pm_dg_spec *s = &p->v[p->n - 1];
	take(p, s, m, x);
	if (too_large(s))
		s->form = DG_SUMMARY;
	set_caption(p, s, lead);
	free(lead);
	if (s->form == DG_SUMMARY)
		split_by_zone(p, m, p->n - 1);
}

static void plan_view(pm_diagram_plan *p, const pm_model *m, size_t vi)
{
	const pm_view *v = &m->views.v[vi];
	if ((v->status.at.line && v->status.v == PM_PROV_NOT_APPLICABLE) || v->diagram.s || !v->kind.at.line ||
	    v->kind.v < 0 || v->kind.v >= PM_N_VIEW_KIND)
		return;
	sel x;
	sel_init(&x, m);
	int how = HOW_LISTED, among = 0;
	sel_refs(&x, &v->components);
	sel_refs(&x, &v->flows);
	if (!x.nc && !x.nf && v->use_cases.n) {
		how = HOW_USE_CASES;
		for (size_t k = 0; k < v->use_cases.n; k++) {
			const pm_use_case *u = pm_model_obj(m, PM_K_USE_CASE, v->use_cases.v[k].idx);
			if (u && v->use_cases.v[k].kind == PM_K_USE_CASE) {
				sel_refs(&x, &u->components);
				sel_refs(&x, &u->flows);
			}
		}
	}
	if (!x.nc && !x.nf)
		how = derive(&x, v->kind.v);
	if (how == HOW_LISTED && x.nc && !x.nf) {
		sel_flows_among(&x);
		among = x.nf > 0;
	}
	size_t added = sel_ends(&x);
	if (how >= 0 && x.nc) {
		pm_dg_spec *s = add_spec(p);
		set_id(p, s, v->id.s ? v->id.s : "view");
		s->form = DG_GRAPH;
		s->view_kind = v->kind.v;
		s->view = (int32_t)vi;
		s->ref = v->id.s ? pm_arena_strdup(p->a, v->id.s) : NULL;
		s->title = pm_arena_strdup(p->a, v->title.s ? v->title.s : KIND_NAMES[v->kind.v]);
		s->basis = pm_arena_strdup(p->a, basis_text(how, how <= HOW_USE_CASES ? added : 0, among));
		char *lead = s->ref ? pm_xasprintf("%s (%s)", s->title, s->ref) : pm_xstrdup(s->title);
		finish_view(p, m, &x, lead);
	}
	sel_free(&x);
}

static void plan_derived(pm_diagram_plan *p, const pm_model *m, int kind)
{
	for (size_t i = 0; i < m->views.n; i++)
		if (m->views.v[i].kind.at.line && m->views.v[i].kind.v == kind)
			return;
	sel x;
	sel_init(&x, m);
	int how = derive(&x, kind);
	sel_ends(&x);
	if (x.nc) {
		pm_dg_spec *s = add_spec(p);
		set_id(p, s, pm_enum_names_view_kind[kind]);
		s->form = DG_GRAPH;
		s->view_kind = kind;
		s->derived = 1;
		s->title = pm_arena_strdup(p->a, KIND_NAMES[kind]);
		s->basis = pm_arena_strdup(p->a, basis_text(how, 0, 0));
		finish_view(p, m, &x, pm_xasprintf("%s, drawn from the model", KIND_NAMES[kind]));
	}
	sel_free(&x);
}

static void plan_use_case(pm_diagram_plan *p, const pm_model *m, size_t ui)
{
	const pm_use_case *u = &m->use_cases.v[ui];
	sel x;
	sel_init(&x, m);
	sel_refs(&x, &u->components);
	sel_refs(&x, &u->flows);
	if (x.nc && !x.nf)
		sel_flows_among(&x);
	sel_ends(&x);
	if (x.nc) {
		pm_dg_spec *s = add_spec(p);
		set_id(p, s, u->id.s ? u->id.s : "use-case");
		s->form = u->steps.n && x.nf ? DG_SEQUENCE : DG_GRAPH;
		for (size_t i = 0; s->form == DG_SEQUENCE && i < u->steps.n && !s->steps_on_arrows; i++)
			for (size_t k = 0; k < x.nf && !s->steps_on_arrows; k++)
				s->steps_on_arrows = pm_dg_names(u->steps.v[i].s, m->flows.v[x.f[k]].id.s);
		s->use_case = (int32_t)ui;
		s->view_kind = PM_VIEW_USE_CASE;
		s->ref = u->id.s ? pm_arena_strdup(p->a, u->id.s) : NULL;
		s->title = pm_arena_strdup(p->a, u->title.s ? u->title.s : "Security use case");
		s->basis = pm_arena_strdup(
		        p->a, s->steps_on_arrows
		                      ? "It shows the use case's steps in order: a step that names a flow is drawn on "
		                        "that flow's arrow, a step that names none as a note; each component is a "
		                        "lifeline, grouped by zone."
		              : s->form == DG_SEQUENCE
		                      ? "It shows the flows the use case lists, in that order, numbered as steps; "
		                        "each component is a lifeline, grouped by zone."
		                      : "It shows the components and flows the use case lists.");
		take(p, s, m, &x);
		char *lead = pm_xasprintf("Security use case %s: %s", s->ref ? s->ref : "", s->title);
		set_caption(p, s, lead);
		free(lead);
	}
	sel_free(&x);
}

pm_diagram_plan *pm_diagram_plan_new(const pm_model *m)
{
	pm_diagram_plan *p = pm_xcalloc(1, sizeof *p);
	p->a = pm_arena_new();
	if (!m)
		return p;
	for (size_t i = 0; i < m->views.n; i++)
		plan_view(p, m, i);
	plan_derived(p, m, PM_VIEW_GLOBAL);
	plan_derived(p, m, PM_VIEW_MULTI_PATIENT);
	plan_derived(p, m, PM_VIEW_UPDATABILITY);
	for (size_t i = 0; i < m->use_cases.n; i++)
		plan_use_case(p, m, i);
	return p;
}

void pm_diagram_plan_free(pm_diagram_plan *p)
{
	if (!p)
		return;
	free(p->v);
	pm_arena_free(p->a);
	free(p);
}

size_t pm_diagram_plan_count(const pm_diagram_plan *p)
{
	return p ? p->n : 0;
}

const char *pm_diagram_plan_id(const pm_diagram_plan *p, size_t i)
{
	return p && i < p->n ? p->v[i].id : NULL;
}

const char *pm_diagram_plan_file(const pm_diagram_plan *p, size_t i)
{
	return p && i < p->n ? p->v[i].file : NULL;
}

const char *pm_diagram_plan_caption(const pm_diagram_plan *p, size_t i)
{
	return p && i < p->n ? p->v[i].caption : NULL;
}

long pm_diagram_plan_find(const pm_diagram_plan *p, const char *id)
{
	for (size_t i = 0; p && id && i < p->n; i++)
		if (strcmp(p->v[i].id, id) == 0)
			return (long)i;
	/* the model's own id, e.g. "V:1" whose file is "V_1" */
	for (size_t i = 0; p && id && i < p->n; i++)
		if (p->v[i].ref && p->v[i].form != DG_ZONE && strcmp(p->v[i].ref, id) == 0)
			return (long)i;
	return -1;
}
