/* check_risk.c — RA, the risk assessment (G25 V.A.2): scores before and
 * after controls, controls for unacceptable risks, acceptance criteria, the
 * transfer into safety risk management, KEV vulnerabilities, benefit-risk
 * rationales.  Checks, then their rows. */
#include "check_internal.h"

#include <stdlib.h>

#include "xalloc.h"

/* The threats that have a risk (an entry of the register) `pick` selects: a
 * flag per threat, which the caller frees.  *n (may be NULL) counts the
 * risks picked. */
static bool *threats_with(const pm_model *m, bool (*pick)(const pm_risk *r), size_t *n)
{
	bool *flag = pm_xcalloc(m->threats.n + 1, sizeof *flag);
	size_t picked = 0;
	for (size_t k = 0; k < m->risk.n; k++) {
		const pm_risk *r = &m->risk.v[k];
		if (r->threat >= 0 && (size_t)r->threat < m->threats.n && pick(r)) {
			flag[r->threat] = true;
			picked++;
		}
	}
	if (n)
		*n = picked;
	return flag;
}

static bool scored_before(const pm_risk *r)
{
	return r->before.exploit_source != PM_EXPL_NONE;
}

static bool unacceptable_before(const pm_risk *r)
{
	return !r->before.acceptable;
}

/* No score after controls: the score is the one before them, or none. */
static bool unscored_after(const pm_risk *r)
{
	return r->after.exploit_source == PM_EXPL_UNCHANGED || r->after.exploit_source == PM_EXPL_NONE;
}

static bool uncontrolled(const pm_risk *r)
{
	return !r->controlled;
}

static pm_check_status ra_01(const pm_model *m, pm_check_ctx *c)
{
	bool *scored = threats_with(m, scored_before, NULL);
	for (size_t i = 0; i < m->threats.n; i++)
		if (!scored[i])
			pm_check_add(
			        c, m->threats.v[i].at,
			        "threat %s has no score before controls (a cvss vector or an exploitability level)",
			        ck_id(m->threats.v[i].id));
	free(scored);
	if (!pm_check_count(c))
		pm_check_note(c, "%zu risks scored before controls", m->risk.n);
	return pm_check_verdict(c);
}

static pm_check_status ra_02(const pm_model *m, pm_check_ctx *c)
{
	bool *bad = threats_with(m, unacceptable_before, NULL);
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_threat *t = &m->threats.v[i];
		size_t n = 0;
		for (size_t k = 0; k < t->controls.n; k++)
			n += ck_control_counts(m, &t->controls.v[k]);
		if (bad[i] && !n)
			pm_check_add(c, t->at,
			             "threat %s has a risk that is not acceptable before controls and no implemented "
			             "or planned control",
			             ck_id(t->id));
	}
	free(bad);
	return pm_check_verdict(c);
}

static pm_check_status ra_03(const pm_model *m, pm_check_ctx *c)
{
	bool *flag = threats_with(m, unscored_after, NULL);
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
			             ck_id(t->id));
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
		pm_check_add(c, ck_at2(p->at, m->device.at),
		             "the risk policy marks no risk level acceptable: no residual risk can be controlled");
	else
		pm_check_note(c, "acceptance criteria: %s", p->name.s ? p->name.s : "risk policy");
	return pm_check_verdict(c);
}

static pm_check_status ra_05(const pm_model *m, pm_check_ctx *c)
{
	return ck_rm_text(m, c, m->risk_management.safety_risk_transfer, "safety_risk_transfer",
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
			n += ck_control_counts(m, &v->controls.v[k]);
		if ((st == PM_VEX_AFFECTED || st == PM_VEX_UNDER_INVESTIGATION) && !n)
			pm_check_add(c, v->at,
			             "KEV vulnerability %s is %s and no control compensates for it (controls)",
			             ck_id(v->id), pm_enum_names_vex_status[st]);
	}
	if (!pm_check_count(c))
		pm_check_note(c, "%zu KEV vulnerabilities, none unmitigated", kev);
	return pm_check_verdict(c);
}

static pm_check_status ra_07(const pm_model *m, pm_check_ctx *c)
{
	size_t n;
	bool *unc = threats_with(m, uncontrolled, &n);
	bool general = ck_has(m->risk_management.benefit_risk);
	for (size_t i = 0; i < m->threats.n; i++)
		if (unc[i] && !general && !ck_has(m->threats.v[i].benefit_risk))
			pm_check_add(c, m->threats.v[i].at,
			             "threat %s keeps a residual risk outside the acceptance criteria without a "
			             "benefit-risk rationale (benefit_risk)",
			             ck_id(m->threats.v[i].id));
	free(unc);
	if (!pm_check_count(c) && n)
		pm_check_note(c, "%zu uncontrolled residual risks, each with a benefit-risk rationale", n);
	else if (!pm_check_count(c))
		pm_check_note(c, "every residual risk is acceptable");
	return pm_check_verdict(c);
}

static const pm_check_def rules[] = {
        {{"RA-01", "Every risk scored before controls", "Risk assessment", "G25 V.A.2", REC, HELP,
          "The risk register: every threat has a score before controls (an exploitability level from its CVSS vector "
          "or stated, and a severity of harm).",
          "Give the threat a cvss vector or an exploitability level."},
         ra_01},
        {{"RA-02", "Every unacceptable risk has controls", "Risk assessment", "G25 V.A.2", REC, HELP,
          "threats[].controls: every threat with a risk that is not acceptable before controls names an implemented or "
          "planned control.",
          "Add the controls that mitigate the threat to threats[].controls."},
         ra_02},
        {{"RA-03", "Every risk scored after controls", "Risk assessment", "G25 V.A.2", REC, HELP,
          "The risk register: a threat with implemented controls has a score after them: a CVSS vector (controls' "
          "effects applied) or a stated residual assessment; otherwise its controls are not credited.",
          "Give the threat a cvss vector and its controls an effect, or state residual.exploitability or residual.cvss "
          "with a rationale."},
         ra_03},
        {{"RA-04", "Acceptance criteria stated", "Risk assessment", "G25 V.A.2", REC, HELP,
          "The risk policy (the model's risk_policy or the default): at least one risk level is acceptable.",
          "Mark the acceptable risk levels in risk_policy.risk_levels[].acceptable."},
         ra_04},
        {{"RA-05", "Transfer into safety risk management stated", "Risk assessment", "G25 V.A.2", REC, HELP,
          "risk_management.safety_risk_transfer.",
          "Describe how security risks with safety impact enter the ISO 14971 safety risk management."},
         ra_05},
        {{"RA-06", "No unmitigated KEV vulnerability", "Risk assessment", "G25 V.A.2; V.A.4.b", REC, HELP,
          "vulnerabilities with kev: true whose status is affected or under_investigation: each names an implemented "
          "or planned compensating control.",
          "Fix the vulnerability (status: fixed), show it does not apply (not_affected with a justification), or list "
          "the compensating controls under controls."},
         ra_06},
        {{"RA-07", "Uncontrolled residual risks have a benefit-risk rationale", "Risk assessment",
          "G25 V.A.2; App. 5; AAMI TIR57 6.5; ANSI/AAMI SW96 7.4", REC, HELP,
          "The risk register: every threat with a residual risk outside the acceptance criteria has "
          "threats[].benefit_risk, or the report has risk_management.benefit_risk.",
          "Add further controls until the residual risk is acceptable, or give the benefit-risk rationale in "
          "benefit_risk."},
         ra_07},
};

const pm_check_area pm_check_area_risk = {rules, sizeof rules / sizeof *rules};
