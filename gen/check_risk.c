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

/* A threat's controls with a status, as "K1, K2 and K3"; the caller frees it.  NULL when none. */
static char *controls_with(const pm_model *m, const pm_threat *t, int status)
{
	ck_missing l = {{0}, 0};
	for (size_t k = 0; k < t->controls.n; k++) {
		const pm_control *ct = pm_model_obj(m, PM_K_CONTROL, t->controls.v[k].idx);
		if (ct && t->controls.v[k].kind == PM_K_CONTROL && ct->status.v == status)
			ck_miss(&l, false, ck_id(ct->id));
	}
	return l.n ? ck_joined(&l) : NULL;
}

/* For each threat i, the first register entry of threat i whose `pick`
 * holds, or NULL: one pass over the register (a search per threat would be
 * quadratic: 100,000 threats have some 200,000 entries).  The caller frees
 * the array. */
static const pm_risk **entries_where(const pm_model *m, bool (*pick)(const pm_risk *r))
{
	const pm_risk **first = pm_xcalloc(m->threats.n ? m->threats.n : 1, sizeof *first);
	for (size_t k = 0; k < m->risk.n; k++) {
		const pm_risk *r = &m->risk.v[k];
		if (r->threat >= 0 && (size_t)r->threat < m->threats.n && !first[r->threat] && pick(r))
			first[r->threat] = r;
	}
	return first;
}

/* Nothing credited: the residual is the assessment before controls (docs/risk-method.md). */
static bool residual_unchanged(const pm_risk *r)
{
	return r->basis == PM_RES_UNCHANGED;
}

static pm_check_status ra_03(const pm_model *m, pm_check_ctx *c)
{
	const pm_risk **unchanged = entries_where(m, residual_unchanged);
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_threat *t = &m->threats.v[i];
		char *impl = unchanged[i] ? controls_with(m, t, PM_CS_IMPLEMENTED) : NULL;
		if (impl) {
			if (!t->cvss.s)
				pm_check_add(
				        c, t->at,
				        "threat %s has implemented controls but no score after them: it has no cvss "
				        "vector and no residual assessment (residual.exploitability or residual.cvss)",
				        ck_id(t->id));
			else
				pm_check_add(
				        c, t->at,
				        "threat %s has implemented controls (%s) but none is credited: none has an "
				        "effect that applies to its CVSS vector, and it states no residual assessment "
				        "(residual.exploitability or residual.cvss), so its residual risk is its risk "
				        "before controls",
				        ck_id(t->id), impl);
		}
		free(impl);
	}
	free(unchanged);
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

/* The residual risk is outside the acceptance criteria (G25 Appendix 5: uncontrolled). */
static bool not_acceptable_after(const pm_risk *r)
{
	return !r->after.acceptable;
}

static pm_check_status ra_07(const pm_model *m, pm_check_ctx *c)
{
	size_t n;
	bool *unc = threats_with(m, not_acceptable_after, &n);
	bool general = ck_has(m->risk_management.benefit_risk);
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_threat *t = &m->threats.v[i];
		if (!unc[i] || general || ck_has(t->benefit_risk))
			continue;
		char *planned = controls_with(m, t, PM_CS_PLANNED), *impl = controls_with(m, t, PM_CS_IMPLEMENTED);
		pm_check_add(c, t->at,
		             "threat %s keeps a residual risk outside the acceptance criteria without a benefit-risk "
		             "rationale (benefit_risk)%s%s%s",
		             ck_id(t->id), planned && !impl ? "; its controls (" : "", planned && !impl ? planned : "",
		             planned && !impl ? ") are only planned, and planned controls reduce no risk" : "");
		free(planned);
		free(impl);
	}
	free(unc);
	if (!pm_check_count(c) && n)
		pm_check_note(
		        c, "%zu residual risks outside the acceptance criteria, each with a benefit-risk rationale", n);
	else if (!pm_check_count(c))
		pm_check_note(c, "every residual risk is within the acceptance criteria");
	return pm_check_verdict(c);
}

static bool unverified(const pm_risk *r)
{
	return r->uncontrolled == PM_UNC_UNVERIFIED;
}

/* The threat's credited controls that no passed test verifies: for an explicit
 * residual every implemented control, else the implemented ones with an effect. */
static char *unverified_controls(const pm_model *m, const pm_threat *t, pm_residual_basis basis)
{
	ck_missing l = {{0}, 0};
	for (size_t k = 0; k < t->controls.n; k++) {
		const pm_ref *r = &t->controls.v[k];
		const pm_control *ct = r->kind == PM_K_CONTROL ? pm_model_obj(m, PM_K_CONTROL, r->idx) : NULL;
		if (ct && ct->status.v == PM_CS_IMPLEMENTED && !m->risk.control_verified[r->idx] &&
		    (basis == PM_RES_EXPLICIT || ct->effect.s))
			ck_miss(&l, false, ck_id(ct->id));
	}
	return ck_joined(&l);
}

static pm_check_status ra_08(const pm_model *m, pm_check_ctx *c)
{
	size_t n = 0;
	const pm_risk **first = entries_where(m, unverified);
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_risk *r = first[i];
		if (!r)
			continue;
		n++;
		char *list = unverified_controls(m, &m->threats.v[i], r->basis);
		pm_check_add(c, m->threats.v[i].at,
		             "the residual risk of threat %s is acceptable only if controls %s work, and no test with "
		             "result pass or pass_with_findings verifies them: its outcome is uncontrolled",
		             ck_id(m->threats.v[i].id), *list ? list : "?");
		free(list);
	}
	free(first);
	if (!n)
		pm_check_note(c, "every acceptable residual risk that rests on controls rests on verified ones");
	return pm_check_verdict(c);
}

static bool explicit_without_control(const pm_risk *r)
{
	return r->uncontrolled == PM_UNC_NO_CONTROL;
}

static pm_check_status ra_09(const pm_model *m, pm_check_ctx *c)
{
	const pm_risk **first = entries_where(m, explicit_without_control);
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_threat *t = &m->threats.v[i];
		if (!first[i])
			continue;
		char *planned = controls_with(m, t, PM_CS_PLANNED);
		pm_check_add(
		        c, ck_at2(t->residual.at, t->at),
		        "threat %s is acceptable after controls only through its explicit residual "
		        "(residual.exploitability or residual.cvss), and no implemented control is credited: %s%s%s",
		        ck_id(t->id), planned ? "its controls (" : "it lists no implemented control (controls)",
		        planned ? planned : "",
		        planned ? ") are only planned, and planned controls reduce no risk" : "");
		free(planned);
	}
	free(first);
	return pm_check_verdict(c);
}

static pm_check_status ra_10(const pm_model *m, pm_check_ctx *c)
{
	size_t planned = 0, implemented = 0;
	for (size_t i = 0; i < m->controls.n; i++) {
		planned += m->controls.v[i].status.v == PM_CS_PLANNED;
		implemented += m->controls.v[i].status.v == PM_CS_IMPLEMENTED;
	}
	if (!planned && !implemented)
		return pm_check_na(c, "the model has no implemented or planned control (see RMR-03)");
	if (!implemented && m->threats.n)
		pm_check_add(c, ck_at3(m->controls.at, m->threats.at, m->device.at),
		             "every control of the model is planned (%zu planned, none implemented): planned controls "
		             "reduce no risk, so no risk before controls that is not acceptable becomes controlled",
		             planned);
	else
		pm_check_note(c, "%zu implemented and %zu planned controls", implemented, planned);
	return pm_check_verdict(c);
}

static pm_check_status ra_11(const pm_model *m, pm_check_ctx *c)
{
	const pm_register *R = &m->risk;
	if (!R->n)
		return pm_check_na(c, "the register is empty (no threat affects an asset)");
	size_t implemented = 0;
	for (size_t i = 0; i < m->controls.n; i++)
		implemented += m->controls.v[i].status.v == PM_CS_IMPLEMENTED;
	if (!implemented && m->controls.n)
		return pm_check_na(c, "every control is planned (see RA-10)");
	if (!R->controls_credited)
		pm_check_add(c, ck_at3(m->risk_management.residual_risk_conclusion.at, m->threats.at, m->device.at),
		             "no register entry rests on a credited control: of the %zu entries, %u are acceptable "
		             "before controls and %u uncontrolled; the residual-risk conclusion can claim no "
		             "controlled risk",
		             R->n, (unsigned)R->device.acceptable, (unsigned)R->device.uncontrolled_after);
	else
		pm_check_note(c, "%u controls credited, %u of them verified", (unsigned)R->controls_credited,
		              (unsigned)R->controls_verified);
	return pm_check_verdict(c);
}

static pm_check_status ra_12(const pm_model *m, pm_check_ctx *c)
{
	if (ck_default_policy(m))
		pm_check_add(c, m->device.at,
		             "the model relies on premarket's default risk policy (models/default-policy.yaml): the "
		             "acceptance criteria are the tool's, not the manufacturer's (risk_policy)");
	else
		pm_check_note(c, "the model states its own risk policy%s%s", m->risk_policy.name.s ? ": " : "",
		              m->risk_policy.name.s ? m->risk_policy.name.s : "");
	return pm_check_verdict(c);
}

/* Two document references agree: equal, or one names the other as a whole phrase
 * ("SRMP-700 rev C" and "SRMP-700 rev C (Security Risk Management Plan)"). */
static bool same_document(const char *a, const char *b)
{
	return ck_mentions(a, b) || ck_mentions(b, a);
}

static pm_check_status ra_13(const pm_model *m, pm_check_ctx *c)
{
	const pm_policy *p = &m->risk_policy;
	if (ck_default_policy(m))
		return pm_check_na(c, "the model relies on the default policy (see RA-12)");
	const pm_str *ref = &m->risk_management.plan_reference;
	if (!ck_has(p->document.id))
		pm_check_add(c, ck_at2(p->at, m->device.at),
		             "the risk policy does not name the manufacturer's document that defines it "
		             "(risk_policy.document: id with revision, and title)");
	else if (ck_has(*ref) && !same_document(ref->s, p->document.id.s))
		pm_check_add(c, ref->at,
		             "the security risk management plan referenced (risk_management.plan_reference: %s) is not "
		             "the document that defines the risk policy (risk_policy.document.id: %s)",
		             ref->s, p->document.id.s);
	else
		pm_check_note(c, "the policy is defined in %s", p->document.id.s);
	return pm_check_verdict(c);
}

static pm_check_status ra_14(const pm_model *m, pm_check_ctx *c)
{
	const pm_policy *p = &m->risk_policy;
	if (!p->multi_patient_step.at.line)
		pm_check_add(c, ck_at2(p->at, m->device.at),
		             "the risk policy does not state how much multi-patient harm weighs "
		             "(risk_policy.multi_patient_step; premarket assumes 1)");
	else if (p->multi_patient_step.v == 0)
		pm_check_add(c, p->multi_patient_step.at,
		             "the risk policy's multi_patient_step is 0: a threat that can harm many patients at once "
		             "weighs no more than one that harms a single patient");
	else
		pm_check_note(c, "multi-patient threats are raised by %d severity level%s",
		              (int)p->multi_patient_step.v, p->multi_patient_step.v == 1 ? "" : "s");
	return pm_check_verdict(c);
}

static bool serious_before(const pm_risk *r)
{
	return r->before.severity >= PM_HARM_SERIOUS;
}

static pm_check_status ra_15(const pm_model *m, pm_check_ctx *c)
{
	const pm_risk **first = entries_where(m, serious_before);
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_threat *t = &m->threats.v[i];
		const pm_risk *r = first[i];
		if (r && !t->hazards.n)
			pm_check_add(
			        c, t->at,
			        "threat %s can cause %s harm but names no hazard of the safety risk management file "
			        "(hazards)",
			        ck_id(t->id), pm_enum_names_harm[r->before.severity]);
		for (size_t h = 0; h < t->hazards.n; h++)
			if (!ck_has(t->hazards.v[h].document))
				pm_check_add(
				        c, t->hazards.v[h].at,
				        "hazard %s of threat %s does not say which safety risk management document "
				        "holds it (document)",
				        ck_id(t->hazards.v[h].id), ck_id(t->id));
	}
	free(first);
	return pm_check_verdict(c);
}

/* The asset's highest harm among the properties an assessment impacts (the
 * severity the method takes when the threat states no harm), -1 when none. */
static int asset_harm(const pm_asset *a, unsigned impacted)
{
	int h = -1;
	const pm_enum *by[3] = {&a->harm.confidentiality, &a->harm.integrity, &a->harm.availability};
	const unsigned prop[3] = {PM_PROP_C, PM_PROP_I, PM_PROP_A};
	for (int k = 0; k < 3; k++)
		if ((impacted & prop[k]) && by[k]->at.line && by[k]->v > h)
			h = by[k]->v;
	return h;
}

static pm_check_status ra_16(const pm_model *m, pm_check_ctx *c)
{
	for (size_t i = 0; i < m->threats.n; i++) {
		const pm_threat *t = &m->threats.v[i];
		bool why = ck_has(t->rationale);
		if (t->residual.at.line && (t->residual.cvss.s || t->residual.exploitability.s) &&
		    !ck_has(t->residual.rationale))
			pm_check_add(
			        c, t->residual.at,
			        "threat %s states its residual (residual.%s) without saying why (residual.rationale)",
			        ck_id(t->id), t->residual.cvss.s ? "cvss" : "exploitability");
		if (t->harm.at.line && !why)
			for (size_t k = 0; k < m->risk.n; k++) {
				const pm_risk *r = &m->risk.v[k];
				int h = r->threat == (int32_t)i ? asset_harm(&m->assets.v[r->asset], r->before.impacted)
				                                : -1;
				if (h > t->harm.v) {
					pm_check_add(c, t->harm.at,
					             "threat %s states harm %s, lower than the %s harm of asset %s it "
					             "impacts, without a rationale (rationale)",
					             ck_id(t->id), pm_enum_names_harm[t->harm.v], pm_enum_names_harm[h],
					             ck_id(m->assets.v[r->asset].id));
					break;
				}
			}
		int32_t g;
		if (t->multi_patient.at.line && !t->multi_patient.v && !why &&
		    pm_risk_fleet_target(m, t, &g) != PM_MULTI_NO)
			pm_check_add(
			        c, t->multi_patient.at,
			        "threat %s says multi_patient: false, but its target %s reaches the whole fleet; say "
			        "why only one patient can be harmed (rationale)",
			        ck_id(t->id), ck_id(t->targets.v[g].id));
	}
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
        {{"RA-08", "Acceptable residual risks rest on verified controls", "Risk assessment", "G25 V.B.1; V.C", REC,
          HELP,
          "The risk register: every threat whose residual risk is acceptable only through credited controls has each "
          "of them verified (a test with result pass or pass_with_findings); otherwise its outcome is uncontrolled.",
          "Test the controls and record the passed test under controls[].tests, or correct the test result."},
         ra_08},
        {{"RA-09", "Explicit residuals credit implemented controls", "Risk assessment", "G25 V.A.2; App. 5", REC, HELP,
          "The risk register: no threat whose risk is not acceptable before controls is made acceptable by an explicit "
          "residual (residual.exploitability or residual.cvss) while no implemented control of it is credited.",
          "Name the implemented controls that achieve the stated residual under threats[].controls, or remove the "
          "explicit residual and treat the risk as uncontrolled until they are implemented."},
         ra_09},
        {{"RA-10", "Risk reduction rests on implemented controls", "Risk assessment", "G25 V.B.1", REC, HELP,
          "controls: when the model has threats and controls, at least one control is implemented.  A model whose "
          "controls are all planned reduces no risk: nothing in it is controlled.",
          "Implement and verify the controls the device relies on (status: implemented, with tests), or document the "
          "device as it is and treat its risks as uncontrolled."},
         ra_10},
        {{"RA-11", "Acceptability rests on credited controls", "Risk assessment", "G25 V.A.2; V.B.1", ADV, 0,
          "The risk register: at least one entry credits a control.  A register whose entries are all acceptable "
          "before controls (or only through explicit residuals) rests on the inherent risk alone.",
          "Check the scores before controls (worst-case exploitability, the asset's harm), give the implemented "
          "controls their effect, and state in the residual-risk conclusion that no risk relies on a control if that "
          "is so."},
         ra_11},
        {{"RA-12", "The manufacturer's own risk policy", "Risk assessment", "G25 V.A.2", REC, HELP,
          "risk_policy: the model states its own risk policy (scales, matrix, acceptability) instead of relying on "
          "premarket's default (models/default-policy.yaml, or a copy that keeps its name and names no document).",
          "Copy models/default-policy.yaml next to the model, adapt it to the manufacturer's acceptance criteria, name "
          "the document that defines it (risk_policy.document) and include it."},
         ra_12},
        {{"RA-13", "Risk policy named by its document, the plan referenced", "Risk assessment",
          "G25 V.A; V.A.2 (AAMI TIR57; ANSI/AAMI SW96)", ADV, 0,
          "The model's own risk_policy: risk_policy.document names the document that defines it, and "
          "risk_management.plan_reference names the same document (equal, or one contains the other as a whole "
          "phrase).",
          "Name the security risk management plan that defines the policy in risk_policy.document (id with revision, "
          "title) and reference the same document in risk_management.plan_reference."},
         ra_13},
        {{"RA-14", "Multi-patient harm weighed by the policy", "Risk assessment", "G25 V.B.2(b)", ADV, 0,
          "risk_policy.multi_patient_step: stated, and not 0.",
          "State in risk_policy.multi_patient_step how many severity levels a threat that can harm several patients "
          "at once is raised (1 or more), or explain in the policy why multi-patient risks need no different "
          "assessment."},
         ra_14},
        {{"RA-15", "Serious harms linked to safety hazards", "Risk assessment", "G25 V.A.2; App. 2 B", ADV, 0,
          "threats[].hazards: every threat whose severity before controls is serious or higher names the hazards of "
          "the safety risk management file it can lead to, and every hazard names its document.",
          "List the hazards (id, title, document) of the ISO 14971 risk management file the threat can lead to under "
          "threats[].hazards."},
         ra_15},
        {{"RA-16", "Statements that lower a risk are justified", "Risk assessment", "G25 V.A.2; App. 2 B", REC, HELP,
          "threats[]: an explicit residual has residual.rationale; a stated harm lower than the harm of an asset the "
          "threat impacts, and multi_patient: false on a threat whose target reaches the whole fleet, have a "
          "rationale.",
          "Say why in residual.rationale (for the residual) or rationale (for the harm and the multi-patient flag), "
          "or remove the statement and let the method derive the value."},
         ra_16},
};

const pm_check_area pm_check_area_risk = {rules, sizeof rules / sizeof *rules};
