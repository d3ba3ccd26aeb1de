/* check_submission.c — checks that depend on the kind of submission: MOD,
 * a modification of a cleared device (G25 VII.D); IDE, the subset for an
 * investigational device exemption (G25 Appendix 3).  Checks, then their
 * rows. */
#include "check_internal.h"

#include <stdio.h>

static pm_check_status mod_01(const pm_model *m, pm_check_ctx *c)
{
	const pm_clearance *pc = &m->device.previous_clearance;
	if (!pc->at.line)
		return pm_check_na(c, "no prior versions (device.previous_clearance is absent)");
	ck_missing l = {{0}, 0};
	ck_miss(&l, pc->impact.at.line, "the cybersecurity impact of the change (impact)");
	ck_miss(&l, ck_has(pc->changes), "a summary of the changes (changes)");
	if (pc->impact.at.line && pc->impact.v == PM_MOD_UNLIKELY) {
		ck_miss(&l, ck_has(pc->critical_vulnerabilities),
		        "a statement on critical vulnerabilities with uncontrolled risk (critical_vulnerabilities)");
		ck_miss(&l, ck_has(pc->remediation_history),
		        "the vulnerabilities remediated since then (remediation_history)");
		ck_miss(&l, ck_has(m->management_plan.reference) || m->management_plan.at.line,
		        "the 524B(b)(1) plan or a reference to it (management_plan.reference)");
		ck_miss(&l, m->sbom.components.n || m->sbom.files.n, "an SBOM (sbom)");
	}
	char prefix[300];
	snprintf(prefix, sizeof prefix, "the modification of %s", ck_id(pc->number));
	ck_add_missing(c, pc->at, &l, prefix);
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
	if (!ck_ide(m))
		return pm_check_na(c, "the submission is not an IDE");
	const pm_labeling *l = &m->labeling;
	if (!l->at.line) {
		pm_check_add(c, m->device.at,
		             "an IDE needs general labeling (connectivity, general risks, update process): the model "
		             "has no labeling section");
		return pm_check_verdict(c);
	}
	ck_missing e = {{0}, 0};
	ck_miss(&e, has_item(l->items.v, l->items.n, PM_L3), "its connectivity (item L3)");
	ck_miss(&e, has_item(l->items.v, l->items.n, PM_L6), "its update process (item L6)");
	ck_miss(&e, m->risk_management.risk_transfers.n > 0 || ck_has(m->risk_management.residual_risk_conclusion),
	        "the general cybersecurity risks for the informed-consent form "
	        "(risk_management.residual_risk_conclusion or risk_transfers)");
	ck_add_missing(c, l->at, &e, "the IDE's general labeling");
	if (!pm_check_count(c))
		pm_check_note(
		        c, "general labeling present; confirm the informed-consent form lists the cybersecurity risks");
	return pm_check_verdict(c);
}

static const pm_check_def rules[] = {
        {{"MOD-01", "Modification documentation", "Modifications", "G25 VII.D", REC, 0,
          "Only when device.previous_clearance exists: the impact classification and a summary of the changes; when "
          "the change is unlikely to impact cybersecurity, also the statement on critical vulnerabilities, the "
          "remediation history, the 524B(b)(1) plan (or its reference) and an SBOM.",
          "Complete device.previous_clearance (impact, changes, critical_vulnerabilities, remediation_history) and, "
          "for unlikely_to_impact, reference the plan and include the SBOM."},
         mod_01},
        {{"IDE-01", "IDE subset: general labeling and consent-form risks", "IDE", "G25 Appendix 3", REC, 0,
          "Only when submission_type is ide: general labeling with connectivity (L3) and the update process (L6), and "
          "the general risks (residual-risk conclusion or risk transfers) for the informed-consent form.  The views, "
          "use cases and SBOM of Appendix 3 are checked by AV-01 to AV-04 and SB-01, which stay recommended for IDEs.",
          "Add labeling items L3 and L6 and state the residual-risk conclusion; list the cybersecurity risks in the "
          "informed-consent form (outside the model)."},
         ide_01},
};

const pm_check_area pm_check_area_submission = {rules, sizeof rules / sizeof *rules};
