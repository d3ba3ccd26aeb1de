/* check_plan.c — the cybersecurity management plan: CMP, one check per plan
 * element M1-M9 (G25 VI.B); 524, the sections section 524B(b) requires of a
 * cyber device's plan (G25 VII.C).  Checks, then their rows. */
#include "check_internal.h"

static pm_check_status plan_item(const pm_model *m, pm_check_ctx *c, int which)
{
	const pm_management_plan *p = &m->management_plan;
	ck_item_check(c, p->items.v, p->items.n, which, pm_enum_names_plan_item[which], pm_plan_item_titles[which],
	              ck_at3(p->items.at, p->at, m->device.at), "management_plan");
	return pm_check_verdict(c);
}

#define CMP_FN(n)                                                          \
	static pm_check_status cmp_##n(const pm_model *m, pm_check_ctx *c) \
	{                                                                  \
		return plan_item(m, c, PM_M##n);                           \
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

static pm_check_status not_cyber_or_ide(const pm_model *m, pm_check_ctx *c)
{
	if (m->device.submission_type.at.line && m->device.submission_type.v == PM_SUB_IDE)
		return pm_check_na(c, "section 524B does not apply to an IDE (G25 VII.A)");
	return pm_check_na(c, "not a cyber device (device.cyber_device: the three 524B(c) criteria are not all true)");
}

static pm_check_status s524_01(const pm_model *m, pm_check_ctx *c)
{
	if (!pm_check_is_cyber_device(m) || ck_ide(m))
		return not_cyber_or_ide(m, c);
	const pm_management_plan *p = &m->management_plan;
	const pm_cvd *v = &p->cvd;
	if (!v->at.line) {
		pm_check_add(c, ck_at2(p->at, m->device.at),
		             "the management plan has no coordinated vulnerability disclosure section "
		             "(management_plan.cvd)");
		return pm_check_verdict(c);
	}
	ck_missing l = {{0}, 0};
	ck_miss(&l, ck_has(v->policy) || ck_has(v->contact), "a published policy or contact (policy, contact)");
	ck_miss(&l, ck_has(v->external), "handling of vulnerabilities reported by external parties (external)");
	ck_miss(&l, ck_has(v->internal), "disclosure of vulnerabilities the manufacturer finds (internal)");
	ck_miss(&l, ck_has(v->disclosure), "procedures to inform users, patients and facilities (disclosure)");
	ck_add_missing(c, v->at, &l, "the coordinated vulnerability disclosure section");
	return pm_check_verdict(c);
}

static pm_check_status s524_02(const pm_model *m, pm_check_ctx *c)
{
	if (!pm_check_is_cyber_device(m) || ck_ide(m))
		return not_cyber_or_ide(m, c);
	const pm_management_plan *p = &m->management_plan;
	const pm_patch_cycle *v = &p->patch_cycle;
	if (!v->at.line) {
		pm_check_add(c, ck_at2(p->at, m->device.at),
		             "the management plan has no patch timeline (management_plan.patch_cycle)");
		return pm_check_verdict(c);
	}
	ck_missing l = {{0}, 0};
	ck_miss(&l, v->regular_days.at.line, "a regular update cycle (regular_days)");
	ck_miss(&l, ck_has(v->justification), "the justification of that cycle (justification)");
	ck_miss(&l, ck_has(v->out_of_cycle), "the out-of-cycle process for critical vulnerabilities (out_of_cycle)");
	ck_add_missing(c, v->at, &l, "the patch timeline");
	return pm_check_verdict(c);
}

static pm_check_status s524_03(const pm_model *m, pm_check_ctx *c)
{
	if (!pm_check_is_cyber_device(m) || ck_ide(m))
		return not_cyber_or_ide(m, c);
	const pm_management_plan *p = &m->management_plan;
	if (!ck_has(p->related_systems))
		pm_check_add(c, ck_at2(p->at, m->device.at),
		             "the plan does not say which related systems it covers: update servers, other functions, "
		             "facility connections (management_plan.related_systems)");
	return pm_check_verdict(c);
}

#define CMP_RULE(nn, n, title, basis)                                                                              \
	{                                                                                                          \
		"CMP-" #nn, "Plan element M" #n ": " title, "Management plan", basis, REC, HELP,                   \
		        "management_plan.items: element M" #n                                                      \
		        " present, provided with what the plan says (content) or where "                           \
		        "(location), or marked not_applicable with a rationale.",                                  \
		        "Add element M" #n                                                                         \
		        " to management_plan.items with content and location (the plan document and section), or " \
		        "status: not_applicable with a rationale."                                                 \
	}
#define CMP(nn, n, title, basis)                       \
	{                                              \
		CMP_RULE(nn, n, title, basis), cmp_##n \
	}

static const pm_check_def rules[] = {
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
        {{"524-01", "Coordinated vulnerability disclosure in the 524B(b)(1) plan", "Cyber device (524B)",
          "G25 VII.C.1; 524B(b)(1)", REQ, STAT,
          "management_plan.cvd: a published policy or contact; handling of vulnerabilities reported by external "
          "parties; disclosure of those the manufacturer finds; procedures to inform users, patients and facilities.  "
          "Only for cyber devices (not for IDEs).",
          "Fill management_plan.cvd: policy or contact, external, internal, disclosure."},
         s524_01},
        {{"524-02", "Patch timeline with justification and out-of-cycle process", "Cyber device (524B)",
          "G25 VII.C.1; 524B(b)(2)(A),(B)", REQ, STAT,
          "management_plan.patch_cycle: the regular update cycle (regular_days) with its justification, and the "
          "out-of-cycle process for critical vulnerabilities with uncontrolled risk.  Only for cyber devices.",
          "Fill management_plan.patch_cycle: regular_days, justification, out_of_cycle (and critical_days)."},
         s524_02},
        {{"524-03", "Related systems covered", "Cyber device (524B)", "G25 VII.C.2; 524B(b)(2)", REQ, STAT,
          "management_plan.related_systems: update servers, other functions, connections to healthcare facilities.  "
          "Only for cyber devices.",
          "Name the related systems the processes cover in management_plan.related_systems."},
         s524_03},
};

const pm_check_area pm_check_area_plan = {rules, sizeof rules / sizeof *rules};
