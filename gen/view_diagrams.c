/* view_diagrams.c — the architecture diagrams in the template data
 * (docs/templates.md, "Figures"): every view and use case gets `figure`,
 * the map of the diagram drawn for it (or null), each view kind the model
 * lacks gets `derived_figure`, and the root `global_figure`, the first
 * global system view drawn.  The plan is the one the build draws
 * (pm_diagram_plan_new()), so the file names always match. */
#include "diagram.h"

#include <string.h>

static pm_value *figure(pm_value_arena *a, const pm_diagram_plan *p, size_t i)
{
	const pm_dg_spec *s = &p->v[i];
	pm_value *f = pm_value_map(a);
	pm_value_map_set_static(f, "id", pm_value_cstr(a, s->id));
	pm_value_map_set_static(f, "file", pm_value_cstr(a, s->file));
	pm_value_map_set_static(f, "caption", pm_value_cstr(a, s->caption));
	pm_value_map_set_static(f, "basis", pm_value_cstr(a, s->basis ? s->basis : ""));
	pm_value_map_set_static(f, "summary", pm_value_bool(a, s->form == DG_SUMMARY));
	pm_value_map_set_static(f, "sequence", pm_value_bool(a, s->form == DG_SEQUENCE));
	pm_value_map_set_static(f, "steps_on_arrows", pm_value_bool(a, s->steps_on_arrows));
	pm_value_map_set_static(f, "derived", pm_value_bool(a, s->derived));
	pm_value *parts = pm_value_list(a);
	for (size_t k = i + 1; k < p->n && p->v[k].parent == (int32_t)i; k++)
		pm_value_list_append(parts, figure(a, p, k));
	pm_value_map_set_static(f, "parts", parts);
	pm_value_map_set_static(f, "has_parts", pm_value_bool(a, pm_value_count(parts) > 0));
	return f;
}

void pm_view_diagrams(const pm_model *m, pm_value_arena *a, pm_value *root, pm_value *const *views,
                      pm_value *const *use_cases, pm_value *view_kinds)
{
	pm_diagram_plan *p = pm_diagram_plan_new(m);
	pm_value *global = NULL;
	for (size_t i = 0; i < m->views.n; i++)
		pm_value_map_set_static(views[i], "figure", pm_value_null(a));
	for (size_t i = 0; i < m->use_cases.n; i++)
		pm_value_map_set_static(use_cases[i], "figure", pm_value_null(a));
	for (size_t k = 0; k < pm_value_count(view_kinds); k++)
		pm_value_map_set_static((pm_value *)pm_value_list_at(view_kinds, k), "derived_figure",
		                        pm_value_null(a));
	for (size_t i = 0; i < p->n; i++) {
		const pm_dg_spec *s = &p->v[i];
		if (s->parent >= 0)
			continue; /* a zone of a summary: in its parts */
		pm_value *f = figure(a, p, i);
		if (s->use_case >= 0)
			pm_value_map_set_static(use_cases[s->use_case], "figure", f);
		else if (s->view >= 0)
			pm_value_map_set_static(views[s->view], "figure", f);
		else if (s->derived && s->view_kind >= 0 && (size_t)s->view_kind < pm_value_count(view_kinds))
			pm_value_map_set_static((pm_value *)pm_value_list_at(view_kinds, (size_t)s->view_kind),
			                        "derived_figure", f);
		if (!global && s->view_kind == PM_VIEW_GLOBAL)
			global = f;
	}
	pm_value_map_set_static(root, "global_figure", global ? global : pm_value_null(a));
	pm_diagram_plan_free(p);
}
