/* check_threats.c — TM, the threat model (G25 V.A.1): every system element
 * and every trust-boundary crossing covered by a threat, assumptions,
 * lifecycle phases, methodology rationale, every match of the threat rule
 * catalog modelled or dismissed, each threat's status in agreement with its
 * computed risk outcome.  Checks, then their rows.
 *
 * Elements out of scope (out_of_scope, docs/model.md) need no threat: the
 * same elements the threat rules skip (gen/threats.c). */
#include "check_internal.h"

#include <stdlib.h>

#include "premarket/risk.h"
#include "premarket/threats.h"
#include "xalloc.h"

/* ---- out of scope: the elements the threat rules skip too ---------------------------- */

static bool zone_out(const pm_model *m, const pm_ref *z)
{
	const pm_zone *zone = z->kind == PM_K_ZONE ? pm_model_obj(m, PM_K_ZONE, z->idx) : NULL;
	return zone && zone->out_of_scope.s;
}

/* A component out of scope itself or in an out-of-scope zone. */
static bool comp_out(const pm_model *m, int32_t c)
{
	if (c < 0 || (size_t)c >= m->components.n)
		return false;
	const pm_component *k = &m->components.v[c];
	return k->out_of_scope.s || zone_out(m, &k->zone);
}

static bool ref_comp_out(const pm_model *m, const pm_ref *r)
{
	return r->kind == PM_K_COMPONENT && comp_out(m, r->idx);
}

/* An interface out of scope, or of an out-of-scope component. */
static bool iface_out(const pm_model *m, size_t i)
{
	const pm_interface *f = ck_iface(m, i);
	return f->out_of_scope.s || comp_out(m, f->component);
}

/* A flow out of scope, or both of whose ends are. */
static bool flow_out(const pm_model *m, const pm_flow *f)
{
	return f->out_of_scope.s || (ref_comp_out(m, &f->from) && ref_comp_out(m, &f->to));
}

/* Threat coverage, computed once per rule in linear time:
 * a flow is covered when a threat targets it or an interface it uses; an
 * interface when a threat targets it or a flow through it; a component when
 * a threat targets it, an SBOM component it runs, one of its covered
 * interfaces or a covered flow from or to it.  crossing[] marks the
 * interfaces used by a flow between zones; a crossing (the flow and its
 * interfaces) is also covered by a threat that targets the zone on either
 * side of it, the trust boundary as a whole (boundary_flow, boundary_itf). */
typedef struct coverage {
	bool *comp, *itf, *flow, *crossing;
	bool *boundary_flow,
	        *boundary_itf; /* covered, or a crossing covered by a threat on a zone it enters or leaves */
} coverage;

/* The zone of a flow's end is the target of a threat. */
static bool zone_targeted(const pm_model *m, const bool *direct_zone, const pm_ref *end)
{
	const pm_component *k = ck_component_at(m, end);
	return k && k->zone.kind == PM_K_ZONE && k->zone.idx >= 0 && direct_zone[k->zone.idx];
}

static void coverage_build(const pm_model *m, coverage *t)
{
	size_t ni = m->n_objs[PM_K_INTERFACE];
	bool *direct_itf = pm_xcalloc(ni + 1, sizeof *direct_itf);
	bool *direct_flow = pm_xcalloc(m->flows.n + 1, sizeof *direct_flow);
	bool *direct_zone = pm_xcalloc(m->zones.n + 1, sizeof *direct_zone);
	bool *direct_sbom = pm_xcalloc(m->n_objs[PM_K_SBOM_COMPONENT] + 1, sizeof *direct_sbom);
	t->comp = pm_xcalloc(m->components.n + 1, sizeof *t->comp);
	t->itf = pm_xcalloc(ni + 1, sizeof *t->itf);
	t->flow = pm_xcalloc(m->flows.n + 1, sizeof *t->flow);
	t->crossing = pm_xcalloc(ni + 1, sizeof *t->crossing);
	t->boundary_flow = pm_xcalloc(m->flows.n + 1, sizeof *t->boundary_flow);
	t->boundary_itf = pm_xcalloc(ni + 1, sizeof *t->boundary_itf);
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
			else if (r->kind == PM_K_ZONE && (size_t)r->idx < m->zones.n)
				direct_zone[r->idx] = true;
			else if (r->kind == PM_K_SBOM_COMPONENT && (size_t)r->idx < m->n_objs[PM_K_SBOM_COMPONENT])
				direct_sbom[r->idx] = true;
		}
	for (size_t i = 0; i < m->components.n; i++)
		for (size_t k = 0; k < m->components.v[i].sbom.n && !t->comp[i]; k++) {
			const pm_ref *r = &m->components.v[i].sbom.v[k];
			t->comp[i] = r->kind == PM_K_SBOM_COMPONENT && r->idx >= 0 && direct_sbom[r->idx];
		}
	for (size_t i = 0; i < ni; i++)
		t->itf[i] = direct_itf[i];
	for (size_t f = 0; f < m->flows.n; f++) {
		const pm_flow *fl = &m->flows.v[f];
		int a = ck_iface_idx(&fl->from_interface), b = ck_iface_idx(&fl->to_interface);
		bool crosses = ck_flow_crosses(m, fl) && !flow_out(m, fl);
		t->flow[f] = direct_flow[f] || (a >= 0 && direct_itf[a]) || (b >= 0 && direct_itf[b]);
		bool by_zone =
		        crosses && (zone_targeted(m, direct_zone, &fl->from) || zone_targeted(m, direct_zone, &fl->to));
		t->boundary_flow[f] = t->flow[f] || by_zone;
		if (a >= 0) {
			t->itf[a] |= direct_flow[f];
			t->boundary_itf[a] |= by_zone;
			t->crossing[a] |= crosses;
		}
		if (b >= 0) {
			t->itf[b] |= direct_flow[f];
			t->boundary_itf[b] |= by_zone;
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
	free(direct_zone);
	free(direct_sbom);
}

static void coverage_free(coverage *t)
{
	free(t->comp);
	free(t->itf);
	free(t->flow);
	free(t->crossing);
	free(t->boundary_flow);
	free(t->boundary_itf);
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
		if (k->kind.v == PM_COMP_USER || k->kind.v == PM_COMP_NETWORK || t.comp[i] || comp_out(m, (int32_t)i))
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
		if (!t.crossing[i] || t.itf[i] || t.boundary_itf[i] || iface_out(m, i))
			continue;
		const pm_interface *f = ck_iface(m, i);
		pm_check_add(c, f->at,
		             "interface %s of %s carries flows across a trust boundary, and no threat targets it or "
		             "those flows",
		             ck_id(f->id), f->component >= 0 ? ck_id(m->components.v[f->component].id) : "?");
	}
	for (size_t f = 0; f < m->flows.n; f++) {
		const pm_flow *fl = &m->flows.v[f];
		if (!ck_flow_crosses(m, fl) || flow_out(m, fl))
			continue;
		crossing++;
		if (!t.boundary_flow[f])
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

/* ---- TM-06: every match of the threat rule catalog modelled or dismissed ---------------- */

static pm_mark match_at(const pm_model *m, const pm_match *mt)
{
	const pm_mark *at = mt->kind == PM_K_NONE ? NULL : pm_model_obj(m, mt->kind, mt->idx);
	return at ? *at : m->device.at;
}

static const char *kind_word(pm_kind k)
{
	switch (k) {
	case PM_K_ASSET:
		return "asset ";
	case PM_K_ZONE:
		return "zone ";
	case PM_K_COMPONENT:
		return "component ";
	case PM_K_INTERFACE:
		return "interface ";
	case PM_K_FLOW:
		return "flow ";
	case PM_K_SBOM_COMPONENT:
		return "SBOM component ";
	default:
		return "";
	}
}

static pm_check_status tm_06(const pm_model *m, pm_check_ctx *c)
{
	const pm_identified *id = m->identified;
	if (!id)
		return pm_check_na(c, "the threat rule catalog did not run on this model");
	for (size_t i = 0; i < id->n; i++) {
		const pm_match *mt = &id->v[i];
		if (mt->state != PM_MATCH_OPEN)
			continue;
		const char *rule = id->rules[mt->rule].id;
		int whole = mt->kind == PM_K_NONE; /* a rule on the whole device: dismissed without an element */
		pm_check_add(c, match_at(m, mt),
		             "rule %s matches %s%s (%s), and no threat answers it (threats[].rule) nor a rule "
		             "disposition dismisses it; paste the threat 'premarket threats' suggests, or add a "
		             "rule_dispositions entry {rule: %s%s%s, rationale: ...}",
		             rule, kind_word(mt->kind), whole ? "the device" : mt->element, mt->title, rule,
		             whole ? "" : ", element: ", whole ? "" : mt->element);
	}
	if (!pm_check_count(c))
		pm_check_note(c, "%zu rule matches: %zu modelled by a threat, %zu dismissed with a rationale", id->n,
		              id->n_modelled, id->n_dismissed);
	else
		pm_check_note(c, "%zu of %zu rule matches are neither modelled nor dismissed", id->n_open, id->n);
	return pm_check_verdict(c);
}

/* ---- TM-07: a threat's status agrees with its computed risk outcome ---------------------- */

static const char *uncontrolled_why(pm_uncontrolled_reason r)
{
	switch (r) {
	case PM_UNC_NOT_ACCEPTABLE:
		return "its residual risk is not acceptable";
	case PM_UNC_NO_CONTROL:
		return "it is acceptable only by a stated residual, with no implemented control credited";
	case PM_UNC_UNVERIFIED:
		return "a control it relies on is not verified by a passed test";
	default:
		return "it is uncontrolled";
	}
}

static pm_check_status tm_07(const pm_model *m, pm_check_ctx *c)
{
	size_t stated = 0;
	for (size_t i = 0; i < m->threats.n; i++)
		stated += m->threats.v[i].status.at.line != 0;
	if (!stated)
		return pm_check_na(c, "no threat states a status (threats[].status)");
	/* the first uncontrolled register entry of each threat */
	int64_t *first = pm_xcalloc(m->threats.n + 1, sizeof *first);
	for (size_t i = 0; i <= m->threats.n; i++)
		first[i] = -1;
	for (size_t k = m->risk.n; k-- > 0;)
		if (m->risk.v[k].outcome == PM_OUTCOME_UNCONTROLLED)
			first[m->risk.v[k].threat] = (int64_t)k;
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_threat *t = &m->threats.v[i];
		if (!t->status.at.line)
			continue;
		const pm_risk *r = first[i] >= 0 ? &m->risk.v[first[i]] : NULL;
		const char *asset = r ? ck_id(m->assets.v[r->asset].id) : "";
		switch (t->status.v) {
		case PM_TS_MITIGATED:
			if (r)
				pm_check_add(c, t->status.at,
				             "threat %s is mitigated, but its risk to asset %s is uncontrolled: %s",
				             ck_id(t->id), asset, uncontrolled_why(r->uncontrolled));
			break;
		case PM_TS_FALSE_POSITIVE:
			if (r)
				pm_check_add(c, t->status.at,
				             "threat %s is a false positive, yet the register scores its risk to asset "
				             "%s as "
				             "uncontrolled (%s); a threat that does not apply is dismissed "
				             "(rule_dispositions) or removed, not scored",
				             ck_id(t->id), asset, uncontrolled_why(r->uncontrolled));
			break;
		case PM_TS_TRANSFERRED:
			if (!m->risk_management.risk_transfers.n)
				pm_check_add(c, t->status.at,
				             "threat %s is transferred, but the report discloses no risk transfer "
				             "(risk_management.risk_transfers)",
				             ck_id(t->id));
			break;
		case PM_TS_OPEN:
		case PM_TS_ACCEPTED:
		default:
			break;
		}
	}
	free(first);
	if (!pm_check_count(c))
		pm_check_note(c, "%zu threats state a status, each in agreement with its risk outcome", stated);
	return pm_check_verdict(c);
}

static const pm_check_def rules[] = {
        {{"TM-01", "Threat model covers every system element", "Threat model", "G25 V.A.1", REC, HELP,
          "Every component in scope except users and networks is targeted by a threat, directly, through an SBOM "
          "component it runs, through one of its interfaces, or through a flow from or to it (a flow counts when a "
          "threat targets it or one of its interfaces).  Components out of scope (out_of_scope, or in an "
          "out-of-scope zone) need none; the threat model lists them with their justification.",
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
          "Flows in scope between components in different zones, and the interfaces they use: each is targeted by a "
          "threat, directly, through the interface or flow it is used with, or through a threat on the zone on either "
          "side (the trust boundary as a whole).  Flows out of scope (out_of_scope, or both ends out of scope) and "
          "interfaces out of scope are left out.",
          "Add a threat that targets the flow or its interface (or extend the targets of an existing threat)."},
         tm_05},
        {{"TM-06", "Every rule match is modelled or dismissed", "Threat model", "G25 V.A.1", REC, HELP,
          "Each match of premarket's threat rule catalog (premarket threats --list) on an element in scope is answered "
          "by a "
          "threat that names the rule (threats[].rule) and targets the element, or dismissed for it with a "
          "rationale (rule_dispositions).  Not applicable when the catalog did not run.",
          "Paste the threat 'premarket threats MODEL' suggests (and complete it), or add a rule_dispositions entry "
          "with the rule, the element and why the threat does not apply."},
         tm_06},
        {{"TM-07", "Threat status agrees with the risk outcome", "Threat model", "G25 V.A; V.A.1; V.A.2", REC, HELP,
          "For threats that state a status: a mitigated threat has no uncontrolled risk (every register entry "
          "acceptable before controls or controlled); a false_positive threat has no uncontrolled risk either; a "
          "transferred threat's report discloses at least one risk transfer (risk_management.risk_transfers).  "
          "Open and accepted threats may have any outcome (RA-07 asks for the benefit-risk rationale of an "
          "accepted residual risk that is not acceptable).",
          "Correct the status (open while the risk is uncontrolled), complete and verify the controls, or disclose "
          "the transfer in risk_management.risk_transfers."},
         tm_07},
};

const pm_check_area pm_check_area_threats = {rules, sizeof rules / sizeof *rules};
