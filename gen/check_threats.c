/* check_threats.c — TM, the threat model (G25 V.A.1): every system element
 * and every trust-boundary crossing covered by a threat, assumptions,
 * lifecycle phases, methodology rationale.  Checks, then their rows. */
#include "check_internal.h"

#include <stdlib.h>

#include "xalloc.h"

/* Threat coverage, computed once per rule in linear time:
 * a flow is covered when a threat targets it or an interface it uses; an
 * interface when a threat targets it or a flow through it; a component when
 * a threat targets it, one of its covered interfaces or a covered flow from
 * or to it.  crossing[] marks the interfaces used by a flow between zones. */
typedef struct coverage {
	bool *comp, *itf, *flow, *crossing;
} coverage;

static void coverage_build(const pm_model *m, coverage *t)
{
	size_t ni = m->n_objs[PM_K_INTERFACE];
	bool *direct_itf = pm_xcalloc(ni + 1, sizeof *direct_itf);
	bool *direct_flow = pm_xcalloc(m->flows.n + 1, sizeof *direct_flow);
	t->comp = pm_xcalloc(m->components.n + 1, sizeof *t->comp);
	t->itf = pm_xcalloc(ni + 1, sizeof *t->itf);
	t->flow = pm_xcalloc(m->flows.n + 1, sizeof *t->flow);
	t->crossing = pm_xcalloc(ni + 1, sizeof *t->crossing);
	for (size_t i = 0; i < m->threats.n; i++)
		for (size_t k = 0; k < m->threats.v[i].targets.n; k++) {
			const pm_ref *r = &m->threats.v[i].targets.v[k];
			if (r->idx < 0)
				continue;
			if (r->kind == PM_K_COMPONENT && (size_t)r->idx < m->components.n)
				t->comp[r->idx] = true;
			else if (r->kind == PM_K_INTERFACE && (size_t)r->idx < ni)
				direct_itf[r->idx] = true;
			else if (r->kind == PM_K_FLOW && (size_t)r->idx < m->flows.n)
				direct_flow[r->idx] = true;
		}
	for (size_t i = 0; i < ni; i++)
		t->itf[i] = direct_itf[i];
	for (size_t f = 0; f < m->flows.n; f++) {
		const pm_flow *fl = &m->flows.v[f];
		int a = ck_iface_idx(&fl->from_interface), b = ck_iface_idx(&fl->to_interface);
		t->flow[f] = direct_flow[f] || (a >= 0 && direct_itf[a]) || (b >= 0 && direct_itf[b]);
		bool crosses = ck_flow_crosses(m, fl);
		if (a >= 0) {
			t->itf[a] |= direct_flow[f];
			t->crossing[a] |= crosses;
		}
		if (b >= 0) {
			t->itf[b] |= direct_flow[f];
			t->crossing[b] |= crosses;
		}
	}
	for (size_t i = 0; i < ni; i++) {
		int32_t owner = ck_iface(m, i)->component;
		if (t->itf[i] && owner >= 0 && (size_t)owner < m->components.n)
			t->comp[owner] = true;
	}
	for (size_t f = 0; f < m->flows.n; f++) {
		if (!t->flow[f])
			continue;
		const pm_ref *ends[2] = {&m->flows.v[f].from, &m->flows.v[f].to};
		for (int e = 0; e < 2; e++)
			if (ends[e]->kind == PM_K_COMPONENT && ends[e]->idx >= 0 &&
			    (size_t)ends[e]->idx < m->components.n)
				t->comp[ends[e]->idx] = true;
	}
	free(direct_itf);
	free(direct_flow);
}

static void coverage_free(coverage *t)
{
	free(t->comp);
	free(t->itf);
	free(t->flow);
	free(t->crossing);
}

static pm_check_status tm_01(const pm_model *m, pm_check_ctx *c)
{
	if (!m->threats.n) {
		pm_check_add(c, m->device.at, "the model has no threats");
		return pm_check_verdict(c);
	}
	coverage t;
	coverage_build(m, &t);
	for (size_t i = 0; i < m->components.n; i++) {
		const pm_component *k = &m->components.v[i];
		if (k->kind.v == PM_COMP_USER || k->kind.v == PM_COMP_NETWORK || t.comp[i])
			continue;
		pm_check_add(c, k->at, "no threat targets component %s (%s), its interfaces or its flows", ck_id(k->id),
		             pm_enum_names_component_kind[k->kind.v]);
	}
	coverage_free(&t);
	return pm_check_verdict(c);
}

static pm_check_status tm_02(const pm_model *m, pm_check_ctx *c)
{
	const pm_risk_management *rm = &m->risk_management;
	if (!rm->assumptions.n)
		pm_check_add(c, ck_at2(rm->at, m->device.at),
		             "the threat model states no assumptions about the system and its environment "
		             "(risk_management.assumptions)");
	return pm_check_verdict(c);
}

static pm_check_status tm_03(const pm_model *m, pm_check_ctx *c)
{
	static const struct {
		int a, b;
		const char *name;
	} groups[] = {
	        {PM_LC_SUPPLY_CHAIN, -1, "supply chain"},
	        {PM_LC_MANUFACTURING, -1, "manufacturing"},
	        {PM_LC_DEPLOYMENT, -1, "deployment"},
	        {PM_LC_INTEROPERATION, -1, "interoperation"},
	        {PM_LC_MAINTENANCE, PM_LC_UPDATE, "maintenance or update"},
	        {PM_LC_DECOMMISSIONING, -1, "decommissioning"},
	};
	for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
		bool found = false;
		for (size_t i = 0; i < m->threats.n && !found; i++) {
			const pm_enum *lc = &m->threats.v[i].lifecycle;
			found = lc->at.line && (lc->v == groups[g].a || lc->v == groups[g].b);
		}
		if (!found)
			pm_check_add(c, ck_at2(m->threats.at, m->device.at),
			             "no threat arises in the %s phase (threats[].lifecycle)", groups[g].name);
	}
	return pm_check_verdict(c);
}

static pm_check_status tm_04(const pm_model *m, pm_check_ctx *c)
{
	return ck_rm_text(m, c, m->risk_management.methodology_rationale, "methodology_rationale",
	                  "rationale for its threat-modeling methodology");
}

static pm_check_status tm_05(const pm_model *m, pm_check_ctx *c)
{
	coverage t;
	coverage_build(m, &t);
	size_t crossing = 0;
	for (size_t i = 0; i < m->n_objs[PM_K_INTERFACE]; i++) {
		if (!t.crossing[i] || t.itf[i])
			continue;
		const pm_interface *f = ck_iface(m, i);
		pm_check_add(c, f->at,
		             "interface %s of %s carries flows across a trust boundary, and no threat targets it or "
		             "those flows",
		             ck_id(f->id), f->component >= 0 ? ck_id(m->components.v[f->component].id) : "?");
	}
	for (size_t f = 0; f < m->flows.n; f++) {
		const pm_flow *fl = &m->flows.v[f];
		if (!ck_flow_crosses(m, fl))
			continue;
		crossing++;
		if (!t.flow[f])
			pm_check_add(c, fl->at,
			             "flow %s (%s -> %s) crosses the trust boundary %s -> %s, and no threat targets it "
			             "or its interfaces",
			             ck_id(fl->id), ck_id(fl->from.id), ck_id(fl->to.id),
			             ck_zone_id(m, ck_component_at(m, &fl->from)),
			             ck_zone_id(m, ck_component_at(m, &fl->to)));
	}
	coverage_free(&t);
	if (!pm_check_count(c))
		pm_check_note(c, "%zu flows cross a trust boundary, each covered by a threat", crossing);
	else
		pm_check_note(c, "%zu trust-boundary crossings (flows or their interfaces) are targeted by no threat",
		              pm_check_count(c));
	return pm_check_verdict(c);
}

static const pm_check_def rules[] = {
        {{"TM-01", "Threat model covers every system element", "Threat model", "G25 V.A.1", REC, HELP,
          "Every component except users and networks is targeted by a threat, directly, through one of its interfaces, "
          "or through a flow from or to it (a flow counts when a threat targets it or one of its interfaces).",
          "Add threats that target the uncovered component, its interfaces or its flows (threats[].targets)."},
         tm_01},
        {{"TM-02", "Assumptions stated", "Threat model", "G25 V.A.1", REC, HELP, "risk_management.assumptions.",
          "State the assumptions about the system and its environment (for example: the hospital network is hostile)."},
         tm_02},
        {{"TM-03", "Lifecycle threats considered", "Threat model", "G25 V.A.1", REC, HELP,
          "threats[].lifecycle: at least one threat in each of supply chain, manufacturing, deployment, "
          "interoperation, maintenance or update, and decommissioning.",
          "Analyse the missing lifecycle phase and add its threats with lifecycle set."},
         tm_03},
        {{"TM-04", "Methodology rationale", "Threat model", "G25 V.A.1", REC, HELP,
          "risk_management.methodology_rationale.",
          "Explain why the threat-modeling methodology fits the device in risk_management.methodology_rationale."},
         tm_04},
        {{"TM-05", "Threats cover every trust-boundary crossing", "Threat model", "G25 V.A.1; V.B.2; App. 2", REC, HELP,
          "Flows between components in different zones, and the interfaces they use: each is targeted by a threat, "
          "directly or through the interface or flow it is used with.",
          "Add a threat that targets the flow or its interface (or extend the targets of an existing threat)."},
         tm_05},
};

const pm_check_area pm_check_area_threats = {rules, sizeof rules / sizeof *rules};
