/* check_rules.c — the completeness checklist: one table of rules
 * (pm_check_rules, at the end of this file), each with a stable id, its
 * basis in FDA's guidance or the statute, a weight, what it looks at, how to
 * satisfy it, and a function that evaluates it on a const model.
 *
 * The backbone is ../shared/FDA.md section 7 (PKG, RMR, TM, RA, IO, SB, VA,
 * UA, MET, CTL, AV, TST, LBL, CMP, 524, MOD, IDE); consistency checks that
 * catch gaps across objects have ids of their own in the area they belong to
 * (PKG-03, TM-05, RA-07, SB-05, SB-06, CTL-02, AV-06, TST-07).  docs/check.md
 * is the reader's version of this file (`premarket check --rules --format md`
 * prints its reference part).
 *
 * Rules add one finding per object that lacks something, at that object's
 * mark (the nearest section's mark, or the device's, when the object itself
 * is missing), and return pm_check_verdict() or pm_check_na(). */
#include "premarket/check.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "premarket/buf.h"
#include "xalloc.h"

/* ---- helpers --------------------------------------------------------------------- */

/* A string that is present and not blank. */
static bool has(pm_str s)
{
	if (!s.s)
		return false;
	for (const char *p = s.s; *p; p++)
		if (!isspace((unsigned char)*p))
			return true;
	return false;
}

/* The first present mark. */
static pm_mark at2(pm_mark a, pm_mark b)
{
	return a.line ? a : b;
}

static pm_mark at3(pm_mark a, pm_mark b, pm_mark c)
{
	return a.line ? a : b.line ? b : c;
}

static const char *id_of(pm_str s)
{
	return s.s ? s.s : "?";
}

/* "none", "no", "n/a", "-" or blank (case-insensitive, surrounding blanks and
 * a final period ignored): a security property stated as absent, without a
 * reason.  "None (the link is inside the sealed housing)" is a justified
 * statement and does not count. */
static bool says_none(pm_str s)
{
	if (!s.s)
		return true;
	const char *b = s.s, *e = s.s + strlen(s.s);
	while (b < e && isspace((unsigned char)*b))
		b++;
	while (e > b && (isspace((unsigned char)e[-1]) || e[-1] == '.'))
		e--;
	size_t n = (size_t)(e - b);
	static const char *const words[] = {"none", "no", "n/a", "na", "-"};
	if (n == 0)
		return true;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == n) {
			size_t k = 0;
			while (k < n && tolower((unsigned char)b[k]) == words[i][k])
				k++;
			if (k == n)
				return true;
		}
	return false;
}

/* Whether text mentions word as a whole word (case-insensitive): not
 * preceded or followed by a letter or digit. */
static bool mentions(const char *text, const char *word)
{
	size_t n = word ? strlen(word) : 0;
	if (!text || n == 0)
		return false;
	for (const char *p = text; *p; p++) {
		size_t k = 0;
		while (k < n && p[k] && tolower((unsigned char)p[k]) == tolower((unsigned char)word[k]))
			k++;
		if (k < n)
			continue;
		bool before = p > text && isalnum((unsigned char)p[-1]);
		bool after = isalnum((unsigned char)p[n]);
		if (!before && !after)
			return true;
	}
	return false;
}

/* A list of missing field names, "a, b and c". */
typedef struct missing {
	const char *v[12];
	size_t n;
} missing;

static void miss(missing *l, bool present, const char *what)
{
	if (!present && l->n < sizeof l->v / sizeof *l->v)
		l->v[l->n++] = what;
}

static char *joined(const missing *l)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	for (size_t i = 0; i < l->n; i++)
		pm_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == l->n ? " and " : ", ", l->v[i]);
	return pm_buf_detach(&b, NULL);
}

/* Add "PREFIX lacks a, b and c" when anything is missing. */
static void add_missing(pm_check_ctx *c, pm_mark at, const missing *l, const char *prefix)
{
	if (!l->n)
		return;
	char *j = joined(l);
	pm_check_add(c, at, "%s lacks %s", prefix, j);
	free(j);
}

static const pm_component *component_at(const pm_model *m, const pm_ref *r)
{
	return r->kind == PM_K_COMPONENT ? pm_model_obj(m, PM_K_COMPONENT, r->idx) : NULL;
}

static int zone_of(const pm_component *c)
{
	return c && c->zone.kind == PM_K_ZONE ? c->zone.idx : -1;
}

/* Both ends known, in different zones. */
static bool flow_crosses(const pm_model *m, const pm_flow *f)
{
	int a = zone_of(component_at(m, &f->from)), b = zone_of(component_at(m, &f->to));
	return a >= 0 && b >= 0 && a != b;
}

static bool flow_has_user(const pm_model *m, const pm_flow *f)
{
	const pm_component *a = component_at(m, &f->from), *b = component_at(m, &f->to);
	return (a && a->kind.v == PM_COMP_USER) || (b && b->kind.v == PM_COMP_USER);
}

static const char *zone_id(const pm_model *m, const pm_component *c)
{
	int z = zone_of(c);
	return z >= 0 ? id_of(m->zones.v[z].id) : "?";
}

static const pm_interface *iface(const pm_model *m, size_t i)
{
	return m->objs[PM_K_INTERFACE][i];
}

static int iface_idx(const pm_ref *r)
{
	return r->kind == PM_K_INTERFACE ? r->idx : -1;
}

static bool control_counts(const pm_model *m, const pm_ref *r)
{
	const pm_control *k = r->kind == PM_K_CONTROL ? pm_model_obj(m, PM_K_CONTROL, r->idx) : NULL;
	return k && k->status.v != PM_CS_NOT_APPLICABLE;
}

static bool is_na(pm_enum status)
{
	return status.at.line && status.v == PM_PROV_NOT_APPLICABLE;
}

static pm_check_status not_cyber_or_ide(const pm_model *m, pm_check_ctx *c)
{
	if (m->device.submission_type.at.line && m->device.submission_type.v == PM_SUB_IDE)
		return pm_check_na(c, "section 524B does not apply to an IDE (G25 VII.A)");
	return pm_check_na(c, "not a cyber device (device.cyber_device: the three 524B(c) criteria are not all true)");
}

static bool ide(const pm_model *m)
{
	return m->device.submission_type.at.line && m->device.submission_type.v == PM_SUB_IDE;
}

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
		int a = iface_idx(&fl->from_interface), b = iface_idx(&fl->to_interface);
		t->flow[f] = direct_flow[f] || (a >= 0 && direct_itf[a]) || (b >= 0 && direct_itf[b]);
		bool crosses = flow_crosses(m, fl);
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
		int32_t owner = iface(m, i)->component;
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

/* ---- PKG: the package ---------------------------------------------------------------- */

static pm_check_status pkg_01(const pm_model *m, pm_check_ctx *c)
{
	const pm_cyber_device *cd = &m->device.cyber_device;
	if (!cd->at.line) {
		pm_check_add(c, m->device.at, "the device has no cyber-device determination (device.cyber_device)");
		return pm_check_verdict(c);
	}
	if (!has(cd->rationale))
		pm_check_add(c, cd->at, "the cyber-device determination gives no rationale");
	if (cd->internet_connectable.v && cd->connectivity.n == 0)
		pm_check_add(c, at2(cd->internet_connectable.at, cd->at),
		             "the device is internet-connectable but the determination lists no means of connection "
		             "(connectivity)");
	if (!pm_check_count(c))
		pm_check_note(c, "the device %s a cyber device", pm_check_is_cyber_device(m) ? "is" : "is not");
	return pm_check_verdict(c);
}

static pm_check_status pkg_02(const pm_model *m, pm_check_ctx *c)
{
	if (m->n_objs[PM_K_INTERFACE] == 0) {
		pm_check_add(c, at2(m->components.at, m->device.at),
		             "the model lists no interfaces (components[].interfaces)");
		return pm_check_verdict(c);
	}
	for (size_t i = 0; i < m->components.n; i++) {
		const pm_component *k = &m->components.v[i];
		if (k->kind.v == PM_COMP_DEVICE && k->interfaces.n == 0)
			pm_check_add(c, k->at, "device component %s lists no interfaces", id_of(k->id));
	}
	if (!pm_check_count(c))
		pm_check_note(c, "%zu interfaces listed", m->n_objs[PM_K_INTERFACE]);
	return pm_check_verdict(c);
}

static bool device_side(int kind)
{
	return kind == PM_COMP_DEVICE || kind == PM_COMP_SOFTWARE || kind == PM_COMP_APP ||
	       kind == PM_COMP_WORKSTATION || kind == PM_COMP_PERIPHERAL || kind == PM_COMP_SERVICE_TOOL;
}

static bool can_reach_internet(int kind)
{
	switch (kind) {
	case PM_IF_ETHERNET:
	case PM_IF_WIFI:
	case PM_IF_BLE:
	case PM_IF_BLUETOOTH:
	case PM_IF_USB:
	case PM_IF_SERIAL:
	case PM_IF_CELLULAR:
	case PM_IF_INDUCTIVE:
	case PM_IF_RF:
	case PM_IF_NFC:
		return true;
	default:
		return false;
	}
}

static pm_check_status pkg_03(const pm_model *m, pm_check_ctx *c)
{
	const pm_cyber_device *cd = &m->device.cyber_device;
	if (!cd->at.line || cd->internet_connectable.v)
		return pm_check_na(c, "the device is declared internet-connectable");
	for (size_t i = 0; i < m->n_objs[PM_K_INTERFACE]; i++) {
		const pm_interface *f = iface(m, i);
		const pm_component *k = f->component >= 0 ? &m->components.v[f->component] : NULL;
		if (!k || !device_side(k->kind.v) || !can_reach_internet(f->kind.v) || f->status.v == PM_IFS_DISABLED)
			continue;
		pm_check_add(c, f->at,
		             "interface %s (%s, %s) of %s can connect the device to the internet, but "
		             "cyber_device.internet_connectable is false",
		             id_of(f->id), pm_enum_names_iface_kind[f->kind.v], pm_enum_names_iface_status[f->status.v],
		             id_of(k->id));
	}
	return pm_check_verdict(c);
}

/* ---- RMR: the security risk management report ------------------------------------------ */

static pm_check_status rm_text(const pm_model *m, pm_check_ctx *c, pm_str v, const char *key, const char *what)
{
	const pm_risk_management *rm = &m->risk_management;
	if (!has(v))
		pm_check_add(c, at2(rm->at, m->device.at),
		             "the risk management report states no %s (risk_management.%s)", what, key);
	return pm_check_verdict(c);
}

static pm_check_status rmr_01(const pm_model *m, pm_check_ctx *c)
{
	return rm_text(m, c, m->risk_management.methodology, "methodology", "summary of its methods");
}

static pm_check_status rmr_02(const pm_model *m, pm_check_ctx *c)
{
	return rm_text(m, c, m->risk_management.residual_risk_conclusion, "residual_risk_conclusion",
	               "residual-risk conclusion");
}

static pm_check_status rmr_03(const pm_model *m, pm_check_ctx *c)
{
	size_t active = 0;
	for (size_t i = 0; i < m->controls.n; i++) {
		const pm_control *k = &m->controls.v[i];
		if (k->status.v != PM_CS_NOT_APPLICABLE)
			active++;
		if (k->status.v == PM_CS_PLANNED && !has(k->target_version) && !has(k->status_rationale))
			pm_check_add(c, k->at,
			             "planned control %s states neither when (target_version) nor how "
			             "(status_rationale) it will be implemented",
			             id_of(k->id));
	}
	if (m->threats.n && !active)
		pm_check_add(c, at3(m->controls.at, m->threats.at, m->device.at),
		             "the model has threats but no implemented or planned control");
	return pm_check_verdict(c);
}

/* Index in sbom.components of an SBOM-component reference, or -1 (an
 * object of another kind, or one that is not an inline component). */
static long sbom_index(const pm_model *m, const pm_ref *r)
{
	const pm_sbom_component *p =
	        r->kind == PM_K_SBOM_COMPONENT ? pm_model_obj(m, PM_K_SBOM_COMPONENT, r->idx) : NULL;
	const pm_sbom_component *v = m->sbom.components.v;
	return p && v && p >= v && p < v + m->sbom.components.n ? (long)(p - v) : -1;
}

/* SBOM components reachable from components[].sbom through depends_on. */
static bool *sbom_reached(const pm_model *m)
{
	size_t n = m->sbom.components.n;
	bool *seen = pm_xcalloc(n + 1, sizeof *seen);
	size_t *stack = pm_xcalloc(n + 1, sizeof *stack), top = 0;
	for (size_t i = 0; i < m->components.n; i++)
		for (size_t k = 0; k < m->components.v[i].sbom.n; k++) {
			long x = sbom_index(m, &m->components.v[i].sbom.v[k]);
			if (x >= 0 && !seen[x]) {
				seen[x] = true;
				stack[top++] = (size_t)x;
			}
		}
	while (top) {
		const pm_sbom_component *s = &m->sbom.components.v[stack[--top]];
		for (size_t k = 0; k < s->depends_on.n; k++) {
			long x = sbom_index(m, &s->depends_on.v[k]);
			if (x >= 0 && !seen[x]) {
				seen[x] = true;
				stack[top++] = (size_t)x;
			}
		}
	}
	free(stack);
	return seen;
}

static pm_check_status rmr_04(const pm_model *m, pm_check_ctx *c)
{
	if (!m->sbom.components.n)
		return pm_check_na(c, "no inline SBOM components to trace (see SB-01)");
	for (size_t i = 0; i < m->components.n; i++) {
		const pm_component *k = &m->components.v[i];
		int kind = k->kind.v;
		if ((kind == PM_COMP_DEVICE || kind == PM_COMP_SOFTWARE || kind == PM_COMP_APP) && k->sbom.n == 0)
			pm_check_add(c, k->at, "component %s (%s) is not traced to the SBOM (components[].sbom)",
			             id_of(k->id), pm_enum_names_component_kind[kind]);
	}
	bool *seen = sbom_reached(m);
	for (size_t s = 0; s < m->sbom.components.n; s++)
		if (!seen[s])
			pm_check_add(c, m->sbom.components.v[s].at,
			             "SBOM component %s is not run by any system component (components[].sbom, or "
			             "depends_on of one that is)",
			             id_of(m->sbom.components.v[s].id));
	free(seen);
	return pm_check_verdict(c);
}

static pm_check_status rmr_05(const pm_model *m, pm_check_ctx *c)
{
	const pm_risk_management *rm = &m->risk_management;
	if (!rm->risk_transfers.at.line) {
		pm_check_add(c, at2(rm->at, m->device.at),
		             "the report does not state which risks are transferred to users "
		             "(risk_management.risk_transfers; [] when none)");
		return pm_check_verdict(c);
	}
	for (size_t i = 0; i < rm->risk_transfers.n; i++) {
		const pm_risk_transfer *t = &rm->risk_transfers.v[i];
		if (!has(t->disclosed_in))
			pm_check_add(c, t->at,
			             "risk transfer %zu (to %s) does not say where it is disclosed (disclosed_in)",
			             i + 1, t->to.s ? t->to.s : "?");
	}
	return pm_check_verdict(c);
}

static pm_check_status rmr_06(const pm_model *m, pm_check_ctx *c)
{
	return rm_text(m, c, m->risk_management.plan_reference, "plan_reference",
	               "reference to its security risk management plan");
}

/* ---- TM: the threat model -------------------------------------------------------------- */

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
		pm_check_add(c, k->at, "no threat targets component %s (%s), its interfaces or its flows", id_of(k->id),
		             pm_enum_names_component_kind[k->kind.v]);
	}
	coverage_free(&t);
	return pm_check_verdict(c);
}

static pm_check_status tm_02(const pm_model *m, pm_check_ctx *c)
{
	const pm_risk_management *rm = &m->risk_management;
	if (!rm->assumptions.n)
		pm_check_add(c, at2(rm->at, m->device.at),
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
			pm_check_add(c, at2(m->threats.at, m->device.at),
			             "no threat arises in the %s phase (threats[].lifecycle)", groups[g].name);
	}
	return pm_check_verdict(c);
}

static pm_check_status tm_04(const pm_model *m, pm_check_ctx *c)
{
	return rm_text(m, c, m->risk_management.methodology_rationale, "methodology_rationale",
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
		const pm_interface *f = iface(m, i);
		pm_check_add(c, f->at,
		             "interface %s of %s carries flows across a trust boundary, and no threat targets it or "
		             "those flows",
		             id_of(f->id), f->component >= 0 ? id_of(m->components.v[f->component].id) : "?");
	}
	for (size_t f = 0; f < m->flows.n; f++) {
		const pm_flow *fl = &m->flows.v[f];
		if (!flow_crosses(m, fl))
			continue;
		crossing++;
		if (!t.flow[f])
			pm_check_add(c, fl->at,
			             "flow %s (%s -> %s) crosses the trust boundary %s -> %s, and no threat targets it "
			             "or its "
			             "interfaces",
			             id_of(fl->id), id_of(fl->from.id), id_of(fl->to.id),
			             zone_id(m, component_at(m, &fl->from)), zone_id(m, component_at(m, &fl->to)));
	}
	coverage_free(&t);
	if (!pm_check_count(c))
		pm_check_note(c, "%zu flows cross a trust boundary, each covered by a threat", crossing);
	else
		pm_check_note(c, "%zu trust-boundary crossings (flows or their interfaces) are targeted by no threat",
		              pm_check_count(c));
	return pm_check_verdict(c);
}

/* ---- RA: the risk assessment ------------------------------------------------------------- */

static pm_check_status ra_01(const pm_model *m, pm_check_ctx *c)
{
	bool *scored = pm_xcalloc(m->threats.n + 1, sizeof *scored);
	for (size_t k = 0; k < m->risk.n; k++) {
		const pm_risk *r = &m->risk.v[k];
		if (r->threat >= 0 && (size_t)r->threat < m->threats.n && r->before.exploit_source != PM_EXPL_NONE)
			scored[r->threat] = true;
	}
	for (size_t i = 0; i < m->threats.n; i++)
		if (!scored[i])
			pm_check_add(
			        c, m->threats.v[i].at,
			        "threat %s has no score before controls (a cvss vector or an exploitability level)",
			        id_of(m->threats.v[i].id));
	free(scored);
	if (!pm_check_count(c))
		pm_check_note(c, "%zu risks scored before controls", m->risk.n);
	return pm_check_verdict(c);
}

static pm_check_status ra_02(const pm_model *m, pm_check_ctx *c)
{
	bool *bad = pm_xcalloc(m->threats.n + 1, sizeof *bad);
	for (size_t k = 0; k < m->risk.n; k++)
		if (!m->risk.v[k].before.acceptable && m->risk.v[k].threat >= 0)
			bad[m->risk.v[k].threat] = true;
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_threat *t = &m->threats.v[i];
		size_t n = 0;
		for (size_t k = 0; k < t->controls.n; k++)
			n += control_counts(m, &t->controls.v[k]);
		if (bad[i] && !n)
			pm_check_add(c, t->at,
			             "threat %s has a risk that is not acceptable before controls and no implemented "
			             "or planned control",
			             id_of(t->id));
	}
	free(bad);
	return pm_check_verdict(c);
}

static pm_check_status ra_03(const pm_model *m, pm_check_ctx *c)
{
	bool *flag = pm_xcalloc(m->threats.n + 1, sizeof *flag);
	for (size_t k = 0; k < m->risk.n; k++)
		if ((m->risk.v[k].after.exploit_source == PM_EXPL_UNCHANGED ||
		     m->risk.v[k].after.exploit_source == PM_EXPL_NONE) &&
		    m->risk.v[k].threat >= 0)
			flag[m->risk.v[k].threat] = true;
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_threat *t = &m->threats.v[i];
		bool implemented = false;
		for (size_t k = 0; k < t->controls.n; k++) {
			const pm_ref *r = &t->controls.v[k];
			const pm_control *ct = r->kind == PM_K_CONTROL ? pm_model_obj(m, PM_K_CONTROL, r->idx) : NULL;
			implemented |= ct && ct->status.v == PM_CS_IMPLEMENTED;
		}
		if (flag[i] && implemented)
			pm_check_add(c, t->at,
			             "threat %s has implemented controls but no score after them: it has no cvss "
			             "vector and no residual assessment (residual.exploitability or residual.cvss)",
			             id_of(t->id));
	}
	free(flag);
	return pm_check_verdict(c);
}

static pm_check_status ra_04(const pm_model *m, pm_check_ctx *c)
{
	const pm_policy *p = &m->risk_policy;
	size_t ok = 0;
	for (size_t i = 0; i < p->risk_levels.n; i++)
		ok += p->risk_levels.v[i].acceptable.v;
	if (!ok)
		pm_check_add(c, at2(p->at, m->device.at),
		             "the risk policy marks no risk level acceptable: no residual risk can be controlled");
	else
		pm_check_note(c, "acceptance criteria: %s", p->name.s ? p->name.s : "risk policy");
	return pm_check_verdict(c);
}

static pm_check_status ra_05(const pm_model *m, pm_check_ctx *c)
{
	return rm_text(m, c, m->risk_management.safety_risk_transfer, "safety_risk_transfer",
	               "method for transferring security risks into the safety risk assessment");
}

static pm_check_status ra_06(const pm_model *m, pm_check_ctx *c)
{
	size_t kev = 0;
	for (size_t i = 0; i < m->vulnerabilities.n; i++) {
		const pm_vulnerability *v = &m->vulnerabilities.v[i];
		if (!v->kev.v)
			continue;
		kev++;
		int st = v->status.v;
		size_t n = 0;
		for (size_t k = 0; k < v->controls.n; k++)
			n += control_counts(m, &v->controls.v[k]);
		if ((st == PM_VEX_AFFECTED || st == PM_VEX_UNDER_INVESTIGATION) && !n)
			pm_check_add(c, v->at,
			             "KEV vulnerability %s is %s and no control compensates for it (controls)",
			             id_of(v->id), pm_enum_names_vex_status[st]);
	}
	if (!pm_check_count(c))
		pm_check_note(c, "%zu KEV vulnerabilities, none unmitigated", kev);
	return pm_check_verdict(c);
}

static pm_check_status ra_07(const pm_model *m, pm_check_ctx *c)
{
	bool *unc = pm_xcalloc(m->threats.n + 1, sizeof *unc);
	size_t n = 0;
	for (size_t k = 0; k < m->risk.n; k++)
		if (!m->risk.v[k].controlled && m->risk.v[k].threat >= 0) {
			unc[m->risk.v[k].threat] = true;
			n++;
		}
	bool general = has(m->risk_management.benefit_risk);
	for (size_t i = 0; i < m->threats.n; i++)
		if (unc[i] && !general && !has(m->threats.v[i].benefit_risk))
			pm_check_add(c, m->threats.v[i].at,
			             "threat %s keeps a residual risk outside the acceptance criteria without a "
			             "benefit-risk rationale (benefit_risk)",
			             id_of(m->threats.v[i].id));
	free(unc);
	if (!pm_check_count(c) && n)
		pm_check_note(c, "%zu uncontrolled residual risks, each with a benefit-risk rationale", n);
	else if (!pm_check_count(c))
		pm_check_note(c, "every residual risk is acceptable");
	return pm_check_verdict(c);
}

/* ---- IO: interoperability ----------------------------------------------------------------- */

static pm_check_status io_01(const pm_model *m, pm_check_ctx *c)
{
	for (size_t i = 0; i < m->n_objs[PM_K_INTERFACE]; i++) {
		const pm_interface *f = iface(m, i);
		if (f->status.v != PM_IFS_USED || f->kind.v == PM_IF_UI)
			continue;
		missing l = {{0}, 0};
		miss(&l, has(f->authentication), "its authentication (authentication, or none with the reason)");
		miss(&l, has(f->encryption), "its encryption (encryption, or none with the reason)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "used interface %s", id_of(f->id));
		add_missing(c, f->at, &l, prefix);
	}
	return pm_check_verdict(c);
}

/* ---- SB: the SBOM -------------------------------------------------------------------------- */

static pm_check_status sb_01(const pm_model *m, pm_check_ctx *c)
{
	const pm_sbom *s = &m->sbom;
	if (!s->components.n && !s->files.n)
		pm_check_add(c, at2(s->at, m->device.at), "the model has no SBOM (sbom.components or sbom.files)");
	else
		pm_check_note(c, "%zu inline components, %zu SBOM files", s->components.n, s->files.n);
	return pm_check_verdict(c);
}

static pm_check_status sb_inline(const pm_model *m, pm_check_ctx *c)
{
	if (!m->sbom.components.n && !m->sbom.files.n)
		return pm_check_na(c, "the model has no SBOM (see SB-01)");
	if (!m->sbom.components.n)
		return pm_check_na(c, "the SBOM is only in files (sbom.files), which premarket does not read yet");
	return PM_CHECK_PASS;
}

static pm_check_status sb_02(const pm_model *m, pm_check_ctx *c)
{
	if (sb_inline(m, c) == PM_CHECK_NA)
		return PM_CHECK_NA;
	const pm_sbom *s = &m->sbom;
	missing l = {{0}, 0};
	miss(&l, has(s->author), "the author of the SBOM data (sbom.author)");
	miss(&l, has(s->timestamp), "its timestamp (sbom.timestamp)");
	bool deps = false;
	for (size_t i = 0; i < s->components.n; i++)
		deps |= s->components.v[i].depends_on.n > 0;
	miss(&l, deps || s->components.n < 2, "dependency relationships (depends_on)");
	add_missing(c, at2(s->at, m->device.at), &l, "the SBOM");
	for (size_t i = 0; i < s->components.n; i++) {
		const pm_sbom_component *k = &s->components.v[i];
		missing e = {{0}, 0};
		miss(&e, has(k->supplier), "a supplier");
		miss(&e, has(k->name), "a name");
		miss(&e, has(k->version), "a version");
		miss(&e, has(k->purl) || has(k->cpe), "a unique identifier (purl or cpe)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "SBOM component %s", id_of(k->id));
		add_missing(c, k->at, &e, prefix);
	}
	return pm_check_verdict(c);
}

static pm_check_status sb_03(const pm_model *m, pm_check_ctx *c)
{
	const pm_sbom *s = &m->sbom;
	if (!s->components.n && !s->support.n)
		return s->files.n
		               ? pm_check_na(
		                         c, "the SBOM is only in files (sbom.files), which premarket does not read yet")
		               : pm_check_na(c, "the model has no SBOM (see SB-01)");
	size_t bad = 0;
	for (size_t i = 0; i < s->components.n; i++) {
		const pm_sbom_component *k = &s->components.v[i];
		missing e = {{0}, 0};
		miss(&e, k->support.at.line && k->support.v != PM_SUP_UNKNOWN,
		     "a level of support (support is unknown)");
		miss(&e, has(k->end_of_support), "an end-of-support date (end_of_support)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "SBOM component %s (%s %s)", id_of(k->id), id_of(k->name),
		         id_of(k->version));
		bad += e.n > 0;
		add_missing(c, k->support.v == PM_SUP_UNKNOWN ? at2(k->support.at, k->at) : k->at, &e, prefix);
	}
	for (size_t i = 0; i < s->support.n; i++) {
		const pm_support_override *o = &s->support.v[i];
		missing e = {{0}, 0};
		miss(&e, o->support.at.line && o->support.v != PM_SUP_UNKNOWN,
		     "a level of support (support is unknown)");
		miss(&e, has(o->end_of_support), "an end-of-support date (end_of_support)");
		char prefix[600];
		snprintf(prefix, sizeof prefix, "support entry for %s", o->purl.s ? o->purl.s : id_of(o->name));
		bad += e.n > 0;
		add_missing(c, o->at, &e, prefix);
	}
	if (bad)
		pm_check_note(c, "%zu of %zu SBOM components lack a level of support or an end-of-support date", bad,
		              s->components.n + s->support.n);
	return pm_check_verdict(c);
}

static pm_check_status sb_04(const pm_model *m, pm_check_ctx *c)
{
	if (!has(m->sbom.upgrade_plan))
		pm_check_add(c, at2(m->sbom.at, m->device.at),
		             "no plan to update or replace third-party components when their support ends "
		             "(sbom.upgrade_plan)");
	return pm_check_verdict(c);
}

/* A plan names the component: sbom.upgrade_plan, or an updatability control,
 * or a risk transfer mentions its id or name. */
static bool eos_planned(const pm_model *m, const char *id, const char *name)
{
	const char *words[2] = {id, name};
	for (int w = 0; w < 2; w++) {
		if (!words[w])
			continue;
		if (mentions(m->sbom.upgrade_plan.s, words[w]))
			return true;
		for (size_t i = 0; i < m->controls.n; i++) {
			const pm_control *k = &m->controls.v[i];
			if (k->category.v != PM_CAT_UPDATABILITY || k->status.v == PM_CS_NOT_APPLICABLE)
				continue;
			if (mentions(k->title.s, words[w]) || mentions(k->description.s, words[w]) ||
			    mentions(k->requirement.s, words[w]) || mentions(k->status_rationale.s, words[w]))
				return true;
		}
		for (size_t i = 0; i < m->risk_management.risk_transfers.n; i++)
			if (mentions(m->risk_management.risk_transfers.v[i].description.s, words[w]))
				return true;
	}
	return false;
}

static pm_check_status sb_05(const pm_model *m, pm_check_ctx *c)
{
	const char *date = pm_check_date(c);
	if (!date)
		return pm_check_na(
		        c, "no documentation date to compare with (device.date, a revision date or SOURCE_DATE_EPOCH)");
	const pm_sbom *s = &m->sbom;
	size_t past = 0;
	for (size_t i = 0; i < s->components.n; i++) {
		const pm_sbom_component *k = &s->components.v[i];
		if (!k->end_of_support.s || strcmp(k->end_of_support.s, date) >= 0)
			continue;
		past++;
		if (!eos_planned(m, k->id.s, k->name.s))
			pm_check_add(c, at2(k->end_of_support.at, k->at),
			             "SBOM component %s (%s %s) reached its end of support on %s, before the "
			             "documentation date %s, and no plan names it",
			             id_of(k->id), id_of(k->name), id_of(k->version), k->end_of_support.s, date);
	}
	for (size_t i = 0; i < s->support.n; i++) {
		const pm_support_override *o = &s->support.v[i];
		if (!o->end_of_support.s || strcmp(o->end_of_support.s, date) >= 0)
			continue;
		past++;
		if (!eos_planned(m, o->purl.s, o->name.s))
			pm_check_add(c, at2(o->end_of_support.at, o->at),
			             "imported component %s reached its end of support on %s, before the documentation "
			             "date %s, and no plan names it",
			             o->purl.s ? o->purl.s : id_of(o->name), o->end_of_support.s, date);
	}
	if (!pm_check_count(c) && past)
		pm_check_note(c, "%zu components past end of support on %s, each named in a plan", past, date);
	else if (!pm_check_count(c))
		pm_check_note(c, "no component past end of support on %s", date);
	return pm_check_verdict(c);
}

static pm_check_status sb_06(const pm_model *m, pm_check_ctx *c)
{
	if (sb_inline(m, c) == PM_CHECK_NA)
		return PM_CHECK_NA;
	for (size_t i = 0; i < m->sbom.components.n; i++) {
		const pm_sbom_component *k = &m->sbom.components.v[i];
		if (!k->hashes.n)
			pm_check_add(c, k->at, "SBOM component %s has no hash (hashes)", id_of(k->id));
	}
	return pm_check_verdict(c);
}

/* ---- VA: known vulnerabilities ----------------------------------------------------------------- */

static pm_check_status va_01(const pm_model *m, pm_check_ctx *c)
{
	if (!m->vulnerabilities.at.line)
		pm_check_add(c, m->device.at,
		             "the model has no known-vulnerability list (vulnerabilities; [] when none are known)");
	else
		pm_check_note(c, "%zu known vulnerabilities listed", m->vulnerabilities.n);
	return pm_check_verdict(c);
}

static pm_check_status va_02(const pm_model *m, pm_check_ctx *c)
{
	if (!m->vulnerabilities.n)
		return pm_check_na(c, "no known vulnerabilities");
	for (size_t i = 0; i < m->vulnerabilities.n; i++) {
		const pm_vulnerability *v = &m->vulnerabilities.v[i];
		if (!v->discovery.at.line)
			pm_check_add(c, v->at, "vulnerability %s does not say how it was discovered (discovery)",
			             id_of(v->id));
		else if (v->discovery.v == PM_DISC_OTHER && !has(v->discovery_detail))
			pm_check_add(c, v->discovery.at,
			             "vulnerability %s was discovered by \"other\" means that are not described "
			             "(discovery_detail)",
			             id_of(v->id));
	}
	return pm_check_verdict(c);
}

static pm_check_status va_03(const pm_model *m, pm_check_ctx *c)
{
	if (!m->vulnerabilities.n)
		return pm_check_na(c, "no known vulnerabilities");
	for (size_t i = 0; i < m->vulnerabilities.n; i++) {
		const pm_vulnerability *v = &m->vulnerabilities.v[i];
		if (!has(v->assessment))
			pm_check_add(c, v->at,
			             "vulnerability %s has no safety and security risk assessment (assessment)",
			             id_of(v->id));
		int st = v->status.v;
		if (v->kev.v || (st != PM_VEX_AFFECTED && st != PM_VEX_UNDER_INVESTIGATION))
			continue; /* KEV entries: RA-06 */
		size_t n = v->threats.n;
		for (size_t k = 0; k < v->controls.n; k++)
			n += control_counts(m, &v->controls.v[k]);
		if (!n)
			pm_check_add(c, v->at,
			             "vulnerability %s is %s and names no compensating control or covering threat "
			             "(controls, threats)",
			             id_of(v->id), pm_enum_names_vex_status[st]);
	}
	return pm_check_verdict(c);
}

/* ---- UA, MET ---------------------------------------------------------------------------------------- */

static pm_check_status ua_01(const pm_model *m, pm_check_ctx *c)
{
	const pm_risk_management *rm = &m->risk_management;
	if (!m->anomalies.at.line)
		pm_check_add(c, m->device.at,
		             "the model has no unresolved-anomaly assessment (anomalies; [] when there are none)");
	if (!has(rm->anomaly_criteria))
		pm_check_add(c, at2(rm->at, m->device.at),
		             "the report states no criteria and rationale for handling security-relevant anomalies "
		             "(risk_management.anomaly_criteria)");
	for (size_t i = 0; i < m->anomalies.n; i++) {
		const pm_anomaly *a = &m->anomalies.v[i];
		if (a->security_impact.v != PM_IMP_NONE && a->cwe.n == 0)
			pm_check_add(c, a->at, "anomaly %s has a %s security impact but names no CWE category (cwe)",
			             id_of(a->id), pm_enum_names_impact[a->security_impact.v]);
	}
	return pm_check_verdict(c);
}

static pm_check_status met_01(const pm_model *m, pm_check_ctx *c)
{
	const pm_metrics *x = &m->metrics;
	if (!x->at.line) {
		pm_check_add(c, m->device.at, "the model has no TPLC metrics, nor a plan to collect them (metrics)");
		return pm_check_verdict(c);
	}
	if (x->available.v) {
		missing l = {{0}, 0};
		miss(&l, x->percent_patched.at.line, "percent_patched");
		miss(&l, x->mean_days_to_patch.at.line, "mean_days_to_patch");
		miss(&l, x->mean_days_to_deploy.at.line, "mean_days_to_deploy");
		add_missing(c, x->at, &l, "the metrics (available: true)");
	} else if (!has(x->plan)) {
		pm_check_add(c, x->at,
		             "no metrics are available and no plan says how they will be collected (metrics.plan)");
	}
	return pm_check_verdict(c);
}

/* ---- CTL: security controls ------------------------------------------------------------------------ */

static pm_check_status ctl_01(const pm_model *m, pm_check_ctx *c)
{
	for (int cat = 0; cat < PM_N_CATEGORY; cat++) {
		bool found = false;
		for (size_t i = 0; i < m->controls.n && !found; i++)
			found = m->controls.v[i].category.v == cat;
		if (!found)
			pm_check_add(c, at2(m->controls.at, m->device.at),
			             "no control in the %s category (add one, or a not_applicable control with a "
			             "status_rationale)",
			             pm_enum_names_category[cat]);
	}
	bool *used = pm_xcalloc(m->controls.n + 1, sizeof *used);
	for (size_t t = 0; t < m->threats.n; t++)
		for (size_t k = 0; k < m->threats.v[t].controls.n; k++)
			if (m->threats.v[t].controls.v[k].kind == PM_K_CONTROL)
				used[m->threats.v[t].controls.v[k].idx] = true;
	for (size_t i = 0; i < m->controls.n; i++) {
		const pm_control *k = &m->controls.v[i];
		if (k->status.v == PM_CS_NOT_APPLICABLE)
			continue;
		missing l = {{0}, 0};
		miss(&l, has(k->requirement), "a requirement");
		miss(&l, has(k->acceptance_criteria), "acceptance criteria (acceptance_criteria)");
		miss(&l, used[i], "a threat it mitigates (threats[].controls)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "control %s", id_of(k->id));
		add_missing(c, k->at, &l, prefix);
	}
	free(used);
	return pm_check_verdict(c);
}

static pm_check_status ctl_02(const pm_model *m, pm_check_ctx *c)
{
	size_t n = 0;
	for (size_t i = 0; i < m->controls.n; i++) {
		const pm_control *k = &m->controls.v[i];
		if (k->status.v != PM_CS_IMPLEMENTED)
			continue;
		n++;
		if (!k->tests.n)
			pm_check_add(c, k->at, "implemented control %s is verified by no test (tests)", id_of(k->id));
	}
	if (!pm_check_count(c))
		pm_check_note(c, "%zu implemented controls, each verified by a test", n);
	return pm_check_verdict(c);
}

/* ---- AV: architecture views ------------------------------------------------------------------------ */

static bool view_has_content(const pm_view *v)
{
	return has(v->description) || has(v->diagram) || v->components.n || v->flows.n || v->use_cases.n;
}

static void view_kind(const pm_model *m, pm_check_ctx *c, int kind)
{
	const pm_view *empty = NULL;
	for (size_t i = 0; i < m->views.n; i++) {
		const pm_view *v = &m->views.v[i];
		if (v->kind.v != kind)
			continue;
		if (is_na(v->status) ? has(v->rationale) : view_has_content(v))
			return;
		if (!empty)
			empty = v;
	}
	if (empty)
		pm_check_add(c, empty->at,
		             "view %s (%s) has no content: no description, diagram, components, flows or use cases",
		             id_of(empty->id), pm_enum_names_view_kind[kind]);
	else
		pm_check_add(c, at2(m->views.at, m->device.at),
		             "no %s view (add one, or a view with status: not_applicable and a rationale)",
		             pm_enum_names_view_kind[kind]);
}

static pm_check_status av_01(const pm_model *m, pm_check_ctx *c)
{
	view_kind(m, c, PM_VIEW_GLOBAL);
	return pm_check_verdict(c);
}

static pm_check_status av_02(const pm_model *m, pm_check_ctx *c)
{
	view_kind(m, c, PM_VIEW_MULTI_PATIENT);
	return pm_check_verdict(c);
}

static pm_check_status av_03(const pm_model *m, pm_check_ctx *c)
{
	view_kind(m, c, PM_VIEW_UPDATABILITY);
	return pm_check_verdict(c);
}

static pm_check_status av_04(const pm_model *m, pm_check_ctx *c)
{
	view_kind(m, c, PM_VIEW_USE_CASE);
	bool *covered = pm_xcalloc(m->assets.n + 1, sizeof *covered);
	for (size_t u = 0; u < m->use_cases.n; u++)
		for (size_t k = 0; k < m->use_cases.v[u].functions.n; k++) {
			const pm_ref *r = &m->use_cases.v[u].functions.v[k];
			if (r->kind == PM_K_ASSET && r->idx >= 0 && (size_t)r->idx < m->assets.n)
				covered[r->idx] = true;
		}
	for (size_t a = 0; a < m->assets.n; a++) {
		const pm_asset *as = &m->assets.v[a];
		if (as->safety_relevant.v && !covered[a])
			pm_check_add(c, as->at,
			             "safety-relevant asset %s has no security use case (use_cases[].functions)",
			             id_of(as->id));
	}
	free(covered);
	return pm_check_verdict(c);
}

static bool iface_detailed(const pm_model *m, const pm_ref *r)
{
	int i = iface_idx(r);
	return i >= 0 && (iface(m, (size_t)i)->ports.n || iface(m, (size_t)i)->protocols.n);
}

static pm_check_status av_05(const pm_model *m, pm_check_ctx *c)
{
	size_t n = 0;
	for (size_t f = 0; f < m->flows.n; f++) {
		const pm_flow *fl = &m->flows.v[f];
		if (flow_has_user(m, fl))
			continue;
		n++;
		missing l = {{0}, 0};
		miss(&l, fl->assets.n > 0, "the assets it carries (assets)");
		miss(&l,
		     has(fl->protocol_version) || has(fl->port) || iface_detailed(m, &fl->from_interface) ||
		             iface_detailed(m, &fl->to_interface),
		     "a protocol version or port/channel (protocol_version, port, or its interfaces' protocols and "
		     "ports)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "flow %s", id_of(fl->id));
		add_missing(c, fl->at, &l, prefix);
	}
	if (!pm_check_count(c))
		pm_check_note(c, "%zu communication paths described", n);
	return pm_check_verdict(c);
}

static pm_check_status av_06(const pm_model *m, pm_check_ctx *c)
{
	size_t n = 0;
	for (size_t f = 0; f < m->flows.n; f++) {
		const pm_flow *fl = &m->flows.v[f];
		if (!flow_crosses(m, fl) || flow_has_user(m, fl))
			continue;
		n++;
		missing l = {{0}, 0};
		miss(&l, !says_none(fl->authentication), "authentication");
		miss(&l, !says_none(fl->encryption), "encryption");
		if (!l.n)
			continue;
		char *j = joined(&l);
		pm_check_add(c,
		             says_none(fl->authentication) ? at2(fl->authentication.at, fl->at)
		                                           : at2(fl->encryption.at, fl->at),
		             "flow %s crosses the trust boundary %s -> %s without %s, and gives no reason",
		             id_of(fl->id), zone_id(m, component_at(m, &fl->from)),
		             zone_id(m, component_at(m, &fl->to)), j);
		free(j);
	}
	if (!pm_check_count(c))
		pm_check_note(c, "%zu trust-boundary flows, each authenticated and encrypted or justified", n);
	return pm_check_verdict(c);
}

/* ---- TST: testing -------------------------------------------------------------------------------------- */

static const pm_test *test_of_kind(const pm_model *m, int kind, bool *planned_only)
{
	*planned_only = false;
	for (size_t i = 0; i < m->tests.n; i++)
		if (m->tests.v[i].kind.v == kind) {
			if (m->tests.v[i].result.v != PM_TR_PLANNED)
				return &m->tests.v[i];
			*planned_only = true;
		}
	return NULL;
}

static void need_kind(const pm_model *m, pm_check_ctx *c, int kind, const char *what)
{
	bool planned;
	if (!test_of_kind(m, kind, &planned))
		pm_check_add(c, at2(m->tests.at, m->device.at),
		             planned ? "%s is only planned (tests[].kind: %s, result: planned)"
		                     : "no %s (tests[].kind: %s)",
		             what, pm_enum_names_test_kind[kind]);
}

static pm_check_status tst_01(const pm_model *m, pm_check_ctx *c)
{
	need_kind(m, c, PM_TK_SECURITY_REQUIREMENTS, "security requirements testing");
	return pm_check_verdict(c);
}

static pm_check_status tst_02(const pm_model *m, pm_check_ctx *c)
{
	need_kind(m, c, PM_TK_THREAT_MITIGATION, "threat mitigation testing");
	return pm_check_verdict(c);
}

static pm_check_status tst_03(const pm_model *m, pm_check_ctx *c)
{
	static const struct {
		int kind;
		const char *what;
	} kinds[] = {
	        {PM_TK_FUZZ, "fuzz testing"},
	        {PM_TK_ATTACK_SURFACE, "attack surface analysis"},
	        {PM_TK_VULN_CHAINING, "vulnerability chaining"},
	        {PM_TK_CLOSED_BOX_SCAN, "closed-box known-vulnerability scanning"},
	        {PM_TK_SCA, "software composition analysis of binaries"},
	        {PM_TK_STATIC, "static code analysis"},
	        {PM_TK_DYNAMIC, "dynamic code analysis"},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		need_kind(m, c, kinds[i].kind, kinds[i].what);
	return pm_check_verdict(c);
}

static pm_check_status tst_04(const pm_model *m, pm_check_ctx *c)
{
	need_kind(m, c, PM_TK_PENETRATION, "penetration testing");
	return pm_check_verdict(c);
}

static pm_check_status tst_05(const pm_model *m, pm_check_ctx *c)
{
	size_t n = 0;
	for (size_t i = 0; i < m->tests.n; i++) {
		const pm_test *t = &m->tests.v[i];
		if (t->kind.v != PM_TK_PENETRATION || t->result.v == PM_TR_PLANNED)
			continue;
		n++;
		missing l = {{0}, 0};
		miss(&l, t->independence.at.line, "the testers' independence (independence)");
		miss(&l, has(t->expertise), "their technical expertise (expertise)");
		miss(&l, has(t->scope), "the scope (scope)");
		miss(&l, has(t->duration) || (has(t->start) && has(t->end)),
		     "the duration (start and end, or duration)");
		miss(&l, has(t->methods), "the methods (methods)");
		miss(&l, t->result.v == PM_TR_PASS || t->findings.n > 0, "the findings (findings)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "penetration test %s", id_of(t->id));
		add_missing(c, t->at, &l, prefix);
	}
	if (!n)
		return pm_check_na(c, "no performed penetration test (see TST-04)");
	return pm_check_verdict(c);
}

static bool tool_driven(int kind)
{
	return kind == PM_TK_FUZZ || kind == PM_TK_CLOSED_BOX_SCAN || kind == PM_TK_SCA || kind == PM_TK_STATIC ||
	       kind == PM_TK_DYNAMIC;
}

static pm_check_status tst_06(const pm_model *m, pm_check_ctx *c)
{
	if (!m->tests.n)
		return pm_check_na(c, "no tests (see TST-01 to TST-04)");
	for (size_t i = 0; i < m->tests.n; i++) {
		const pm_test *t = &m->tests.v[i];
		missing l = {{0}, 0};
		miss(&l, has(t->performed_by), "who performed it (performed_by)");
		miss(&l, t->independence.at.line, "their independence (independence)");
		if (t->tool.at.line) {
			miss(&l, has(t->tool.version), "the tool version (tool.version)");
			miss(&l, has(t->tool.configuration), "the tool configuration (tool.configuration)");
		} else {
			miss(&l, !tool_driven(t->kind.v), "the tool used (tool: name, version, configuration)");
		}
		miss(&l, t->independence.v != PM_IND_THIRD_PARTY || t->result.v == PM_TR_PLANNED || has(t->report),
		     "a reference to the third party's original report (report)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "test %s", id_of(t->id));
		add_missing(c, t->at, &l, prefix);
		for (size_t k = 0; k < t->findings.n; k++) {
			const pm_finding *f = &t->findings.v[k];
			int d = f->disposition.v;
			if ((d == PM_DISP_ACCEPTED || d == PM_DISP_FALSE_POSITIVE || d == PM_DISP_MITIGATED) &&
			    !has(f->rationale))
				pm_check_add(
				        c, f->at,
				        "finding %s of test %s is %s without the manufacturer's assessment (rationale)",
				        id_of(f->id), id_of(t->id), pm_enum_names_disposition[d]);
		}
	}
	return pm_check_verdict(c);
}

static pm_check_status tst_07(const pm_model *m, pm_check_ctx *c)
{
	for (size_t i = 0; i < m->tests.n; i++) {
		const pm_test *t = &m->tests.v[i];
		if (t->result.v == PM_TR_FAIL) {
			bool justified = t->findings.n > 0;
			for (size_t k = 0; k < t->findings.n; k++) {
				const pm_finding *f = &t->findings.v[k];
				justified &= f->disposition.v != PM_DISP_OPEN && has(f->rationale);
			}
			if (!justified)
				pm_check_add(c, at2(t->result.at, t->at),
				             "test %s failed and its findings do not all carry a disposition with a "
				             "rationale: fix and retest, or assess each finding",
				             id_of(t->id));
		}
		for (size_t k = 0; k < t->findings.n; k++) {
			const pm_finding *f = &t->findings.v[k];
			int d = f->disposition.v;
			if (d == PM_DISP_OPEN && !has(f->rationale))
				pm_check_add(c, f->at,
				             "finding %s of test %s is open without an assessment (rationale)",
				             id_of(f->id), id_of(t->id));
			if (d == PM_DISP_DEFERRED) {
				missing l = {{0}, 0};
				miss(&l, has(f->rationale), "a rationale for deferring (rationale)");
				miss(&l, has(f->deferral_plan),
				     "a deferral plan: timeline and how fielded devices get the fix (deferral_plan)");
				char prefix[300];
				snprintf(prefix, sizeof prefix, "deferred finding %s of test %s", id_of(f->id),
				         id_of(t->id));
				add_missing(c, f->at, &l, prefix);
			}
		}
	}
	return pm_check_verdict(c);
}

/* ---- LBL: labeling items L1-L14; CMP: plan elements M1-M9 ------------------------------------------------- */

static void item_check(pm_check_ctx *c, const pm_item *items, size_t n, int which, const char *name, const char *title,
                       pm_mark where, const char *section)
{
	const pm_item *it = NULL;
	for (size_t i = 0; i < n && !it; i++)
		if (items[i].item.at.line && items[i].item.v == which)
			it = &items[i];
	if (!it)
		pm_check_add(
		        c, where,
		        "%s %s (%s) is missing from %s.items (provide it, or mark it not_applicable with a rationale)",
		        strcmp(section, "labeling") == 0 ? "labeling item" : "plan element", name, title, section);
	else if (is_na(it->status) ? !has(it->rationale) : !has(it->content) && !has(it->location))
		pm_check_add(c, it->at,
		             is_na(it->status) ? "%s is marked not applicable without a rationale"
		                               : "%s is provided but says neither what (content) nor where (location)",
		             name);
}

static pm_check_status label_item(const pm_model *m, pm_check_ctx *c, int which)
{
	const pm_labeling *l = &m->labeling;
	item_check(c, l->items.v, l->items.n, which, pm_enum_names_label_item[which], pm_label_item_titles[which],
	           at3(l->items.at, l->at, m->device.at), "labeling");
	if (which == PM_L5 && !pm_check_count(c) && !m->sbom.components.n && !m->sbom.files.n)
		for (size_t i = 0; i < l->items.n; i++)
			if (l->items.v[i].item.at.line && l->items.v[i].item.v == PM_L5 && !is_na(l->items.v[i].status))
				pm_check_add(c, l->items.v[i].at,
				             "labeling item L5 promises an SBOM, but the model has none (see SB-01)");
	return pm_check_verdict(c);
}

static pm_check_status plan_item(const pm_model *m, pm_check_ctx *c, int which)
{
	const pm_management_plan *p = &m->management_plan;
	item_check(c, p->items.v, p->items.n, which, pm_enum_names_plan_item[which], pm_plan_item_titles[which],
	           at3(p->items.at, p->at, m->device.at), "management_plan");
	return pm_check_verdict(c);
}

#define LBL_FN(n)                                                                                                      \
	static pm_check_status lbl_##n(const pm_model *m, pm_check_ctx *c)                                             \
	{                                                                                                              \
		return label_item(m, c, PM_L##n);                                                                      \
	}
LBL_FN(1)
LBL_FN(2)
LBL_FN(3)
LBL_FN(4)
LBL_FN(5)
LBL_FN(6)
LBL_FN(7)
LBL_FN(8)
LBL_FN(9)
LBL_FN(10)
LBL_FN(11)
LBL_FN(12)
LBL_FN(13)
LBL_FN(14)
#undef LBL_FN

#define CMP_FN(n)                                                                                                      \
	static pm_check_status cmp_##n(const pm_model *m, pm_check_ctx *c)                                             \
	{                                                                                                              \
		return plan_item(m, c, PM_M##n);                                                                       \
	}
CMP_FN(1)
CMP_FN(2)
CMP_FN(3)
CMP_FN(4)
CMP_FN(5)
CMP_FN(6)
CMP_FN(7)
CMP_FN(8)
CMP_FN(9)
#undef CMP_FN

/* ---- 524B: cyber devices ------------------------------------------------------------------------------------ */

static pm_check_status s524_01(const pm_model *m, pm_check_ctx *c)
{
	if (!pm_check_is_cyber_device(m) || ide(m))
		return not_cyber_or_ide(m, c);
	const pm_management_plan *p = &m->management_plan;
	const pm_cvd *v = &p->cvd;
	if (!v->at.line) {
		pm_check_add(c, at2(p->at, m->device.at),
		             "the management plan has no coordinated vulnerability disclosure section "
		             "(management_plan.cvd)");
		return pm_check_verdict(c);
	}
	missing l = {{0}, 0};
	miss(&l, has(v->policy) || has(v->contact), "a published policy or contact (policy, contact)");
	miss(&l, has(v->external), "handling of vulnerabilities reported by external parties (external)");
	miss(&l, has(v->internal), "disclosure of vulnerabilities the manufacturer finds (internal)");
	miss(&l, has(v->disclosure), "procedures to inform users, patients and facilities (disclosure)");
	add_missing(c, v->at, &l, "the coordinated vulnerability disclosure section");
	return pm_check_verdict(c);
}

static pm_check_status s524_02(const pm_model *m, pm_check_ctx *c)
{
	if (!pm_check_is_cyber_device(m) || ide(m))
		return not_cyber_or_ide(m, c);
	const pm_management_plan *p = &m->management_plan;
	const pm_patch_cycle *v = &p->patch_cycle;
	if (!v->at.line) {
		pm_check_add(c, at2(p->at, m->device.at),
		             "the management plan has no patch timeline (management_plan.patch_cycle)");
		return pm_check_verdict(c);
	}
	missing l = {{0}, 0};
	miss(&l, v->regular_days.at.line, "a regular update cycle (regular_days)");
	miss(&l, has(v->justification), "the justification of that cycle (justification)");
	miss(&l, has(v->out_of_cycle), "the out-of-cycle process for critical vulnerabilities (out_of_cycle)");
	add_missing(c, v->at, &l, "the patch timeline");
	return pm_check_verdict(c);
}

static pm_check_status s524_03(const pm_model *m, pm_check_ctx *c)
{
	if (!pm_check_is_cyber_device(m) || ide(m))
		return not_cyber_or_ide(m, c);
	const pm_management_plan *p = &m->management_plan;
	if (!has(p->related_systems))
		pm_check_add(c, at2(p->at, m->device.at),
		             "the plan does not say which related systems it covers: update servers, other functions, "
		             "facility connections (management_plan.related_systems)");
	return pm_check_verdict(c);
}

/* ---- MOD, IDE ------------------------------------------------------------------------------------------------- */

static pm_check_status mod_01(const pm_model *m, pm_check_ctx *c)
{
	const pm_clearance *pc = &m->device.previous_clearance;
	if (!pc->at.line)
		return pm_check_na(c, "no prior versions (device.previous_clearance is absent)");
	missing l = {{0}, 0};
	miss(&l, pc->impact.at.line, "the cybersecurity impact of the change (impact)");
	miss(&l, has(pc->changes), "a summary of the changes (changes)");
	if (pc->impact.at.line && pc->impact.v == PM_MOD_UNLIKELY) {
		miss(&l, has(pc->critical_vulnerabilities),
		     "a statement on critical vulnerabilities with uncontrolled risk (critical_vulnerabilities)");
		miss(&l, has(pc->remediation_history),
		     "the vulnerabilities remediated since then (remediation_history)");
		miss(&l, has(m->management_plan.reference) || m->management_plan.at.line,
		     "the 524B(b)(1) plan or a reference to it (management_plan.reference)");
		miss(&l, m->sbom.components.n || m->sbom.files.n, "an SBOM (sbom)");
	}
	char prefix[300];
	snprintf(prefix, sizeof prefix, "the modification of %s", id_of(pc->number));
	add_missing(c, pc->at, &l, prefix);
	return pm_check_verdict(c);
}

static bool has_item(const pm_item *items, size_t n, int which)
{
	for (size_t i = 0; i < n; i++)
		if (items[i].item.at.line && items[i].item.v == which)
			return true;
	return false;
}

static pm_check_status ide_01(const pm_model *m, pm_check_ctx *c)
{
	if (!ide(m))
		return pm_check_na(c, "the submission is not an IDE");
	const pm_labeling *l = &m->labeling;
	if (!l->at.line) {
		pm_check_add(c, m->device.at,
		             "an IDE needs general labeling (connectivity, general risks, update process): the model "
		             "has no labeling section");
		return pm_check_verdict(c);
	}
	missing e = {{0}, 0};
	miss(&e, has_item(l->items.v, l->items.n, PM_L3), "its connectivity (item L3)");
	miss(&e, has_item(l->items.v, l->items.n, PM_L6), "its update process (item L6)");
	miss(&e, m->risk_management.risk_transfers.n > 0 || has(m->risk_management.residual_risk_conclusion),
	     "the general cybersecurity risks for the informed-consent form (risk_management.residual_risk_conclusion "
	     "or risk_transfers)");
	add_missing(c, l->at, &e, "the IDE's general labeling");
	if (!pm_check_count(c))
		pm_check_note(
		        c, "general labeling present; confirm the informed-consent form lists the cybersecurity risks");
	return pm_check_verdict(c);
}

/* ---- the table ------------------------------------------------------------------------------------------------ */

#define REQ  PM_CHECK_REQUIRED
#define REC  PM_CHECK_RECOMMENDED
#define ADV  PM_CHECK_ADVISORY
#define STAT PM_CHECK_F_STATUTORY
#define HELP PM_CHECK_F_IDE_HELPFUL

#define LBL(nn, n, title, basis)                                                                                       \
	{                                                                                                              \
		"LBL-" #nn, "Labeling item L" #n ": " title, "Labeling", basis, REC, HELP,                             \
		        "labeling.items: item L" #n                                                                    \
		        " present, provided with what it says (content) or where (location), or marked "               \
		        "not_applicable with a rationale.",                                                            \
		        "Add item L" #n                                                                                \
		        " to labeling.items with content and location (the labeling document and section), or "        \
		        "status: not_applicable with a rationale.",                                                    \
		        lbl_##n                                                                                        \
	}
#define CMP(nn, n, title, basis)                                                                                       \
	{                                                                                                              \
		"CMP-" #nn, "Plan element M" #n ": " title, "Management plan", basis, REC, HELP,                       \
		        "management_plan.items: element M" #n                                                          \
		        " present, provided with what the plan says (content) or where "                               \
		        "(location), or marked not_applicable with a rationale.",                                      \
		        "Add element M" #n                                                                             \
		        " to management_plan.items with content and location (the plan document and section), or "     \
		        "status: not_applicable with a rationale.",                                                    \
		        cmp_##n                                                                                        \
	}

const pm_check_rule pm_check_rules[] = {
        /* PKG */
        {"PKG-01", "Cyber-device determination recorded", "Package", "G25 VII.B; 524B(c)", REQ, 0,
         "device.cyber_device: the three 524B(c) criteria (software, internet-connectable by any means, vulnerable "
         "characteristics), the rationale, and when the device is internet-connectable the means (connectivity).",
         "State software, internet_connectable and vulnerable_characteristics, explain the determination in rationale, "
         "and list every means of reaching the internet under connectivity (network, cloud, Wi-Fi, cellular, "
         "Bluetooth, inductive, USB/Ethernet/serial service connectors).",
         pkg_01},
        {"PKG-02", "Interface inventory present", "Package", "G25 VII.B; RTA checklist item I; G25 VI.A (L3)", REC,
         HELP, "components[].interfaces: the model lists interfaces, and every component of kind device lists its own.",
         "List every electronic interface of the device under its component (wired, wireless, inductive, cloud, "
         "debug), including unused and disabled ones with the reason they cannot be activated.",
         pkg_02},
        {"PKG-03", "Internet connectability consistent with the interfaces", "Package", "G25 VII.B; 524B(c)(2)", ADV, 0,
         "When cyber_device.internet_connectable is false: interfaces of the device's own components (device, "
         "software, app, workstation, peripheral, service tool) that G25 VII.B counts as able to reach the internet "
         "(Ethernet, Wi-Fi, cellular, Bluetooth, BLE, RF, NFC, inductive, USB, serial) and are not disabled.",
         "Review the determination: set internet_connectable to true, or mark the interface disabled with a rationale "
         "showing it cannot be activated.  G25 counts even brief service use of a USB, Ethernet or serial connector.",
         pkg_03},
        /* RMR */
        {"RMR-01", "Risk evaluation methods summarized", "Risk management report", "G25 V.A", REC, HELP,
         "risk_management.methodology.",
         "Summarize the security risk evaluation methods and processes in risk_management.methodology.", rmr_01},
        {"RMR-02", "Residual-risk conclusion stated", "Risk management report", "G25 V.A", REC, HELP,
         "risk_management.residual_risk_conclusion.",
         "State the overall residual-risk conclusion in risk_management.residual_risk_conclusion.", rmr_02},
        {"RMR-03", "Risk-mitigation activities detailed", "Risk management report", "G25 V.A; V.B.1", REC, HELP,
         "controls: at least one implemented or planned control when the model has threats; every planned control says "
         "when (target_version) or how (status_rationale) it will be implemented.",
         "Describe the controls; for a planned control give target_version and the plan in status_rationale.", rmr_03},
        {"RMR-04", "Traceability from the architecture to the SBOM", "Risk management report", "G25 V.A; V.A.4; App. 2",
         REC, HELP,
         "The end of the trace threat -> risk -> control -> test -> SBOM that premarket cannot build from other links: "
         "every device, software and app component names the SBOM components it runs (components[].sbom), and every "
         "inline SBOM component is run by a component directly or through depends_on.  The other links are checked by "
         "RA-02 (threat -> control) and CTL-02 (control -> test).",
         "List the SBOM components each device, software and app component runs under components[].sbom (dependencies "
         "through the SBOM components' depends_on).",
         rmr_04},
        {"RMR-05", "Risk transfers disclosed", "Risk management report", "G25 V.A", REC, HELP,
         "risk_management.risk_transfers: stated (an empty list says there are none), each with where it is disclosed.",
         "List every security risk transferred to users with who takes it on and where it is disclosed (disclosed_in), "
         "or write risk_transfers: [] when there are none.",
         rmr_05},
        {"RMR-06", "Security risk management plan referenced", "Risk management report",
         "G25 V.A (AAMI TIR57; ANSI/AAMI SW96)", REC, HELP, "risk_management.plan_reference.",
         "Reference the security risk management plan in risk_management.plan_reference.", rmr_06},
        /* TM */
        {"TM-01", "Threat model covers every system element", "Threat model", "G25 V.A.1", REC, HELP,
         "Every component except users and networks is targeted by a threat, directly, through one of its interfaces, "
         "or through a flow from or to it (a flow counts when a threat targets it or one of its interfaces).",
         "Add threats that target the uncovered component, its interfaces or its flows (threats[].targets).", tm_01},
        {"TM-02", "Assumptions stated", "Threat model", "G25 V.A.1", REC, HELP, "risk_management.assumptions.",
         "State the assumptions about the system and its environment (for example: the hospital network is hostile).",
         tm_02},
        {"TM-03", "Lifecycle threats considered", "Threat model", "G25 V.A.1", REC, HELP,
         "threats[].lifecycle: at least one threat in each of supply chain, manufacturing, deployment, interoperation, "
         "maintenance or update, and decommissioning.",
         "Analyse the missing lifecycle phase and add its threats with lifecycle set.", tm_03},
        {"TM-04", "Methodology rationale", "Threat model", "G25 V.A.1", REC, HELP,
         "risk_management.methodology_rationale.",
         "Explain why the threat-modeling methodology fits the device in risk_management.methodology_rationale.",
         tm_04},
        {"TM-05", "Threats cover every trust-boundary crossing", "Threat model", "G25 V.A.1; V.B.2; App. 2", REC, HELP,
         "Flows between components in different zones, and the interfaces they use: each is targeted by a threat, "
         "directly or through the interface or flow it is used with.",
         "Add a threat that targets the flow or its interface (or extend the targets of an existing threat).", tm_05},
        /* RA */
        {"RA-01", "Every risk scored before controls", "Risk assessment", "G25 V.A.2", REC, HELP,
         "The risk register: every threat has a score before controls (an exploitability level from its CVSS vector or "
         "stated, and a severity of harm).",
         "Give the threat a cvss vector or an exploitability level.", ra_01},
        {"RA-02", "Every unacceptable risk has controls", "Risk assessment", "G25 V.A.2", REC, HELP,
         "threats[].controls: every threat with a risk that is not acceptable before controls names an implemented or "
         "planned control.",
         "Add the controls that mitigate the threat to threats[].controls.", ra_02},
        {"RA-03", "Every risk scored after controls", "Risk assessment", "G25 V.A.2", REC, HELP,
         "The risk register: a threat with implemented controls has a score after them: a CVSS vector (controls' "
         "effects applied) or a stated residual assessment; otherwise its controls are not credited.",
         "Give the threat a cvss vector and its controls an effect, or state residual.exploitability or residual.cvss "
         "with a rationale.",
         ra_03},
        {"RA-04", "Acceptance criteria stated", "Risk assessment", "G25 V.A.2", REC, HELP,
         "The risk policy (the model's risk_policy or the default): at least one risk level is acceptable.",
         "Mark the acceptable risk levels in risk_policy.risk_levels[].acceptable.", ra_04},
        {"RA-05", "Transfer into safety risk management stated", "Risk assessment", "G25 V.A.2", REC, HELP,
         "risk_management.safety_risk_transfer.",
         "Describe how security risks with safety impact enter the ISO 14971 safety risk management.", ra_05},
        {"RA-06", "No unmitigated KEV vulnerability", "Risk assessment", "G25 V.A.2; V.A.4.b", REC, HELP,
         "vulnerabilities with kev: true whose status is affected or under_investigation: each names an implemented or "
         "planned compensating control.",
         "Fix the vulnerability (status: fixed), show it does not apply (not_affected with a justification), or list "
         "the compensating controls under controls.",
         ra_06},
        {"RA-07", "Uncontrolled residual risks have a benefit-risk rationale", "Risk assessment",
         "G25 V.A.2; AAMI TIR57 6.5; ANSI/AAMI SW96 7.4", REC, HELP,
         "The risk register: every threat with a residual risk outside the acceptance criteria has "
         "threats[].benefit_risk, or the report has risk_management.benefit_risk.",
         "Add further controls until the residual risk is acceptable, or give the benefit-risk rationale in "
         "benefit_risk.",
         ra_07},
        /* IO */
        {"IO-01", "Interoperability interfaces and their controls documented", "Interoperability", "G25 V.A.3", REC,
         HELP,
         "Every used interface other than a user interface states its authentication and encryption (or none, with the "
         "reason).",
         "State authentication and encryption on the interface.", io_01},
        /* SB */
        {"SB-01", "Machine-readable SBOM", "SBOM", "G25 V.A.4; VII.C.3; 524B(b)(3)", REQ, STAT,
         "sbom: inline components or SBOM files.",
         "Add the SBOM: inline components under sbom.components or a CycloneDX/SPDX file under sbom.files.", sb_01},
        {"SB-02", "NTIA minimum elements for every component", "SBOM", "G25 V.A.4.b; VII.C.3; 524B(b)(3); NTIA 2021",
         REQ, STAT,
         "Required (NTIA minimum elements): the author of the SBOM data and its timestamp, dependency relationships, "
         "and for every inline component a supplier, name, version and a unique identifier (purl or cpe).  Hashes are "
         "checked separately (SB-06).",
         "Fill sbom.author and sbom.timestamp, depends_on of the components that have dependencies, and a purl or cpe "
         "for each component.",
         sb_02},
        {"SB-03", "Support level and end-of-support date for every component", "SBOM",
         "G25 V.A.4.b; VII.C.3; 524B(b)(3)", REQ, STAT | HELP,
         "Every inline component and every support entry for an imported component: a level of support other than "
         "unknown, and an end-of-support date.",
         "Find the supplier's support status and end-of-support date (or the date the manufacturer commits to support "
         "the component until) and record support and end_of_support.",
         sb_03},
        {"SB-04", "Plan to update or replace third-party components", "SBOM", "G25 V.A.4; VII.C.3", REQ, STAT | HELP,
         "sbom.upgrade_plan.",
         "Describe how third-party components are updated or replaced when their support ends in sbom.upgrade_plan.",
         sb_04},
        {"SB-05", "No component past end of support without a plan", "SBOM", "G25 V.A.4; V.A.4.b", REC, HELP,
         "SBOM components whose end-of-support date is before the documentation date (device.date, else the last "
         "revision's date, else SOURCE_DATE_EPOCH): each is named (by id or name) in sbom.upgrade_plan, in an "
         "updatability control, or in a risk transfer.",
         "Replace the component, or name it in the upgrade plan or an updatability control that replaces it (and "
         "disclose the remaining risk).",
         sb_05},
        {"SB-06", "Component hashes", "SBOM", "G25 V.A.4.b (NTIA Framing baseline attributes)", REC, 0,
         "Every inline SBOM component has at least one hash.", "Add the component's hash (alg and value) under hashes.",
         sb_06},
        /* VA */
        {"VA-01", "Known-vulnerability list", "Vulnerabilities", "G25 V.A.4.b", REC, HELP,
         "vulnerabilities: present (an empty list says none are known), with KEV entries flagged (kev).",
         "List the known vulnerabilities of the device and its components, or write vulnerabilities: [] when none are "
         "known.",
         va_01},
        {"VA-02", "Discovery method for every vulnerability", "Vulnerabilities", "G25 V.A.4.b", REC, HELP,
         "vulnerabilities[].discovery, and discovery_detail when the method is other.",
         "Say how each vulnerability was discovered.", va_02},
        {"VA-03", "Assessment and controls for every vulnerability", "Vulnerabilities", "G25 V.A.4.b", REC, HELP,
         "vulnerabilities[].assessment; every affected or under_investigation vulnerability (KEV entries: RA-06) names "
         "a compensating control or a threat that covers it.",
         "Assess the vulnerability's safety and security impact and list its compensating controls or covering "
         "threats.",
         va_03},
        /* UA, MET */
        {"UA-01", "Unresolved anomalies assessed for security", "Unresolved anomalies", "G25 V.A.5", REC, HELP,
         "anomalies: present (an empty list says there are none); risk_management.anomaly_criteria; every anomaly with "
         "a security impact names its CWE categories.",
         "State the criteria and rationale for handling security-relevant anomalies in "
         "risk_management.anomaly_criteria, list the unresolved anomalies, and give each its CWE categories.",
         ua_01},
        {"MET-01", "TPLC security metrics or a plan", "TPLC metrics", "G25 V.A.6", REC, HELP,
         "metrics: when available, percent_patched, mean_days_to_patch and mean_days_to_deploy; otherwise a plan.",
         "Give the three metrics from marketed versions, or set available: false and describe the collection plan.",
         met_01},
        /* CTL */
        {"CTL-01", "Requirements and acceptance criteria in all eight control categories", "Security controls",
         "G25 V.B.1; App. 1", REC, 0,
         "controls: at least one control (or a not_applicable one with its reason) in each Appendix 1 category; every "
         "control that applies has a requirement, acceptance criteria and a threat it mitigates.",
         "Add the missing category's controls (or a not_applicable control explaining why), and give each control its "
         "acceptance_criteria and the threats it mitigates.",
         ctl_01},
        {"CTL-02", "Every implemented control verified by a test", "Security controls", "G25 V.B.1; V.C", REC, HELP,
         "controls[].tests of every implemented control.  Planned controls are checked by RMR-03.",
         "List the tests that verify the control under tests (add the test evidence if there is none).", ctl_02},
        /* AV */
        {"AV-01", "Global system view", "Architecture views", "G25 V.B.2(a)", REC, 0,
         "views: a global_system view with content, or one marked not_applicable with a rationale.",
         "Add the view (description, components, flows, diagram), or explain why it does not apply.", av_01},
        {"AV-02", "Multi-patient harm view", "Architecture views", "G25 V.B.2(b)", REC, 0,
         "views: a multi_patient_harm view with content, or one marked not_applicable with a rationale.",
         "Add the view, or explain why it does not apply.", av_02},
        {"AV-03", "Updatability and patchability view", "Architecture views", "G25 V.B.2(c)", REC, 0,
         "views: an updatability view with content, or one marked not_applicable with a rationale.",
         "Add the view showing the end-to-end update path, or explain why it does not apply.", av_03},
        {"AV-04", "Security use cases for every safety-relevant function", "Architecture views", "G25 V.B.2(d)", REC, 0,
         "views: a security_use_case view (or not_applicable with a rationale); every asset with safety_relevant: true "
         "is among the functions of a use case.",
         "Add a security use case (use_cases) covering the asset in its functions, and present it in a "
         "security_use_case view.",
         av_04},
        {"AV-05", "Details for every communication path", "Architecture views", "G25 App. 2 B", REC, 0,
         "Every flow between two components that are not users: the assets it carries, and a protocol version or port "
         "(on the flow, or protocols/ports on the interfaces it uses).  Authentication and encryption are required by "
         "the model format; AV-06 checks them on trust boundaries.",
         "Add assets, protocol_version and port to the flow (or protocols and ports to its interfaces).", av_05},
        {"AV-06", "Trust-boundary flows authenticated and encrypted", "Architecture views",
         "G25 App. 1 (AUTHN-1, AUTHN-2, CONF-1); App. 2 B", REC, 0,
         "Flows between components in different zones (users excepted): authentication and encryption are not "
         "\"none\", \"no\", \"n/a\", \"-\" or blank.  A statement with its reason (\"None: the link carries no "
         "secrets\") counts.",
         "Protect the flow, or state why no authentication or encryption is needed (\"None: ...\").", av_06},
        /* TST */
        {"TST-01", "Security requirements testing", "Testing", "G25 V.C", REC, HELP,
         "A performed test (result other than planned) of kind security_requirements.",
         "Add the security requirements test evidence (tests[].kind: security_requirements).", tst_01},
        {"TST-02", "Threat mitigation testing", "Testing", "G25 V.C", REC, HELP,
         "A performed test of kind threat_mitigation.", "Add the threat mitigation test evidence.", tst_02},
        {"TST-03", "Vulnerability testing", "Testing", "G25 V.C", REC, HELP,
         "A performed test of each kind fuzz, attack_surface, vulnerability_chaining, closed_box_scan, sca, "
         "static_analysis and dynamic_analysis.",
         "Add the missing kind of vulnerability testing (or explain in the test report why it does not apply).",
         tst_03},
        {"TST-04", "Penetration testing", "Testing", "G25 V.C", REC, HELP, "A performed test of kind penetration.",
         "Add the penetration test evidence.", tst_04},
        {"TST-05", "Penetration test report complete", "Testing", "G25 V.C", REC, HELP,
         "Every performed penetration test: independence, expertise, scope, duration (start and end, or duration), "
         "methods, and findings when the result has findings.",
         "Complete the penetration test's record.", tst_05},
        {"TST-06", "Testers, tools and finding assessments recorded", "Testing", "G25 V.C; footnote 46", REC, HELP,
         "Every test: who performed it and their independence; the tool's version and configuration (a tool is "
         "required for fuzz, closed_box_scan, sca, static_analysis and dynamic_analysis); the original report for "
         "third-party tests; a rationale for every accepted, mitigated or false_positive finding.",
         "Complete the test record: performed_by, independence, tool (name, version, configuration), report, and each "
         "finding's rationale.",
         tst_06},
        {"TST-07", "Failed tests and open or deferred findings resolved or justified", "Testing", "G25 V.C", REC, HELP,
         "Tests with result fail (each of their findings needs a disposition other than open and a rationale); open "
         "findings (need a rationale); deferred findings (need a rationale and a deferral plan).",
         "Fix and retest, or record the assessment (rationale) and, for deferred fixes, the deferral plan: timeline "
         "and how fielded devices get the fix.",
         tst_07},
        /* LBL */
        LBL(01, 1, "recommended cybersecurity controls for the use environment", "G25 VI.A"),
        LBL(02, 2, "diagrams sufficient for users to implement those controls", "G25 VI.A"),
        LBL(03, 3, "network ports and other interfaces, with function, direction and approved endpoints",
            "G25 VI.A; RTA checklist item I"),
        LBL(04, 4, "supporting infrastructure, secure deployment and servicing, incident response", "G25 VI.A"),
        LBL(05, 5, "SBOM available to users, machine-readable and kept current", "G25 VI.A; V.A.4"),
        LBL(06, 6, "obtaining authorized, version-identifiable software and learning of updates", "G25 VI.A"),
        LBL(07, 7, "how the device responds to and records security events", "G25 VI.A"),
        LBL(08, 8, "features that protect critical functionality", "G25 VI.A"),
        LBL(09, 9, "backup and restore of authenticated configurations", "G25 VI.A"),
        LBL(10, 10, "retention and recovery of configuration by authorized users", "G25 VI.A"),
        LBL(11, 11, "secure configuration as shipped and risky user changes", "G25 VI.A"),
        LBL(12, 12, "forensic evidence capture (logs)", "G25 VI.A"),
        LBL(13, 13, "end of support and end of life, with the risk-transfer process", "G25 VI.A"),
        LBL(14, 14, "secure decommissioning", "G25 VI.A"),
        /* CMP */
        CMP(01, 1, "personnel responsible", "G25 VI.B"),
        CMP(02, 2, "sources, methods and frequency of vulnerability monitoring", "G25 VI.B"),
        CMP(03, 3, "identifying and addressing CISA KEV vulnerabilities", "G25 VI.B"),
        CMP(04, 4, "periodic security testing", "G25 VI.B"),
        CMP(05, 5, "timeline to develop and release patches", "G25 VI.B; 524B(b)(2)"),
        CMP(06, 6, "update processes", "G25 VI.B"),
        CMP(07, 7, "patching capability (rate updates reach devices)", "G25 VI.B"),
        CMP(08, 8, "coordinated vulnerability disclosure process", "G25 VI.B; 524B(b)(1)"),
        CMP(09, 9, "communicating remediations and updates to customers", "G25 VI.B"),
        /* 524 */
        {"524-01", "Coordinated vulnerability disclosure in the 524B(b)(1) plan", "Cyber device (524B)",
         "G25 VII.C.1; 524B(b)(1)", REQ, STAT,
         "management_plan.cvd: a published policy or contact; handling of vulnerabilities reported by external "
         "parties; disclosure of those the manufacturer finds; procedures to inform users, patients and facilities.  "
         "Only for cyber devices (not for IDEs).",
         "Fill management_plan.cvd: policy or contact, external, internal, disclosure.", s524_01},
        {"524-02", "Patch timeline with justification and out-of-cycle process", "Cyber device (524B)",
         "G25 VII.C.1; 524B(b)(2)(A),(B)", REQ, STAT,
         "management_plan.patch_cycle: the regular update cycle (regular_days) with its justification, and the "
         "out-of-cycle process for critical vulnerabilities with uncontrolled risk.  Only for cyber devices.",
         "Fill management_plan.patch_cycle: regular_days, justification, out_of_cycle (and critical_days).", s524_02},
        {"524-03", "Related systems covered", "Cyber device (524B)", "G25 VII.C.2; 524B(b)(2)", REQ, STAT,
         "management_plan.related_systems: update servers, other functions, connections to healthcare facilities.  "
         "Only for cyber devices.",
         "Name the related systems the processes cover in management_plan.related_systems.", s524_03},
        /* MOD, IDE */
        {"MOD-01", "Modification documentation", "Modifications", "G25 VII.D", REC, 0,
         "Only when device.previous_clearance exists: the impact classification and a summary of the changes; when the "
         "change is unlikely to impact cybersecurity, also the statement on critical vulnerabilities, the remediation "
         "history, the 524B(b)(1) plan (or its reference) and an SBOM.",
         "Complete device.previous_clearance (impact, changes, critical_vulnerabilities, remediation_history) and, for "
         "unlikely_to_impact, reference the plan and include the SBOM.",
         mod_01},
        {"IDE-01", "IDE subset: general labeling and consent-form risks", "IDE", "G25 Appendix 3", REC, 0,
         "Only when submission_type is ide: general labeling with connectivity (L3) and the update process (L6), and "
         "the general risks (residual-risk conclusion or risk transfers) for the informed-consent form.  The views, "
         "use cases and SBOM of Appendix 3 are checked by AV-01 to AV-04 and SB-01, which stay recommended for IDEs.",
         "Add labeling items L3 and L6 and state the residual-risk conclusion; list the cybersecurity risks in the "
         "informed-consent form (outside the model).",
         ide_01},
};

const size_t pm_check_n_rules = sizeof pm_check_rules / sizeof pm_check_rules[0];
