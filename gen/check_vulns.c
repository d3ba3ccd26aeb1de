/* check_vulns.c — VA, known vulnerabilities (G25 V.A.4.b); UA, unresolved
 * anomalies (V.A.5); MET, the TPLC metrics of how fast vulnerabilities are
 * patched (V.A.6).  Checks, then their rows. */
#include "check_internal.h"

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
			             ck_id(v->id));
		else if (v->discovery.v == PM_DISC_OTHER && !ck_has(v->discovery_detail))
			pm_check_add(c, v->discovery.at,
			             "vulnerability %s was discovered by \"other\" means that are not described "
			             "(discovery_detail)",
			             ck_id(v->id));
	}
	return pm_check_verdict(c);
}

static pm_check_status va_03(const pm_model *m, pm_check_ctx *c)
{
	if (!m->vulnerabilities.n)
		return pm_check_na(c, "no known vulnerabilities");
	for (size_t i = 0; i < m->vulnerabilities.n; i++) {
		const pm_vulnerability *v = &m->vulnerabilities.v[i];
		if (!ck_has(v->assessment))
			pm_check_add(c, v->at,
			             "vulnerability %s has no safety and security risk assessment (assessment)",
			             ck_id(v->id));
		int st = v->status.v;
		if (v->kev.v || (st != PM_VEX_AFFECTED && st != PM_VEX_UNDER_INVESTIGATION))
			continue; /* KEV entries: RA-06 */
		size_t n = v->threats.n;
		for (size_t k = 0; k < v->controls.n; k++)
			n += ck_control_counts(m, &v->controls.v[k]);
		if (!n)
			pm_check_add(c, v->at,
			             "vulnerability %s is %s and names no compensating control or covering threat "
			             "(controls, threats)",
			             ck_id(v->id), pm_enum_names_vex_status[st]);
	}
	return pm_check_verdict(c);
}

static pm_check_status ua_01(const pm_model *m, pm_check_ctx *c)
{
	const pm_risk_management *rm = &m->risk_management;
	if (!m->anomalies.at.line)
		pm_check_add(c, m->device.at,
		             "the model has no unresolved-anomaly assessment (anomalies; [] when there are none)");
	if (!ck_has(rm->anomaly_criteria))
		pm_check_add(c, ck_at2(rm->at, m->device.at),
		             "the report states no criteria and rationale for handling security-relevant anomalies "
		             "(risk_management.anomaly_criteria)");
	for (size_t i = 0; i < m->anomalies.n; i++) {
		const pm_anomaly *a = &m->anomalies.v[i];
		if (a->security_impact.v != PM_IMP_NONE && a->cwe.n == 0)
			pm_check_add(c, a->at, "anomaly %s has a %s security impact but names no CWE category (cwe)",
			             ck_id(a->id), pm_enum_names_impact[a->security_impact.v]);
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
		ck_missing l = {{0}, 0};
		ck_miss(&l, x->percent_patched.at.line, "percent_patched");
		ck_miss(&l, x->mean_days_to_patch.at.line, "mean_days_to_patch");
		ck_miss(&l, x->mean_days_to_deploy.at.line, "mean_days_to_deploy");
		ck_add_missing(c, x->at, &l, "the metrics (available: true)");
	} else if (!ck_has(x->plan)) {
		pm_check_add(c, x->at,
		             "no metrics are available and no plan says how they will be collected (metrics.plan)");
	}
	return pm_check_verdict(c);
}

static const pm_check_def rules[] = {
        {{"VA-01", "Known-vulnerability list", "Vulnerabilities", "G25 V.A.4.b", REC, HELP,
          "vulnerabilities: present (an empty list says none are known), with KEV entries flagged (kev).",
          "List the known vulnerabilities of the device and its components, or write vulnerabilities: [] when none are "
          "known."},
         va_01},
        {{"VA-02", "Discovery method for every vulnerability", "Vulnerabilities", "G25 V.A.4.b", REC, HELP,
          "vulnerabilities[].discovery, and discovery_detail when the method is other.",
          "Say how each vulnerability was discovered."},
         va_02},
        {{"VA-03", "Assessment and controls for every vulnerability", "Vulnerabilities", "G25 V.A.4.b", REC, HELP,
          "vulnerabilities[].assessment; every affected or under_investigation vulnerability (KEV entries: RA-06) "
          "names a compensating control or a threat that covers it.",
          "Assess the vulnerability's safety and security impact and list its compensating controls or covering "
          "threats."},
         va_03},
        /* UA, MET */
        {{"UA-01", "Unresolved anomalies assessed for security", "Unresolved anomalies", "G25 V.A.5", REC, HELP,
          "anomalies: present (an empty list says there are none); risk_management.anomaly_criteria; every anomaly "
          "with a security impact names its CWE categories.",
          "State the criteria and rationale for handling security-relevant anomalies in "
          "risk_management.anomaly_criteria, list the unresolved anomalies, and give each its CWE categories."},
         ua_01},
        {{"MET-01", "TPLC security metrics or a plan", "TPLC metrics", "G25 V.A.6", REC, HELP,
          "metrics: when available, percent_patched, mean_days_to_patch and mean_days_to_deploy; otherwise a plan.",
          "Give the three metrics from marketed versions, or set available: false and describe the collection plan."},
         met_01},
};

const pm_check_area pm_check_area_vulns = {rules, sizeof rules / sizeof *rules};
