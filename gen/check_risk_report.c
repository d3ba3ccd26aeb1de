/* check_risk_report.c — RMR, the security risk management report (G25 V.A):
 * methods, residual-risk conclusion, mitigation activities, traceability to
 * the SBOM, risk transfers and the plan reference.  Checks, then their rows. */
#include "check_internal.h"

#include <stdlib.h>

#include "xalloc.h"

static pm_check_status rmr_01(const pm_model *m, pm_check_ctx *c)
{
	return ck_rm_text(m, c, m->risk_management.methodology, "methodology", "summary of its methods");
}

static pm_check_status rmr_02(const pm_model *m, pm_check_ctx *c)
{
	return ck_rm_text(m, c, m->risk_management.residual_risk_conclusion, "residual_risk_conclusion",
	                  "residual-risk conclusion");
}

static pm_check_status rmr_03(const pm_model *m, pm_check_ctx *c)
{
	size_t active = 0;
	for (size_t i = 0; i < m->controls.n; i++) {
		const pm_control *k = &m->controls.v[i];
		if (k->status.v != PM_CS_NOT_APPLICABLE)
			active++;
		if (k->status.v == PM_CS_PLANNED && !ck_has(k->target_version) && !ck_has(k->status_rationale))
			pm_check_add(c, k->at,
			             "planned control %s states neither when (target_version) nor how "
			             "(status_rationale) it will be implemented",
			             ck_id(k->id));
	}
	if (m->threats.n && !active)
		pm_check_add(c, ck_at3(m->controls.at, m->threats.at, m->device.at),
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
			             ck_id(k->id), pm_enum_names_component_kind[kind]);
	}
	bool *seen = sbom_reached(m);
	for (size_t s = 0; s < m->sbom.components.n; s++)
		if (!seen[s])
			pm_check_add(c, m->sbom.components.v[s].at,
			             "SBOM component %s is not run by any system component (components[].sbom, or "
			             "depends_on of one that is)",
			             ck_id(m->sbom.components.v[s].id));
	free(seen);
	return pm_check_verdict(c);
}

static pm_check_status rmr_05(const pm_model *m, pm_check_ctx *c)
{
	const pm_risk_management *rm = &m->risk_management;
	if (!rm->risk_transfers.at.line) {
		pm_check_add(c, ck_at2(rm->at, m->device.at),
		             "the report does not state which risks are transferred to users "
		             "(risk_management.risk_transfers; [] when none)");
		return pm_check_verdict(c);
	}
	for (size_t i = 0; i < rm->risk_transfers.n; i++) {
		const pm_risk_transfer *t = &rm->risk_transfers.v[i];
		if (!ck_has(t->disclosed_in))
			pm_check_add(c, t->at,
			             "risk transfer %zu (to %s) does not say where it is disclosed (disclosed_in)",
			             i + 1, t->to.s ? t->to.s : "?");
	}
	return pm_check_verdict(c);
}

static pm_check_status rmr_06(const pm_model *m, pm_check_ctx *c)
{
	return ck_rm_text(m, c, m->risk_management.plan_reference, "plan_reference",
	                  "reference to its security risk management plan");
}

static const pm_check_def rules[] = {
        {{"RMR-01", "Risk evaluation methods summarized", "Risk management report", "G25 V.A", REC, HELP,
          "risk_management.methodology.",
          "Summarize the security risk evaluation methods and processes in risk_management.methodology."},
         rmr_01},
        {{"RMR-02", "Residual-risk conclusion stated", "Risk management report", "G25 V.A", REC, HELP,
          "risk_management.residual_risk_conclusion.",
          "State the overall residual-risk conclusion in risk_management.residual_risk_conclusion."},
         rmr_02},
        {{"RMR-03", "Risk-mitigation activities detailed", "Risk management report", "G25 V.A; V.B.1", REC, HELP,
          "controls: at least one implemented or planned control when the model has threats; every planned control "
          "says when (target_version) or how (status_rationale) it will be implemented.",
          "Describe the controls; for a planned control give target_version and the plan in status_rationale."},
         rmr_03},
        {{"RMR-04", "Traceability from the architecture to the SBOM", "Risk management report",
          "G25 V.A; V.A.4; App. 2 B", REC, HELP,
          "The end of the trace threat -> risk -> control -> test -> SBOM that premarket cannot build from other "
          "links: every device, software and app component names the SBOM components it runs (components[].sbom), and "
          "every inline SBOM component is run by a component directly or through depends_on.  The other links are "
          "checked by RA-02 (threat -> control) and CTL-02 (control -> test).",
          "List the SBOM components each device, software and app component runs under components[].sbom (dependencies "
          "through the SBOM components' depends_on)."},
         rmr_04},
        {{"RMR-05", "Risk transfers disclosed", "Risk management report", "G25 V.A", REC, HELP,
          "risk_management.risk_transfers: stated (an empty list says there are none), each with where it is "
          "disclosed.",
          "List every security risk transferred to users with who takes it on and where it is disclosed "
          "(disclosed_in), or write risk_transfers: [] when there are none."},
         rmr_05},
        {{"RMR-06", "Security risk management plan referenced", "Risk management report",
          "G25 V.A (AAMI TIR57; ANSI/AAMI SW96)", REC, HELP, "risk_management.plan_reference.",
          "Reference the security risk management plan in risk_management.plan_reference."},
         rmr_06},
};

const pm_check_area pm_check_area_risk_report = {rules, sizeof rules / sizeof *rules};
