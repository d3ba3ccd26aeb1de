/* check_vulns.c — VA, known vulnerabilities (G25 V.A.4.b): listed, how found,
 * assessed, in the risk register, disclosed to users; UA, unresolved
 * anomalies (V.A.5), exploitable ones covered by a threat; MET, the TPLC
 * metrics of how fast vulnerabilities are patched (V.A.6), against the
 * plan's own cycle.  Checks, then their rows. */
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

/* Status affected or under_investigation: the vulnerability may apply to the device. */
static bool open_status(const pm_vulnerability *v)
{
	return v->status.at.line && (v->status.v == PM_VEX_AFFECTED || v->status.v == PM_VEX_UNDER_INVESTIGATION);
}

/* The number of register entries of threat t. */
static size_t entries_of(const pm_model *m, int32_t t)
{
	size_t n = 0;
	for (size_t k = 0; k < m->risk.n; k++)
		n += m->risk.v[k].threat == t;
	return n;
}

static pm_check_status va_04(const pm_model *m, pm_check_ctx *c)
{
	size_t open = 0;
	for (size_t i = 0; i < m->vulnerabilities.n; i++) {
		const pm_vulnerability *v = &m->vulnerabilities.v[i];
		if (!open_status(v))
			continue;
		open++;
		size_t entries = 0;
		for (size_t k = 0; k < v->threats.n; k++)
			if (v->threats.v[k].kind == PM_K_THREAT)
				entries += entries_of(m, v->threats.v[k].idx);
		if (!v->threats.n)
			pm_check_add(c, v->at,
			             "vulnerability %s is %s and no threat of the risk assessment covers it (threats)",
			             ck_id(v->id), pm_enum_names_vex_status[v->status.v]);
		else if (!entries)
			pm_check_add(c, v->threats.at,
			             "vulnerability %s is %s, and the threats that cover it have no entry in the risk "
			             "register (they affect no asset)",
			             ck_id(v->id), pm_enum_names_vex_status[v->status.v]);
	}
	if (!open)
		return pm_check_na(c, "no vulnerability is affected or under investigation");
	if (!pm_check_count(c))
		pm_check_note(c, "%zu affected or under-investigation vulnerabilities, each assessed in the register",
		              open);
	return pm_check_verdict(c);
}

/* Whether users are told of vulnerability v: disclosed_in, or its id or CVE named
 * in a labeling item (content or location) or in a risk transfer. */
static bool disclosed(const pm_model *m, const pm_vulnerability *v)
{
	if (ck_has(v->disclosed_in))
		return true;
	const char *names[2] = {v->id.s, v->cve.s};
	for (int w = 0; w < 2; w++) {
		if (!names[w])
			continue;
		for (size_t i = 0; i < m->labeling.items.n; i++) {
			const pm_item *it = &m->labeling.items.v[i];
			if (ck_mentions(it->content.s, names[w]) || ck_mentions(it->location.s, names[w]))
				return true;
		}
		for (size_t i = 0; i < m->risk_management.risk_transfers.n; i++) {
			const pm_risk_transfer *t = &m->risk_management.risk_transfers.v[i];
			if (ck_mentions(t->description.s, names[w]))
				return true;
		}
	}
	return false;
}

static pm_check_status va_05(const pm_model *m, pm_check_ctx *c)
{
	size_t affected = 0;
	for (size_t i = 0; i < m->vulnerabilities.n; i++) {
		const pm_vulnerability *v = &m->vulnerabilities.v[i];
		if (!v->status.at.line || v->status.v != PM_VEX_AFFECTED)
			continue;
		affected++;
		if (!disclosed(m, v))
			pm_check_add(c, v->at,
			             "vulnerability %s affects the device, and nothing says where users are told of it "
			             "(disclosed_in, or its id in a labeling item or a risk transfer)",
			             ck_id(v->id));
	}
	if (!affected)
		return pm_check_na(c, "no vulnerability affects the device");
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

static pm_check_status ua_02(const pm_model *m, pm_check_ctx *c)
{
	size_t n = 0;
	for (size_t i = 0; i < m->anomalies.n; i++) {
		const pm_anomaly *a = &m->anomalies.v[i];
		if (!a->exploitable.at.line || a->exploitable.v == PM_EXPLT_NOT)
			continue;
		n++;
		if (!a->threats.n)
			pm_check_add(
			        c, a->exploitable.at,
			        "anomaly %s can be exploited (%s access) and no threat of the threat model covers it "
			        "(threats)",
			        ck_id(a->id), pm_enum_names_exploitable[a->exploitable.v]);
	}
	if (!n)
		return pm_check_na(c, "no anomaly is stated to be exploitable (anomalies[].exploitable)");
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

static pm_check_status met_02(const pm_model *m, pm_check_ctx *c)
{
	const pm_metrics *x = &m->metrics;
	const pm_patch_cycle *p = &m->management_plan.patch_cycle;
	if (!x->at.line || !x->available.v || !x->mean_days_to_patch.at.line || !p->regular_days.at.line)
		return pm_check_na(c, "no measured time to patch to compare with a regular patch cycle "
		                      "(metrics.mean_days_to_patch, management_plan.patch_cycle.regular_days)");
	if (x->mean_days_to_patch.v > p->regular_days.v && !ck_has(x->assessment))
		pm_check_add(
		        c, x->mean_days_to_patch.at,
		        "the mean time to patch (%g days) is longer than the management plan's regular patch cycle "
		        "(%g days), and the metrics do not say why or what is done about it (metrics.assessment)",
		        x->mean_days_to_patch.v, p->regular_days.v);
	else
		pm_check_note(c, "mean time to patch %g days, regular cycle %g days", x->mean_days_to_patch.v,
		              p->regular_days.v);
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
        {{"VA-04", "Open vulnerabilities assessed in the risk register", "Vulnerabilities", "G25 V.A; V.A.4.b", REC,
          HELP,
          "vulnerabilities[].threats of every affected or under_investigation vulnerability: at least one threat "
          "that covers it, with an entry in the risk register (G25 V.A: known vulnerabilities only partially "
          "mitigated or unmitigated are assessed as reasonably foreseeable risks).",
          "Add a threat for the vulnerability (or name the existing one) under vulnerabilities[].threats, with the "
          "assets it affects, so that its risk is scored before and after controls."},
         va_04},
        {{"VA-05", "Affected vulnerabilities disclosed to users", "Vulnerabilities", "G25 V.A; V.A.4", REC, HELP,
          "Every affected vulnerability: where users are told of it (vulnerabilities[].disclosed_in), or its id or CVE "
          "named in a labeling item (content or location) or a risk transfer.",
          "Tell users of the vulnerability and what to do in the labeling (security implementation guide, customer "
          "portal) and record where in disclosed_in."},
         va_05},
        /* UA, MET */
        {{"UA-01", "Unresolved anomalies assessed for security", "Unresolved anomalies", "G25 V.A.5", REC, HELP,
          "anomalies: present (an empty list says there are none); risk_management.anomaly_criteria; every anomaly "
          "with a security impact names its CWE categories.",
          "State the criteria and rationale for handling security-relevant anomalies in "
          "risk_management.anomaly_criteria, list the unresolved anomalies, and give each its CWE categories."},
         ua_01},
        {{"UA-02", "Exploitable anomalies covered by the threat model", "Unresolved anomalies", "G25 V.A.5; V.A.1", REC,
          HELP,
          "anomalies[] whose exploitable says a threat could exploit them (physical, local, adjacent or network): "
          "each names the threats of the threat model that cover it (threats).",
          "Add a threat for the anomaly's exploitation (or name the existing one) under anomalies[].threats, or fix "
          "the "
          "anomaly."},
         ua_02},
        {{"MET-01", "TPLC security metrics or a plan", "TPLC metrics", "G25 V.A.6", REC, HELP,
          "metrics: when available, percent_patched, mean_days_to_patch and mean_days_to_deploy; otherwise a plan.",
          "Give the three metrics from marketed versions, or set available: false and describe the collection plan."},
         met_01},
        {{"MET-02", "Metrics agree with the plan's patch targets", "TPLC metrics", "G25 V.A.6; VII.C.1", ADV, 0,
          "When metrics are available: the mean time to patch (metrics.mean_days_to_patch) is not longer than the "
          "management plan's regular cycle (management_plan.patch_cycle.regular_days), or metrics.assessment says why "
          "and what is done.",
          "Explain the difference in metrics.assessment (which vulnerabilities took longer, what changed in the "
          "process), or revise the plan's cycle and its justification."},
         met_02},
};

const pm_check_area pm_check_area_vulns = {rules, sizeof rules / sizeof *rules};
